"""The annotated result to download: a standalone HTML page (the text with each claim
highlighted by verdict, and the table of claims) or an XLSX workbook (one row a claim).

Checking is fast and reads no records, so the download is built in the request (no job)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from . import verdicts as v
from .checking import Report

FILLS = {
    v.CONSISTENT: "D1E7DD",
    v.TRUNCATED: "FFF3CD",
    v.INCONSISTENT: "F8D7DA",
    v.UNCHECKED: "E2E3E5",
}
COLUMNS = [
    ("STT", 6),
    ("Đoạn trong báo cáo", 60),
    ("Loại", 22),
    ("Số liệu nêu", 14),
    ("Các số dùng để tính", 36),
    ("Kết quả tính lại", 16),
    ("Giá trị đúng", 14),
    ("Kết luận", 22),
    ("Giải thích", 70),
    ("So với hệ thống", 50),
]


def segments(report: Report) -> list[dict]:
    """The text cut into plain pieces and claim pieces (overlaps: the earlier claim wins)."""
    pieces, cursor = [], 0
    for number, claim in enumerate(report.claims, start=1):
        start = max(claim.start, cursor)
        if start >= claim.end:
            continue
        if start > cursor:
            pieces.append({"text": report.text[cursor:start]})
        pieces.append({"text": report.text[start : claim.end], "claim": claim, "number": number})
        cursor = claim.end
    if cursor < len(report.text):
        pieces.append({"text": report.text[cursor:]})
    return pieces


def rows(report: Report) -> list[list]:
    out = []
    for number, claim in enumerate(report.claims, start=1):
        used = "; ".join(f"{p['role']}: {p['text']}" for p in claim.parts)
        out.append(
            [
                number,
                report.text[claim.start : claim.end],
                claim.kind_label,
                claim.stated,
                used,
                claim.computed_text,
                claim.correct,
                claim.verdict_label,
                claim.explanation,
                system_text(claim),
            ]
        )
    return out


def system_text(claim) -> str:
    """ "Khớp hệ thống: …" / "Khác hệ thống: …", or "" when not compared."""
    if not claim.system:
        return ""
    return f"{claim.system['verdict_label']}: {claim.system['explanation']}"


def to_html(report: Report) -> str:
    return render_to_string(
        "checker/annotated.html",
        {"report": report, "segments": segments(report), "fills": FILLS},
    )


def to_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kiểm tra số liệu"
    sheet.append([title for title, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(1, column).column_letter].width = width
    for claim, row in zip(report.claims, rows(report), strict=True):
        sheet.append(row)
        fill = PatternFill("solid", fgColor=FILLS[claim.verdict])
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(sheet.max_row, 8).fill = fill
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
