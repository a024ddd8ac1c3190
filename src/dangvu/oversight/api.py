"""Kiểm tra, giám sát, kỷ luật under /api/oversight/: the same scopes (404 outside) and
services as the pages. Decision details need ``manage_discipline``; anybody who reads a unit
gets the counts (``decisions/counts``) and the figures."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from dangvu.api_writes import Problem, api_write
from dangvu.members.models import Member
from dangvu.orgs.models import Unit
from dangvu.study.selectors import period_of
from dangvu.vntext.schema_types import NFCStr

from . import selectors, services
from .figures import case_figures, discipline_figures
from .models import ViolationCategory

router = Router(tags=["Kiểm tra, giám sát, kỷ luật"])


class PlanOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    year: int
    title: str
    number: str
    revision: int


class PlanItemOut(Schema):
    id: int
    activity: str
    kind: str
    content: str
    subject_unit_id: int | None
    subject_text: str
    month: int | None


class PlanDetailOut(PlanOut):
    note: str
    items: list[PlanItemOut]


class CaseOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    activity: str
    kind: str
    subject_unit_id: int | None
    subject_member_id: int | None
    subject_name: str
    plan_item_id: int | None
    title: str
    start_date: date
    end_date: date | None
    revision: int


class CaseDetailOut(CaseOut):
    findings: str
    conclusion: str
    follow_up: str


class DecisionOut(Schema):
    id: int
    number: str
    date: date
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    subject_kind: str
    subject_unit_id: int | None
    subject_member_id: int | None
    subject_name: str
    subject_home_id: int
    violation: str = Field(..., alias="violation.name")
    form: str
    case_id: int | None
    revision: int


class DecisionDetailOut(DecisionOut):
    text: str
    member_event_id: int | None


class FormCount(Schema):
    form: str
    decisions: int


class CountsOut(Schema):
    total: int
    members: int
    units: int
    hidden: int
    forms: list[FormCount]


class DecisionIn(Schema):
    """A unit (``subject_unit``) or a member (``subject_member``); ``form`` one of
    khien_trach, canh_cao, cach_chuc, khai_tru, giai_tan (allowed by the subject's kind)."""

    unit: int
    number: NFCStr
    date: date
    violation: int
    form: str
    subject_unit: int | None = None
    subject_member: int | None = None
    text: NFCStr = ""
    case: int | None = None


class KindCount(Schema):
    kind: str
    cases: int


class ActivityFigures(Schema):
    activity: str
    total: int
    kinds: list[KindCount]


class PeriodDiscipline(Schema):
    start: date
    end: date
    members: int
    units: int
    member_forms: list[FormCount]
    unit_forms: list[FormCount]


class FiguresOut(Schema):
    unit_id: int
    tree_on: date
    activities: list[ActivityFigures]
    discipline: PeriodDiscipline
    discipline_year_before: PeriodDiscipline
    members_sentence: str
    ended_units_counted_at_successors: int


def _root(request, unit: int | None) -> Unit | None:
    if unit is None:
        return None
    return get_object_or_404(selectors.readable_units(request.user), pk=unit)


class DecisionFilters(Schema):
    """``unit``: the subject's unit counted there; ``subject``: dang_vien or to_chuc."""

    unit: int | None = None
    first: date | None = None
    last: date | None = None
    subject: str = ""
    form: str = ""


def _filters(request, filters: DecisionFilters) -> dict:
    return {**filters.dict(), "unit": _root(request, filters.unit)}


@router.get("plans", response=list[PlanOut], summary="Kế hoạch kiểm tra, giám sát năm")
@paginate(LimitOffsetPagination)
def oversight_plans(request, unit: int | None = None, year: int | None = None):
    return selectors.plan_list(request.user, unit=_root(request, unit), year=year)


@router.get("plans/{plan_id}", response=PlanDetailOut, summary="Một kế hoạch và các nội dung")
def oversight_plan(request, plan_id: int):
    return selectors.plan_for(request.user, plan_id)


@router.get("cases", response=list[CaseOut], summary="Cuộc kiểm tra, giám sát (lọc)")
@paginate(LimitOffsetPagination)
def oversight_cases(
    request,
    unit: int | None = None,
    first: date | None = None,
    last: date | None = None,
    activity: str = "",
    kind: str = "",
):
    return selectors.case_list(
        request.user,
        unit=_root(request, unit),
        first=first,
        last=last,
        activity=activity,
        kind=kind,
    )


@router.get("cases/{case_id}", response=CaseDetailOut, summary="Một cuộc kiểm tra, giám sát")
def oversight_case(request, case_id: int):
    return selectors.case_for(request.user, case_id)


@router.get(
    "decisions",
    response=list[DecisionOut],
    summary="Quyết định kỷ luật (chỉ những quyết định người dùng được xem chi tiết)",
)
@paginate(LimitOffsetPagination)
def oversight_decisions(request, filters: Query[DecisionFilters]):
    """Only decisions within the user's ``manage_discipline`` scope; use
    ``decisions/counts`` for the counts over everything the user reads."""
    return selectors.detailed_decisions(request.user, **_filters(request, filters))


@router.get(
    "decisions/counts", response=CountsOut, summary="Số quyết định kỷ luật (không chi tiết)"
)
def oversight_decision_counts(request, filters: Query[DecisionFilters]):
    counts = selectors.decision_counts(request.user, **_filters(request, filters))
    return {**counts, "forms": [{"form": f.value, "decisions": n} for f, n in counts["forms"]]}


@router.get("decisions/{decision_id}", response=DecisionDetailOut, summary="Một quyết định kỷ luật")
def oversight_decision(request, decision_id: int):
    return selectors.decision_for(request.user, decision_id)


@router.post(
    "decisions",
    response={201: DecisionDetailOut, 422: Problem},
    summary="Ghi quyết định kỷ luật (cần quyền quản lý kỷ luật tại cấp quyết định)",
)
def oversight_decide(request, payload: DecisionIn):
    """Through the same service as the form: a refused decision (form not allowed for the
    subject, member already left …) answers 422 with the reason and writes nothing."""
    unit = get_object_or_404(selectors.managed_units(request.user), pk=payload.unit)
    subject = {}
    if payload.subject_unit is not None:
        subject["subject_unit"] = get_object_or_404(
            Unit.objects.visible_to(request.user, selectors.MANAGE), pk=payload.subject_unit
        )
    if payload.subject_member is not None:
        subject["subject_member"] = get_object_or_404(
            Member.objects.visible_to(request.user), pk=payload.subject_member
        )
    violation = get_object_or_404(ViolationCategory, pk=payload.violation, active=True)
    case = None
    if payload.case is not None:
        case = selectors.case_for(request.user, payload.case)
    with api_write():
        decision = services.decide_discipline(
            actor=request.user,
            unit=unit,
            number=payload.number,
            date=payload.date,
            violation=violation,
            form=payload.form,
            text=payload.text,
            case=case,
            **subject,
        )
    return Status(201, selectors.decision_for(request.user, decision.pk))


def _forms(counter) -> list[dict]:
    return [{"form": f, "decisions": n} for f, n in sorted(counter.items()) if n]


def _period_out(d) -> dict:
    return {
        "start": d.period.start,
        "end": d.period.end,
        "members": d.members,
        "units": d.units,
        "member_forms": _forms(d.member_forms),
        "unit_forms": _forms(d.unit_forms),
    }


@router.get(
    "figures",
    response={200: FiguresOut, 422: Problem},
    summary="Số liệu kiểm tra, giám sát, kỷ luật của một tổ chức (cả cấp dưới) trong một kỳ",
)
def oversight_figures(request, unit: int, year: int, quarter: int | None = None):
    root = _root(request, unit)
    if quarter is not None and not 1 <= quarter <= 4:
        return Status(422, {"detail": "Quý phải từ 1 đến 4."})
    period = period_of(year=year, quarter=quarter)
    cases = case_figures(root, period)
    discipline = discipline_figures(root, period)
    return {
        "unit_id": root.pk,
        "tree_on": cases.reference,
        "activities": [
            {
                "activity": activity,
                "total": cases.total(activity),
                "kinds": [{"kind": k, "cases": n} for k, _label, n in cases.by_kind(activity)],
            }
            for activity in ("kiem_tra", "giam_sat")
        ],
        "discipline": _period_out(discipline.current),
        "discipline_year_before": _period_out(discipline.previous),
        "members_sentence": discipline.sentence(),
        "ended_units_counted_at_successors": len({u.pk for u in cases.merged + discipline.merged}),
    }
