"""Study and dissemination sessions under /api/study/ (same scopes and services as the pages):
a session or unit outside the caller's ``read`` scope answers 404; creating one needs
``write`` over its organising unit; a refused session answers 422 in Vietnamese."""

from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from dangvu.accounts import permissions
from dangvu.accounts.scopes import has_perm_at
from dangvu.api_writes import Problem, api_write
from dangvu.documents.models import Document
from dangvu.orgs.models import Unit
from dangvu.vntext.schema_types import NFCStr

from . import selectors, services
from .models import Attendee, AudienceKind, SessionForm

router = Router(tags=["Học tập, quán triệt"])


class GroupOut(Schema):
    kind: str
    kind_name: str
    by_list: bool
    expected: int
    attended: int


class SessionOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    date: date
    end_date: date | None
    title: str
    form: str
    place: str
    revision: int
    groups: list[GroupOut]


class AttendeeOut(Schema):
    member_id: int
    full_name: str
    present: bool
    note: str


class GroupDetailOut(GroupOut):
    attendees: list[AttendeeOut] = []


class SessionDetailOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    date: date
    end_date: date | None
    title: str
    form: str
    place: str
    note: str
    revision: int
    document_ids: list[int]
    groups: list[GroupDetailOut]


class MemberIn(Schema):
    member_id: int
    present: bool = True
    note: NFCStr = ""


class GroupIn(Schema):
    """An audience: ``members`` (a list, preferred) or ``expected`` and ``attended``."""

    kind: str
    members: list[MemberIn] | None = None
    expected: int | None = None
    attended: int | None = None


class SessionIn(Schema):
    unit_id: int
    date: date
    end_date: date | None = None
    title: NFCStr
    form: SessionForm = SessionForm.IN_PERSON
    place: NFCStr = ""
    note: NFCStr = ""
    document_ids: list[int] = []
    groups: list[GroupIn]


class KindRateOut(Schema):
    kind: str
    kind_name: str
    sessions: int
    expected: int
    attended: int
    percent: float | None
    text: str


class RowOut(Schema):
    label: str
    unit_id: int | None
    sessions: int
    kinds: list[KindRateOut]
    sentence: str


class RatesOut(Schema):
    unit_id: int
    date_from: date
    date_to: date
    tree_on: date
    document_id: int | None
    sessions: int
    kinds: list[KindRateOut]
    sentence: str
    rows: list[RowOut]
    merged_unit_ids: list[int]


class KindOut(Schema):
    code: str
    name: str


def _group_out(g) -> dict:
    return {
        "kind": g.kind.code,
        "kind_name": g.kind.name,
        "by_list": g.by_list,
        "expected": g.expected,
        "attended": g.attended,
    }


