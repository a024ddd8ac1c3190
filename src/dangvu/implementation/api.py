"""Targets, tasks, progress and work programmes under /api/implementation/ (same scopes and
services as the pages; anything outside the caller's scope answers 404)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from dangvu.accounts import permissions
from dangvu.accounts.scopes import has_perm_at, today
from dangvu.audit.context import audit_source
from dangvu.documents.models import Document
from dangvu.orgs.models import Unit
from dangvu.reports.periods import Period
from dangvu.vntext.schema_types import NFCStr

from . import selectors, services
from .models import Assignment, Field, Item
from .rollup import compute_rollup

router = Router(tags=["Thực hiện nghị quyết, chương trình công tác"])


class ItemOut(Schema):
    id: int
    document_id: int
    kind: str
    code: str
    name: str
    measure: str
    measure_unit: str
    baseline: Decimal | None
    target_value: Decimal | None
    direction: str
    deadline: date | None
    indicator: str  # the catalogue indicator a count target is measured by ("" if none)
    revision: int


class AssignmentOut(Schema):
    id: int
    item_id: int
    unit_id: int
    unit_name: str
    target_value: Decimal | None
    achieved: bool
    last_period_end: date | None


class ReportIn(Schema):
    period: str  # 2025-Q1, 2025-T03, 2025-6T, 2025-9T, 2025
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    status: str = ""
    note: NFCStr = ""


class ReportOut(Schema):
    id: int
    assignment_id: int
    period: str
    start: date
    end: date
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    status: str
    note: str
    achieved: bool
    revision: int


class Problem(Schema):
    detail: str


class FigureOut(Schema):
    item_id: int
    unit_id: int
    unit_name: str
    depth: int
    text: str
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    done: int
    own_report: bool
    reported: int
    assigned: int
    goal: Decimal | None
    achieved: bool | None
    merged_from: list[str]


class RollupOut(Schema):
    document_id: int
    unit_id: int
    period: str
    period_label: str
    rows: list[FigureOut]


class ProgrammeOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    year: int
    title: str
    content_groups: int
    by_field: dict[str, int]


def _document(request, document_id: int) -> Document:
    document = get_object_or_404(
        Document.objects.select_related("doc_type", "unit"), pk=document_id
    )
    if not selectors.sees_document(request.user, document):
        raise Http404
    return document


def _report_out(report) -> dict:
    return {
        "id": report.pk,
        "assignment_id": report.assignment_id,
        "period": report.period.code,
        **{
            name: getattr(report, name)
            for name in (
                "start",
                "end",
                "value",
                "numerator",
                "denominator",
                "status",
                "note",
                "achieved",
                "revision",
            )
        },
    }


@router.get(
    "documents/{document_id}/items",
    response=list[ItemOut],
    url_name="implementation_items",
    summary="Chỉ tiêu, nhiệm vụ của một văn bản (trong phạm vi của người gọi)",
)
def items(request, document_id: int):
    document = _document(request, document_id)
    return list(selectors.item_list(request.user, document=document))


@router.get(
    "items/{item_id}/assignments",
    response=list[AssignmentOut],
    url_name="implementation_assignments",
    summary="Các đơn vị được giao một chỉ tiêu, nhiệm vụ (chỉ những đơn vị trong phạm vi)",
)
def assignments(request, item_id: int):
    item = get_object_or_404(Item.objects.visible_to(request.user), pk=item_id)
    rows = Assignment.objects.visible_to(request.user).filter(item=item).select_related("unit")
    return [
        {
            "id": a.pk,
            "item_id": a.item_id,
            "unit_id": a.unit_id,
            "unit_name": a.unit.name,
            "target_value": a.target_value,
            "achieved": a.achieved,
            "last_period_end": a.last_period_end,
        }
        for a in rows.order_by("unit__path")
    ]


@router.post(
    "assignments/{assignment_id}/reports",
    response={201: ReportOut, 422: Problem},
    url_name="implementation_report",
    summary="Báo cáo tiến độ của đơn vị được giao cho một kỳ (cần quyền nhập liệu tại đơn vị)",
)
def submit_report(request, assignment_id: int, payload: ReportIn):
    """Through the same service as the form: one report per period; a refused report
    answers 422 with the reason in Vietnamese and writes nothing."""
    assignment = get_object_or_404(
        Assignment.objects.visible_to(request.user).select_related("unit"), pk=assignment_id
    )
    if not has_perm_at(request.user, permissions.WRITE, assignment.unit):
        raise Http404
    data = payload.dict()
    try:
        period = Period.parse(data.pop("period"))
        with audit_source("api"):
            report = services.submit_report(
                actor=request.user, assignment=assignment, period=period, **data
            )
    except ValidationError as exc:
        return Status(422, {"detail": " ".join(exc.messages)})
    return Status(201, _report_out(report))


@router.get(
    "documents/{document_id}/rollup",
    response={200: RollupOut, 422: Problem},
    url_name="implementation_rollup",
    summary="Tổng hợp kết quả thực hiện theo cây tổ chức cho một kỳ",
)
def rollup(request, document_id: int, period: str = "", unit: int | None = None):
    """Rows in tree order below ``unit`` (default: the caller's top unit) for ``period``
    (default: the current quarter); see the rule in ``dangvu/implementation/rollup.py``."""
    document = _document(request, document_id)
    try:
        chosen = Period.parse(period) if period else Period.quarter_of(today())
    except ValidationError as exc:
        return Status(422, {"detail": " ".join(exc.messages)})
    visible = Unit.objects.visible_to(request.user, permissions.READ)
    if unit is not None:
        root = get_object_or_404(visible, pk=unit)
    else:
        root = visible.current().order_by("depth", "path").first()
        if root is None:
            raise Http404
    found = list(selectors.item_list(request.user, document=document))
    result = compute_rollup(root, chosen, found)
    rows = []
    for item in found:
        for row, figure in result.rows_for(item):
            rows.append(
                {
                    "item_id": item.pk,
                    "unit_id": row.unit.pk,
                    "unit_name": row.unit.name,
                    "depth": row.depth,
                    "text": figure.text,
                    "value": figure.value,
                    "numerator": figure.numerator,
                    "denominator": figure.denominator,
                    "done": figure.done,
                    "own_report": figure.own,
                    "reported": figure.reported,
                    "assigned": figure.assigned,
                    "goal": figure.goal,
                    "achieved": figure.achieved,
                    "merged_from": figure.merged_from,
                }
            )
    return {
        "document_id": document.pk,
        "unit_id": root.pk,
        "period": chosen.code,
        "period_label": chosen.label,
        "rows": rows,
    }


@router.get(
    "programmes",
    response=list[ProgrammeOut],
    url_name="implementation_programmes",
    summary="Chương trình công tác năm và số nhóm nội dung (tổng và theo lĩnh vực)",
)
def programmes(request, year: int | None = None, unit: int | None = None):
    root = None
    if unit is not None:
        root = get_object_or_404(Unit.objects.visible_to(request.user, permissions.READ), pk=unit)
    rows = selectors.programme_list(request.user, year=year, unit=root)[:500]
    return [
        {
            "id": p.pk,
            "unit_id": p.unit_id,
            "unit_name": p.unit.name,
            "year": p.year,
            "title": p.title,
            "content_groups": p.n_items,
            "by_field": {value: getattr(p, f"n_{value}") for value in Field.values},
        }
        for p in rows
    ]
