"""The member registry's indicators (see :mod:`dangvu.reports.catalogue`).

State: members on the day by status, gender and temporary absence, counted at their home unit
(a member temporarily elsewhere counts at home, as in :func:`.selectors.unit_counts`).
Flows: lifecycle events dated in the period, counted at the unit the member belonged to the
day before the event (the admitting unit for an admission), voided events left out.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse

from dangvu.reports.catalogue import FLOW, STATE, Indicator
from dangvu.vntext.formats import format_date

from .lifecycle import EXITS, MEMBER_STATUSES, EventKind, Status
from .models import Gender, MemberEvent, MemberPeriod
from .selectors import ALL_MEMBERS, period_on

SECTION = "Đảng viên"


def _members_list(unit, period, category: str = "", *, day: date | None = None) -> str:
    query = f"?don_vi={unit.pk}&ngay={format_date(day or period.end)}"
    dimension, _, value = category.partition(":")
    if dimension == "trang_thai":
        query += f"&status={value}"
    else:
        query += f"&status={ALL_MEMBERS}"
    if dimension == "gioi_tinh":
        query += f"&gender={value}"
    return reverse("members:list") + query


def members_on(start: date, end: date):
    rows = (
        period_on(end)
        .filter(status__in=MEMBER_STATUSES, unit__isnull=False)
        .values("unit_id", "status", "member__gender")
        .annotate(
            n=Count("id"),
            away=Count("id", filter=Q(away_unit__isnull=False) | ~Q(away_external="")),
        )
        .order_by()
    )
    for row in rows:
        unit_id, n = row["unit_id"], row["n"]
        yield unit_id, "", n, None
        yield unit_id, f"trang_thai:{row['status']}", n, None
        yield unit_id, f"gioi_tinh:{row['member__gender']}", n, None
        if row["away"]:
            yield unit_id, "tam_vang", row["away"], None


def _home_unit(strictly_before: bool):
    """The member's home unit on the event's day (before it, for an exit or a death)."""
    periods = MemberPeriod.objects.filter(
        member=OuterRef("member"), status__in=MEMBER_STATUSES, unit__isnull=False
    )
    lookup = "start__lt" if strictly_before else "start__lte"
    periods = periods.filter(**{lookup: OuterRef("date")})
    return Subquery(periods.order_by("-start").values("unit_id")[:1])


def _events(kinds, start: date, end: date, *, leaving: bool, category_of=None):
    rows = (
        MemberEvent.objects.filter(
            kind__in=kinds, date__gte=start, date__lte=end, voided_by__isnull=True
        )
        .annotate(home=_home_unit(leaving))
        .values("home", "kind", "years")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        if row["home"] is None:
            continue
        yield row["home"], "", row["n"], None
        if category_of:
            yield row["home"], category_of(row), row["n"], None


def admissions(start: date, end: date):
    yield from _events(
        (EventKind.ADMISSION, EventKind.READMISSION),
        start,
        end,
        leaving=False,
        category_of=lambda row: f"loai:{row['kind']}",
    )


def recognitions(start: date, end: date):
    yield from _events((EventKind.RECOGNITION,), start, end, leaving=False)


def exits(start: date, end: date):
    yield from _events(
        EXITS, start, end, leaving=True, category_of=lambda row: f"loai:{row['kind']}"
    )


def deaths(start: date, end: date):
    yield from _events((EventKind.DIED,), start, end, leaving=True)


def badges(start: date, end: date):
    yield from _events(
        (EventKind.BADGE,),
        start,
        end,
        leaving=False,
        category_of=lambda row: f"nam:{row['years']}",
    )


def _work_list(unit, period, category: str = "") -> str:
    return reverse("members:list") + f"?don_vi={unit.pk}&ngay={format_date(period.end)}"


INDICATORS = [
    Indicator(
        code="dang_vien.so_luong",
        name="Đảng viên",
        kind=STATE,
        unit="đảng viên",
        compute=members_on,
        section=SECTION,
        categories={
            f"trang_thai:{Status.OFFICIAL}": "chính thức",
            f"trang_thai:{Status.PROBATIONARY}": "dự bị",
            f"trang_thai:{Status.EXCUSED}": "miễn công tác và sinh hoạt",
            f"gioi_tinh:{Gender.FEMALE}": "nữ",
            "tam_vang": "đang sinh hoạt tạm thời nơi khác",
        },
        records=_members_list,
        sentence=(
            "tổng số {value} đảng viên (chính thức {c[trang_thai:chinh_thuc]}, dự bị "
            "{c[trang_thai:du_bi]}, miễn công tác và sinh hoạt "
            "{c[trang_thai:mien_sinh_hoat]}), trong đó đảng viên nữ {c[gioi_tinh:nu]}"
        ),
        order=20,
    ),
    Indicator(
        code="dang_vien.ket_nap",
        sentence="kết nạp {value} đảng viên mới{change_clause}",
        name="Kết nạp đảng viên",
        kind=FLOW,
        unit="đảng viên",
        compute=admissions,
        section=SECTION,
        categories={f"loai:{EventKind.READMISSION}": "kết nạp lại"},
        records=_work_list,
        order=21,
    ),
    Indicator(
        code="dang_vien.chinh_thuc",
        sentence="công nhận {value} đảng viên chính thức",
        name="Công nhận đảng viên chính thức",
        kind=FLOW,
        unit="đảng viên",
        compute=recognitions,
        section=SECTION,
        records=_work_list,
        order=22,
    ),
    Indicator(
        code="dang_vien.ra_khoi",
        sentence="{value} đảng viên ra khỏi Đảng{change_clause}",
        name="Đảng viên ra khỏi Đảng",
        kind=FLOW,
        unit="đảng viên",
        compute=exits,
        section=SECTION,
        categories={f"loai:{kind}": kind.label.lower() for kind in EXITS},
        records=_work_list,
        order=23,
    ),
    Indicator(
        code="dang_vien.tu_tran",
        sentence="{value} đảng viên từ trần",
        name="Đảng viên từ trần",
        kind=FLOW,
        unit="đảng viên",
        compute=deaths,
        section=SECTION,
        records=_work_list,
        order=24,
    ),
    Indicator(
        code="dang_vien.huy_hieu",
        sentence="trao Huy hiệu Đảng cho {value} đảng viên",
        name="Trao Huy hiệu Đảng",
        kind=FLOW,
        unit="đảng viên",
        compute=badges,
        section=SECTION,
        records=_work_list,
        order=25,
    ),
]
