"""Progress rolled up the org tree: a unit's figure for an item in a period.

The rule (one place, tested in ``tests/test_rollup.py``):

* The tree is **today's** org tree below the chosen unit. A unit that has ended (merged in
  the 2025 reform, say) lives under the unit that took it over (``Unit.path``; a unit
  dissolved without successor stays under its last parent), so its reports count at that
  unit, as one more sub-unit: "Đảng bộ xã An Hòa" shows, for Quý I/2025, the sum of the
  reports of the old communes An Bình and Hòa Lạc, and says so (``merged_from``).
* Only units that existed during the period answer for it (a commune formed on 01/7/2025
  is not "missing" from Quý I/2025), and only reports *of that period* count (Quý I/2025
  does not add up months; a year is reported as a year).
* **Own report overrides**: when a unit itself is assigned and reported for the period,
  that report *is* its figure — the figure its office vouches for, for its whole subtree;
  what its sub-units add up to is shown beside it (``below``) but not added, so nothing is
  counted twice.
* Otherwise the figure combines the sub-units' figures: **counts** (số lượng) add up;
  **rates** (tỷ lệ) add numerators and denominators separately (941/968, never an average
  of percentages). Units that did not report add nothing; the row says how many of the
  assigned units below it reported (``reported``/``assigned``), so a partial figure is
  visible as partial.
* **Tasks** count assigned units by status: ``done`` of ``assigned`` hoàn thành.
* A unit's goal is its own assignment's target value; otherwise, for counts, the sum of its
  sub-units' goals (when all have one); for rates, the item's target value.

Fixed number of queries whatever the size of the tree: assignments (with units), the units
on their paths, the reports of the period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from dangvu.accounts.scopes import today
from dangvu.orgs.models import Unit
from dangvu.orgs.tree_paths import path_ids, path_range
from dangvu.reports.periods import Period
from dangvu.vntext.formats import Ratio, ratio

from .achievement import figure_of, figure_text, meets
from .models import Assignment, Item, ItemKind, Measure, Report, TaskStatus


@dataclass
class Figure:
    item: Item
    value: Decimal | None = None  # counts
    numerator: Decimal | None = None  # rates
    denominator: Decimal | None = None
    status: str = ""  # a task's own report
    done: int = 0  # tasks: assigned units below (or here) reporting "hoàn thành"
    own: bool = False  # the unit itself is assigned and reported
    assigned: int = 0  # assignments in the subtree
    reported: int = 0  # of those, how many reported for the period
    goal: Decimal | None = None
    assignment: Assignment | None = None  # the unit's own assignment, if any
    merged_from: list[str] = field(default_factory=list)
    below: Figure | None = None  # what the sub-units add up to, when an own report overrides

    @property
    def has_value(self) -> bool:
        if self.item.kind == ItemKind.TASK:
            return self.reported > 0
        if self.item.measure == Measure.RATE:
            return self.denominator is not None
        return self.value is not None

    @property
    def ratio(self) -> Ratio | None:
        if self.denominator is None:
            return None
        return ratio(self.numerator, self.denominator)

    @property
    def figure(self) -> Decimal | None:
        return figure_of(self.item.measure, self.value, self.numerator, self.denominator)

    @property
    def achieved(self) -> bool | None:
        if self.item.kind == ItemKind.TASK:
            if self.own:
                return self.status == TaskStatus.DONE
            return self.assigned > 0 and self.done == self.assigned
        if not self.has_value or self.goal is None:
            return None
        return meets(self.figure, self.goal, self.item.direction)

    @property
    def text(self) -> str:
        """What the table shows: "12 đảng viên", "941/968 (97,2%)", "Hoàn thành", "2/3 hoàn
        thành"; "" without a value."""
        if self.item.kind == ItemKind.TASK:
            if self.own and self.assigned == 1:
                return TaskStatus(self.status).label if self.status else ""
            return f"{self.done}/{self.assigned} hoàn thành" if self.assigned else ""
        if not self.has_value:
            return ""
        if self.item.measure == Measure.RATE:
            return self.ratio.text()
        return f"{figure_text(self.value)} {self.item.measure_unit}".strip()


@dataclass
class Row:
    unit: Unit
    depth: int  # below the root (0 = root)
    figures: dict[int, Figure]  # item id → figure


@dataclass
class Rollup:
    root: Unit
    period: Period
    items: list[Item]
    rows: list[Row]

    def root_figure(self, item: Item) -> Figure:
        return self.rows[0].figures[item.pk]

    def rows_for(self, item: Item) -> list[tuple[Row, Figure]]:
        """The rows where the item has something to show (an assignment below or here)."""
        return [(row, row.figures[item.pk]) for row in self.rows if row.figures[item.pk].assigned]


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def _combine(item: Item, figure: Figure, other: Figure) -> None:
    """Add ``other``'s figures into ``figure`` (counts add; rates add num and den)."""
    if item.kind == ItemKind.TASK:
        figure.done += other.done
    elif item.measure == Measure.RATE:
        if other.denominator is not None:
            figure.numerator = _add(figure.numerator, other.numerator)
            figure.denominator = _add(figure.denominator, other.denominator)
    else:
        figure.value = _add(figure.value, other.value)


