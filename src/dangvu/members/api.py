"""Members under /api/members/: the same scope (404 outside it) and sensitive-field rule as the
pages; events are written through the same services."""

from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from dangvu.accounts import permissions
from dangvu.accounts.scopes import has_perm_at, scope_for, today
from dangvu.api_writes import Problem, api_write
from dangvu.audit.context import audit_source
from dangvu.audit.services import record_read
from dangvu.orgs.models import Unit
from dangvu.vntext.schema_types import NFCStr

from . import selectors, services
from .lifecycle import EventKind
from .models import SENSITIVE_FIELDS, Member

router = Router(tags=["Đảng viên"])

BASE_FIELDS = (
    "id",
    "full_name",
    "ho",
    "ten_dem",
    "ten",
    "gender",
    "birth_date",
    "cccd",
    "unit_id",
    "party_since",
    "official_date",
    "revision",
)


class MemberOut(Schema):
    """A row of the list. ``ethnicity`` and ``religion`` are present only for members inside
    the caller's ``see_sensitive`` scope."""

    id: int
    full_name: str
    ho: str
    ten_dem: str
    ten: str
    gender: str
    birth_date: date
    cccd: str
    unit_id: int | None
    unit_name: str | None = None
    party_since: date | None
    official_date: date | None
    revision: int
    status: str | None = None
    ethnicity: str | None = None
    religion: str | None = None


class MemberDetailOut(Schema):
    """One profile. ``ethnicity`` and ``religion`` are present only when the caller may see
    sensitive data of the member's unit."""

    id: int
    full_name: str
    ho: str
    ten_dem: str
    ten: str
    other_name: str
    gender: str
    birth_date: date
    cccd: str
    old_cmnd: str
    birth_registration_place: str
    hometown: str
    hometown_old: str
    permanent_address: str
    temporary_address: str
    education: str
    qualification: str
    theory_level: str
    occupation: str
    position: str
    phone: str
    unit_id: int | None
    unit_name: str | None
    party_since: date | None
    official_date: date | None
    revision: int
    status_today: str | None
    ethnicity: str | None = None
    religion: str | None = None


DETAIL_FIELDS = [
    name
    for name in MemberDetailOut.model_fields
    if name not in (*SENSITIVE_FIELDS, "unit_name", "status_today")
]


class EventOut(Schema):
    id: int
    kind: str
    date: date
    ceremony_date: date | None
    unit_id: int | None
    external: str
    end_date: date | None
    years: int | None
    study: bool
    ground: str
    sponsors: str
    decision_number: str
    decision_date: date | None
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
    sponsors: NFCStr = ""
    decision_number: NFCStr = ""
    decision_date: date | None = None
    expected_revision: int | None = None


class CountsOut(Schema):
    """Counts of a unit's subtree on a date; ``by_ethnicity`` only with ``see_sensitive``."""

    unit_id: int
    on: date
    total: int
    official: int
    probationary: int
    excused: int
    away: int
    by_status: dict[str, int]
    by_gender: dict[str, int]
    by_age: dict[str, int]
    by_theory: dict[str, int]
    by_education: dict[str, int]
    by_ethnicity: dict[str, int] | None = None


def _member(request, member_id: int) -> Member:
    return get_object_or_404(
        Member.objects.visible_to(request.user).select_related("unit"), pk=member_id
    )


def _sensitive(member: Member, scope) -> dict:
    if member.unit is not None and scope.covers(member.unit.path):
        return {name: getattr(member, name) for name in SENSITIVE_FIELDS}
    return {}


class MemberPage(LimitOffsetPagination):
    """Limit/offset pages whose rows carry the sensitive fields only where allowed."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        members = list(page["items"])
        periods = selectors.status_today(members, params.get("on"))
        scope = scope_for(request.user, permissions.SEE_SENSITIVE)
        page["items"] = [
            {
                **{name: getattr(m, name) for name in BASE_FIELDS},
                "unit_name": m.unit.name if m.unit else None,
                "status": periods[m.pk].status if m.pk in periods else None,
                **_sensitive(m, scope),
            }
            for m in members
        ]
        return page


@router.get(
    "",
    response=list[MemberOut],
    exclude_unset=True,
    summary="Danh sách đảng viên (lọc, xếp theo tên)",
)
@paginate(MemberPage)
def member_list(
    request,
    q: NFCStr = "",
    unit: int | None = None,
    status: str = "",
    on: date | None = None,
    gender: str = "",
    age_band: str = "",
    theory_level: str = "",
    ethnicity: NFCStr = "",
    religion: NFCStr = "",
):
    """Filters as on the list page; ``status`` and ``unit`` are read at date ``on`` (default
    today). ``ethnicity`` and ``religion`` match only members inside the caller's
    ``see_sensitive`` scope."""
    root = None
    if unit is not None:
        root = get_object_or_404(Unit.objects.visible_to(request.user), pk=unit)
    return selectors.member_list(
        request.user,
        q=q,
        unit=root,
        status=status,
        on=on,
        gender=gender,
        age_band=age_band,
        theory_level=theory_level,
        ethnicity=ethnicity,
        religion=religion,
    )


@router.get(
    "counts",
    response=CountsOut,
    exclude_unset=True,
    summary="Số lượng đảng viên của một tổ chức (cả các tổ chức trực thuộc) tại ngày",
)
def counts(request, unit: int, on: date | None = None):
    root = get_object_or_404(Unit.objects.visible_to(request.user, permissions.READ), pk=unit)
    day = on or today()
    figures = selectors.unit_counts(request.user, root, day)
    return {"unit_id": root.pk, "on": day, **figures}


@router.get(
    "{member_id}",
    response=MemberDetailOut,
    exclude_unset=True,
    summary="Hồ sơ một đảng viên (ghi nhật ký xem hồ sơ)",
)
def member_detail(request, member_id: int):
    member = _member(request, member_id)
    with audit_source("api"):
        record_read(actor=request.user, obj=member, unit=member.unit)
    period = selectors.status_today([member]).get(member.pk)
    scope = scope_for(request.user, permissions.SEE_SENSITIVE)
    return {
        **{name: getattr(member, name) for name in DETAIL_FIELDS},
        "unit_name": member.unit.name if member.unit else None,
        "status_today": period.status if period else None,
        **_sensitive(member, scope),
    }


@router.get("{member_id}/events", response=list[EventOut], summary="Các sự kiện của đảng viên")
def member_events(request, member_id: int):
    return list(_member(request, member_id).events.order_by("date", "id"))


@router.post(
    "{member_id}/events",
    response={201: EventOut, 422: Problem},
    summary="Ghi nhận một sự kiện (cần quyền quản lý đảng viên)",
)
def add_event(request, member_id: int, payload: EventIn):
    """The event goes through the same service as the page: a refused event answers 422
    with the reason in Vietnamese and writes nothing."""
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
    data = {k: v for k, v in data.items() if v not in (None, "", False)}
    with api_write():
        event = services.record_event(
            actor=request.user,
            member=member,
            kind=kind,
            date=day,
            expected_revision=revision,
            **data,
        )
    return Status(201, event)
