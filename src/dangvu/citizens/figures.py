"""Figures of citizen engagement for a unit's subtree and a period — pure functions of the
records, a fixed number of queries whatever the size of the subtree.

**Feedback** (a *flow*: the feedback *received* in the period), judged at the period's last
day (today for a period not yet over):

* ``received`` — lượt ý kiến, kiến nghị received in the period;
* ``responded`` — of those, answered or referred to the competent agency by that day
  (denominator: ``received``) — "354 lượt ý kiến phản ánh; đã trả lời và đề nghị cơ quan
  chức năng trả lời 337 lượt ý kiến, kiến nghị đạt 95,1%";
* ``on_time`` — of those, responded no later than the due date (denominator: ``received``);
* ``overdue`` — of those, overdue on that day (due date passed, no response yet).

**Pressing issues** (selected for the years the period touches), judged at the period's
last day: ``selected`` and ``resolved`` (resolved dứt điểm by that day) — "đã giải quyết được
61/73 vụ việc đạt 83,5%" —, broken down by field.

Which records count at a unit: :mod:`dangvu.citizens.selectors` (recording unit in the subtree
on the tree of the period's end; ended units at their successors). Both are also broken down
by the unit's direct sub-units (plus a row for the unit itself), by channel and by field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count

from dangvu.accounts.scopes import today
from dangvu.orgs.models import Unit
from dangvu.study.selectors import Period, reference_day
from dangvu.vntext.formats import Ratio, format_number

from .models import Channel, Sector, on_time_q, overdue_q, responded_q
from .selectors import Buckets, resolved_q, visible_feedback, visible_issues


@dataclass
class FeedbackRow:
    label: str
    unit: Unit | None = None
    only_unit: bool = False
    code: object = None  # the channel or field of a breakdown row
    received: int = 0
    responded: int = 0
    on_time: int = 0
    overdue: int = 0

    @property
    def responded_ratio(self) -> Ratio:
        return Ratio(self.responded, self.received)

    @property
    def on_time_ratio(self) -> Ratio:
        return Ratio(self.on_time, self.received)

    @property
    def responded_percent(self) -> str:
        return self.responded_ratio.percent_text()

    @property
    def on_time_percent(self) -> str:
        return self.on_time_ratio.percent_text()

    @property
    def count(self) -> int:
        return self.received

    def add(self, row: dict) -> None:
        self.received += row["received"]
        self.responded += row["responded"]
        self.on_time += row["on_time"]
        self.overdue += row["overdue"]

    def sentence(self) -> str:
        """The seed's wording: "Tổng số 354 lượt ý kiến phản ánh; đã trả lời và đề nghị cơ
        quan chức năng trả lời 337 lượt ý kiến, kiến nghị đạt 95,1%"."""
        return (
            f"Tổng số {format_number(self.received)} lượt ý kiến phản ánh; đã trả lời và đề "
            f"nghị cơ quan chức năng trả lời {format_number(self.responded)} lượt ý kiến, "
            f"kiến nghị đạt {self.responded_ratio.percent_text()}"
        )

    def on_time_sentence(self) -> str:
        return (
            f"trả lời, chuyển đúng hạn {format_number(self.on_time)}/"
            f"{format_number(self.received)} lượt, đạt {self.on_time_ratio.percent_text()}; "
            f"quá hạn chưa trả lời {format_number(self.overdue)} lượt"
        )


@dataclass
class IssueRow:
    label: str
    unit: Unit | None = None
    only_unit: bool = False
    code: object = None
    selected: int = 0
    resolved: int = 0

    @property
    def ratio(self) -> Ratio:
        return Ratio(self.resolved, self.selected)

    @property
    def percent(self) -> str:
        return self.ratio.percent_text()

    @property
    def count(self) -> int:
        return self.selected

    def add(self, row: dict) -> None:
        self.selected += row["selected"]
        self.resolved += row["resolved"]

    def sentence(self) -> str:
        """ "đã giải quyết được 61/73 vụ việc đạt 83,5%"."""
        return (
            f"đã giải quyết được {format_number(self.resolved)}/{format_number(self.selected)}"
            f" vụ việc đạt {self.ratio.percent_text()}"
        )


