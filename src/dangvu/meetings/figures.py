"""Figures of cell meetings for a unit's subtree and a period of whole months.

The tree is the one of the period's last day; meetings of cells merged or split before that
day count at their successors (:mod:`.cell_sets`). Definitions:

* **meetings held** — regular and thematic meetings of those cells whose month lies in the
  period;
* **attendance rate** — over the *regular* meetings with attendance recorded: members present
  / members expected (excused members not counted), with numerator and denominator;
* **cells meeting the criteria** — cells (as of the period end) that held at least one regular
  meeting in the period and each of whose regular meetings in the period met the HD 12
  criteria (:mod:`.quality`), out of the cells that held at least one regular meeting; also
  given per cell-month (meetings meeting the criteria / regular meetings held);
* **cells with the Hồ Chí Minh topic** — cells (as of the period end) at least one of whose
  regular meetings in the period carried the Hồ Chí Minh topic, out of the **cells that held
  at least one regular meeting in the period** (the "216 chi bộ … chiếm 88,1%" figure).

Reads: the cell set (2–3 queries), one aggregate over the meetings, the quality inputs
(2 queries) and one query for the tagged meetings — whatever the size of the subtree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, Sum

from dangvu.members.lifecycle import add_months
from dangvu.orgs.models import Unit
from dangvu.vntext.formats import Ratio, ratio

from .cell_sets import CellSet, cells_of
from .models import EXPECTED, Attendance, Meeting, MeetingKind, Presence
from .quality import month_results


def last_day(month: date) -> date:
    return add_months(month, 1) - timedelta(days=1)


@dataclass
class Figures:
    unit: Unit
    first: date
    last: date
    cells: CellSet
    regular: int
    thematic: int
    attendance: Ratio
    cells_total: int
    cells_held: int
    cells_ok: int
    cell_months_held: int
    cell_months_ok: int
    cells_hcm: int
    merged_cells: int

    @property
    def criteria(self) -> Ratio:
        return ratio(self.cells_ok, self.cells_held)

    @property
    def criteria_months(self) -> Ratio:
        return ratio(self.cell_months_ok, self.cell_months_held)

    @property
    def hcm(self) -> Ratio:
        return ratio(self.cells_hcm, self.cells_held)

    @property
    def day(self) -> date:
        return last_day(self.last)


def figures(unit: Unit, first: date, last: date) -> Figures:
    """``first`` and ``last`` are the first days of the period's first and last months."""
    cells = cells_of(unit, last_day(last))
    in_period = Q(month__gte=first, month__lte=last)
    meetings = Meeting.objects.filter(cells.q("unit_id")).filter(in_period)
    totals = meetings.aggregate(
        regular=Count("id", filter=Q(kind=MeetingKind.REGULAR)),
        thematic=Count("id", filter=Q(kind=MeetingKind.THEMATIC)),
        present=Sum("present_count", filter=Q(kind=MeetingKind.REGULAR)),
        expected=Sum("expected_count", filter=Q(kind=MeetingKind.REGULAR)),
    )
    results = month_results(cells, first, last)
    held: dict[int, bool] = {}
    for (cell_id, _month), result in results.items():
        key = cells.counted_at(cell_id)
        held[key] = held.get(key, True) and result.ok
    hcm_cells = {
        cells.counted_at(cell_id)
        for cell_id in meetings.filter(kind=MeetingKind.REGULAR, topics__is_ho_chi_minh=True)
        .values_list("unit_id", flat=True)
        .distinct()
    }
    return Figures(
        unit=unit,
        first=first,
        last=last,
        cells=cells,
        regular=totals["regular"] or 0,
        thematic=totals["thematic"] or 0,
        attendance=ratio(totals["present"] or 0, totals["expected"] or 0),
        cells_total=len(cells.current),
        cells_held=len(held),
        cells_ok=sum(1 for ok in held.values() if ok),
        cell_months_held=len(results),
        cell_months_ok=sum(1 for r in results.values() if r.ok),
        cells_hcm=len(hcm_cells & set(held)),
        merged_cells=len(cells.successor_of),
    )


def attendance_from_rows(cells: CellSet, first: date, last: date, top: int | None = None) -> Ratio:
    """The same attendance rate straight from the attendance rows (the check on the stored
    meeting counts, and the bench's "province yearly rate"): one aggregate query."""
    rows = Attendance.objects.filter(regular=True, month__gte=first, month__lte=last)
    rows = rows.filter(top_id=top) if top is not None else rows.filter(cells.q("cell_id"))
    row = rows.aggregate(
        present=Count("id", filter=Q(status=Presence.PRESENT)),
        expected=Count("id", filter=Q(status__in=EXPECTED)),
    )
    return ratio(row["present"], row["expected"])
