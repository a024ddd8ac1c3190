"""Dân vận under /api/citizens/: the same scopes (404 outside; a feedback is visible at the
unit it was routed to too) and the same services as the pages. A refused write answers 422
with the service's reasons in Vietnamese and writes nothing.

Who raised a feedback is exposed as the record keeps it — ``raised_by`` (a display name or a
group description) and the optional ``contact`` — and nothing else about the person."""

from datetime import date
from typing import Literal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from dangvu.accounts import permissions
from dangvu.accounts.scopes import has_perm_at
from dangvu.api_writes import Problem, api_write
from dangvu.orgs.models import Unit
from dangvu.study.selectors import period_of
from dangvu.vntext.schema_types import NFCStr

from . import selectors, services
from .figures import feedback_figures, issue_figures
from .models import Channel, Sector

router = Router(tags=["Dân vận"])


class FeedbackOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    channel: str = Field(..., alias="channel.code")
    sector: str = Field(..., alias="sector.code")
    raised_by: str
    contact: str
    content: str
    received_on: date
    state: str
    state_label: str
    routed_unit_id: int | None
    routed_agency: str
    routed_on: date | None
    due_on: date | None
    referred_to: str
    response: str
    responded_on: date | None
    on_time: bool | None
    closed_on: date | None
    revision: int

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()


class FeedbackIn(Schema):
    unit_id: int
    channel: str
    sector: str
    raised_by: NFCStr
    contact: NFCStr = ""
    content: NFCStr
    received_on: date


class TransitionIn(Schema):
    """One step of the feedback: ``route`` (``routed_unit_id`` or ``routed_agency``,
    ``routed_on``, ``due_on`` — required), ``answer`` (``response``, ``responded_on``),
    ``refer`` (``referred_to``, ``responded_on``), ``close`` (``closed_on``)."""

    action: Literal["route", "answer", "refer", "close"]
    expected_revision: int
    routed_unit_id: int | None = None
    routed_agency: NFCStr = ""
    routed_on: date | None = None
    due_on: date | None = None
    response: NFCStr = ""
    referred_to: NFCStr = ""
    responded_on: date | None = None
    closed_on: date | None = None


class IssueOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    year: int
    sector: str = Field(..., alias="sector.code")
    title: str
    description: str
    plan: str
    state: str
    resolved_on: date | None
    result: str
    revision: int


class IssueIn(Schema):
    unit_id: int
    year: int
    sector: str
    title: NFCStr
    plan: NFCStr
    description: NFCStr = ""


class RatioOut(Schema):
    numerator: int
    denominator: int
    percent: float | None


class FeedbackFiguresOut(Schema):
    received: int
    responded: RatioOut
    on_time: RatioOut
    overdue: int
    sentence: str


class IssueFiguresOut(Schema):
    selected: int
    resolved: RatioOut
    sentence: str


class BreakdownOut(Schema):
    label: str
    unit_id: int | None = None
    code: str | None = None
    feedback: FeedbackFiguresOut | None = None
    issues: IssueFiguresOut | None = None


class FiguresOut(Schema):
    unit_id: int
    date_from: date
    date_to: date
    judged_on: date
    tree_on: date
    via_successor: bool
    feedback: FeedbackFiguresOut
    issues: IssueFiguresOut
    feedback_by_unit: list[BreakdownOut]
    feedback_by_sector: list[BreakdownOut]
    feedback_by_channel: list[BreakdownOut]
    issues_by_sector: list[BreakdownOut]
    issues_by_unit: list[BreakdownOut]


def _unit(request, unit_id: int | None, perm=permissions.READ) -> Unit | None:
    if unit_id is None:
        return None
    return get_object_or_404(Unit.objects.visible_to(request.user, perm), pk=unit_id)


def _code(model, code: str):
    return model.objects.filter(code=code).first() if code else None


@router.get("feedback", response=list[FeedbackOut], summary="Danh sách ý kiến, kiến nghị")
@paginate(LimitOffsetPagination)
def citizens_feedback(
    request,
    unit: int | None = None,
    only_unit: bool = False,
    routed_to: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    channel: str = "",
    sector: str = "",
    state: str = "",
    status: Literal["", "da_tra_loi", "dung_han", "chua_tra_loi", "qua_han"] = "",
    at: date | None = None,
    q: NFCStr = "",
):
    """Filters as on the list page (``status`` judged at ``at``)."""
    rows = selectors.feedback_list(
        request.user,
        unit=_unit(request, unit),
        only_unit=only_unit,
        routed_to=_unit(request, routed_to),
        date_from=date_from,
        date_to=date_to,
        channel=_code(Channel, channel),
        sector=_code(Sector, sector),
        state=state,
        status=status,
        at=at,
        q=q,
    )
    return rows


@router.get("feedback/{feedback_id}", response=FeedbackOut, summary="Một ý kiến, kiến nghị")
def citizen_feedback(request, feedback_id: int):
    return selectors.feedback_for(request.user, feedback_id)


@router.post(
    "feedback",
    response={201: FeedbackOut, 422: Problem},
    summary="Ghi nhận ý kiến, kiến nghị (cần quyền ghi tại tổ chức tiếp nhận)",
)
def create_citizen_feedback(request, payload: FeedbackIn):
    unit = _unit(request, payload.unit_id)
    if not has_perm_at(request.user, permissions.WRITE, unit):
        raise Http404
    with api_write():
        feedback = services.record_feedback(
            actor=request.user,
            unit=unit,
            channel=_code(Channel, payload.channel),
            sector=_code(Sector, payload.sector),
            raised_by=payload.raised_by,
            contact=payload.contact,
            content=payload.content,
            received_on=payload.received_on,
        )
    return Status(201, citizen_feedback(request, feedback.pk))


