"""Inspection, supervision and discipline indicators (see :mod:`dangvu.reports.catalogue`), as
:mod:`.figures` defines them: cases counted at the conducting body by the day they started;
discipline decisions dated in the period, members counted at the unit they belonged to on the
decision day (``subject_home``), units at the disciplined unit itself. Discipline details are
for ``manage_discipline``: others see the counts, without links."""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.urls import reverse

from dangvu.accounts import permissions
from dangvu.reports.catalogue import FLOW, Indicator
from dangvu.vntext.formats import format_date

from .models import Activity, Case, CaseKind, DisciplineDecision, Form, SubjectKind

SECTION = "Kiểm tra, giám sát, kỷ luật"
MEMBER_KINDS = (SubjectKind.OFFICIAL, SubjectKind.PROBATIONARY)


def cases(start: date, end: date):
    rows = (
        Case.objects.filter(start_date__gte=start, start_date__lte=end)
        .values("unit_id", "activity", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        yield row["unit_id"], "", row["n"], None
        yield row["unit_id"], f"hoat_dong:{row['activity']}", row["n"], None
        yield row["unit_id"], f"loai:{row['kind']}", row["n"], None


def disciplined_members(start: date, end: date):
    rows = (
        DisciplineDecision.objects.filter(
            date__gte=start, date__lte=end, subject_kind__in=MEMBER_KINDS
        )
        .values("subject_home_id", "form")
        .annotate(n=Count("subject_member_id", distinct=True))
        .order_by()
    )
    for row in rows:
        yield row["subject_home_id"], f"hinh_thuc:{row['form']}", row["n"], None
    members = (
        DisciplineDecision.objects.filter(
            date__gte=start, date__lte=end, subject_kind__in=MEMBER_KINDS
        )
        .values("subject_home_id")
        .annotate(n=Count("subject_member_id", distinct=True))
        .order_by()
    )
    for row in members:
        yield row["subject_home_id"], "", row["n"], None


def disciplined_units(start: date, end: date):
    rows = (
        DisciplineDecision.objects.filter(
            date__gte=start, date__lte=end, subject_kind=SubjectKind.UNIT
        )
        .values("subject_unit_id", "form")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        yield row["subject_unit_id"], "", row["n"], None
        yield row["subject_unit_id"], f"hinh_thuc:{row['form']}", row["n"], None


def _query(unit, period) -> str:
    return (
        f"?don_vi={unit.pk}&tu_ngay={format_date(period.start)}&den_ngay={format_date(period.end)}"
    )


def _cases(unit, period, category: str = "") -> str:
    return reverse("oversight:list") + _query(unit, period)


def _decisions(unit, period, category: str = "") -> str:
    return reverse("oversight:decision_list") + _query(unit, period)


FORMS = {f"hinh_thuc:{form}": form.label.lower() for form in Form}

INDICATORS = [
    Indicator(
        code="kiem_tra.cuoc",
        sentence=(
            "tiến hành {c[hoat_dong:kiem_tra]} cuộc kiểm tra và {c[hoat_dong:giam_sat]} "
            "cuộc giám sát"
        ),
        name="Cuộc kiểm tra, giám sát",
        kind=FLOW,
        unit="cuộc",
        compute=cases,
        section=SECTION,
        categories={
            **{f"hoat_dong:{a}": a.label.lower() for a in Activity},
            **{f"loai:{k}": k.label.lower() for k in CaseKind},
        },
        records=_cases,
        order=60,
    ),
    Indicator(
        code="ky_luat.dang_vien",
        sentence="thi hành kỷ luật {value} đảng viên{change_clause}",
        name="Đảng viên bị thi hành kỷ luật",
        kind=FLOW,
        unit="đảng viên",
        compute=disciplined_members,
        section=SECTION,
        categories={k: v for k, v in FORMS.items() if not k.endswith(Form.DISSOLUTION)},
        records=_decisions,
        permission=permissions.MANAGE_DISCIPLINE,
        order=61,
    ),
    Indicator(
        code="ky_luat.to_chuc",
        sentence="{value} tổ chức đảng bị thi hành kỷ luật",
        name="Tổ chức đảng bị thi hành kỷ luật",
        kind=FLOW,
        unit="tổ chức",
        compute=disciplined_units,
        section=SECTION,
        categories={
            k: v
            for k, v in FORMS.items()
            if k.split(":")[1] in (Form.REPRIMAND, Form.WARNING, Form.DISSOLUTION)
        },
        records=_decisions,
        permission=permissions.MANAGE_DISCIPLINE,
        order=62,
    ),
]
