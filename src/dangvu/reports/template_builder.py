"""The default Word templates of the periodic reports, in the Party layout of HD 36-HD/VPTW.

The files in ``docx_templates/`` are what office staff open and edit in Word (fonts, wording,
the signature block); this module only (re)creates the defaults, with
``dangvu build-report-templates``. Placeholders are docxtpl's Jinja tags: ``{{ issuer }}``,
``{%p for section in sections %}`` … (see :func:`dangvu.reports.documents.context`).

Layout (DOMAIN.md §5): A4, Times New Roman, margins 20/20/30/15 mm; top left the superior unit
(caps), the issuing committee (caps, bold), "*", "Số …-BC/…"; top right "ĐẢNG CỘNG SẢN VIỆT
NAM" (caps, bold, underlined) and the place-date line in italics; centred "BÁO CÁO" and the
subject; body 14 pt justified; signature block bottom right; "Nơi nhận:" bottom left.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .periods import PeriodKind

TEMPLATE_DIR = Path(__file__).resolve().parent / "docx_templates"
FONT = "Times New Roman"

SUBJECTS = {
    PeriodKind.MONTH: "tình hình, kết quả công tác xây dựng Đảng {{ period_label }}",
    PeriodKind.QUARTER: "kết quả công tác xây dựng Đảng {{ period_label }}",
    PeriodKind.HALF: "sơ kết công tác xây dựng Đảng {{ period_label }}",
    PeriodKind.NINE: "kết quả công tác xây dựng Đảng {{ period_label }}",
    PeriodKind.YEAR: "tổng kết công tác xây dựng Đảng {{ period_label }}",
    PeriodKind.TERM: "tổng kết công tác xây dựng Đảng {{ period_label }}",
}


def template_path(kind: str) -> Path:
    return TEMPLATE_DIR / f"bao_cao_{kind}.docx"


def _paragraph(
    container,
    text="",
    *,
    bold=False,
    italic=False,
    underline=False,
    size=14,
    align=None,
    space_after=0,
):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.space_before = Pt(0)
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        run.font.size = Pt(size)
        run.font.name = FONT
    return paragraph


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def build(kind: str) -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)

    center = WD_ALIGN_PARAGRAPH.CENTER
    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(header)
    header.autofit = False
    left, right = header.rows[0].cells
    for column, width in zip(header.columns, (Mm(82), Mm(83)), strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    left.paragraphs[0].text = ""
    first = left.paragraphs[0]
    first.alignment = center
    run = first.add_run("{{ superior }}")
    run.font.size = Pt(13)
    _paragraph(left, "{{ issuer }}", bold=True, size=14, align=center)
    _paragraph(left, "*", size=14, align=center)
    _paragraph(left, "Số {{ number }}-BC/{{ issuer_code }}", size=14, align=center)
    first = right.paragraphs[0]
    first.alignment = center
    run = first.add_run("ĐẢNG CỘNG SẢN VIỆT NAM")
    run.bold, run.underline = True, True
    run.font.size = Pt(15)
    _paragraph(right, "")
    _paragraph(
        right,
        "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}",
        italic=True,
        size=14,
        align=center,
    )

    _paragraph(document, "", space_after=6)
    _paragraph(document, "BÁO CÁO", bold=True, size=16, align=center)
    _paragraph(document, SUBJECTS[kind], bold=True, size=14, align=center)
    _paragraph(document, "{{ demo_note }}", italic=True, size=12, align=center)
    _paragraph(document, "-----", align=center, space_after=6)

    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _paragraph(document, "{%p for section in sections %}")
    heading = _paragraph(
        document,
        "{{ section.number }}. {{ section.title }}",
        bold=True,
        align=justify,
        space_after=3,
    )
    heading.paragraph_format.first_line_indent = Mm(10)
    body = _paragraph(document, "{{ section.text }}", align=justify, space_after=6)
    body.paragraph_format.first_line_indent = Mm(10)
    _paragraph(document, "{%p endfor %}")
    note = _paragraph(document, "{{ converted_note }}", italic=True, size=13, align=justify)
    note.paragraph_format.first_line_indent = Mm(10)

    _paragraph(document, "{{ table_title }}", bold=True, size=13, align=center, space_after=3)
    # docxtpl's row loop: a row holding the "for" tag, the repeated row, a row holding "endfor"
    table = document.add_table(rows=4, cols=5)
    table.style = "Table Grid"
    heads = ["Tổ chức", "Đảng viên", "Kết nạp", "Dự sinh hoạt", "Chi bộ đạt HD 12"]
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        cell.paragraphs[0].text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(12)
    table.rows[1].cells[0].paragraphs[0].text = "{%tr for row in rows %}"
    table.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    values = [
        "{{ row.name }}",
        "{{ row.members }}",
        "{{ row.admissions }}",
        "{{ row.attendance }}",
        "{{ row.criteria }}",
    ]
    for cell, text in zip(table.rows[2].cells, values, strict=True):
        cell.paragraphs[0].text = ""
        run = cell.paragraphs[0].add_run(text)
        run.font.size = Pt(12)
    _paragraph(document, "")
    _paragraph(document, "{{ chart }}", align=center)
    _paragraph(document, "{{ chart_title }}", italic=True, size=12, align=center, space_after=6)

    footer = document.add_table(rows=1, cols=2)
    _no_borders(footer)
    left, right = footer.rows[0].cells
    first = left.paragraphs[0]
    run = first.add_run("Nơi nhận:")
    run.italic, run.underline = True, True
    run.font.size = Pt(14)
    _paragraph(left, "{%p for line in recipients %}", size=12)
    _paragraph(left, "- {{ line }},", size=12)
    _paragraph(left, "{%p endfor %}", size=12)
    _paragraph(left, "- Lưu {{ archive }}.", size=12)
    first = right.paragraphs[0]
    first.alignment = center
    run = first.add_run("{{ signer_on_behalf }}")
    run.bold = True
    run.font.size = Pt(14)
    _paragraph(right, "{{ signer_title }}", size=14, align=center)
    for _ in range(3):
        _paragraph(right, "")
    _paragraph(right, "{{ signer_name }}", bold=True, size=14, align=center)
    return document


def write_defaults(directory: Path = TEMPLATE_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in SUBJECTS:
        path = directory / f"bao_cao_{kind}.docx"
        build(kind).save(path)
        written.append(path)
    return written
