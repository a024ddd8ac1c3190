"""Ratings' indicators (see :mod:`dangvu.reports.catalogue`): ratings of rounds dated in the
period, members counted at the cell they belonged to on the round's day, units at the rated
unit; the share rated "hoàn thành tốt nhiệm vụ" or better over those rated (the Party's target
is above 90%). Quarterly rounds count in their own periods, like yearly ones."""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.urls import reverse

from dangvu.reports.catalogue import FLOW, Indicator

from .models import Level, Rating, SubjectKind

SECTION = "Đánh giá, xếp loại chất lượng"
GOOD_OR_BETTER = (Level.EXCELLENT, Level.GOOD)


def _ratings(kind: str, start: date, end: date):
    rows = (
        Rating.objects.filter(subject_kind=kind, round__date__gte=start, round__date__lte=end)
        .values("subject_unit_id", "level")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        yield row["subject_unit_id"], row["level"], row["n"]


def _share(kind: str):
    def compute(start: date, end: date):
        for unit_id, level, n in _ratings(kind, start, end):
            good = n if level in GOOD_OR_BETTER else 0
            yield unit_id, "", good, n
            yield unit_id, f"muc:{level}", n, n

    return compute


def _list(unit, period, category: str = "") -> str:
    query = f"?don_vi={unit.pk}&nam={period.end.year}"
    if category.startswith("muc:"):
        query += f"&muc={category[4:]}"
    return reverse("ratings:ratings") + query


LEVELS = {f"muc:{level}": level.label.lower() for level in Level}

INDICATORS = [
    Indicator(
        code="xep_loai.dang_vien",
        sentence=("{ratio} đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên, đạt {percent}"),
        name="Đảng viên xếp loại hoàn thành tốt nhiệm vụ trở lên",
        kind=FLOW,
        unit="đảng viên",
        denominator="đảng viên được xếp loại",
        compute=_share(SubjectKind.MEMBER),
        section=SECTION,
        categories=LEVELS,
        records=_list,
        order=70,
    ),
    Indicator(
        code="xep_loai.to_chuc",
        sentence=(
            "{ratio} tổ chức đảng được xếp loại hoàn thành tốt nhiệm vụ trở lên, đạt {percent}"
        ),
        name="Tổ chức đảng xếp loại hoàn thành tốt nhiệm vụ trở lên",
        kind=FLOW,
        unit="tổ chức",
        denominator="tổ chức đảng được xếp loại",
        compute=_share(SubjectKind.UNIT),
        section=SECTION,
        categories=LEVELS,
        records=_list,
        order=71,
    ),
]
