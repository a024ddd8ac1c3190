"""Study sessions' indicators (see :mod:`dangvu.reports.catalogue`), as in :func:`.selectors.rates`:
sessions (hội nghị học tập, quán triệt) dated in the period, counted at the organising unit;
participation = attended / expected over their audience groups, in total and per audience
kind (``doi_tuong:<code>``, e.g. the key officials "cán bộ chủ chốt")."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Sum
from django.urls import reverse

from dangvu.reports.catalogue import FLOW, Indicator
from dangvu.vntext.formats import format_date

from .models import AudienceGroup, StudySession

SECTION = "Học tập, quán triệt"


def sessions(start: date, end: date):
    rows = (
        StudySession.objects.filter(date__gte=start, date__lte=end)
        .values("unit_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        yield row["unit_id"], "", row["n"], None


def participation(start: date, end: date):
    rows = (
        AudienceGroup.objects.filter(session__date__gte=start, session__date__lte=end)
        .values("session__unit_id", "kind__code")
        .annotate(expected=Sum("expected"), attended=Sum("attended"))
        .order_by()
    )
    for row in rows:
        if not row["expected"]:
            continue
        unit_id = row["session__unit_id"]
        yield unit_id, "", row["attended"], row["expected"]
        yield unit_id, f"doi_tuong:{row['kind__code']}", row["attended"], row["expected"]


def _sessions_list(unit, period, category: str = "") -> str:
    return reverse("study:list") + (
        f"?don_vi={unit.pk}&tu_ngay={format_date(period.start)}&den_ngay={format_date(period.end)}"
    )


INDICATORS = [
    Indicator(
        code="hoc_tap.hoi_nghi",
        sentence="tổ chức {value} hội nghị học tập, quán triệt",
        name="Hội nghị học tập, quán triệt",
        kind=FLOW,
        unit="hội nghị",
        compute=sessions,
        section=SECTION,
        records=_sessions_list,
        order=30,
    ),
    Indicator(
        code="hoc_tap.tham_gia",
        sentence="{ratio} lượt cán bộ, đảng viên tham gia, đạt {percent}",
        name="Lượt cán bộ, đảng viên tham gia học tập, quán triệt",
        kind=FLOW,
        unit="lượt",
        denominator="lượt được triệu tập",
        compute=participation,
        section=SECTION,
        records=_sessions_list,
        order=31,
    ),
]
