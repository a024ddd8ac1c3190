"""Targets the system measures with its own figures ("kết nạp 1.235 đảng viên mới, đạt 102,9%
chỉ tiêu"): a count target (chỉ tiêu số lượng) may name a catalogue indicator that is a flow
(admissions, official recognitions, models …); its goal for a unit in a period is the roll-up
goal of :mod:`.rollup` (the unit's own assignment, else the sum of its sub-units' goals), and
the figure it is compared with is the indicator's aggregate for the same unit and period.

Which period a target is for (:func:`target_period`): a target due on 31/12 is for that year
when the document was issued in it (a yearly resolution, even one of October), for the term
when it was issued earlier (a congress resolution of 2020 due 31/12/2025: the term
2020-2025); any other deadline: the shortest report period ending on it that contains the
document's date (due 30/9, issued in July: the third quarter).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dangvu.reports.catalogue import FLOW, catalogue
from dangvu.reports.periods import Period, PeriodKind, periods_of_year, terms_between

from .models import Item, ItemKind, Measure
from .rollup import compute_rollup


def measured_indicators() -> dict[str, str]:
    """Code → name of the indicators a count target can be measured by: flows that count
    records (no rates, no states)."""
    return {
        code: item.name
        for code, item in catalogue().items()
        if item.kind == FLOW and not item.is_rate
    }


def target_period(issued: date, deadline: date) -> Period | None:
    """The shortest period that ends on ``deadline`` and contains ``issued``; a target due at
    the end of a year is for that year (or for the term, when issued in an earlier year),
    whenever in the year it was issued — a yearly resolution is often issued in its autumn."""
    candidates = periods_of_year(deadline.year) + terms_between(deadline, deadline)
    if (deadline.month, deadline.day) == (12, 31):
        candidates = [p for p in candidates if p.kind in (PeriodKind.YEAR, PeriodKind.TERM)]
    fitting = [p for p in candidates if p.end == deadline and p.start <= issued]
    return min(fitting, key=lambda p: p.end - p.start, default=None)


@dataclass(frozen=True)
class Goal:
    item: Item
    value: Decimal  # the unit's goal (its own assignment, or the sum of its sub-units')

    def percent_of(self, figure: int) -> Decimal | None:
        return Decimal(figure) * 100 / self.value if self.value else None


def goals_for(unit, period: Period) -> dict[str, Goal]:
    """Indicator code → the goal of ``unit`` for ``period`` (one query when no target is
    measured by the system's figures for that period, four otherwise)."""
    items = [
        item
        for item in Item.objects.filter(
            kind=ItemKind.TARGET,
            measure=Measure.COUNT,
            deadline=period.end,
            document__date__lte=period.end,
            document__date__gte=period.start,
        )
        .exclude(indicator="")
        .select_related("document")
        .order_by("document__date", "pk")
        if target_period(item.document.date, item.deadline) == period
    ]
    if not items:
        return {}
    rollup = compute_rollup(unit, period, items)
    goals: dict[str, Goal] = {}
    for item in items:
        goal = rollup.root_figure(item).goal
        if goal is None and item.document.unit_id == unit.pk:
            goal = item.target_value  # the issuing unit's own target, not assigned down
        if goal and item.indicator not in goals:  # the first document's target stands
            goals[item.indicator] = Goal(item=item, value=goal)
    return goals
