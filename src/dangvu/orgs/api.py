from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from dangvu.accounts.scopes import today

from . import selectors
from .models import Unit, UnitVersion

router = Router(tags=["Tổ chức đảng"])


class VersionOut(Schema):
    unit_id: int
    parent_id: int | None
    name: str
    code: str
    kind: str
    path: str
    depth: int
    valid_from: date
    valid_to: date | None

    @staticmethod
    def resolve_kind(obj: UnitVersion) -> str:
        return obj.kind.code


class UnitOut(Schema):
    id: int
    name: str
    code: str
    kind: str
    parent_id: int | None
    path: str
    created_on: date
    ended_on: date | None
    revision: int

    @staticmethod
    def resolve_kind(obj: Unit) -> str:
        return obj.kind.code


class LinkOut(Schema):
    predecessor_id: int
    successor_id: int


class EventOut(Schema):
    id: int
    kind: str
    effective_date: date
    unit_id: int
    summary: str
    decision: str
    links: list[LinkOut]

    @staticmethod
    def resolve_decision(obj) -> str:
        return obj.decision_text

    @staticmethod
    def resolve_links(obj) -> list:
        return list(obj.links.all())


def _visible_unit(request, unit_id: int) -> Unit:
    return get_object_or_404(
        Unit.objects.visible_to(request.user).select_related("kind"), pk=unit_id
    )


@router.get("tree", response=list[VersionOut], summary="Cây tổ chức tại một ngày")
def tree(request, on: date | None = None, root: int | None = None):
    """Every unit visible to the caller as it stood on ``on`` (default: today)."""
    day = on or today()
    if root is not None:
        unit = _visible_unit(request, root)
        qs = selectors.subtree_on(unit, day)
    else:
        qs = UnitVersion.objects.valid_on(day).filter(
            unit__in=Unit.objects.visible_to(request.user)
        )
    return qs.select_related("kind").order_by("path")


@router.get("", response=list[UnitOut], summary="Tìm tổ chức theo tên")
def search(request, q: str = ""):
    qs = Unit.objects.visible_to(request.user).select_related("kind")
    return selectors.search_units(qs, q)[:200] if q else qs.filter(depth__lte=1)[:200]


@router.get("{unit_id}", response=UnitOut, summary="Một tổ chức")
def unit_detail(request, unit_id: int):
    return _visible_unit(request, unit_id)


@router.get("{unit_id}/ancestors", response=list[VersionOut], summary="Các cấp trên tại một ngày")
def ancestors(request, unit_id: int, on: date | None = None):
    unit = _visible_unit(request, unit_id)
    versions = selectors.ancestors_on(unit, on or today())
    visible = set(
        Unit.objects.visible_to(request.user)
        .filter(pk__in=[v.unit_id for v in versions])
        .values_list("pk", flat=True)
    )
    kinds = {k.pk: k for k in _kinds()}
    for version in versions:
        version.kind = kinds[version.kind_id]
    return [v for v in versions if v.unit_id in visible]


@router.get("{unit_id}/successors", response=list[UnitOut], summary="Đơn vị kế thừa tại một ngày")
def successors(request, unit_id: int, on: date | None = None):
    unit = _visible_unit(request, unit_id)
    units = selectors.successors_on(unit, on or today())
    kinds = {k.pk: k for k in _kinds()}
    for u in units:
        u.kind = kinds[u.kind_id]
    return units


@router.get("{unit_id}/lineage", response=list[EventOut], summary="Lịch sử tổ chức")
def lineage(request, unit_id: int):
    return selectors.history_of(_visible_unit(request, unit_id))


def _kinds():
    from .models import UnitKind

    return UnitKind.objects.all()
