"""Reads of the aggregates for a dashboard or a report: a handful of queries per page,
whatever the size of the subtree (the rows were computed in batch by :mod:`.engine`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from html import escape

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.safestring import mark_safe

from dangvu.accounts import permissions
from dangvu.accounts.scopes import has_perm_at
from dangvu.implementation.achievement import figure_text
from dangvu.implementation.goals import Goal, goals_for
from dangvu.orgs.models import LineageEvent, Unit, UnitVersion
from dangvu.vntext.formats import Ratio, format_change, format_number, ratio

from .catalogue import Indicator, catalogue
from .charts import BarChart
from .engine import codes_condition, measured_day, read_codes, today
from .models import Aggregate, Build, GeneratedReport, ReportFigure, Tree
from .periods import Period


def report_units(user):
    return Unit.objects.visible_to(user, permissions.VIEW_REPORTS)


def top_of_scope(units):
    """The unit a dashboard opens on when none is asked for: the highest the viewer sees."""
    return units.current().order_by("depth", "path").first()


def written_report_for(user, report_id: int) -> GeneratedReport:
    """A written report of a unit ``user`` may see reports of; 404 otherwise (page and API)."""
    return get_object_or_404(
        GeneratedReport.objects.filter(unit__in=report_units(user)).select_related(
            "unit", "build", "created_by"
        ),
        pk=report_id,
    )


@dataclass
class Figure:
    indicator: Indicator
    value: int = 0
    base: int | None = None
    previous: int | None = None
    previous_base: int | None = None
    build_id: int | None = None
    category: str = ""
    tree: str = ""  # the tree of the row the figure was read from
    stored_in: str = ""  # the period code of that row (a state's: its latest change point)
    link: str = ""
    # label, value, link, category: the figure's breakdown (the categories with a figure)
    parts: list[tuple[str, int, str, str]] = field(default_factory=list)
    goal: Goal | None = None  # a target measured by this figure (implementation.goals)

    @property
    def ratio(self) -> Ratio | None:
        return ratio(self.value, self.base) if self.indicator.is_rate and self.base else None

    @property
    def shown(self) -> str:
        if self.indicator.is_rate:
            return str(self.ratio) if self.ratio else "—"
        return format_number(self.value)

    @property
    def goal_text(self) -> str:
        """ "đạt 105,3% chỉ tiêu (1.200 đảng viên)" when a target is measured by the figure."""
        if self.goal is None:
            return ""
        unit = self.goal.item.measure_unit or self.indicator.unit
        goal = figure_text(self.goal.value)  # as the targets' pages write it
        return f"đạt {ratio(self.value, self.goal.value).percent_text()} chỉ tiêu ({goal} {unit})"

    @property
    def change(self) -> str:
        """Against the same period a year before: counts by value, rates by their percentage."""
        if self.previous is None:
            return ""
        if self.indicator.is_rate:
            if not (self.base and self.previous_base):
                return ""
            old = ratio(self.previous, self.previous_base).percent()
            new = self.ratio.percent()
            diff = new - old
            if abs(diff) < 0.05:
                return "không đổi"
            word = "tăng" if diff > 0 else "giảm"
            return f"{word} {format_number(abs(diff), decimals=1)} điểm %"
        return format_change(self.previous, self.value)


@dataclass
class Dashboard:
    unit: Unit
    period: Period
    day: date
    tree: str
    sections: dict[str, list[Figure]]
    children: list[tuple[UnitVersion, dict[str, Figure]]]
    main: list[Indicator]
    mapped: bool  # some figures belong to units that have since been merged or dissolved
    build: Build | None

    @property
    def converted_note(self) -> str:
        return converted_note(self.tree, self.mapped)

    @property
    def rows_html(self) -> str:
        """The sub-units table's rows, each child with its main figures in :data:`MAIN` order,
        built in one pass with the standard library's escaping (a province has some 500
        children: as template loops, and through Django's lazy-aware escaping, they were most
        of the page's time)."""
        code = escape(self.period.code)
        rows = []
        for version, figures in self.children:
            shown = (escape(figures[i.code].shown) if i.code in figures else "" for i in self.main)
            cells = "".join(f'<td class="text-end small">{text}</td>' for text in shown)
            rows.append(
                f'<tr><td><a href="?don_vi={version.unit_id}&amp;ky={code}">'
                f"{escape(version.name)}</a></td>{cells}</tr>"
            )
        return mark_safe("\n".join(rows))  # every value above is escaped

    @property
    def chart_svg(self) -> str:
        chart = members_chart(self.children, self.day)
        return chart.svg() if chart else ""


