"""The case and decision lists' filters read from a query string (pages, exports and jobs)."""

from __future__ import annotations

from dangvu.accounts.scopes import today
from dangvu.jobs.list_exports import EXPORT_INLINE_MAX, list_title  # noqa: F401 - views read it here

from . import selectors
from .forms import CaseFilterForm, DecisionFilterForm
from .models import DisciplineDecision

CASES_EXPORT_JOB = "oversight.cases_export"
DECISIONS_EXPORT_JOB = "oversight.decisions_export"


def case_filters(data, *, units=()):
    form = CaseFilterForm(data or None, units=units)
    cleaned = form.cleaned_data if form.is_valid() else {}
    return form, {
        "first": cleaned.get("tu_ngay"),
        "last": cleaned.get("den_ngay"),
        "activity": cleaned.get("hoat_dong") or "",
        "kind": cleaned.get("loai") or "",
    }


def filtered_cases(user, data, *, unit=None, units=()):
    """``(form, cases)``; ``unit`` is the already-checked ``don_vi`` (readable)."""
    form, filters = case_filters(data, units=units)
    return form, selectors.case_list(user, unit=unit, **filters)


def decision_filters(data, *, unit=None, units=()):
    form = DecisionFilterForm(data or None, units=units)
    cleaned = form.cleaned_data if form.is_valid() else {}
    return form, {
        "unit": unit,
        "first": cleaned.get("tu_ngay"),
        "last": cleaned.get("den_ngay"),
        "subject": cleaned.get("doi_tuong") or "",
        "form": cleaned.get("hinh_thuc") or "",
    }


def exported_decisions(user, filters: dict):
    """Every decision the user may read (filtered); the export blanks the discipline details
    of those outside the user's ``manage_discipline`` scope."""
    qs = selectors.filter_decisions(DisciplineDecision.objects.visible_to(user), **filters)
    return qs.select_related("unit", "subject_home", "violation").order_by("-date", "-id")


def cases_title(unit) -> str:
    return list_title("DANH SÁCH CUỘC KIỂM TRA, GIÁM SÁT", unit)


def decisions_title(unit) -> str:
    return list_title("DANH SÁCH QUYẾT ĐỊNH KỶ LUẬT", unit)


def cases_name() -> str:
    return f"kiem-tra-giam-sat-{today():%Y%m%d}.xlsx"


def decisions_name() -> str:
    return f"ky-luat-{today():%Y%m%d}.xlsx"
