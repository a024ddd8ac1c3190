"""Figures of inspection, supervision and discipline for a unit's subtree and a period.

Pure reads (no user, no scope: the caller checked the unit is readable). Every figure is a
**flow in the period** (records dated inside it); which units count at ``root`` is the
study module's :func:`~dangvu.study.selectors.counted_units_q` for a period ending on the
period's last day — the subtree as the tree stood then plus the units that had ended and now
live under it, so a period crossing the 01/7/2025 reform counts the old communes' and
districts' records at their successors (and :attr:`CaseFigures.merged` /
:attr:`DisciplineFigures.merged` say so). Definitions:

* **cases** — inspections (kiểm tra) and supervisions (giám sát) *started* in the period,
  counted at the **conducting** unit, by kind (thường xuyên, chuyên đề, khi có dấu hiệu vi
  phạm);
* **discipline** — decisions *dated* in the period, counted at the subject's unit on the
  decision date: members disciplined (distinct members) and units disciplined (distinct
  units), and decisions per form; compared with the same period a year before (same units:
  the tree of the current period's end), change = (new − old) / old, one decimal.

Queries: cases 4 (one aggregate per conducting unit × activity × kind, the units' paths on
the reference day, the root's children, the ended units), discipline 5 (two aggregates per
subject unit × subject kind × form, one distinct count for both periods, paths, children) —
whatever the size of the subtree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, OuterRef, Q, Subquery

from dangvu.members.lifecycle import add_months
from dangvu.orgs.models import Unit, UnitVersion
from dangvu.orgs.selectors import children_on
from dangvu.orgs.tree_paths import path_within
from dangvu.study.selectors import Period, counted_units_q, reference_day
from dangvu.vntext.formats import format_change, format_number

from .models import Activity, Case, CaseKind, DisciplineDecision, Form, SubjectKind


def year_before(period: Period) -> Period:
    """The same months a year earlier ("năm 2024" for "năm 2025", "quý 1/2024" …)."""
    label = period.label
    for year in (period.start.year, period.end.year):
        label = label.replace(str(year), str(year - 1))
    return Period(add_months(period.start, -12), add_months(period.end, -12), label)


@dataclass
class Row:
    """One sub-unit's line (or the root's own records, or an ended unit's)."""

    label: str
    unit: Unit
    only_unit: bool = False
    counts: Counter = field(default_factory=Counter)


class _Children:
    """Which child of ``root`` (on the reference day) each unit id counts under."""

    def __init__(self, root: Unit, ref: date, unit_ids):
        self.root, self.ref = root, ref
        ref_path = UnitVersion.objects.valid_on(ref).filter(unit=OuterRef("pk")).values("path")
        self.units = {
            u.pk: u
            for u in Unit.objects.filter(pk__in=set(unit_ids)).annotate(
                ref_path=Subquery(ref_path[:1])
            )
        }
        self.children = list(children_on(root, ref)) if self.units else []
        self.rows = {c.unit_id: Row(c.name, c.unit) for c in self.children}
        self.own = Row(f"{root.name} (trực tiếp)", root, only_unit=True)
        self.ended: dict[int, Row] = {}

    def row(self, unit_id: int) -> Row:
        if unit_id == self.root.pk:
            return self.own
        unit = self.units[unit_id]
        for child in self.children:
            if (unit.ref_path and path_within(unit.ref_path, child.path)) or (
                not unit.ref_path and path_within(unit.path, child.unit.path)
            ):
                return self.rows[child.unit_id]
        if unit_id not in self.ended:
            self.ended[unit_id] = Row(f"{unit.name} (đã kết thúc hoạt động)", unit, only_unit=True)
        return self.ended[unit_id]

    def listed(self) -> list[Row]:
        rows = [self.own] if self.own.counts else []
        rows += [self.rows[c.unit_id] for c in self.children if self.rows[c.unit_id].counts]
        return rows + sorted(self.ended.values(), key=lambda r: r.label)

    @property
    def merged(self) -> list[Unit]:
        return sorted((u for u in self.units.values() if u.ref_path is None), key=lambda u: u.path)


# ---------------------------------------------------------------- cases


