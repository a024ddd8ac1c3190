"""Emulation records under /api/emulation/ (same scopes, filters and services as the pages):
a record or unit outside the caller's ``read`` scope answers 404; writing needs ``write`` at
the unit; a refused write answers 422 with the service's Vietnamese reason."""

from datetime import date

from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from dangvu.accounts import permissions
from dangvu.accounts.scopes import has_perm_at
from dangvu.api_writes import Problem, api_write
from dangvu.members.models import Member
from dangvu.orgs.models import Unit
from dangvu.vntext.schema_types import NFCStr

from . import services
from .figures import figures as compute_figures
from .listing import TABLES, filtered
from .models import Pledge

router = Router(tags=["Thi đua"])


class PledgeOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    year: int
    target: str
    pledged_on: date
    result: str | None
    revision: int

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name

    @staticmethod
    def resolve_result(obj):
        evaluation = getattr(obj, "evaluation", None)
        return evaluation.result if evaluation else None


class RegistrationOut(Schema):
    id: int
    year: int
    unit_id: int
    unit_name: str
    member_id: int | None
    member_name: str
    registered_on: date

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name

    @staticmethod
    def resolve_member_name(obj):
        return obj.member.full_name if obj.member_id else ""


class ExampleOut(Schema):
    id: int
    title: str
    kind: str
    movement: str
    state: str
    unit_id: int
    unit_name: str
    member_id: int | None
    field: str
    year: int
    recognised_by_id: int | None
    decision_ref: str

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name

    @staticmethod
    def resolve_field(obj):
        return obj.field.code


class RecognitionOut(Schema):
    id: int
    kind: str
    kind_name: str
    year: int
    member_id: int
    member_name: str
    unit_id: int
    recognised_by_id: int
    recognised_on: date
    decision_ref: str

    @staticmethod
    def resolve_kind(obj):
        return obj.kind.code

    @staticmethod
    def resolve_kind_name(obj):
        return obj.kind.name

    @staticmethod
    def resolve_member_name(obj):
        return obj.member.full_name


class PledgeIn(Schema):
    unit_id: int
    year: int
    pledged_on: date
    note: NFCStr = ""


class RegistrationIn(Schema):
    year: int
    registered_on: date
    unit_id: int | None = None
    member_id: int | None = None
    content: NFCStr = ""


class FourGoodOut(Schema):
    target: str
    existing: int
    pledged: int
    evaluated: int
    passed: int
    text: str


class LamTheoOut(Schema):
    collectives_expected: int
    collectives_registered: int
    members_expected: int
    members_registered: int
    percent: float | None
    text: str


class RowOut(Schema):
    unit_id: int
    label: str
    four_good: list[FourGoodOut]
    lam_theo: LamTheoOut


class FiguresOut(Schema):
    unit_id: int
    year: int
    tree_on: date
    four_good: list[FourGoodOut]
    lam_theo: LamTheoOut
    examples: int
    examples_collective: int
    examples_individual: int
    examples_text: str
    dan_van_kheo_registered: int
    dan_van_kheo_evaluated: int
    dan_van_kheo_effective: int
    dan_van_kheo_text: str
    recognitions_text: str
    rows: list[RowOut]
    mapped_to_successors: bool


def _query(request, **params) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in params.items():
        if value not in (None, ""):
            query[key] = str(value)
    return query


@router.get("pledges", response=list[PledgeOut], summary="Đăng ký, đánh giá 4 tốt")
@paginate(LimitOffsetPagination)
def emulation_pledges(
    request, unit: int | None = None, year: int | None = None, target: str = "", result: str = ""
):
    query = _query(request, don_vi=unit, nam=year, doi_tuong=target, ket_qua=result)
    return filtered(request.user, TABLES["4-tot"], query)[2]


@router.get("pledges/{pledge_id}", response=PledgeOut, summary="Một đăng ký 4 tốt")
def emulation_pledge(request, pledge_id: int):
    pledge = get_object_or_404(
        Pledge.objects.visible_to(request.user).select_related("unit"), pk=pledge_id
    )
    return pledge


