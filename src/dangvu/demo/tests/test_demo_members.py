"""The demo's members: every alive cell has some, histories follow the rules, work lists fill."""

from datetime import date, timedelta

import pytest

from dangvu.demo.generator import build_demo
from dangvu.members.lifecycle import EventKind, Status
from dangvu.members.models import Member, MemberEvent, MemberPeriod
from dangvu.members.selectors import period_on
from dangvu.members.services import timeline_of
from dangvu.orgs.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_members_in_every_cell_with_valid_histories():
    result = build_demo(seed=5, scale=0.05, work_records=False)
    today = date.today()
    cells = Unit.objects.subtree_of(result.province).alive_on(today).filter(kind__is_cell=True)
    with_members = set(Member.objects.values_list("unit_id", flat=True))
    assert set(cells.values_list("pk", flat=True)) <= with_members
    for member in Member.objects.order_by("?")[:200]:
        timeline = timeline_of(member)  # raises if the stored history breaks a rule
        assert list(member.periods.values_list("start", flat=True)) == [
            p.start for p in timeline.periods
        ]
    statuses = set(period_on(today).values_list("status", flat=True))
    assert {Status.OFFICIAL, Status.PROBATIONARY} <= statuses
    assert MemberEvent.objects.filter(kind=EventKind.BADGE).exists()
    assert MemberEvent.objects.filter(kind=EventKind.TRANSFER).exists()
    assert result.counts["members"] == Member.objects.count() > 0
    # nobody is left probationary for years: only recent ends await the cell's vote
    waiting = period_on(today).filter(status=Status.PROBATIONARY, member__probation_end__lte=today)
    assert not waiting.filter(member__probation_end__lt=today - timedelta(days=120)).exists()


def test_members_are_scoped_like_their_cells():
    build_demo(seed=5, scale=0.05, work_records=False)
    from dangvu.accounts.models import User

    commune_officer = User.objects.get(username="xa_a")
    visible = Member.objects.visible_to(commune_officer)
    assert visible.exists()
    assert visible.count() < Member.objects.count()
    assert not MemberPeriod.objects.filter(
        member__in=visible, unit__isnull=True, external=""
    ).exists()
