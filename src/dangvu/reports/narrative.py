"""The report's prose, written from the aggregates in the seed articles' sentence forms.

Each indicator carries a clause (``Indicator.sentence``, e.g. "{ratio} lượt cán bộ, đảng viên
tham gia, đạt {percent}"); a section's paragraph joins the clauses of its indicators that have
a figure. Every number written is kept as a :class:`Trace` (indicator, category, value, base,
aggregate build) so the document can say where each figure came from.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field

from dangvu.vntext.formats import format_number

from .catalogue import Indicator, catalogue
from .selectors import Figure, Sheet


@dataclass(frozen=True)
class Trace:
    indicator: str
    category: str
    value: int
    base: int | None
    build_id: int | None
    tree: str = ""  # the tree of the aggregate row (empty: no row, the figure is 0)
    period: str = ""  # the period code of the aggregate row (empty: the report's)


@dataclass
class Paragraph:
    section: str
    text: str
    traces: list[Trace] = field(default_factory=list)


class _Categories:
    """``{c[trang_thai:du_bi]}`` in a clause: the category's figure, traced when used."""

    def __init__(self, sheet: Sheet, item: Indicator, traces: list[Trace]):
        self.sheet, self.item, self.traces = sheet, item, traces

    def __getitem__(self, category: str) -> str:
        figure = self.sheet.figure(self.item.code, category)
        self.traces.append(trace_of(figure))
        return format_number(figure.value)


def trace_of(figure: Figure) -> Trace:
    return Trace(
        indicator=figure.indicator.code,
        category=figure.category,
        value=figure.value,
        base=figure.base,
        build_id=figure.build_id,
        tree=figure.tree,
        period=figure.stored_in,
    )


def clause(sheet: Sheet, item: Indicator) -> tuple[str, list[Trace]] | None:
    """The indicator's clause for the sheet's unit and period; None when there is no figure."""
    figure = sheet.figure(item.code)
    if not item.sentence or (figure.value == 0 and not figure.base):
        return None
    traces = [trace_of(figure)]
    ratio = figure.ratio
    change = figure.change
    fields = {
        "value": format_number(figure.value),
        "base": format_number(figure.base),
        "ratio": f"{format_number(figure.value)}/{format_number(figure.base)}" if ratio else "",
        "percent": ratio.percent_text() if ratio else "",
        "change": change,
        "change_clause": f" ({change} so với cùng kỳ)" if change and change != "không đổi" else "",
        "c": _Categories(sheet, item, traces),
    }
    text = string.Formatter().vformat(item.sentence, (), fields)
    if figure.goal is not None:
        text += ", " + figure.goal_text
        traces.append(
            Trace(
                indicator=item.code,
                category=f"chi_tieu:{figure.goal.item.pk}",
                value=int(figure.goal.value),
                base=None,
                build_id=None,
            )
        )
    return text, traces


def paragraphs(sheet: Sheet) -> list[Paragraph]:
    by_section: dict[str, Paragraph] = {}
    parts: dict[str, list[str]] = {}
    for item in catalogue().values():
        written = clause(sheet, item)
        paragraph = by_section.setdefault(item.section, Paragraph(section=item.section, text=""))
        if written is None:
            continue
        text, traces = written
        parts.setdefault(item.section, []).append(text)
        paragraph.traces += traces
    result = []
    for section, paragraph in by_section.items():
        clauses = parts.get(section)
        if not clauses:
            continue
        text = _join(clauses)
        paragraph.text = text[0].upper() + text[1:] + "."
        result.append(paragraph)
    return result


def _join(clauses: list[str]) -> str:
    text = clauses[0]
    for part in clauses[1:]:
        # "… lớp đào tạo, bồi dưỡng" + "với … học viên" read as one clause
        text += (" " if part.startswith("với ") else "; ") + part
    return text
