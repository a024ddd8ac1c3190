"""Report documents: the periodic report of a unit for a period, as DOCX (the Party layout,
from an editable Word template) and as XLSX (one sheet per section), written from the
aggregates; every number written is recorded with the aggregate it came from."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.jobs.xlsx import Column, SheetSpec, write_workbook
from dangvu.orgs.models import Unit, UnitVersion

from .catalogue import catalogue
from .charts import BarChart
from .engine import stored_period
from .models import Build, GeneratedReport, ReportFigure, Tree
from .narrative import Paragraph, Trace, paragraphs, trace_of
from .periods import Period, PeriodKind
from .selectors import (
    converted_note,
    members_chart,
    read_sheet,
    reorganised_within,
    sub_units,
)
from .template_builder import template_path

REPORT_TYPES = {kind.value: kind.label for kind in PeriodKind}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
TABLE = [
    ("dang_vien.so_luong", "Đảng viên"),
    ("dang_vien.ket_nap", "Kết nạp"),
    ("sinh_hoat.du_hop", "Dự sinh hoạt"),
    ("sinh_hoat.dat_chat_luong", "Chi bộ đạt HD 12"),
]


@dataclass
class Row:
    unit_id: int
    name: str
    cells: dict[str, str]
    traces: list[Trace]


@dataclass
class ReportContent:
    unit: Unit
    version: UnitVersion | None
    period: Period
    tree: str
    issued: date
    number: str
    place: str
    sections: list[Paragraph]
    rows: list[Row]
    chart: BarChart | None
    build: Build | None
    converted_note: str = ""
    signer_name: str = ""
    signer_title: str = "BÍ THƯ"
    recipients: list[str] = field(default_factory=list)

    @property
    def kind_code(self) -> str:
        return self.version.kind.code if self.version else self.unit.kind.code

    @property
    def name(self) -> str:
        return self.version.name if self.version else self.unit.name

    @property
    def issuer(self) -> str:
        """The committee that signs: "TỈNH ỦY …", "ĐẢNG ỦY XÃ …", "CHI BỘ …"."""
        name = self.name
        if self.kind_code == "tinh":
            return "TỈNH ỦY " + _plain(name.removeprefix("Đảng bộ tỉnh ")).upper()
        if name.startswith("Đảng bộ "):
            return "ĐẢNG ỦY " + _plain(name.removeprefix("Đảng bộ ")).upper()
        return _plain(name).upper()

    @property
    def issuer_code(self) -> str:
        if self.kind_code == "tinh":
            return "TU"
        return "CB" if self.name.startswith("Chi bộ") else "ĐU"

    @property
    def on_behalf(self) -> str:
        if self.kind_code == "tinh":
            return "T/M BAN THƯỜNG VỤ"
        return "T/M CHI BỘ" if self.issuer_code == "CB" else "T/M BAN THƯỜNG VỤ"

    @property
    def subject_label(self) -> str:
        return self.period.label[0].lower() + self.period.label[1:]


def _parent(unit: Unit, version: UnitVersion | None) -> Unit | None:
    return version.parent if version else unit.parent


def _superior(unit: Unit, version: UnitVersion | None) -> str:
    parent = _parent(unit, version)
    return _plain(parent.name).upper() if parent else ""


def _plain(name: str) -> str:
    """The name without the demo's "(mô phỏng)" mark (the document says so once, below)."""
    return name.replace(" (mô phỏng)", "")


def default_place(name: str) -> str:
    for prefix in ("Đảng bộ tỉnh ", "Đảng bộ xã ", "Đảng bộ phường ", "Đảng bộ ", "Chi bộ "):
        if name.startswith(prefix):
            return name.removeprefix(prefix).replace(" (mô phỏng)", "")
    return name


def compose(
    unit: Unit,
    period: Period,
    *,
    number: str = "",
    place: str = "",
    issued: date | None = None,
    signer_name: str = "",
) -> ReportContent:
    sheet = read_sheet(unit, period)
    day = sheet.day if sheet.tree == Tree.PERIOD_END else None
    version = (
        UnitVersion.objects.valid_on(day or date.today())
        .filter(unit=unit)
        .select_related("kind", "parent")
        .first()
    )
    sections = paragraphs(sheet)
    children = sub_units(unit, period, sheet.tree, sheet.day)
    rows = []
    for child, figures in children:
        cells, traces = {}, []
        for code, _header in TABLE:
            figure = figures.get(code)
            cells[code] = figure.shown if figure else "—"
            if figure:
                traces.append(trace_of(figure))
        rows.append(Row(child.unit_id, child.name, cells, traces))
    chart = members_chart(children, sheet.day)
    note = converted_note(sheet.tree, reorganised_within(period, sheet.day))
    return ReportContent(
        unit=unit,
        version=version,
        period=period,
        tree=sheet.tree,
        issued=issued or date.today(),
        number=number,
        place=place or default_place(version.name if version else unit.name),
        sections=sections,
        rows=rows,
        chart=chart,
        build=Build.objects.filter(finished_at__isnull=False).first(),
        converted_note=note,
        signer_name=signer_name,
        recipients=[_recipient(unit, version), "Các tổ chức đảng trực thuộc"],
    )