@router.post("pledges", response={201: PledgeOut, 422: Problem}, summary="Ghi đăng ký 4 tốt")
def create_emulation_pledge(request, payload: PledgeIn):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=payload.unit_id)
    if not has_perm_at(request.user, permissions.WRITE, unit):
        raise Http404
    with api_write():
        pledge = services.create_pledge(
            actor=request.user,
            unit=unit,
            year=payload.year,
            pledged_on=payload.pledged_on,
            note=payload.note,
        )
    return Status(201, pledge)


@router.get("registrations", response=list[RegistrationOut], summary="Đăng ký học tập và làm theo")
@paginate(LimitOffsetPagination)
def emulation_registrations(
    request, unit: int | None = None, year: int | None = None, who: str = ""
):
    query = _query(request, don_vi=unit, nam=year, doi_tuong=who)
    return filtered(request.user, TABLES["lam-theo"], query)[2]


@router.post(
    "registrations",
    response={201: RegistrationOut, 422: Problem},
    summary="Ghi đăng ký học tập và làm theo (tập thể: unit_id; cá nhân: member_id)",
)
def create_emulation_registration(request, payload: RegistrationIn):
    unit = member = None
    if payload.member_id is not None:
        member = get_object_or_404(Member.objects.visible_to(request.user), pk=payload.member_id)
    elif payload.unit_id is not None:
        unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=payload.unit_id)
        if not has_perm_at(request.user, permissions.WRITE, unit):
            raise Http404
    with api_write():
        r = services.register(
            actor=request.user,
            year=payload.year,
            registered_on=payload.registered_on,
            unit=unit,
            member=member,
            content=payload.content,
        )
    return Status(201, r)


@router.get("examples", response=list[ExampleOut], summary="Mô hình, điển hình, Dân vận khéo")
@paginate(LimitOffsetPagination)
def emulation_examples(
    request,
    unit: int | None = None,
    year: int | None = None,
    kind: str = "",
    who: str = "",
    movement: str = "",
    state: str = "",
):
    query = _query(
        request,
        don_vi=unit,
        nam=year,
        loai=kind,
        doi_tuong=who,
        phong_trao=movement,
        trang_thai=state,
    )
    return filtered(request.user, TABLES["mo-hinh"], query)[2]


@router.get("recognitions", response=list[RecognitionOut], summary="Biểu dương, tôn vinh")
@paginate(LimitOffsetPagination)
def emulation_recognitions(request, unit: int | None = None, year: int | None = None):
    query = _query(request, don_vi=unit, nam=year)
    return filtered(request.user, TABLES["bieu-duong"], query)[2]


def _four_good(fg) -> dict:
    return {
        "target": fg.target,
        "existing": fg.existing,
        "pledged": fg.pledged,
        "evaluated": fg.evaluated,
        "passed": fg.passed,
        "text": fg.sentence(),
    }


def _lam_theo(lt) -> dict:
    percent = lt.rate.percent()
    return {
        "collectives_expected": lt.collectives_expected,
        "collectives_registered": lt.collectives_registered,
        "members_expected": lt.members_expected,
        "members_registered": lt.members_registered,
        "percent": float(percent) if percent is not None else None,
        "text": lt.sentence(),
    }


@router.get("figures", response=FiguresOut, summary="Số liệu thi đua của một tổ chức trong năm")
def emulation_figures(request, unit: int, year: int):
    root = get_object_or_404(Unit.objects.visible_to(request.user, permissions.READ), pk=unit)
    f = compute_figures(root, year)
    ex = f.examples
    return {
        "unit_id": root.pk,
        "year": year,
        "tree_on": f.day,
        "four_good": [_four_good(fg) for fg in f.total.four_good.values()],
        "lam_theo": _lam_theo(f.total.lam_theo),
        "examples": ex.total,
        "examples_collective": ex.collective,
        "examples_individual": ex.individual,
        "examples_text": ex.sentence(),
        "dan_van_kheo_registered": ex.dvk_registered,
        "dan_van_kheo_evaluated": ex.dvk_evaluated,
        "dan_van_kheo_effective": ex.dvk_effective,
        "dan_van_kheo_text": ex.dvk_sentence(),
        "recognitions_text": f.recognition_sentence(),
        "rows": [
            {
                "unit_id": r.unit.pk,
                "label": r.label,
                "four_good": [_four_good(fg) for fg in r.four_good.values()],
                "lam_theo": _lam_theo(r.lam_theo),
            }
            for r in f.rows
        ],
        "mapped_to_successors": f.merged,
    }
