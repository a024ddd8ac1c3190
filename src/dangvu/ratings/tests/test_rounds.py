"""Rounds: per year or quarter, dated in or just after the period, by a unit alive then."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dangvu.audit.models import AuditEntry
from dangvu.ratings import services
from dangvu.ratings.figures import Period, figures
from dangvu.ratings.models import Round

from .conftest import entry

pytestmark = pytest.mark.django_db


def test_a_quarterly_round_and_its_figures(world, people):
    q3 = services.create_round(
        actor=None,
        unit=world.commune_a,
        subject_kind="dang_vien",
        year=2025,
        quarter=3,
        date=date(2025, 10, 5),
    )
    services.rate_members(actor=None, round_=q3, entries=[entry(people.an, "72")])
    assert figures(world.commune_a, Period(2025, 3)).total.members.total == 1
    assert figures(world.commune_a, Period(2025)).total.members.total == 0  # yearly only
    assert str(q3) == "Đánh giá, xếp loại đảng viên quý 3/2025"


@pytest.mark.parametrize(
    ("unit", "year", "quarter", "day", "words"),
    [
        ("commune_a", 2025, 0, date(2026, 4, 1), "phải nằm trong kỳ"),
        ("commune_a", 2025, 3, date(2025, 6, 30), "phải nằm trong kỳ"),
        ("commune_a", 2025, 5, date(2025, 12, 1), "Quý phải từ 1 đến 4"),
        ("x1", 2025, 0, date(2025, 12, 15), "không hoạt động"),  # merged on 01/07/2025
        ("commune_a", 2024, 0, date(2024, 12, 15), "không hoạt động"),  # formed 01/07/2025
    ],
)
def test_bad_rounds_are_refused(world, unit, year, quarter, day, words):
    with pytest.raises(ValidationError) as caught:
        services.create_round(
            actor=None,
            unit=getattr(world, unit),
            subject_kind="dang_vien",
            year=year,
            quarter=quarter,
            date=day,
        )
    assert words in caught.value.messages[0]
    assert not Round.objects.exists()


def test_the_date_is_fixed_once_members_are_rated(world, people):
    services.rate_members(actor=None, round_=people.members_a, entries=[entry(people.an, "80")])
    with pytest.raises(ValidationError) as caught:
        services.update_round(
            actor=None, round_=people.members_a, expected_revision=1, date=date(2025, 12, 20)
        )
    assert "không đổi được ngày" in caught.value.messages[0]
    services.update_round(
        actor=world.users["commune_a"],
        round_=people.members_a,
        expected_revision=1,
        date=people.members_a.date,
        title="Kiểm điểm cuối năm 2025",
    )
    with pytest.raises(ValidationError):  # stale
        services.update_round(
            actor=None, round_=people.members_a, expected_revision=1, date=people.members_a.date
        )
    assert AuditEntry.objects.filter(action="ratings.round.update").count() == 1