class SessionPage(LimitOffsetPagination):
    """Limit/offset pages whose rows carry their audience groups (one more query)."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page["items"] = [
            {
                **{
                    f: getattr(s, f)
                    for f in ("id", "unit_id", "date", "end_date", "title", "form", "place")
                },
                "revision": s.revision,
                "unit_name": s.unit.name,
                "groups": [_group_out(g) for g in s.group_list],
            }
            for s in selectors.with_groups(page["items"])
        ]
        return page


@router.get("audience-kinds", response=list[KindOut], summary="Các đối tượng học tập")
def study_audience_kinds(request):
    return list(AudienceKind.objects.filter(active=True))


@router.get("sessions", response=list[SessionOut], summary="Danh sách hội nghị học tập")
@paginate(SessionPage)
def study_sessions(
    request,
    unit: int | None = None,
    only_unit: bool = False,
    date_from: date | None = None,
    date_to: date | None = None,
    document: int | None = None,
    kind: str = "",
    q: NFCStr = "",
):
    """Filters as on the list page: ``unit`` keeps the sessions counted at that unit (its
    subtree as of ``date_to``, old merged units included), ``only_unit`` its own ones."""
    root = get_object_or_404(Unit.objects.visible_to(request.user), pk=unit) if unit else None
    doc = (
        get_object_or_404(Document.objects.visible_to(request.user), pk=document)
        if document
        else None
    )
    audience = get_object_or_404(AudienceKind, code=kind) if kind else None
    sessions = selectors.session_list(
        request.user,
        unit=root,
        only_unit=only_unit,
        date_from=date_from,
        date_to=date_to,
        document=doc,
        kind=audience,
        q=q,
    )
    return sessions


@router.get("sessions/{session_id}", response=SessionDetailOut, summary="Một hội nghị")
def study_session(request, session_id: int):
    session = get_object_or_404(
        selectors.visible_sessions(request.user).select_related("unit"), pk=session_id
    )
    groups = list(session.groups.select_related("kind").order_by("kind__sort_order", "id"))
    rows: dict[int, list] = {g.pk: [] for g in groups}
    for a in (
        Attendee.objects.filter(group__session=session)
        .select_related("member")
        .order_by("member__sort_key", "member_id")
    ):
        rows[a.group_id].append(a)
    return {
        **{
            f: getattr(session, f)
            for f in ("id", "unit_id", "date", "end_date", "title", "form", "place", "note")
        },
        "revision": session.revision,
        "unit_name": session.unit.name,
        "document_ids": sorted(session.documents.values_list("pk", flat=True)),
        "groups": [
            {
                **_group_out(g),
                "attendees": [
                    {
                        "member_id": a.member_id,
                        "full_name": a.member.full_name,
                        "present": a.present,
                        "note": a.note,
                    }
                    for a in rows[g.pk]
                ],
            }
            for g in groups
        ],
    }


@router.post(
    "sessions",
    response={201: SessionDetailOut, 422: Problem},
    summary="Ghi nhận một hội nghị (cần quyền ghi tại tổ chức tổ chức hội nghị)",
)
def create_study_session(request, payload: SessionIn):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=payload.unit_id)
    if not has_perm_at(request.user, permissions.WRITE, unit):
        raise Http404
    kinds = {k.code: k for k in AudienceKind.objects.all()}
    groups = []
    for group in payload.groups:
        kind = kinds.get(group.kind)
        if kind is None:
            return Status(422, {"detail": f"Đối tượng “{group.kind}” không có trong danh mục."})
        if group.members is not None:
            groups.append(
                {
                    "kind": kind,
                    "by_list": True,
                    "members": [(m.member_id, m.present, m.note) for m in group.members],
                }
            )
        else:
            groups.append({"kind": kind, "expected": group.expected, "attended": group.attended})
    documents = list(Document.objects.visible_to(request.user).filter(pk__in=payload.document_ids))
    if len(documents) != len(set(payload.document_ids)):
        return Status(422, {"detail": "Có văn bản không tồn tại hoặc ngoài phạm vi của bạn."})
    with api_write():
        session = services.create_session(
            actor=request.user,
            unit=unit,
            date=payload.date,
            end_date=payload.end_date,
            title=payload.title,
            form=payload.form,
            place=payload.place,
            note=payload.note,
            documents=documents,
            groups=groups,
        )
    return Status(201, study_session(request, session.pk))


def _kind_out(k) -> dict:
    percent = k.ratio.percent()
    return {
        "kind": k.code if hasattr(k, "code") else str(k.kind_id),
        "kind_name": k.name,
        "sessions": k.sessions,
        "expected": k.expected,
        "attended": k.attended,
        "percent": float(percent) if percent is not None else None,
        "text": k.phrase(),
    }


@router.get("rates", response=RatesOut, summary="Tỷ lệ tham gia học tập, quán triệt")
def study_rates(
    request,
    unit: int,
    year: int | None = None,
    quarter: int | None = Query(None, ge=1, le=4),
    month: int | None = Query(None, ge=1, le=12),
    date_from: date | None = None,
    date_to: date | None = None,
    document: int | None = None,
):
    """The figures page as JSON: per audience kind the sum of attended / expected over the
    sessions of the unit's subtree (old merged units counted at their successors) in the
    period (a custom range, a month, a quarter or a year; default the current year)."""
    root = get_object_or_404(Unit.objects.visible_to(request.user, permissions.READ), pk=unit)
    doc = (
        get_object_or_404(Document.objects.visible_to(request.user), pk=document)
        if document
        else None
    )
    period = selectors.period_of(
        year=year, quarter=quarter, month=month, start=date_from, end=date_to
    )
    rates = selectors.rates(request.user, root, period, document=doc)
    codes = dict(AudienceKind.objects.values_list("pk", "code"))
    for figure in [rates.total, *rates.rows]:
        for k in figure.kinds.values():
            k.code = codes.get(k.kind_id, "")
    return {
        "unit_id": root.pk,
        "date_from": period.start,
        "date_to": period.end,
        "tree_on": rates.reference,
        "document_id": doc.pk if doc else None,
        "sessions": rates.total.sessions,
        "kinds": [_kind_out(k) for k in rates.total.kind_list],
        "sentence": rates.total.sentence(),
        "rows": [
            {
                "label": r.label,
                "unit_id": r.unit.pk if r.unit else None,
                "sessions": r.sessions,
                "kinds": [_kind_out(k) for k in r.kind_list],
                "sentence": r.sentence(),
            }
            for r in rates.rows
        ],
        "merged_unit_ids": [u.pk for u in rates.merged],
    }
