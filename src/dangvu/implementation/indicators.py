"""Implementation's indicator (see :mod:`dangvu.reports.catalogue`): progress on the targets and
tasks (chỉ tiêu, nhiệm vụ) assigned to a unit. An assignment counts in a period when a progress
report of it ends within the period; its latest such report says whether it was achieved (a
target) or done (a task) — :func:`.achievement.is_achieved`, stored on the report. Counted at
the assigned unit; broken down by kind (``loai:chi_tieu`` / ``loai:nhiem_vu``)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from dangvu.reports.catalogue import FLOW, Indicator

from .models import ItemKind, Report

SECTION = "Thực hiện nghị quyết, chương trình công tác"


def progress(start: date, end: date):
    rows = (
        Report.objects.filter(end__gte=start, end__lte=end)
        .order_by("assignment_id", "-end", "-id")
        .values_list("assignment_id", "assignment__unit_id", "assignment__item__kind", "achieved")
    )
    seen = set()
    for assignment_id, unit_id, kind, achieved in rows.iterator(chunk_size=5000):
        if assignment_id in seen:  # an earlier report of the same assignment in the period
            continue
        seen.add(assignment_id)
        yield unit_id, "", int(achieved), 1
        yield unit_id, f"loai:{kind}", int(achieved), 1


def _items_list(unit, period, category: str = "") -> str:
    query = f"?don_vi={unit.pk}"
    if category.startswith("loai:"):
        query += f"&kind={category.partition(':')[2]}"
    return reverse("implementation:list") + query


INDICATORS = [
    Indicator(
        code="thuc_hien.chi_tieu",
        sentence="{ratio} chỉ tiêu, nhiệm vụ được giao đã đạt, hoàn thành, đạt {percent}",
        name="Chỉ tiêu, nhiệm vụ được giao đã đạt, hoàn thành",
        kind=FLOW,
        unit="chỉ tiêu, nhiệm vụ",
        denominator="chỉ tiêu, nhiệm vụ có báo cáo trong kỳ",
        compute=progress,
        section=SECTION,
        categories={
            f"loai:{ItemKind.TARGET}": "Chỉ tiêu",
            f"loai:{ItemKind.TASK}": "Nhiệm vụ",
        },
        records=_items_list,
        order=95,
    ),
]
