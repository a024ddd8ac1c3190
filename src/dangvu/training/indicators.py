"""Training's indicators (see :mod:`dangvu.reports.catalogue`): classes counted in the period
of their closing day (bế giảng) at the organising unit, as the training figures page counts
them; trainees = enrolments in those classes, by programme (``chuong_trinh:<code>``)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.urls import reverse

from dangvu.reports.catalogue import FLOW, Indicator
from dangvu.vntext.formats import format_date

from .models import Enrolment, TrainingClass

SECTION = "Đào tạo, bồi dưỡng"


def classes(start: date, end: date):
    rows = (
        TrainingClass.objects.filter(end_date__gte=start, end_date__lte=end)
        .values("unit_id", "programme__code")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        yield row["unit_id"], "", row["n"], None
        yield row["unit_id"], f"chuong_trinh:{row['programme__code']}", row["n"], None


def trainees(start: date, end: date):
    rows = (
        Enrolment.objects.filter(
            training_class__end_date__gte=start, training_class__end_date__lte=end
        )
        .values("training_class__unit_id", "training_class__programme__code")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        unit_id, code = row["training_class__unit_id"], row["training_class__programme__code"]
        yield unit_id, "", row["n"], None
        yield unit_id, f"chuong_trinh:{code}", row["n"], None


def _class_list(unit, period, category: str = "") -> str:
    return reverse("training:list") + (
        f"?don_vi={unit.pk}&tu_ngay={format_date(period.start)}&den_ngay={format_date(period.end)}"
    )


COMMON = {"kind": FLOW, "section": SECTION, "records": _class_list}

INDICATORS = [
    Indicator(
        code="dao_tao.lop",
        sentence="đã mở {value} lớp đào tạo, bồi dưỡng",
        name="Lớp đào tạo, bồi dưỡng",
        unit="lớp",
        compute=classes,
        order=50,
        **COMMON,
    ),
    Indicator(
        code="dao_tao.hoc_vien",
        sentence="với {value} học viên",
        name="Học viên các lớp đào tạo, bồi dưỡng",
        unit="học viên",
        compute=trainees,
        order=51,
        **COMMON,
    ),
]
