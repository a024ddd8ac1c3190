"""Reports under /api/reports/: the indicator catalogue, a unit's figures for a period (what its
dashboard shows, each figure with the aggregate row it was read from), the report document
job, and a written report's figures with their sources. Units outside the caller's scope for
reports answer 404, as on the pages."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import BaseModel

from dangvu.api_writes import Problem, api_write
from dangvu.jobs.api import JobOut
from dangvu.jobs.services import start_job

from .catalogue import catalogue
from .engine import today
from .job_handlers import DOCUMENT_JOB
from .models import ReportFormat
from .periods import Period, PeriodKind
from .selectors import (
    Figure,
    dashboard,
    report_units,
    sources_of,
    top_of_scope,
    written_report_for,
)

router = Router(tags=["Báo cáo, số liệu tổng hợp"])

# The answers are built as plain dicts and declared as pydantic models, not ninja Schemas: a
# Schema wraps every nested object in its Django-attribute getter (~600 of them for a
# province's sub-units), which cost as much as reading the figures.


class IndicatorOut(BaseModel):
    code: str
    name: str
    kind: str  # "state" (at a date) or "flow" (in a period)
    unit: str
    section: str
    module: str
    denominator: str  # for a rate: what the numerator is a share of; "" for a count
    categories: dict[str, str]  # breakdown code → label


class TraceOut(BaseModel):
    """The aggregate row a figure was read from (``period``: the row's own period — a state's
    latest change point); ``build_id`` is the aggregate version, None for a figure of 0 with no
    row."""

    indicator: str
    unit_id: int
    period: str
    tree: str
    category: str
    build_id: int | None


class PartOut(BaseModel):
    category: str
    label: str
    value: int
    link: str


class FigureOut(BaseModel):
    indicator: str
    name: str
    section: str
    unit: str
    value: int
    base: int | None
    percent: float | None  # a rate's value/base in %, one decimal as shown
    shown: str  # as the page writes it: "6.042/6.213 (97,2%)", "1.234"
    previous: int | None  # the same period a year before
    previous_base: int | None
    change: str  # "giảm 15,3%", "tăng 0,4 điểm %"
    goal: str  # "đạt 105,3% chỉ tiêu (1.200 đảng viên)" when a target is measured by it
    link: str  # the records behind it; "" when the caller may see the count only
    parts: list[PartOut]
    trace: TraceOut


class SubFigureOut(BaseModel):
    value: int
    base: int | None
    shown: str


class SubUnitOut(BaseModel):
    unit_id: int
    name: str
    figures: dict[str, SubFigureOut]  # indicator code → the main figures


class FiguresOut(BaseModel):
    unit_id: int
    unit_name: str
    period: str
    period_label: str
    start: date
    end: date
    day: date  # states are measured on this day
    tree: str  # "cuoi_ky": the tree at the period's end; "hien_tai": today's (mapped)
    note: str  # "Số liệu quy đổi theo đơn vị hành chính mới…" when figures were mapped
    build_id: int | None
    built_at: datetime | None
    figures: list[FigureOut]
    sub_units: list[SubUnitOut]


class DocumentIn(Schema):
    unit: int
    period: str  # "2025", "2025-6T", "2025-Q3", "2020-2025" …
    format: ReportFormat = ReportFormat.DOCX
    number: str = ""  # the report's number ("15-BC/ĐU"), written in its header


class SourceOut(BaseModel):
    position: int
    place: str  # where in the report: a section, or "Bảng: <unit>"
    indicator: str
    name: str
    unit_id: int
    period: str
    tree: str
    category: str
    value: int
    base: int | None
    build_id: int | None
    link: str


class GeneratedReportOut(BaseModel):
    id: int
    unit_id: int
    unit_name: str
    period: str
    report_type: str
    format: str
    number: str
    tree: str
    build_id: int | None
    created_at: datetime
    figures: list[SourceOut]


def _period(code: str | None) -> Period:
    if not code:
        return Period(today().year, PeriodKind.YEAR)
    try:
        return Period.parse(code)
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from None


def _figure_out(figure: Figure, unit_id: int) -> dict:
    ratio = figure.ratio
    return {
        "indicator": figure.indicator.code,
        "name": figure.indicator.name,
        "section": figure.indicator.section,
        "unit": figure.indicator.unit,
        "value": figure.value,
        "base": figure.base,
        "percent": round(ratio.percent(), 1) if ratio else None,
        "shown": figure.shown,
        "previous": figure.previous,
        "previous_base": figure.previous_base,
        "change": figure.change,
        "goal": figure.goal_text,
        "link": figure.link,
        "parts": [
            {"label": label, "value": value, "link": link, "category": category}
            for label, value, link, category in figure.parts
        ],
        "trace": {
            "indicator": figure.indicator.code,
            "unit_id": unit_id,
            "period": figure.stored_in,
            "tree": figure.tree,
            "category": figure.category,
            "build_id": figure.build_id,
        },
    }


@router.get("indicators", response=list[IndicatorOut], summary="Danh mục chỉ tiêu")
def indicators(request):
    """Every indicator once: what it counts, state or flow, its breakdowns."""
    return [
        {
            "code": item.code,
            "name": item.name,
            "kind": item.kind,
            "unit": item.unit,
            "section": item.section,
            "module": item.module,
            "denominator": item.denominator,
            "categories": item.categories,
        }
        for item in catalogue().values()
    ]


@router.get(
    "figures",
    response={200: FiguresOut, 422: Problem},
    summary="Số liệu của một tổ chức trong một kỳ",
)
def figures(request, unit: int | None = None, period: str | None = None):
    """The figures of ``unit``'s subtree for ``period`` (default: the top of the caller's
    scope, this year), read from the aggregates as the dashboard reads them: each with its
    change from the same period a year before, its breakdown, the link to its records and
    the aggregate row it came from; and the main figures of each sub-unit."""
    units = report_units(request.user)
    chosen = get_object_or_404(units, pk=unit) if unit is not None else top_of_scope(units)
    if chosen is None:
        raise HttpError(404, "Bạn chưa có phạm vi xem số liệu nào.")
    board = dashboard(request.user, chosen, _period(period))
    build = board.build
    return {
        "unit_id": chosen.pk,
        "unit_name": chosen.name,
        "period": board.period.code,
        "period_label": board.period.label,
        "start": board.period.start,
        "end": board.period.end,
        "day": board.day,
        "tree": board.tree,
        "note": board.converted_note,
        "build_id": build.pk if build else None,
        "built_at": build.finished_at if build else None,
        "figures": [
            _figure_out(figure, chosen.pk)
            for section in board.sections.values()
            for figure in section
        ],
        "sub_units": [
            {
                "unit_id": version.unit_id,
                "name": version.name,
                "figures": {
                    code: {"value": f.value, "base": f.base, "shown": f.shown}
                    for code, f in shown.items()
                },
            }
            for version, shown in board.children
        ],
    }


@router.post(
    "documents",
    response={202: JobOut, 422: Problem},
    summary="Viết báo cáo định kỳ (DOCX hoặc XLSX), chạy nền",
)
def write_document(request, payload: DocumentIn):
    """Start the report job, as the dashboard's button does; follow it at
    ``/api/jobs/{id}`` and download its file from ``file_url`` once it has succeeded."""
    unit = get_object_or_404(report_units(request.user), pk=payload.unit)
    period = _period(payload.period)
    with api_write():
        job = start_job(
            actor=request.user,
            kind=DOCUMENT_JOB,
            unit=unit,
            params={
                "unit_id": unit.pk,
                "period": period.code,
                "format": payload.format,
                "number": payload.number.strip()[:20],
            },
            title=f"Báo cáo {period.label.lower()} — {unit.name} ({payload.format.upper()})",
        )
    job.refresh_from_db()
    return Status(202, job)


@router.get(
    "documents/{report_id}",
    response=GeneratedReportOut,
    summary="Một báo cáo đã viết và nguồn của từng số liệu",
)
def written_report(request, report_id: int):
    """A report as written: per number, where it stands, the indicator, unit, period, tree
    and aggregate version it came from, and the link to its records."""
    report = written_report_for(request.user, report_id)
    return {
        "id": report.pk,
        "unit_id": report.unit_id,
        "unit_name": report.unit.name,
        "period": report.period,
        "report_type": report.report_type,
        "format": report.format,
        "number": report.number,
        "tree": report.tree,
        "build_id": report.build_id,
        "created_at": report.created_at,
        "figures": [
            {
                "position": source.figure.position,
                "place": source.figure.place,
                "indicator": source.figure.indicator,
                "name": source.name,
                "unit_id": source.figure.unit_id,
                "period": source.figure.period,
                "tree": source.figure.tree,
                "category": source.figure.category,
                "value": source.figure.value,
                "base": source.figure.base,
                "build_id": source.figure.build_id,
                "link": source.link,
            }
            for source in sources_of(request.user, report)
        ],
    }
