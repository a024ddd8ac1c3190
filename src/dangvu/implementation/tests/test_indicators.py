"""Target progress as a report indicator: each assignment's latest report of the period."""

from datetime import date
from decimal import Decimal

import pytest

from dangvu.implementation import services
from dangvu.implementation.models import TaskStatus
from dangvu.reports import engine
from dangvu.reports.models import Aggregate
from dangvu.reports.periods import Period

pytestmark = pytest.mark.django_db


def _figure(unit, period, category=""):
    row = Aggregate.objects.filter(
        indicator="thuc_hien.chi_tieu", unit=unit, period=period, category=category
    ).first()
    return (row.value, row.base) if row else None


def test_progress_counts_each_assignment_once_by_its_latest_report(world, plan):
    a_count, b_count = services.assign_item(
        actor=None, item=plan.admissions, units=[world.commune_a, world.commune_b]
    )
    (a_task,) = services.assign_item(actor=None, item=plan.study, units=[world.commune_a])
    q3, q4 = Period.parse("2025-Q3"), Period.parse("2025-Q4")
    services.submit_report(actor=None, assignment=a_count, period=q3, value=Decimal(10))
    services.submit_report(actor=None, assignment=a_count, period=q4, value=Decimal(25))
    services.submit_report(actor=None, assignment=b_count, period=q4, value=Decimal(5))
    services.submit_report(actor=None, assignment=a_task, period=q4, status=TaskStatus.DONE)
    engine.build_all(on=date(2025, 12, 31))

    assert _figure(world.province, "2025") == (2, 3)  # A's target (25 ≥ 20) and task; not B's
    assert _figure(world.province, "2025-Q3") == (0, 1)
    assert _figure(world.commune_a, "2025") == (2, 2)
    assert _figure(world.commune_b, "2025") == (0, 1)
    assert _figure(world.province, "2025", "loai:nhiem_vu") == (1, 1)
