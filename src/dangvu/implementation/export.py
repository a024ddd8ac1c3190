"""The roll-up table as XLSX rows: one row per unit and item, in tree order."""

from __future__ import annotations

from django.conf import settings

from dangvu.jobs.xlsx import Column
from dangvu.vntext.formats import format_percent

from .models import ItemKind, Measure
from .rollup import Rollup

COLUMNS = [
    Column("Tổ chức", 42),
    Column("Số TT", 8),
    Column("Chỉ tiêu, nhiệm vụ", 50),
    Column("Đơn vị tính", 12),
    Column("Kết quả", 14, "decimal"),
    Column("Tử số", 10, "decimal"),
    Column("Mẫu số", 10, "decimal"),
    Column("Tỷ lệ (%)", 10, "text"),
    Column("Chỉ tiêu giao", 12, "decimal"),
    Column("Đánh giá", 14),
    Column("Đơn vị đã báo cáo / được giao", 18),
    Column("Nguồn số liệu", 40),
]


def _source(figure) -> str:
    if figure.own:
        text = "Báo cáo của đơn vị"
        if figure.below is not None:
            text += f"; cấp dưới cộng lại: {figure.below.text}"
    else:
        text = "Tổng hợp từ cấp dưới" if figure.has_value else "Chưa báo cáo"
    if figure.merged_from:
        text += " (gồm số liệu của " + ", ".join(figure.merged_from) + " trước khi sắp xếp)"
    return text


def _verdict(figure) -> str:
    achieved = figure.achieved
    if achieved is None:
        return ""
    return "Đạt" if achieved else "Chưa đạt"


def rollup_rows(result: Rollup):
    for item in result.items:
        for row, figure in result.rows_for(item):
            percent = figure.ratio.percent(1) if figure.ratio else None
            yield [
                "    " * row.depth + row.unit.name,
                item.code,
                item.name,
                item.measure_unit if item.kind == ItemKind.TARGET else "",
                figure.value if item.measure == Measure.COUNT else None,
                figure.numerator,
                figure.denominator,
                format_percent(percent, 1) if percent is not None else "",
                figure.goal,
                figure.text if item.kind == ItemKind.TASK else _verdict(figure),
                f"{figure.reported}/{figure.assigned}",
                _source(figure),
            ]


def title_lines(document, period, root) -> list[str]:
    lines = [
        f"TỔNG HỢP KẾT QUẢ THỰC HIỆN {document.symbol} — {period.label.upper()}",
        f"{root.name}: {document.title}",
    ]
    if settings.DEV_DEFAULTS:
        lines.append("DỮ LIỆU MÔ PHỎNG")
    return lines
