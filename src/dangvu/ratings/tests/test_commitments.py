"""Remedial commitments: from a review, followed to done or overdue (flagged in the list and on
the unit)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dangvu.accounts.scopes import today
from dangvu.audit.models import AuditEntry
from dangvu.ratings import selectors, services
from dangvu.ratings.models import Commitment, Rating

from .conftest import entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitments(world, people):
    services.rate_members(actor=None, round_=people.members_a, entries=[entry(people.an, "60")])
    rating = Rating.objects.get(member=people.an)
    overdue = services.create_commitment(
        actor=world.users["secretary"],
        rating=rating,
        shortcoming="Chưa đóng đảng phí đúng hạn",
        action="Đóng đủ đảng phí hằng tháng",
        due=date(2026, 3, 31),
    )
    pending = services.create_commitment(
        actor=world.users["commune_a"],
        unit=world.c1,
        shortcoming="Sinh hoạt chi bộ chưa đều",
        action="Sinh hoạt thường kỳ đúng ngày 5 hằng tháng",
        due=today() + timedelta(days=60),
    )
    return overdue, pending


def test_a_commitment_from_a_rating_takes_its_member_and_cell(world, people, commitments):
    overdue, pending = commitments
    assert overdue.member == people.an and overdue.unit == world.c1
    assert pending.member is None
    assert AuditEntry.objects.filter(action="ratings.commitment.create").count() == 2


def test_overdue_and_done(world, people, commitments):
    overdue, pending = commitments
    user = world.users["commune_a"]
    assert overdue.is_overdue(today()) and not pending.is_overdue(today())
    listed = selectors.commitment_list(user, state=selectors.OVERDUE)
    assert list(listed) == [overdue]
    assert selectors.commitment_counts(user, world.commune_a) == {
        "open": 1,
        "overdue": 1,
        "done": 0,
    }
    with pytest.raises(ValidationError):  # done needs the result
        services.update_commitment(
            actor=user,
            commitment=overdue,
            expected_revision=1,
            shortcoming=overdue.shortcoming,
            action=overdue.action,
            due=overdue.due,
            done_on=today(),
        )
    services.update_commitment(
        actor=user,
        commitment=overdue,
        expected_revision=1,
        shortcoming=overdue.shortcoming,
        action=overdue.action,
        due=overdue.due,
        done_on=today(),
        result="Đã đóng đủ",
    )
    assert list(selectors.commitment_list(user, state=selectors.DONE)) == [overdue]
    assert selectors.commitment_counts(user, world.commune_a)["overdue"] == 0
    with pytest.raises(ValidationError) as caught:  # stale
        services.update_commitment(
            actor=user,
            commitment=overdue,
            expected_revision=1,
            shortcoming="x",
            action="y",
            due=overdue.due,
        )
    assert "vừa được người khác cập nhật" in caught.value.messages[0]


def test_bad_commitments_write_nothing(world, people):
    services.rate_members(actor=None, round_=people.members_a, entries=[entry(people.an, "60")])
    rating = Rating.objects.get(member=people.an)
    for kwargs in [
        {"shortcoming": "", "action": "a", "due": date(2026, 1, 1)},
        {"shortcoming": "s", "action": "", "due": date(2026, 1, 1)},
        {"shortcoming": "s", "action": "a", "due": date(2025, 1, 1)},  # before the review
    ]:
        with pytest.raises(ValidationError):
            services.create_commitment(actor=None, rating=rating, **kwargs)
    with pytest.raises(ValidationError):  # the member is not in that unit
        services.create_commitment(
            actor=None,
            unit=world.c2,
            member=people.an,
            shortcoming="s",
            action="a",
            due=date(2026, 1, 1),
        )
    assert not Commitment.objects.exists()


def test_overdue_is_flagged_in_the_list_and_on_the_unit(world, people, commitments, login):
    client = login(world.users["commune_a"])
    page = client.get(reverse("ratings:commitments")).content.decode()
    assert "Quá hạn" in page and 'class="table-danger"' in page
    panel = client.get(reverse("ratings:unit", args=[world.c1.pk]), HTTP_HX_REQUEST="true")
    assert "quá hạn 1" in panel.content.decode()
    assert (
        login(world.users["commune_b"])
        .get(reverse("ratings:commitment", args=[commitments[0].pk]))
        .status_code
        == 404
    )


def test_commitment_pages(world, people, commitments, login):
    overdue, _ = commitments
    client = login(world.users["secretary"])
    url = reverse("ratings:commitment_edit", args=[overdue.pk])
    response = client.post(
        url,
        {
            "shortcoming": overdue.shortcoming,
            "action": overdue.action,
            "due": "31/03/2026",
            "done_on": today().strftime("%d/%m/%Y"),
            "result": "Đã khắc phục",
            "revision": 1,
        },
    )
    assert response.status_code == 302
    overdue.refresh_from_db()
    assert overdue.done_on == today()
    rating = Rating.objects.get(member=people.an)
    create = reverse("ratings:commitment_create") + f"?xep_loai={rating.pk}"
    response = client.post(create, {"shortcoming": "s", "action": "a", "due": "01/01/2027"})
    assert response.status_code == 302
    assert Commitment.objects.count() == 3
