"""The meetings' indicators in the report aggregates, and the incremental refresh: a month of
new meetings recomputes only the periods that hold that month."""

from datetime import date

import pytest

from dangvu.meetings import services
from dangvu.meetings.models import MeetingKind
from dangvu.reports import engine
from dangvu.reports.models import Aggregate, Build

pytestmark = pytest.mark.django_db

ON = date(2025, 12, 31)


def _meeting(cell, day, absent=None):
    services.bulk_record_meetings(
        actor=None,
        meetings=[
            {"unit_id": cell.pk, "kind": MeetingKind.REGULAR, "date": day, "absent": absent or {}}
        ],
    )


def _row(unit, code, period):
    return Aggregate.objects.get(
        indicator=code, period=period, unit=unit, category="", tree="cuoi_ky"
    )


def test_a_new_month_recomputes_only_its_periods(world, people):
    _meeting(world.c1, date(2025, 3, 10))
    engine.build_all(on=ON)
    full = Build.objects.get()
    assert _row(world.province, "sinh_hoat.hoi_nghi", "2025").value == 1
    attendance = _row(world.c1, "sinh_hoat.du_hop", "2025-Q1")
    assert attendance.base and attendance.value == attendance.base

    _meeting(world.c1, date(2025, 11, 5), absent={people.an.pk: (3, "")})
    build = engine.refresh(on=ON)
    assert build.kind == Build.INCREMENTAL
    assert _row(world.province, "sinh_hoat.hoi_nghi", "2025").value == 2
    november = _row(world.commune_a, "sinh_hoat.du_hop", "2025-T11")
    assert november.build == build and november.value == november.base - 1
    # periods without November keep the full build's rows
    assert _row(world.province, "sinh_hoat.hoi_nghi", "2025-Q1").build == full
    assert _row(world.province, "sinh_hoat.hoi_nghi", "2025-9T").build == full
    assert (
        not Aggregate.objects.filter(build=build)
        .exclude(indicator__startswith="sinh_hoat.")
        .exists()
    )
    touched = set(Aggregate.objects.filter(build=build).values_list("period", flat=True))
    # the month, its quarter, its year, and the two terms that hold 2025
    assert touched == {"2025", "2025-Q4", "2025-T11", "2020-2025", "2025-2030"}
