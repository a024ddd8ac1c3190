from datetime import date

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from dangvu.accounts import permissions
from dangvu.accounts.scopes import has_perm_at, today
from dangvu.audit.context import audit_source
from dangvu.audit.services import record_read
from dangvu.orgs.models import Unit
from dangvu.vntext.schema_types import NFCStr

from . import selectors, services
from .lifecycle import EventKind
from .models import Member

router = Router(tags=["Đảng viên"])


class MemberOut(Schema):
    id: int
    full_name: str
    ho: str
    ten_dem: str
    ten: str
    gender: str
    birth_date: date
    cccd: str
    unit_id: int | None
    party_since: date | None
    official_date: date | None
    revision: int


class MemberDetailOut(MemberOut):
    ethnicity: str | None = None
    religion: str | None = None
    status_today: str | None = None


class EventOut(Schema):
    id: int
    kind: str
    date: date
    ceremony_date: date | None
    unit_id: int | None
    external: str
    end_date: date | None
    years: int | None
    decision_number: str
    voided: bool

    @staticmethod
    def resolve_voided(obj) -> bool:
        return obj.voided_by_id is not None


class EventIn(Schema):
    kind: EventKind
    date: date
    ceremony_date: date | None = None
    unit_id: int | None = None
    external: NFCStr = ""
    end_date: date | None = None
    years: int | None = None
    study: bool = False
    ground: NFCStr = ""
    decision_number: NFCStr = ""
    decision_date: date | None = None
    expected_revision: int | None = None


class Problem(Schema):
    detail: str


def _member(request, member_id: int) -> Member:
    return get_object_or_404(
        Member.objects.visible_to(request.user).select_related("unit"), pk=member_id
    )


@router.get("", response=list[MemberOut], summary="Danh sách đảng viên (lọc, xếp theo tên)")
@paginate
def member_list(
    request,
    q: str = "",
    unit: int | None = None,
    status: str = "",
    on: date | None = None,
    gender: str = "",
):
    root = None
    if unit is not None:
        root = get_object_or_404(Unit.objects.visible_to(request.user), pk=unit)
    return selectors.member_list(request.user, q=q, unit=root, status=status, on=on, gender=gender)


@router.get("{member_id}", response=MemberDetailOut, summary="Hồ sơ một đảng viên")
def member_detail(request, member_id: int):
    member = _member(request, member_id)
    with audit_source("api"):
        record_read(actor=request.user, obj=member, unit=member.unit)
    period = selectors.status_today([member]).get(member.pk)
    member.status_today = period.status if period else None
    if not selectors.can_see_sensitive(request.user, member.unit):
        member.ethnicity = member.religion = None
    return member


@router.get("{member_id}/events", response=list[EventOut], summary="Các sự kiện của đảng viên")
def member_events(request, member_id: int):
    return list(_member(request, member_id).events.order_by("date", "id"))


@router.post(
    "{member_id}/events",
    response={201: EventOut, 422: Problem},
    summary="Ghi nhận một sự kiện (cần quyền quản lý đảng viên)",
)
def add_event(request, member_id: int, payload: EventIn):
    member = _member(request, member_id)
    if member.unit is None or not has_perm_at(
        request.user, permissions.MANAGE_MEMBERS, member.unit
    ):
        raise Http404
    data = payload.dict()
    unit_id = data.pop("unit_id")
    revision = data.pop("expected_revision")
    kind, day = data.pop("kind"), data.pop("date")
    if unit_id is not None:
        data["unit"] = get_object_or_404(Unit.objects.visible_to(request.user), pk=unit_id)
    data = {k: v for k, v in data.items() if v not in (None, "")}
    try:
        with audit_source("api"):
            event = services.record_event(
                actor=request.user,
                member=member,
                kind=kind,
                date=day,
                expected_revision=revision,
                **data,
            )
    except ValidationError as exc:
        return Status(422, {"detail": " ".join(exc.messages)})
    return Status(201, event)


class CountsOut(Schema):
    unit_id: int
    on: date
    total: int
    by_status: dict[str, int]
    away: int
    by_gender: dict[str, int]
    by_age: dict[str, int]
    by_ethnicity: dict[str, int] | None = None


@router.get("counts/", response=CountsOut, summary="Số lượng đảng viên của một tổ chức tại ngày")
def counts(request, unit: int, on: date | None = None):
    root = get_object_or_404(Unit.objects.visible_to(request.user, permissions.READ), pk=unit)
    day = on or today()
    figures = selectors.unit_counts(request.user, root, day)
    return {"unit_id": root.pk, "on": day, **figures}
