"""Đánh giá, xếp loại under /api/ratings/: same scopes (404 outside) and services as the pages."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from dangvu.accounts.scopes import today
from dangvu.audit.context import audit_source
from dangvu.vntext.schema_types import NFCStr

from . import selectors, services
from .figures import Period
from .figures import figures as compute_figures
from .schemes import quota_of

router = Router(tags=["Đánh giá, xếp loại"])


class RoundOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    subject_kind: str
    year: int
    quarter: int
    date: date
    title: str
    revision: int


class QuotaOut(Schema):
    excellent: int
    base: int
    percent: float | None
    limit: int | None
    exceeded: bool
    warning: str


class RoundDetailOut(RoundOut):
    quota: QuotaOut


class RatingOut(Schema):
    id: int
    round_id: int
    subject_kind: str
    member_id: int | None
    member_name: str | None
    subject_unit_id: int
    subject_unit_name: str = Field(..., alias="subject_unit.name")
    year: int
    quarter: int
    level: str
    score: Decimal
    note: str
    revision: int

    @staticmethod
    def resolve_member_name(obj):
        return obj.member.full_name if obj.member_id else None


class CommitmentOut(Schema):
    id: int
    unit_id: int
    member_id: int | None
    rating_id: int | None
    shortcoming: str
    action: str
    due: date
    done_on: date | None
    overdue: bool

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_overdue(today())


class EntryIn(Schema):
    member_id: int
    score: Decimal
    level: str = ""
    note: NFCStr = ""
    revision: int | None = None


class RatingsIn(Schema):
    """Member ratings of a round, all or nothing: ``level`` empty = derived from the score;
    ``revision`` = the stored rating's revision when changing one."""

    entries: list[EntryIn]


class OutcomeOut(Schema):
    created: int
    updated: int
    warnings: list[str]


class Problem(Schema):
    detail: str
    errors: list[str] = []


class RatioOut(Schema):
    numerator: int
    denominator: int
    percent: float | None


class DistributionOut(Schema):
    counts: dict[str, int]
    total: int
    good_or_better: RatioOut


class FigureRowOut(Schema):
    label: str
    unit_id: int | None
    members: DistributionOut
    units: DistributionOut


class FiguresOut(Schema):
    unit_id: int
    year: int
    quarter: int
    tree_on: date
    sentence: str
    members: DistributionOut
    units: DistributionOut
    rows: list[FigureRowOut]
    merged_unit_ids: list[int]


def _quota(q) -> dict:
    return {
        "excellent": q.excellent,
        "base": q.base,
        "percent": float(q.percent) if q.percent is not None else None,
        "limit": q.limit,
        "exceeded": q.exceeded,
        "warning": q.warning(),
    }


def _dist(d) -> dict:
    r = d.good_or_better
    percent = r.percent()
    return {
        "counts": d.counts,
        "total": d.total,
        "good_or_better": {
            "numerator": r.numerator,
            "denominator": r.denominator,
            "percent": float(percent) if percent is not None else None,
        },
    }


@router.get(
    "rounds",
    response=list[RoundOut],
    summary="Các đợt đánh giá, xếp loại",
    url_name="rating_rounds",
)
@paginate(LimitOffsetPagination)
def round_list(request, unit: int | None = None, year: int | None = None, subject_kind: str = ""):
    root = None
    if unit is not None:
        root = get_object_or_404(selectors.readable_units(request.user), pk=unit)
    return selectors.round_list(request.user, unit=root, year=year, subject_kind=subject_kind)


@router.get(
    "rounds/{round_id}",
    response=RoundDetailOut,
    summary="Một đợt và cảnh báo tỷ lệ",
    url_name="rating_round",
)
def round_detail(request, round_id: int):
    round_ = selectors.round_for(request.user, round_id)
    round_.quota = _quota(quota_of(round_))
    return round_


@router.post(
    "rounds/{round_id}/ratings",
    response={200: OutcomeOut, 422: Problem},
    summary="Ghi kết quả xếp loại đảng viên (cả chi bộ một lần, tất cả hoặc không)",
    url_name="rating_submit",
)
def submit_ratings(request, round_id: int, payload: RatingsIn):
    round_ = selectors.round_for(request.user, round_id)
    entries = [services.Entry(**e.dict()) for e in payload.entries]
    try:
        with audit_source("api"):
            outcome = services.rate_members(actor=request.user, round_=round_, entries=entries)
    except ValidationError as exc:
        return Status(422, {"detail": "Không ghi được kết quả.", "errors": exc.messages})
    return Status(
        200, {"created": outcome.created, "updated": outcome.updated, "warnings": outcome.warnings}
    )


@router.get("", response=list[RatingOut], summary="Kết quả xếp loại (lọc)", url_name="rating_list")
@paginate(LimitOffsetPagination)
def rating_list(
    request,
    unit: int | None = None,
    year: int | None = None,
    quarter: int | None = None,
    subject_kind: str = "",
    level: str = "",
):
    root = None
    if unit is not None:
        root = get_object_or_404(selectors.readable_units(request.user), pk=unit)
    day = Period(year, quarter or 0).end if year else None
    return selectors.rating_list(
        request.user,
        unit=root,
        day=day,
        year=year,
        quarter=quarter,
        subject_kind=subject_kind,
        level=level,
    )


@router.get(
    "figures",
    response={200: FiguresOut, 422: Problem},
    summary="Số liệu xếp loại của một tổ chức (cả cấp dưới) trong một năm hoặc quý",
    url_name="rating_figures",
)
def rating_figures(request, unit: int, year: int, quarter: int = 0):
    root = get_object_or_404(selectors.readable_units(request.user), pk=unit)
    if quarter not in (0, 1, 2, 3, 4):
        return Status(422, {"detail": "Quý phải từ 1 đến 4 (0: cả năm)."})
    f = compute_figures(root, Period(year, quarter))
    return {
        "unit_id": root.pk,
        "year": year,
        "quarter": quarter,
        "tree_on": f.reference,
        "sentence": f.sentence(),
        "members": _dist(f.total.members),
        "units": _dist(f.total.units),
        "rows": [
            {
                "label": row.label,
                "unit_id": row.unit.pk if row.unit else None,
                "members": _dist(row.members),
                "units": _dist(row.units),
            }
            for row in f.rows
        ],
        "merged_unit_ids": [u.pk for u in f.merged],
    }


@router.get(
    "commitments",
    response=list[CommitmentOut],
    summary="Đăng ký khắc phục (lọc)",
    url_name="rating_commitments",
)
@paginate(LimitOffsetPagination)
def commitment_list(request, unit: int | None = None, state: str = ""):
    root = None
    if unit is not None:
        root = get_object_or_404(selectors.readable_units(request.user), pk=unit)
    return selectors.commitment_list(request.user, unit=root, state=state)