def compute_rollup(root: Unit, period: Period, items: list[Item], *, day=None) -> Rollup:
    """The roll-up of ``items`` in ``period`` below ``root`` (three queries)."""
    day = day or today()
    low, high = path_range(root.path)
    assignments = list(
        Assignment.objects.filter(item__in=items, unit__path__gte=low, unit__path__lt=high)
        .select_related("unit")
        .order_by("pk")
    )
    # only units that existed during the period answer for it
    assignments = [
        a
        for a in assignments
        if a.unit.created_on <= period.end
        and (a.unit.ended_on is None or a.unit.ended_on > period.start)
    ]
    by_id = {item.pk: item for item in items}
    for assignment in assignments:
        assignment.item = by_id[assignment.item_id]
    reports = {
        r.assignment_id: r
        for r in Report.objects.of_period(period).filter(
            assignment_id__in=[a.pk for a in assignments]
        )
    }
    root_depth = len(path_ids(root.path))
    needed = {uid for a in assignments for uid in path_ids(a.unit.path)[root_depth - 1 :]}
    needed.add(root.pk)
    units = {u.pk: u for u in Unit.objects.filter(pk__in=needed).select_related("kind")}
    units[root.pk] = root

    def alive(unit: Unit) -> bool:
        return unit.created_on <= day and (unit.ended_on is None or unit.ended_on > day)

    # Where each assignment counts: the deepest unit of its path alive today (itself,
    # or the successor an ended unit now lives under).
    home: dict[int, int] = {}
    chains: dict[int, list[int]] = {}
    for assignment in assignments:
        chain = [
            uid
            for uid in path_ids(assignment.unit.path)[root_depth - 1 :]
            if uid == root.pk or alive(units[uid])
        ]
        home[assignment.pk] = chain[-1]
        chains[assignment.pk] = chain
    children: dict[int, set[int]] = {root.pk: set()}
    for chain in chains.values():
        for parent, child in pairwise(chain):
            children.setdefault(parent, set()).add(child)
            children.setdefault(child, set())

    order: list[tuple[int, int]] = []

    def walk(uid: int, depth: int) -> None:
        order.append((uid, depth))
        for child in sorted(children.get(uid, ()), key=lambda c: (units[c].sort_key, c)):
            walk(child, depth + 1)

    walk(root.pk, 0)

    by_home: dict[tuple[int, int], list[Assignment]] = {}
    for assignment in assignments:
        by_home.setdefault((home[assignment.pk], assignment.item_id), []).append(assignment)

    figures: dict[tuple[int, int], Figure] = {}
    for uid, _depth in reversed(order):  # children before parents
        for item in items:
            figures[(uid, item.pk)] = _figure(
                item,
                units[uid],
                by_home.get((uid, item.pk), []),
                [figures[(c, item.pk)] for c in children.get(uid, ())],
                reports,
            )
    rows = [
        Row(unit=units[uid], depth=depth, figures={i.pk: figures[(uid, i.pk)] for i in items})
        for uid, depth in order
    ]
    return Rollup(root=root, period=period, items=list(items), rows=rows)


def _part(item, assignment, report) -> Figure:
    """What one ended unit folded into a node contributes (like a sub-unit)."""
    part = Figure(item=item, assigned=1, goal=assignment.goal)
    if report is not None:
        part.reported = 1
        part.value, part.numerator, part.denominator = (
            report.value,
            report.numerator,
            report.denominator,
        )
        part.done = int(report.status == TaskStatus.DONE)
    return part


def _figure(item, unit, home_assignments, child_figures, reports) -> Figure:
    figure = Figure(item=item)
    direct = [a for a in home_assignments if a.unit_id == unit.pk]
    folded = [a for a in home_assignments if a.unit_id != unit.pk]
    parts = list(child_figures) + [_part(item, a, reports.get(a.pk)) for a in folded]
    below = Figure(item=item)
    for part in parts:
        _combine(item, below, part)
        below.assigned += part.assigned
        below.reported += part.reported
    figure.merged_from = [a.unit.name for a in folded]
    figure.assignment = direct[0] if direct else None
    own = reports.get(direct[0].pk) if direct else None
    figure.assigned = below.assigned + len(direct)
    figure.reported = below.reported + (own is not None)
    if own is not None:
        figure.own = True
        _combine(item, figure, _part(item, direct[0], own))
        figure.status = own.status
        if item.kind == ItemKind.TASK:
            figure.done += below.done  # tasks: every assigned unit counts for itself
        elif below.has_value:
            figure.below = below
    else:
        _combine(item, figure, below)
    # the goal
    if direct and direct[0].goal is not None:
        figure.goal = direct[0].goal
    elif item.measure == Measure.RATE:
        figure.goal = item.target_value
    elif item.measure == Measure.COUNT:
        goals = [part.goal for part in parts if part.assigned]
        if goals and all(g is not None for g in goals):
            figure.goal = sum(goals, Decimal(0))
    return figure