def members_chart(children, day: date) -> BarChart | None:
    """Members per sub-unit: the same chart as SVG on the dashboard and PNG in the report."""
    bars = [
        (version.name, figures["dang_vien.so_luong"].value)
        for version, figures in children
        if "dang_vien.so_luong" in figures and figures["dang_vien.so_luong"].value
    ]
    if not bars:
        return None
    return BarChart(
        title=f"Đảng viên theo tổ chức trực thuộc ({day:%d/%m/%Y})",
        labels=tuple(name for name, _ in bars),
        values=tuple(value for _, value in bars),
    )


def converted_note(tree: str, mapped: bool) -> str:
    """What the page or the report says when figures were mapped to today's units."""
    if tree == Tree.TODAY:
        return "Số liệu quy đổi theo đơn vị hành chính mới (cây tổ chức hiện tại)."
    if mapped:
        return (
            "Số liệu của các tổ chức đã hợp nhất, chia tách, giải thể trong kỳ được tính vào "
            "tổ chức kế thừa (quy đổi theo đơn vị hành chính mới)."
        )
    return ""


def reorganised_within(period: Period, day: date) -> bool:
    return LineageEvent.objects.filter(
        effective_date__gte=period.start, effective_date__lte=day
    ).exists()


MAIN = [
    "to_chuc.so_luong",
    "dang_vien.so_luong",
    "dang_vien.ket_nap",
    "sinh_hoat.du_hop",
    "sinh_hoat.dat_chat_luong",
    "hoc_tap.tham_gia",
]


def trees_for(unit: Unit, *periods: Period) -> list[tuple[str, date]]:
    """Per period, the tree its figures are read in and the day they are measured at: the
    tree at the period's end when the unit existed then, else today's (one query)."""
    days = [measured_day(period) for period in periods]
    spans = list(
        UnitVersion.objects.filter(unit=unit, valid_from__lte=max(days)).values_list(
            "valid_from", "valid_to"
        )
    )
    return [
        (
            Tree.PERIOD_END
            if any(start <= day and (end is None or end > day) for start, end in spans)
            else Tree.TODAY,
            day,
        )
        for day in days
    ]


@dataclass
class Sheet:
    """Every aggregate of one unit for a period and the same period a year before (one
    query), read through the tree that fits the unit (:func:`trees_for`): the year before in
    today's tree when the unit did not exist then."""

    unit: Unit
    period: Period
    tree: str
    day: date
    found: dict
    tree_before: str = Tree.PERIOD_END
    goals: dict = field(default_factory=dict)  # indicator code → Goal (implementation.goals)
    on: date = field(default_factory=today)  # the day the sheet was read (a running period)

    @cached_property
    def period_before(self) -> Period:
        return self.period.year_before()

    @cached_property
    def built(self) -> bool:
        """Whether any figure of the sheet's period was read (the period was aggregated)."""
        codes = set(stored_codes(self.period))
        return any(key[1] in codes for key in self.found)

    def stored(self, code: str, category: str = "", *, year_before: bool = False):
        """(value, base, build, tree, period code) of an indicator's row for the sheet's
        period (or the same period a year before), None when none was stored."""
        period = self.period_before if year_before else self.period
        codes = read_codes(catalogue()[code], period, on=self.on)
        tree = self.tree_before if year_before else self.tree
        return pick_row(self.found, (code, category), codes, tree)

    def figure(self, code: str, category: str = "") -> Figure:
        item = catalogue()[code]
        value, base, build_id, tree, stored_in = self.stored(code, category) or (
            0,
            None,
            None,
            "",
            "",
        )
        before = self.stored(code, category, year_before=True)
        return Figure(
            indicator=item,
            value=value,
            base=base,
            previous=before[0] if before else None,
            previous_base=before[1] if before else None,
            build_id=build_id,
            category=category,
            tree=tree,
            stored_in=stored_in,
            goal=None if category else self.goals.get(code),
        )


def stored_codes(period: Period) -> list[str]:
    """The period codes whose rows a reader of ``period`` needs (a state's months too)."""
    return sorted({code for item in catalogue().values() for code in read_codes(item, period)})


def pick_row(found: dict, key: tuple, codes: list[str], tree: str):
    """The row that holds a figure among those read, ``found``: ``(tree, period code, *key)``
    → row, or None (the figure is 0). Period-end rows of a state are change points: the
    latest of ``codes`` (latest first) holds it. Today's rows are stored for their own month
    and only where they differ from the period end's: reading in today's tree, the period-end
    row stands where there is no today's row."""
    trees = (Tree.TODAY, Tree.PERIOD_END) if tree == Tree.TODAY else (Tree.PERIOD_END,)
    for row_tree in trees:
        for period_code in codes if row_tree == Tree.PERIOD_END else codes[:1]:
            row = found.get((row_tree, period_code, *key))
            if row is not None:
                return row
    return None