@dataclass
class Figures:
    unit: Unit
    period: Period
    as_of: date  # the day responses / resolutions are judged at
    tree_on: date  # the day whose tree places the records
    total: object
    units: list = field(default_factory=list)  # the unit itself, then each direct sub-unit
    by_sector: list = field(default_factory=list)
    by_channel: list = field(default_factory=list)
    via_successor: bool = False  # some recording units had ended and count at successors


def _tally(unit: Unit, period: Period, as_of: date, tree_on: date, aggregates, make, by) -> Figures:
    """Figures from rows aggregated per recording unit (and per ``by`` code columns): the
    total, a row per sub-unit, and a breakdown per code table. Four queries at most to place
    the units (:class:`.selectors.Buckets`) and one per code table."""
    buckets = Buckets(unit, tree_on, {a["unit_id"] for a in aggregates})
    own = make(f"{unit.name} (trực tiếp)", unit=unit, only_unit=True)
    by_child = {c.unit_id: make(c.name, unit=c.unit) for c in buckets.children}
    total = make(unit.name, unit=unit)
    grouped: dict[str, dict[int, list]] = {column: {} for column in by}
    for a in aggregates:
        where = buckets.child_of(a["unit_id"])
        if where is None:
            continue
        (own if where == "own" else by_child[where.unit_id]).add(a)
        total.add(a)
        for column in by:
            grouped[column].setdefault(a[column], []).append(a)
    breakdowns = {}
    for column, model in by.items():
        rows = [make(code.name, code=code) for code in model.objects.all()]
        for row in rows:
            for values in grouped[column].get(row.code.pk, ()):
                row.add(values)
        breakdowns[column] = [r for r in rows if r.count]
    return Figures(
        unit=unit,
        period=period,
        as_of=as_of,
        tree_on=tree_on,
        total=total,
        units=[own, *(r for r in by_child.values() if r.count)],
        by_sector=breakdowns.get("sector_id", []),
        by_channel=breakdowns.get("channel_id", []),
        via_successor=buckets.via_successor,
    )


def feedback_figures(user, unit: Unit, period: Period) -> Figures:
    """Feedback received in ``period`` counted at ``unit`` (see the module docstring).

    Seven queries at most: one aggregate grouped by (recording unit, channel, field), the
    placement of those units and the unit's children on the tree day (four at most), the two
    code tables.
    """
    as_of = min(period.end, today())
    tree_on = reference_day(unit, period.end)
    aggregates = list(
        visible_feedback(user)
        .filter(received_on__gte=period.start, received_on__lte=period.end)
        .values("unit_id", "channel_id", "sector_id")
        .annotate(
            received=Count("id"),
            responded=Count("id", filter=responded_q(as_of)),
            on_time=Count("id", filter=on_time_q(as_of)),
            overdue=Count("id", filter=overdue_q(as_of)),
        )
        .order_by()
    )
    return _tally(
        unit,
        period,
        as_of,
        tree_on,
        aggregates,
        FeedbackRow,
        {"sector_id": Sector, "channel_id": Channel},
    )


def issue_tree_day(unit: Unit, year_to: int) -> date:
    """The tree the issue figures (and the issue list's unit filter) read: 31/12 of the last
    year, or today for the current year."""
    return reference_day(unit, min(date(year_to, 12, 31), today()))


def issue_figures(user, unit: Unit, period: Period) -> Figures:
    """Pressing issues selected for the years ``period`` touches, counted at ``unit``; resolved
    by the period's last day (today for a period not yet over). Five queries."""
    first, last = period.start.year, period.end.year
    as_of = min(date(last, 12, 31), today())
    tree_on = issue_tree_day(unit, last)
    aggregates = list(
        visible_issues(user)
        .filter(year__gte=first, year__lte=last)
        .values("unit_id", "sector_id")
        .annotate(selected=Count("id"), resolved=Count("id", filter=resolved_q(as_of)))
        .order_by()
    )
    return _tally(unit, period, as_of, tree_on, aggregates, IssueRow, {"sector_id": Sector})
