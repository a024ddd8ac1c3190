"""Emulation's indicators (see :mod:`dangvu.reports.catalogue`). Records kept by year count in
the periods that close that year (:mod:`dangvu.reports.year_records`):

* 4 tốt: units that pledged for the year, and those evaluated "đạt", per title;
* "Học tập và làm theo": members who registered over the members expected to (probationary
  and official at their home unit on 31/12 of the year, or today for the running year;
  excused members are not expected), as the figures page defines it; collectives registered;
* models and examples by kind and collective / individual, "Dân vận khéo" by state;
* recognitions (e.g. "bí thư chi bộ tiêu biểu") by kind.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.urls import reverse

from dangvu.members.lifecycle import Status
from dangvu.members.selectors import period_on
from dangvu.reports.catalogue import FLOW, Indicator
from dangvu.reports.year_records import years_closed_in

from .models import (
    Example,
    ExampleKind,
    Movement,
    Pledge,
    Recognition,
    Registration,
    Result,
    Target,
)

SECTION = "Thi đua, làm theo"


def pledges(start: date, end: date):
    rows = (
        Pledge.objects.filter(year__in=years_closed_in(start, end))
        .values("unit_id", "target")
        .annotate(n=Count("id"), passed=Count("id", filter=Q(evaluation__result=Result.PASSED)))
        .order_by()
    )
    for row in rows:
        yield row["unit_id"], "", row["passed"], row["n"]
        yield row["unit_id"], f"danh_hieu:{row['target']}", row["passed"], row["n"]


def individual_registrations(start: date, end: date):
    years = years_closed_in(start, end)
    if not years:
        return
    rows = (
        Registration.objects.filter(year__in=years, member__isnull=False)
        .values("unit_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        yield row["unit_id"], "", row["n"], 0
    expected = (
        period_on(end)
        .filter(status__in=(Status.PROBATIONARY, Status.OFFICIAL), unit__isnull=False)
        .values("unit_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in expected:
        yield row["unit_id"], "", 0, row["n"]


def collective_registrations(start: date, end: date):
    rows = (
        Registration.objects.filter(year__in=years_closed_in(start, end), member__isnull=True)
        .values("unit_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        yield row["unit_id"], "", row["n"], None


def examples(start: date, end: date):
    rows = (
        Example.objects.filter(year__in=years_closed_in(start, end))
        .values("unit_id", "kind", "movement", "state")
        .annotate(n=Count("id"), people=Count("id", filter=Q(member__isnull=False)))
        .order_by()
    )
    for row in rows:
        unit_id, n, people = row["unit_id"], row["n"], row["people"]
        yield unit_id, "", n, None
        yield unit_id, f"loai:{row['kind']}", n, None
        if people:
            yield unit_id, "doi_tuong:ca_nhan", people, None
        if n - people:
            yield unit_id, "doi_tuong:tap_the", n - people, None
        if row["movement"] == Movement.DAN_VAN_KHEO:
            yield unit_id, "dan_van_kheo", n, None
            if row["state"]:
                yield unit_id, f"dan_van_kheo:{row['state']}", n, None


def recognitions(start: date, end: date):
    rows = (
        Recognition.objects.filter(year__in=years_closed_in(start, end))
        .values("unit_id", "kind__code")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        yield row["unit_id"], "", row["n"], None
        yield row["unit_id"], f"loai:{row['kind__code']}", row["n"], None


def _url(name: str):
    def link(unit, period, category: str = "") -> str:
        return reverse(f"emulation:{name}") + f"?don_vi={unit.pk}&nam={period.end.year}"

    return link


INDICATORS = [
    Indicator(
        code="thi_dua.bon_tot",
        sentence="{ratio} tổ chức đăng ký được đánh giá đạt “4 tốt”, đạt {percent}",
        name="Tổ chức đảng đạt “4 tốt”",
        kind=FLOW,
        unit="tổ chức",
        denominator="tổ chức đăng ký",
        compute=pledges,
        section=SECTION,
        categories={f"danh_hieu:{t}": t.label for t in Target},
        records=_url("list"),
        order=80,
    ),
    Indicator(
        code="thi_dua.lam_theo_tap_the",
        sentence="{value} tập thể",
        name="Tập thể đăng ký học tập và làm theo",
        kind=FLOW,
        unit="tập thể",
        compute=collective_registrations,
        section=SECTION,
        records=_url("registrations"),
        order=81,
    ),
    Indicator(
        code="thi_dua.lam_theo",
        sentence="{ratio} đảng viên đăng ký học tập và làm theo, đạt {percent}",
        name="Đảng viên đăng ký học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        kind=FLOW,
        unit="đảng viên",
        denominator="đảng viên phải đăng ký",
        compute=individual_registrations,
        section=SECTION,
        records=_url("registrations"),
        order=82,
    ),
    Indicator(
        code="thi_dua.mo_hinh",
        sentence=(
            "{value} mô hình, điển hình ({c[doi_tuong:tap_the]} tập thể, "
            "{c[doi_tuong:ca_nhan]} cá nhân), trong đó {c[dan_van_kheo]} mô hình “Dân vận khéo”"
        ),
        name="Mô hình hay, cách làm hiệu quả, điển hình tiên tiến",
        kind=FLOW,
        unit="mô hình",
        compute=examples,
        section=SECTION,
        categories={
            **{f"loai:{k}": k.label.lower() for k in ExampleKind},
            "doi_tuong:tap_the": "tập thể",
            "doi_tuong:ca_nhan": "cá nhân",
            "dan_van_kheo": "“Dân vận khéo”",
        },
        records=_url("examples"),
        order=83,
    ),
    Indicator(
        code="thi_dua.bieu_duong",
        sentence="biểu dương {value} lượt cá nhân tiêu biểu",
        name="Cá nhân được biểu dương",
        kind=FLOW,
        unit="lượt",
        compute=recognitions,
        section=SECTION,
        records=_url("recognitions"),
        order=84,
    ),
]