@dataclass
class CaseFigures:
    unit: Unit
    period: Period
    reference: date  # the day the tree was read
    counts: Counter  # (activity, kind) → cases
    rows: list[Row]
    merged: list[Unit]

    def total(self, activity: str) -> int:
        return sum(n for (a, _k), n in self.counts.items() if a == activity)

    def by_kind(self, activity: str) -> list[tuple[str, str, int]]:
        """(kind, label, cases) for every kind, in the order of the rules."""
        return [(k.value, k.label, self.counts[(activity, k.value)]) for k in CaseKind]

    def sentence(self, activity: str) -> str:
        """ "Năm 2025 kiểm tra 12 cuộc (thường xuyên 8, chuyên đề 3, khi có dấu hiệu vi phạm
        1)." """
        verb = Activity(activity).label.lower()
        parts = ", ".join(
            f"{label.lower()} {format_number(n)}" for _k, label, n in self.by_kind(activity)
        )
        text = f"{self.period.label} {verb} {format_number(self.total(activity))} cuộc ({parts})."
        return text[0].upper() + text[1:]


def case_figures(root: Unit, period: Period) -> CaseFigures:
    cases = Case.objects.filter(
        counted_units_q(root, period.end),
        start_date__gte=period.start,
        start_date__lte=period.end,
    )
    rows = list(cases.values("unit_id", "activity", "kind").annotate(n=Count("id")).order_by())
    ref = reference_day(root, period.end)
    children = _Children(root, ref, (r["unit_id"] for r in rows))
    counts: Counter = Counter()
    for r in rows:
        counts[(r["activity"], r["kind"])] += r["n"]
        children.row(r["unit_id"]).counts[r["activity"]] += r["n"]
    return CaseFigures(root, period, ref, counts, children.listed(), children.merged)


# ---------------------------------------------------------------- discipline


@dataclass
class Discipline:
    """One period's discipline figures."""

    period: Period
    members: int = 0  # distinct members disciplined
    units: int = 0  # distinct units disciplined
    member_forms: Counter = field(default_factory=Counter)  # form → decisions on members
    unit_forms: Counter = field(default_factory=Counter)  # form → decisions on units

    def forms(self, subject: str) -> list[tuple[str, str, int]]:
        counts = self.unit_forms if subject == SubjectKind.UNIT else self.member_forms
        return [(f.value, f.label, counts[f.value]) for f in Form if counts[f.value]]


@dataclass
class DisciplineFigures:
    unit: Unit
    reference: date
    current: Discipline
    previous: Discipline  # the same period a year before, same units
    rows: list[Row]
    merged: list[Unit]

    @property
    def period(self) -> Period:
        return self.current.period

    def member_change(self) -> str:
        return format_change(self.previous.members, self.current.members)

    def unit_change(self) -> str:
        return format_change(self.previous.units, self.current.units)

    def sentence(self) -> str:
        """ "Năm 2025 thi hành kỷ luật 155 đảng viên, giảm 15,3% (năm 2024: 183) …" """
        now, before = self.current, self.previous
        text = (
            f"{now.period.label} thi hành kỷ luật {format_number(now.members)} đảng viên, "
            f"{self.member_change()} ({before.period.label}: {format_number(before.members)})"
        )
        if now.units or before.units:
            text += (
                f"; {format_number(now.units)} tổ chức đảng, {self.unit_change()} "
                f"({before.period.label}: {format_number(before.units)})"
            )
        return text[0].upper() + text[1:] + "."


def _discipline(decisions, period: Period, rows_into: list | None = None) -> Discipline:
    in_period = decisions.filter(date__gte=period.start, date__lte=period.end)
    result = Discipline(period)
    on_unit = Q(subject_kind=SubjectKind.UNIT)
    distinct = in_period.aggregate(
        members=Count("subject_member", distinct=True, filter=~on_unit),
        units=Count("subject_unit", distinct=True, filter=on_unit),
    )
    result.members, result.units = distinct["members"], distinct["units"]
    grouped = in_period.values("subject_home_id", "subject_kind", "form").annotate(n=Count("id"))
    for r in grouped.order_by():
        target = result.unit_forms if r["subject_kind"] == SubjectKind.UNIT else result.member_forms
        target[r["form"]] += r["n"]
        if rows_into is not None:
            rows_into.append(r)
    return result


def discipline_figures(root: Unit, period: Period) -> DisciplineFigures:
    decisions = DisciplineDecision.objects.filter(
        counted_units_q(root, period.end, prefix="subject_home")
    )
    grouped: list[dict] = []
    current = _discipline(decisions, period, grouped)
    previous = _discipline(decisions, year_before(period))
    ref = reference_day(root, period.end)
    children = _Children(root, ref, (r["subject_home_id"] for r in grouped))
    for r in grouped:
        key = "to_chuc" if r["subject_kind"] == SubjectKind.UNIT else "dang_vien"
        children.row(r["subject_home_id"]).counts[key] += r["n"]
    return DisciplineFigures(root, ref, current, previous, children.listed(), children.merged)