def read_sheet(unit: Unit, period: Period) -> Sheet:
    (tree, day), (tree_before, _) = trees_for(unit, period, period.year_before())
    if tree == Tree.TODAY:
        tree_before = tree
    codes = stored_codes(period) + stored_codes(period.year_before())
    rows = Aggregate.objects.filter(
        unit=unit, tree__in=[Tree.PERIOD_END, Tree.TODAY], period__in=codes
    ).values_list("indicator", "period", "tree", "category", "value", "base", "build_id")
    found = {
        (row_tree, period_code, code, category): (value, base, build_id, row_tree, period_code)
        for code, period_code, row_tree, category, value, base, build_id in rows
    }
    return Sheet(
        unit=unit,
        period=period,
        tree=tree,
        day=day,
        found=found,
        tree_before=tree_before,
        goals=goals_for(unit, period),
    )


def dashboard(user, unit: Unit, period: Period) -> Dashboard:
    items = catalogue()
    sheet = read_sheet(unit, period)
    sections: dict[str, list[Figure]] = defaultdict(list)
    for code, item in items.items():
        figure = sheet.figure(code)
        figure.link = _link(user, item, unit, period)
        for category, label in item.categories.items():
            part = sheet.stored(code, category)
            if part and part[0]:
                link = _link(user, item, unit, period, category)
                figure.parts.append((label, part[0], link, category))
        sections[item.section].append(figure)
    children = sub_units(unit, period, sheet.tree, sheet.day)
    mapped = reorganised_within(period, sheet.day)
    return Dashboard(
        unit=unit,
        period=period,
        day=sheet.day,
        tree=sheet.tree,
        sections=dict(sections),
        children=children,
        main=[items[code] for code in MAIN if code in items],
        mapped=mapped,
        build=Build.objects.filter(finished_at__isnull=False).first(),
    )


def sub_units(unit, period, tree, day) -> list[tuple[UnitVersion, dict[str, Figure]]]:
    """The unit's children in the tree of the figures, with their main figures (2 queries)."""
    items = catalogue()
    tree_day = day if tree == Tree.PERIOD_END else today()
    versions = list(
        UnitVersion.objects.valid_on(tree_day)
        .filter(parent=unit)
        .only("unit_id", "name", "kind_id", "sort_key")  # a province has ~500 children
        .order_by("kind__sort_order", "sort_key")
    )
    wanted = {code: read_codes(items[code], period) for code in MAIN if code in items}
    by_codes: dict[tuple, list[str]] = defaultdict(list)  # the flows' period, the states' months
    for code, codes in wanted.items():
        by_codes[tuple(codes)].append(code)
    pairs = Q()  # one condition per group, no other rows read
    for codes, indicators in by_codes.items():
        pairs |= Q(indicator__in=indicators) & codes_condition(codes)
    rows = Aggregate.objects.filter(
        pairs,
        unit__in=[v.unit_id for v in versions],
        tree__in={tree, Tree.PERIOD_END},
        category="",
    ).values_list("unit_id", "indicator", "period", "tree", "value", "base", "build_id")
    found = {
        (row_tree, period_code, unit_id, code): (value, base, build, row_tree, period_code)
        for unit_id, code, period_code, row_tree, value, base, build in rows
    }
    result = []
    for version in versions:
        figures = {}
        for code, codes in wanted.items():
            row = pick_row(found, (version.unit_id, code), codes, tree)
            if row is not None:
                value, base, build, row_tree, stored_in = row
                figures[code] = Figure(
                    indicator=items[code],
                    value=value,
                    base=base,
                    build_id=build,
                    tree=row_tree,
                    stored_in=stored_in,
                )
        result.append((version, figures))
    return result


def _link(user, item: Indicator, unit: Unit, period: Period, category: str = "") -> str:
    if item.records is None:
        return ""
    if item.permission and not has_perm_at(user, item.permission, unit):
        return ""
    return item.records(unit, period, category)


@dataclass
class Source:
    """A number of a written report, the indicator it is and the link to its records."""

    figure: ReportFigure
    name: str
    link: str


def sources_of(user, report: GeneratedReport) -> list[Source]:
    """Every number of ``report`` in its order, with its indicator's name and the records
    behind it for the report's period, within ``user``'s scope (one query)."""
    items = catalogue()
    period = Period.parse(report.period)
    result = []
    for figure in report.figures.select_related("unit").order_by("position"):
        item = items.get(figure.indicator)
        if item is None:  # an indicator since withdrawn from the catalogue
            result.append(Source(figure=figure, name=figure.indicator, link=""))
            continue
        link = _link(user, item, figure.unit, period, figure.category)
        name = item.name + (
            f" — {item.categories[figure.category]}" if figure.category in item.categories else ""
        )
        result.append(Source(figure=figure, name=name, link=link))
    return result
