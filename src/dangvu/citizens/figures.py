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
from dangvu.vntext.formats import Ratio, format_number, format_percent

from .models import Channel, Sector, on_time_q, overdue_q, responded_q
from .selectors import Buckets, resolved_q, visible_feedback, visible_issues


def _shown(r: Ratio) -> str:
    percent = r.percent()
    return "—" if percent is None else format_percent(percent)


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
        return _shown(self.responded_ratio)

    @property
    def on_time_percent(self) -> str:
        return _shown(self.on_time_ratio)

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
            f"kiến nghị đạt {_shown(self.responded_ratio)}"
        )

    def on_time_sentence(self) -> str:
        return (
            f"trả lời, chuyển đúng hạn {format_number(self.on_time)}/"
            f"{format_number(self.received)} lượt, đạt {_shown(self.on_time_ratio)}; "
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
        return _shown(self.ratio)

    def add(self, row: dict) -> None:
        self.selected += row["selected"]
        self.resolved += row["resolved"]

    def sentence(self) -> str:
        """ "đã giải quyết được 61/73 vụ việc đạt 83,5%"."""
        return (
            f"đã giải quyết được {format_number(self.resolved)}/{format_number(self.selected)}"
            f" vụ việc đạt {_shown(self.ratio)}"
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


def _placer(unit: Unit, tree_on: date, unit_ids, make):
    """Rows for the unit itself and its children on ``tree_on``, a function giving the row a
    recording unit counts in (None: outside the subtree), and whether ended units were
    counted at successors or above. Four queries at most (:class:`.selectors.Buckets`)."""
    buckets = Buckets(unit, tree_on, unit_ids)
    own = make(f"{unit.name} (trực tiếp)", unit=unit, only_unit=True)
    by_child = {c.unit_id: make(c.name, unit=c.unit) for c in buckets.children}

    def row_for(unit_id: int):
        where = buckets.child_of(unit_id)
        if where is None:
            return None
        return own if where == "own" else by_child[where.unit_id]

    return [own, *by_child.values()], row_for, buckets.via_successor


def _breakdown(make, codes, counts: dict) -> list:
    rows = []
    for code in codes:
        row = make(code.name, code=code)
        for values in counts.get(code.pk, ()):
            row.add(values)
        if getattr(row, "received", None) or getattr(row, "selected", None):
            rows.append(row)
    return rows


def feedback_figures(user, unit: Unit, period: Period) -> Figures:
    """Feedback received in ``period`` counted at ``unit`` (see the module docstring).

    Five queries: one aggregate grouped by (recording unit, channel, field), the placements
    of those units (two at most), the unit's path and its children on the tree day; the
    code tables for the breakdown labels (two).
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
    rows, row_for, via = _placer(unit, tree_on, {a["unit_id"] for a in aggregates}, FeedbackRow)
    total = FeedbackRow(unit.name, unit=unit)
    by_sector: dict[int, list] = {}
    by_channel: dict[int, list] = {}
    for a in aggregates:
        row = row_for(a["unit_id"])
        if row is None:
            continue
        row.add(a)
        total.add(a)
        by_sector.setdefault(a["sector_id"], []).append(a)
        by_channel.setdefault(a["channel_id"], []).append(a)
    return Figures(
        unit=unit,
        period=period,
        as_of=as_of,
        tree_on=tree_on,
        total=total,
        units=[r for r in rows if r.received or r is rows[0]],
        by_sector=_breakdown(FeedbackRow, Sector.objects.all(), by_sector),
        by_channel=_breakdown(FeedbackRow, Channel.objects.all(), by_channel),
        via_successor=via,
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
    rows, row_for, via = _placer(unit, tree_on, {a["unit_id"] for a in aggregates}, IssueRow)
    total = IssueRow(unit.name, unit=unit)
    by_sector: dict[int, list] = {}
    for a in aggregates:
        row = row_for(a["unit_id"])
        if row is None:
            continue
        row.add(a)
        total.add(a)
        by_sector.setdefault(a["sector_id"], []).append(a)
    return Figures(
        unit=unit,
        period=period,
        as_of=as_of,
        tree_on=tree_on,
        total=total,
        units=[r for r in rows if r.selected or r is rows[0]],
        by_sector=_breakdown(IssueRow, Sector.objects.all(), by_sector),
        via_successor=via,
    )
