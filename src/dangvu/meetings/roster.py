"""Who is expected at a cell's meeting on a date: derived from the member registry.

A member belongs to the meeting of the cell that is their **home unit** on the meeting date
(``members.MemberPeriod``: status and unit over ``[start, end)``):

* dự bị and chính thức members are expected — including those temporarily away (chuyển sinh
  hoạt tạm thời), whose home cell stays theirs;
* members excused from party work (miễn công tác và sinh hoạt) are listed but not expected;
* anyone else (left, dead, or at home in another unit that day) is not on the list.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from dangvu.members.lifecycle import MEMBER_STATUSES, Status
from dangvu.members.models import Member, MemberPeriod


@dataclass(frozen=True)
class Listed:
    member: Member
    expected: bool
    away: bool  # temporarily attending elsewhere


def roster(cell, day: date) -> list[Listed]:
    """The cell's list on ``day`` in Vietnamese name order (one query)."""
    periods = (
        MemberPeriod.objects.filter(unit=cell, status__in=MEMBER_STATUSES, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gt=day))
        .select_related("member")
        .order_by("member__sort_key", "member_id")
    )
    return [
        Listed(
            member=p.member,
            expected=p.status != Status.EXCUSED,
            away=bool(p.away_unit_id or p.away_external),
        )
        for p in periods
    ]


class RosterBook:
    """Rosters of many cells over a date range from one query (bulk loads: demo, bench).

    ``on(cell_id, day)`` → ``{member_id: expected}`` for that cell and day.
    """

    def __init__(self, cell_ids, first: date, last: date):
        self._by_cell: dict[int, list[tuple]] = defaultdict(list)
        rows = (
            MemberPeriod.objects.filter(
                unit_id__in=list(cell_ids), status__in=MEMBER_STATUSES, start__lte=last
            )
            .filter(Q(end__isnull=True) | Q(end__gt=first))
            .values_list("unit_id", "member_id", "status", "start", "end")
        )
        for unit_id, member_id, status, start, end in rows.iterator(chunk_size=20_000):
            self._by_cell[unit_id].append((member_id, status != Status.EXCUSED, start, end))

    def on(self, cell_id: int, day: date) -> dict[int, bool]:
        return {
            member_id: expected
            for member_id, expected, start, end in self._by_cell.get(cell_id, ())
            if start <= day and (end is None or end > day)
        }
