"""The lists' filters read from a query string — shared by the pages, the export job and the
figures' links, so they always select the same records."""

from __future__ import annotations

from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404

from dangvu.orgs.models import Unit

from . import selectors
from .forms import FeedbackFilterForm, IssueFilterForm

EXPORT_JOB = "citizens.export"


def unit_param(user, raw: str) -> Unit | None:
    """The unit named by a query-string id; 404 when malformed or outside the read scope."""
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return get_object_or_404(selectors.readable_units(user), pk=int(raw))


def feedback_from_query(user, params: QueryDict, *, units=None):
    """(form, unit, feedback) for the filters in ``params``; a unit outside the user's scope
    answers 404. ``units`` are the choices to offer (default: just the chosen ones)."""
    unit = unit_param(user, params.get("don_vi", ""))
    routed_to = unit_param(user, params.get("noi_nhan", ""))
    if units is None:
        units = [u for u in (unit, routed_to) if u is not None]
    form = FeedbackFilterForm(params or None, units=units)
    data = form.cleaned_data if form.is_valid() else {}
    feedback = selectors.feedback_list(
        user,
        unit=unit,
        only_unit=bool(data.get("truc_tiep")),
        routed_to=routed_to,
        date_from=data.get("tu_ngay"),
        date_to=data.get("den_ngay"),
        channel=data.get("kenh"),
        sector=data.get("linh_vuc"),
        state=data.get("trang_thai") or "",
        status=data.get("tinh_hinh") or "",
        at=data.get("tai_ngay"),
        q=data.get("q") or "",
    )
    return form, unit, feedback


def issues_from_query(user, params: QueryDict, *, units=None):
    unit = unit_param(user, params.get("don_vi", ""))
    form = IssueFilterForm(
        params or None, units=units if units is not None else [unit] if unit else []
    )
    data = form.cleaned_data if form.is_valid() else {}
    issues = selectors.issue_list(
        user,
        unit=unit,
        only_unit=bool(data.get("truc_tiep")),
        year_from=data.get("tu_nam"),
        year_to=data.get("den_nam"),
        sector=data.get("linh_vuc"),
        state=data.get("tinh_hinh") or "",
        resolved_by=data.get("giai_quyet_den"),
        q=data.get("q") or "",
    )
    return form, unit, issues