@router.post(
    "feedback/{feedback_id}/transition",
    response={200: FeedbackOut, 422: Problem},
    summary="Chuyển xử lý, trả lời, chuyển cơ quan có thẩm quyền hoặc kết thúc một ý kiến",
)
def citizen_feedback_transition(request, feedback_id: int, payload: TransitionIn):
    feedback = selectors.feedback_for(request.user, feedback_id)
    allowed = (
        selectors.can_respond(request.user, feedback)
        if payload.action in ("answer", "refer")
        else selectors.can_manage(request.user, feedback)
    )
    if not allowed:
        raise Http404
    common = {
        "actor": request.user,
        "feedback": feedback,
        "expected_revision": payload.expected_revision,
    }
    with api_write():
        if payload.action == "route":
            routed_unit = None
            if payload.routed_unit_id is not None:
                routed_unit = Unit.objects.filter(pk=payload.routed_unit_id).first()
                if routed_unit is None:
                    return Status(422, {"detail": "Tổ chức nhận ý kiến không tồn tại."})
            services.route_feedback(
                **common,
                routed_unit=routed_unit,
                routed_agency=payload.routed_agency,
                routed_on=payload.routed_on,
                due_on=payload.due_on,
            )
        elif payload.action == "answer":
            services.answer_feedback(
                **common, response=payload.response, responded_on=payload.responded_on
            )
        elif payload.action == "refer":
            services.refer_feedback(
                **common,
                referred_to=payload.referred_to,
                response=payload.response,
                responded_on=payload.responded_on,
            )
        else:
            services.close_feedback(**common, closed_on=payload.closed_on)
    return Status(200, citizen_feedback(request, feedback.pk))


@router.get("issues", response=list[IssueOut], summary="Danh sách việc nổi cộm, bức xúc")
@paginate(LimitOffsetPagination)
def citizens_issues(
    request,
    unit: int | None = None,
    only_unit: bool = False,
    year_from: int | None = None,
    year_to: int | None = None,
    sector: str = "",
    state: str = "",
    resolved_by: date | None = None,
    q: NFCStr = "",
):
    rows = selectors.issue_list(
        request.user,
        unit=_unit(request, unit),
        only_unit=only_unit,
        year_from=year_from,
        year_to=year_to,
        sector=_code(Sector, sector),
        state=state,
        resolved_by=resolved_by,
        q=q,
    )
    return rows


@router.get("issues/{issue_id}", response=IssueOut, summary="Một việc nổi cộm, bức xúc")
def citizen_issue(request, issue_id: int):
    return selectors.issue_for(request.user, issue_id)


@router.post(
    "issues",
    response={201: IssueOut, 422: Problem},
    summary="Chọn việc nổi cộm, bức xúc của năm (01–02 việc mỗi chi bộ, cấp ủy)",
)
def create_citizen_issue(request, payload: IssueIn):
    unit = _unit(request, payload.unit_id)
    if not has_perm_at(request.user, permissions.WRITE, unit):
        raise Http404
    with api_write():
        issue = services.select_issue(
            actor=request.user,
            unit=unit,
            year=payload.year,
            sector=_code(Sector, payload.sector),
            title=payload.title,
            plan=payload.plan,
            description=payload.description,
        )
    return Status(201, citizen_issue(request, issue.pk))


def _ratio(r) -> dict:
    percent = r.percent()
    return {
        "numerator": r.numerator,
        "denominator": r.denominator,
        "percent": float(percent) if percent is not None else None,
    }


def _feedback_figures(row) -> dict:
    return {
        "received": row.received,
        "responded": _ratio(row.responded_ratio),
        "on_time": _ratio(row.on_time_ratio),
        "overdue": row.overdue,
        "sentence": row.sentence(),
    }


def _issue_figures(row) -> dict:
    return {"selected": row.selected, "resolved": _ratio(row.ratio), "sentence": row.sentence()}


def _rows(rows, key: str, out) -> list[dict]:
    return [
        {
            "label": r.label,
            "unit_id": r.unit.pk if r.unit else None,
            "code": r.code.code if r.code is not None else None,
            key: out(r),
        }
        for r in rows
    ]


@router.get("figures", response=FiguresOut, summary="Số liệu dân vận của một tổ chức trong một kỳ")
def citizens_figures(
    request,
    unit: int,
    year: int | None = None,
    quarter: int | None = Query(None, ge=1, le=4),
    month: int | None = Query(None, ge=1, le=12),
    date_from: date | None = None,
    date_to: date | None = None,
):
    """The figures page as JSON (see :mod:`dangvu.citizens.figures` for what is counted)."""
    root = _unit(request, unit)
    period = period_of(year=year, quarter=quarter, month=month, start=date_from, end=date_to)
    fb = feedback_figures(request.user, root, period)
    iss = issue_figures(request.user, root, period)
    return {
        "unit_id": root.pk,
        "date_from": period.start,
        "date_to": period.end,
        "judged_on": fb.as_of,
        "tree_on": fb.tree_on,
        "via_successor": fb.via_successor or iss.via_successor,
        "feedback": _feedback_figures(fb.total),
        "issues": _issue_figures(iss.total),
        "feedback_by_unit": _rows(fb.units, "feedback", _feedback_figures),
        "feedback_by_sector": _rows(fb.by_sector, "feedback", _feedback_figures),
        "feedback_by_channel": _rows(fb.by_channel, "feedback", _feedback_figures),
        "issues_by_sector": _rows(iss.by_sector, "issues", _issue_figures),
        "issues_by_unit": _rows(iss.units, "issues", _issue_figures),
    }