def _recipient(unit: Unit, version: UnitVersion | None) -> str:
    parent = _parent(unit, version)
    return (
        f"{_plain(parent.name)} (để báo cáo)" if parent else "Ban Tổ chức Trung ương (để báo cáo)"
    )


def context(content: ReportContent, template) -> dict:
    from docx.shared import Mm
    from docxtpl import InlineImage

    chart = (
        InlineImage(template, io.BytesIO(content.chart.png()), width=Mm(150))
        if content.chart
        else ""
    )
    return {
        "superior": _superior(content.unit, content.version),
        "issuer": content.issuer,
        "issuer_code": content.issuer_code,
        "number": content.number or "   ",
        "place": content.place,
        "day": f"{content.issued.day:02d}",
        "month": f"{content.issued.month:02d}",
        "year": content.issued.year,
        "period_label": content.subject_label,
        "demo_note": "(Dữ liệu mô phỏng)" if settings.DEV_DEFAULTS else "",
        "sections": [
            {
                "number": ROMAN[i] if i < len(ROMAN) else i + 1,
                "title": p.section.upper(),
                "text": p.text,
            }
            for i, p in enumerate(content.sections)
        ],
        "converted_note": content.converted_note,
        "table_title": "Một số chỉ tiêu theo tổ chức trực thuộc" if content.rows else "",
        "rows": [
            {
                "name": row.name,
                "members": row.cells["dang_vien.so_luong"],
                "admissions": row.cells["dang_vien.ket_nap"],
                "attendance": row.cells["sinh_hoat.du_hop"],
                "criteria": row.cells["sinh_hoat.dat_chat_luong"],
            }
            for row in content.rows
        ],
        "chart": chart,
        "chart_title": content.chart.title if content.chart else "",
        "recipients": [line for line in content.recipients if line],
        "archive": "Văn phòng",
        "signer_on_behalf": content.on_behalf,
        "signer_title": content.signer_title,
        "signer_name": content.signer_name,
    }


def render_docx(content: ReportContent, target) -> None:
    from docxtpl import DocxTemplate

    path = template_path(content.period.kind)
    if not path.exists():
        raise ValidationError(
            f"Chưa có mẫu báo cáo “{path.name}”; chạy lệnh dangvu build-report-templates."
        )
    template = DocxTemplate(path)
    template.render(context(content, template), autoescape=True)
    template.save(target)


def _trace_labels(trace: Trace) -> tuple[str, str]:
    """The indicator's and the category's names for a written figure (a target: "Chỉ tiêu")."""
    item = catalogue().get(trace.indicator)
    if item is None:
        return trace.indicator, trace.category
    if trace.category.startswith("chi_tieu:"):
        return item.name, "Chỉ tiêu"
    return item.name, item.categories.get(trace.category, trace.category)


def render_xlsx(content: ReportContent, target) -> int:
    head = [
        f"BÁO CÁO {content.subject_label.upper()} — {content.name.upper()}",
        f"Số liệu tổng hợp lần {content.build.pk if content.build else '—'}; "
        f"{content.converted_note}".strip(),
    ]
    sheets = []
    for paragraph in content.sections:
        rows = [(*_trace_labels(t), t.value, t.base) for t in paragraph.traces]
        sheets.append(
            SheetSpec(
                title=paragraph.section,
                title_lines=[*head, paragraph.text],
                columns=[
                    Column("Chỉ tiêu", 28),
                    Column("Phân loại", 22),
                    Column("Số liệu", 12, "int"),
                    Column("Mẫu số (tỷ lệ)", 14, "int"),
                ],
                rows=rows,
            )
        )
    if content.rows:
        sheets.append(
            SheetSpec(
                title="Tổ chức trực thuộc",
                title_lines=head,
                columns=[Column("Tổ chức", 40)] + [Column(h, 18) for _c, h in TABLE],
                rows=[[row.name, *(row.cells[c] for c, _h in TABLE)] for row in content.rows],
            )
        )
    return write_workbook(target, sheets)


@transaction.atomic
def record(content: ReportContent, *, actor, fmt: str, job=None) -> GeneratedReport:
    """Keep the report and, per number, the indicator, unit, period and build it came from."""
    from dangvu.audit.services import record_change

    report = GeneratedReport.objects.create(
        unit=content.unit,
        period=content.period.code,
        report_type=content.period.kind,
        format=fmt,
        number=content.number,
        tree=content.tree,
        build=content.build,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        job=job,
    )
    figures = []
    items = catalogue()
    placed = [(p.section, p.traces, content.unit.pk) for p in content.sections]
    placed += [(f"Bảng: {row.name}", row.traces, row.unit_id) for row in content.rows]
    for place, traces, unit_id in placed:
        for trace in traces:
            figures.append(
                ReportFigure(
                    report=report,
                    position=len(figures) + 1,
                    place=place[:120],
                    indicator=trace.indicator,
                    unit_id=unit_id,
                    period=trace.period
                    or stored_period(items[trace.indicator], content.period).code,
                    tree=trace.tree or content.tree,
                    category=trace.category,
                    value=trace.value,
                    base=trace.base,
                    build_id=trace.build_id,
                )
            )
    ReportFigure.objects.bulk_create(figures)
    record_change(
        actor=actor,
        action="reports.document.create",
        obj=report,
        unit=content.unit,
        after={"period": report.period, "format": fmt, "figures": len(figures)},
    )
    return report
