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

from dangvu.orgs.tree_paths import path_ids, path_range
from dangvu.reports.catalogue import FLOW, catalogue
from dangvu.reports.periods import Period, PeriodKind, periods_of_year, terms_between

from .models import Assignment, Item, ItemKind, Measure


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
    """Indicator code → the goal of ``unit`` for ``period``: one query when no target is
    measured by the system's figures for that period, two otherwise, whatever the size of the
    subtree (a province's dashboard reads it; the whole roll-up of :mod:`.rollup` built
    some 500 communes' rows for it)."""
    first: dict[str, Item] = {}
    for item in (
        Item.objects.filter(
            kind=ItemKind.TARGET,
            measure=Measure.COUNT,
            deadline=period.end,
            document__date__lte=period.end,
            document__date__gte=period.start,
        )
        .exclude(indicator="")
        .select_related("document")
        .order_by("document__date", "pk")
    ):
        if target_period(item.document.date, item.deadline) == period:
            first.setdefault(item.indicator, item)  # the first document's target stands
    if not first:
        return {}
    low, high = path_range(unit.path)
    rows = (
        Assignment.objects.filter(item__in=first.values(), unit__path__gte=low, unit__path__lt=high)
        .filter(unit__created_on__lte=period.end)  # units that existed during the period
        .exclude(unit__ended_on__lte=period.start)
        .values_list("item_id", "unit_id", "unit__path", "target_value")
    )
    assigned: dict[int, dict[str, tuple[int, Decimal | None]]] = {}
    for item_id, unit_id, path, value in rows:
        assigned.setdefault(item_id, {})[path] = (unit_id, value)
    goals: dict[str, Goal] = {}
    for code, item in first.items():
        goal = _goal_at(unit, item, assigned.get(item.pk, {}))
        if goal is None and item.document.unit_id == unit.pk:
            goal = item.target_value  # the issuing unit's own target, not assigned down
        if goal:
            goals[code] = Goal(item=item, value=goal)
    return goals


def _goal_at(unit, item: Item, assigned: dict[str, tuple[int, Decimal | None]]):
    """The roll-up's goal rule (:func:`.rollup._figure`, counts) read at one unit: its own
    assignment's goal; else the sum of the goals of the assignments below it that have no
    assigned unit between them and it — when every one of those has a goal."""
    own = assigned.get(unit.path)
    if own is not None:
        return own[1] if own[1] is not None else item.target_value
    depth = len(path_ids(unit.path))
    assigned_units = {uid for uid, _value in assigned.values()}
    top = []
    for path, (_uid, value) in assigned.items():
        between = path_ids(path)[depth:-1]  # the units strictly between ``unit`` and this one
        if not any(uid in assigned_units for uid in between):
            top.append(value if value is not None else item.target_value)
    if not top or any(value is None for value in top):
        return None
    return sum(top, Decimal(0))
