"""Figures of the quality ratings for a unit's subtree and a period (a flow: the ratings of
the rounds of that year, or of that quarter).

What is counted:

* **ratings counted at a unit** — ratings of the period whose subject unit (the rated unit, or
  the member's cell on the round date) lies in the unit's subtree as the tree stood on the
  period's last day, plus the units that had ended by then and now live under it
  (:func:`dangvu.study.selectors.counted_units_q`, the same rule as the study figures): a
  2024 rating of an old commune counts at the new commune it merged into;
* **distribution** — the number of members and of units at each level (HTXSNV, HTTNV, HTNV,
  KHTNV) for the unit and for each of its sub-units on that day;
* **share rated HTTNV or better** — (HTXSNV + HTTNV) / all rated, separately for members and
  for units, with numerator and denominator (the Party's target: more than 90 %). Members
  excused from party work are never rated, so they are in neither.

Reads: one grouped count of the ratings by (subject unit, kind, level), the paths of those
units on the reference day, and the unit's children on that day — three queries whatever the
size of the subtree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, OuterRef, Subquery

from dangvu.orgs.models import Unit, UnitVersion
from dangvu.orgs.selectors import children_on
from dangvu.orgs.tree_paths import path_within
from dangvu.study.selectors import counted_units_q, reference_day
from dangvu.vntext.formats import Ratio, format_number, format_percent, ratio

from .models import GOOD_OR_BETTER, LEVEL_ORDER, Level, Rating, SubjectKind

TARGET_PERCENT = Decimal(90)  # "trên 90%" tổ chức đảng, đảng viên hoàn thành tốt nhiệm vụ trở lên


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int = 0  # 0: the yearly rounds

    @property
    def end(self) -> date:
        if not self.quarter:
            return date(self.year, 12, 31)
        month = 3 * self.quarter
        return date(self.year, month, {3: 31, 6: 30, 9: 30, 12: 31}[month])

    @property
    def label(self) -> str:
        return f"quý {self.quarter}/{self.year}" if self.quarter else f"năm {self.year}"


@dataclass
class Distribution:
    """Counts per level of one kind of subject (members or units)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Level.values, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def good_or_better(self) -> Ratio:
        return ratio(sum(self.counts[level] for level in GOOD_OR_BETTER), self.total)

    @property
    def meets_target(self) -> bool | None:
        percent = self.good_or_better.percent()
        return None if percent is None else percent > TARGET_PERCENT

    def levels(self) -> list[tuple[str, str, int, Ratio]]:
        """``(code, label, count, share)`` in level order."""
        return [
            (lv.value, lv.label, self.counts[lv], ratio(self.counts[lv], self.total))
            for lv in LEVEL_ORDER
        ]


@dataclass
class Row:
    label: str
    unit: Unit | None
    members: Distribution = field(default_factory=Distribution)
    units: Distribution = field(default_factory=Distribution)


@dataclass
class Figures:
    unit: Unit
    period: Period
    reference: date  # the day the tree was read
    total: Row
    rows: list[Row]
    merged: list[Unit]  # ended units whose ratings are counted here

    def sentence(self) -> str:
        return sentence(self.period, self.total)


def _share(kind_word: str, dist: Distribution) -> str:
    r = dist.good_or_better
    percent = r.percent()
    shown = "—" if percent is None else format_percent(percent)
    excellent = dist.counts[Level.EXCELLENT]
    text = (
        f"{format_number(r.numerator)}/{format_number(r.denominator)} {kind_word} được xếp loại "
        f"hoàn thành tốt nhiệm vụ trở lên, đạt {shown}"
    )
    if excellent:
        text += f" (trong đó {format_number(excellent)} {kind_word} hoàn thành xuất sắc nhiệm vụ)"
    return text


def sentence(period: Period, row: Row) -> str:
    """ "Năm 2025: 245/260 tổ chức đảng được xếp loại hoàn thành tốt nhiệm vụ trở lên, đạt
    94,2% (trong đó 40 tổ chức đảng hoàn thành xuất sắc nhiệm vụ); 5.120/5.400 đảng viên …" """
    parts = []
    if row.units.total:
        parts.append(_share("tổ chức đảng", row.units))
    if row.members.total:
        parts.append(_share("đảng viên", row.members))
        failed = row.members.counts[Level.FAIL]
        if failed:
            parts.append(f"{format_number(failed)} đảng viên không hoàn thành nhiệm vụ")
    if not parts:
        return f"{period.label.capitalize()}: chưa có kết quả xếp loại."
    return f"{period.label.capitalize()}: " + "; ".join(parts) + "."


def figures(root: Unit, period: Period) -> Figures:
    ref = reference_day(root, period.end)
    grouped = list(
        Rating.objects.filter(counted_units_q(root, period.end, prefix="subject_unit"))
        .filter(year=period.year, quarter=period.quarter)
        .values("subject_unit_id", "subject_kind", "level")
        .annotate(n=Count("id"))
        .order_by()
    )
    unit_ids = {r["subject_unit_id"] for r in grouped}
    ref_path = UnitVersion.objects.valid_on(ref).filter(unit=OuterRef("pk")).values("path")[:1]
    units = {
        u.pk: u for u in Unit.objects.filter(pk__in=unit_ids).annotate(ref_path=Subquery(ref_path))
    }
    children = list(children_on(root, ref)) if unit_ids else []
    total = Row(label=root.name, unit=root)
    own = Row(label=f"{root.name} (trực tiếp)", unit=root)
    rows = {c.unit_id: Row(label=c.name, unit=c.unit) for c in children}
    ended: dict[int, Row] = {}

    def row_for(unit_id: int) -> Row:
        if unit_id == root.pk:
            return own
        unit = units[unit_id]
        for child in children:
            if unit_id == child.unit_id or (
                (unit.ref_path and path_within(unit.ref_path, child.path))
                or (not unit.ref_path and path_within(unit.path, child.unit.path))
            ):
                return rows[child.unit_id]
        if unit_id not in ended:
            ended[unit_id] = Row(label=f"{unit.name} (đã kết thúc hoạt động)", unit=unit)
        return ended[unit_id]

    for r in grouped:
        kind = "members" if r["subject_kind"] == SubjectKind.MEMBER else "units"
        getattr(row_for(r["subject_unit_id"]), kind).counts[r["level"]] += r["n"]
        getattr(total, kind).counts[r["level"]] += r["n"]
    listed = [own] if own.members.total or own.units.total else []
    listed += [
        rows[c.unit_id]
        for c in children
        if rows[c.unit_id].members.total or rows[c.unit_id].units.total
    ]
    listed += sorted(ended.values(), key=lambda row: row.label)
    merged = sorted((u for u in units.values() if u.ref_path is None), key=lambda u: u.path)
    return Figures(unit=root, period=period, reference=ref, total=total, rows=listed, merged=merged)
