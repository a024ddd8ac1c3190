"""Who is rated (excused, probationary, died, elsewhere), all-or-nothing batches, stale edits,
the quota warning, the audit entry."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dangvu.audit.models import AuditEntry
from dangvu.ratings import services
from dangvu.ratings.models import Level, Rating, Scheme
from dangvu.ratings.schemes import quota_of
from dangvu.ratings.selectors import eligible_in_cell

from .conftest import ROUND_DAY, entry

pytestmark = pytest.mark.django_db


def test_the_roster_skips_excused_and_dead_members(world, people):
    rated, excused = eligible_in_cell(world.c1, ROUND_DAY)
    assert {m.pk for m in rated} == {people.an.pk, people.chi.pk, people.binh.pk}
    assert [m.pk for m in excused] == [people.dung.pk]


def test_probationary_members_are_rated(world, people):
    outcome = services.rate_members(
        actor=world.users["secretary"],
        round_=people.members_a,
        entries=[entry(people.binh, "75")],
    )
    assert outcome.created == 1
    assert Rating.objects.get(member=people.binh).level == Level.GOOD


def test_an_excused_member_is_refused_with_the_reason(world, people):
    with pytest.raises(ValidationError) as caught:
        services.rate_members(
            actor=None, round_=people.members_a, entries=[entry(people.dung, "80")]
        )
    assert (
        "Hoàng Văn Dũng: được miễn công tác và sinh hoạt đảng ngày 15/12/2025"
        in (caught.value.messages[0])
    )
    assert not Rating.objects.exists()


def test_a_dead_member_or_one_outside_the_round_is_refused(world, people):
    for member, words in [
        (people.hung, "không còn là đảng viên"),
        (people.khanh, "không sinh hoạt"),
    ]:
        with pytest.raises(ValidationError) as caught:
            services.rate_members(
                actor=None, round_=people.members_a, entries=[entry(member, "80")]
            )
        assert words in caught.value.messages[0]
    assert not Rating.objects.exists()


def test_a_whole_cell_is_all_or_nothing_with_one_error_per_bad_row(world, people):
    with pytest.raises(ValidationError) as caught:
        services.rate_members(
            actor=world.users["secretary"],
            round_=people.members_a,
            entries=[
                entry(people.an, "92"),
                entry(people.chi, "89", level=Level.EXCELLENT),
                entry(people.binh, "150"),
            ],
        )
    messages = caught.value.messages
    assert len(messages) == 2
    assert messages[0].startswith("Phạm Thị Chi:") and messages[1].startswith("Trần Thị Bình:")
    assert not Rating.objects.exists()
    outcome = services.rate_members(
        actor=world.users["secretary"],
        round_=people.members_a,
        entries=[entry(people.an, "92"), entry(people.chi, "89"), entry(people.binh, "55")],
    )
    assert (outcome.created, outcome.updated) == (3, 0)
    assert dict(Rating.objects.values_list("member_id", "level")) == {
        people.an.pk: Level.EXCELLENT,
        people.chi.pk: Level.GOOD,
        people.binh.pk: Level.PASS,
    }
    audit = AuditEntry.objects.get(action="ratings.rating.record")
    assert audit.after["created"] == 3 and audit.after["HTXSNV"] == 1
    assert audit.actor == world.users["secretary"] and audit.unit_id == world.c1.pk


def test_a_secretary_cannot_rate_another_cell(world, people):
    with pytest.raises(ValidationError) as caught:
        services.rate_members(
            actor=world.users["secretary"],
            round_=people.members_a,
            entries=[entry(people.em, "80")],
        )
    assert "không có quyền" in caught.value.messages[0]
    services.rate_members(
        actor=world.users["commune_a"], round_=people.members_a, entries=[entry(people.em, "80")]
    )
    assert Rating.objects.filter(member=people.em).exists()


def test_a_stale_edit_is_refused(world, people):
    services.rate_members(actor=None, round_=people.members_a, entries=[entry(people.an, "80")])
    stored = Rating.objects.get(member=people.an)
    # somebody else changes it
    services.rate_members(
        actor=None, round_=people.members_a, entries=[entry(people.an, "85", revision=1)]
    )
    with pytest.raises(ValidationError) as caught:
        services.rate_members(
            actor=None,
            round_=people.members_a,
            entries=[entry(people.an, "95", revision=stored.revision)],
        )
    assert "vừa được người khác cập nhật" in caught.value.messages[0]
    # a form filled when there was no rating yet is stale too
    with pytest.raises(ValidationError):
        services.rate_members(actor=None, round_=people.members_a, entries=[entry(people.an, "95")])
    assert Rating.objects.get(member=people.an).score == Decimal(85)


def test_quota_warns_only_when_exceeded(world, people):
    # 1 HTXSNV of 3 rated HTTNV or better: 20% of 3 rounds down to 0 → over the quota
    rows = [entry(people.an, "95"), entry(people.chi, "80"), entry(people.binh, "80")]
    outcome = services.rate_members(actor=None, round_=people.members_a, entries=rows)
    assert outcome.quota.limit == 0 and outcome.quota.exceeded  # 1 of 3: limit 0
    assert "vượt tỷ lệ 20%" in outcome.warnings[0]
    assert Rating.objects.count() == 3  # warned, not refused
    em = services.rate_members(
        actor=None, round_=people.members_a, entries=[entry(people.em, "75")]
    )
    assert em.quota.base == 4 and em.quota.exceeded
    # a fifth good-or-better rating brings the limit to 1: no warning
    from .conftest import admit

    extra = admit(world.c2, "Vũ Văn Phong", people.an.party_since)
    ok = services.rate_members(actor=None, round_=people.members_a, entries=[entry(extra, "71")])
    assert (ok.quota.excellent, ok.quota.base, ok.quota.limit) == (1, 5, 1)
    assert not ok.quota.exceeded and ok.warnings == []
    # the quota base as HTTNV only: 1 of 4 HTTNV → limit 0 → exceeded again
    Scheme.objects.filter(province__isnull=True).update(quota_base="tot")
    assert quota_of(people.members_a).exceeded
    # no quota configured: never a warning
    Scheme.objects.filter(province__isnull=True).update(quota_percent=None)
    assert not quota_of(people.members_a).exceeded


def test_a_member_round_takes_no_unit_rating_and_vice_versa(world, people):
    with pytest.raises(ValidationError):
        services.rate_members(actor=None, round_=people.units_a, entries=[entry(people.an, "80")])
    with pytest.raises(ValidationError):
        services.rate_unit(actor=None, round_=people.members_a, unit=world.c1, score="80")
