"""Cell meetings' indicators (see :mod:`dangvu.reports.catalogue`), the same definitions as
:mod:`.figures` (which computes them for one unit on request):

* meetings held in the period's months, by kind;
* attendance over the regular meetings: present / expected (excused members not expected);
* cells meeting the HD 12 criteria: among the cells that held a regular meeting, those each of
  whose regular meetings met them (a cell merged into another counts with it: all of their
  months must meet them);
* cells with the Hồ Chí Minh topic at least once, among the cells that held a regular meeting.

The last two are facts about a cell, not sums: one row per cell with a denominator of 1, and
the engine combines the rows of cells mapped to the same successor (``combine``).
"""

from __future__ import annotations

import re
from datetime import date

from django.db.models import Count, Q, Sum
from django.urls import reverse

from dangvu.reports.catalogue import FLOW, Indicator

from .models import Meeting, MeetingKind, Topic
from .quality import month_results

SECTION = "Sinh hoạt chi bộ"


class _Everything:
    """A cell set with no filter (every cell of the database), for :func:`month_results`."""

    @staticmethod
    def q(field_name: str = "unit_id") -> Q:
        return Q()


def _months(start: date, end: date) -> tuple[date, date]:
    return start.replace(day=1), end.replace(day=1)


def meetings_held(start: date, end: date):
    first, last = _months(start, end)
    rows = (
        Meeting.objects.filter(month__gte=first, month__lte=last)
        .values("unit_id", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        yield row["unit_id"], "", row["n"], None
        yield row["unit_id"], f"loai:{row['kind']}", row["n"], None


def attendance(start: date, end: date):
    first, last = _months(start, end)
    rows = (
        Meeting.objects.filter(month__gte=first, month__lte=last, kind=MeetingKind.REGULAR)
        .values("unit_id")
        .annotate(present=Sum("present_count"), expected=Sum("expected_count"))
        .order_by()
    )
    for row in rows:
        if row["expected"]:
            yield row["unit_id"], "", row["present"] or 0, row["expected"]


def cells_meeting_criteria(start: date, end: date):
    first, last = _months(start, end)
    ok: dict[int, bool] = {}
    for (cell_id, _month), result in month_results(_Everything, first, last).items():
        ok[cell_id] = ok.get(cell_id, True) and result.ok
    for cell_id, good in ok.items():
        yield cell_id, "", int(good), 1


def cells_with_hcm_topic(start: date, end: date):
    first, last = _months(start, end)
    rows = (
        Meeting.objects.filter(month__gte=first, month__lte=last, kind=MeetingKind.REGULAR)
        .values("unit_id")
        .annotate(hcm=Count("id", filter=Q(topics__is_ho_chi_minh=True)))
        .order_by()
    )
    for row in rows:
        yield row["unit_id"], "", int(row["hcm"] > 0), 1


def _meeting_list(unit, period, category: str = "") -> str:
    query = f"?don_vi={unit.pk}&tu_thang={period.start:%m/%Y}&den_thang={period.end:%m/%Y}"
    if category.startswith("loai:"):
        query += f"&loai={category[5:]}"
    return reverse("meetings:list") + query


def _quality_page(unit, period, category: str = "") -> str:
    return reverse("meetings:quality") + (
        f"?don_vi={unit.pk}&tu_thang={period.start:%m/%Y}&den_thang={period.end:%m/%Y}"
    )


def _hcm_list(unit, period, category: str = "") -> str:
    topic = Topic.objects.filter(is_ho_chi_minh=True).values_list("pk", flat=True).first()
    return _meeting_list(unit, period, f"loai:{MeetingKind.REGULAR}") + f"&chu_de={topic or ''}"


_RANGE = re.compile(r"^(\d+)(?:-(\d+))?$")


def touched_months(entries) -> set[date] | None:
    """The months of the meetings written by the audit entries (a bulk entry names a range of
    ids), and any month a meeting was moved from; None if one entry names no meeting."""
    ids: set[int] = set()
    ranges: list[tuple[int, int]] = []
    months: set[date] = set()
    for object_type, object_id, before in entries.values_list(
        "object_type", "object_id", "before"
    ).iterator():
        match = _RANGE.match(object_id or "")
        if object_type != "meetings.meeting" or not match:
            return None
        low, high = match.groups()
        if high:
            ranges.append((int(low), int(high)))
        else:
            ids.add(int(low))
        moved_from = (before or {}).get("month")
        if moved_from:
            months.add(date.fromisoformat(str(moved_from)[:10]).replace(day=1))
    condition = Q(pk__in=ids)
    for low, high in ranges:
        condition |= Q(pk__gte=low, pk__lte=high)
    months |= set(Meeting.objects.filter(condition).values_list("month", flat=True).distinct())
    return months


COMMON = {"kind": FLOW, "section": SECTION, "touched_months": touched_months}

INDICATORS = [
    Indicator(
        code="sinh_hoat.hoi_nghi",
        sentence=(
            "các chi bộ tổ chức {value} buổi sinh hoạt (thường kỳ {c[loai:thuong_ky]}, "
            "chuyên đề {c[loai:chuyen_de]})"
        ),
        name="Buổi sinh hoạt chi bộ",
        unit="buổi",
        compute=meetings_held,
        categories={
            f"loai:{MeetingKind.REGULAR}": "sinh hoạt thường kỳ",
            f"loai:{MeetingKind.THEMATIC}": "sinh hoạt chuyên đề",
        },
        records=_meeting_list,
        order=40,
        **COMMON,
    ),
    Indicator(
        code="sinh_hoat.du_hop",
        sentence="tỷ lệ đảng viên dự sinh hoạt {ratio} lượt, đạt {percent}",
        name="Lượt đảng viên dự sinh hoạt thường kỳ",
        unit="lượt",
        denominator="lượt phải dự",
        compute=attendance,
        records=_meeting_list,
        order=41,
        **COMMON,
    ),
    Indicator(
        code="sinh_hoat.dat_chat_luong",
        sentence="{ratio} chi bộ sinh hoạt đạt yêu cầu theo Hướng dẫn 12, đạt {percent}",
        name="Chi bộ sinh hoạt đạt yêu cầu theo Hướng dẫn 12",
        unit="chi bộ",
        denominator="chi bộ có sinh hoạt thường kỳ",
        compute=cells_meeting_criteria,
        combine="all",
        records=_quality_page,
        order=42,
        **COMMON,
    ),
    Indicator(
        code="sinh_hoat.chu_de_hcm",
        sentence=(
            "{value} chi bộ sinh hoạt chuyên đề về tư tưởng, đạo đức, phong cách Hồ Chí Minh, "
            "chiếm {percent}"
        ),
        name="Chi bộ sinh hoạt chuyên đề về tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        unit="chi bộ",
        denominator="chi bộ có sinh hoạt thường kỳ",
        compute=cells_with_hcm_topic,
        combine="any",
        records=_hcm_list,
        order=43,
        **COMMON,
    ),
]
