"""Quality of a cell's monthly regular meeting per HD 12-HD/BTCTW (2018), computed, not typed.

A cell's regular meeting of a month **meets the criteria** when all three hold:

1. attendance **above** 85% of the expected members: ``present / expected > 0.85`` (strictly
   greater — "trên 85%"; exactly 85% does not meet it). Expected = the cell's dự bị and chính
   thức members on the meeting date, temporarily-away members included, members excused from
   party work (miễn sinh hoạt) not counted;
2. no member absent without reason (vắng không lý do);
3. nobody absent with reason **more than 3 times running**: a member absent with reason at
   this meeting and at the cell's 3 regular meetings before it (4 in a row) breaks the rule.
   "Running" counts the cell's consecutive regular meetings (a month without a regular meeting
   does not break the run); the run is looked for over the :data:`LOOKBACK_MONTHS` before the
   period.

A month in which the cell held no regular meeting, or whose attendance is not recorded, does
not meet the criteria. The reads are two queries for any number of cells and months: the
meetings with their stored counts, and the "absent with reason" rows of regular meetings.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from dangvu.members.lifecycle import add_months

from .models import Attendance, Meeting, MeetingKind, Presence

THRESHOLD = Decimal("0.85")  # strictly above
MAX_EXCUSED_RUN = 3  # more than this many in a row fails
LOOKBACK_MONTHS = 6


@dataclass
class MonthResult:
    cell_id: int
    month: date
    meeting_id: int | None = None
    recorded: bool = False
    expected: int = 0
    present: int = 0
    unexcused: int = 0
    long_absent: list[int] = field(default_factory=list)  # members absent with reason > 3 in a row
    topics_hcm: bool = False

    @property
    def held(self) -> bool:
        return self.meeting_id is not None

    @property
    def rate_ok(self) -> bool:
        return self.expected > 0 and Decimal(self.present) / Decimal(self.expected) > THRESHOLD

    @property
    def ok(self) -> bool:
        return (
            self.held
            and self.recorded
            and self.rate_ok
            and self.unexcused == 0
            and not self.long_absent
        )

    @property
    def reasons(self) -> list[str]:
        if not self.held:
            return ["Không sinh hoạt thường kỳ"]
        if not self.recorded:
            return ["Chưa điểm danh"]
        out = []
        if not self.rate_ok:
            out.append("Tỷ lệ dự không trên 85%")
        if self.unexcused:
            out.append(f"{self.unexcused} đảng viên vắng không lý do")
        if self.long_absent:
            out.append(f"{len(self.long_absent)} đảng viên vắng có lý do quá 3 lần liên tiếp")
        return out


def month_results(cells, first: date, last: date) -> dict[tuple[int, date], MonthResult]:
    """Results of every regular meeting held by the cells of ``cells`` (a
    :class:`~.cell_sets.CellSet`, or anything with ``q(field)``) in months ``first``..``last``
    (first days of months), keyed by (cell, month). Months without a regular
    meeting are absent from the dict (the caller knows the cells)."""
    window_start = add_months(first, -LOOKBACK_MONTHS)
    meetings = (
        Meeting.objects.filter(cells.q("unit_id"), kind=MeetingKind.REGULAR)
        .filter(month__gte=window_start, month__lte=last)
        .values_list(
            "pk",
            "unit_id",
            "month",
            "attendance_recorded",
            "expected_count",
            "present_count",
            "unexcused_count",
        )
        .order_by("unit_id", "month")
    )
    sequence: dict[int, list[tuple[int, date]]] = defaultdict(list)
    results: dict[tuple[int, date], MonthResult] = {}
    position: dict[int, tuple[int, int]] = {}
    for pk, unit_id, month, recorded, expected, present, unexcused in meetings.iterator(
        chunk_size=20_000
    ):
        position[pk] = (unit_id, len(sequence[unit_id]))
        sequence[unit_id].append((pk, month))
        if month >= first:
            results[(unit_id, month)] = MonthResult(
                cell_id=unit_id,
                month=month,
                meeting_id=pk,
                recorded=recorded,
                expected=expected,
                present=present,
                unexcused=unexcused,
            )
    excused = (
        Attendance.objects.filter(cells.q("cell_id"), regular=True, status=Presence.EXCUSED)
        .filter(month__gte=window_start, month__lte=last)
        .order_by()
        .values_list("member_id", "meeting_id")
    )
    absences: dict[tuple[int, int], set[int]] = defaultdict(set)  # (cell, member) → positions
    for member_id, meeting_id in excused.iterator(chunk_size=20_000):
        if meeting_id in position:
            cell_id, index = position[meeting_id]
            absences[(cell_id, member_id)].add(index)
    for (cell_id, member_id), indexes in absences.items():
        if len(indexes) <= MAX_EXCUSED_RUN:
            continue
        cell_meetings = sequence[cell_id]
        for index in indexes:
            if all(index - k in indexes for k in range(1, MAX_EXCUSED_RUN + 1)):
                month = cell_meetings[index][1]
                result = results.get((cell_id, month))
                if result is not None:
                    result.long_absent.append(member_id)
    return results


def months_between(first: date, last: date) -> list[date]:
    out, month = [], first
    while month <= last:
        out.append(month)
        month = add_months(month, 1)
    return out
