"""The report checker page: paste or upload a report, see its figures highlighted by verdict
and a table of claims, download the annotated result (HTML or XLSX).

Any signed-in user may use it; it writes nothing. With a unit (within the user's reporting
scope; another unit is a 404) and a period, each figure naming an indicator is also compared
with the system's aggregate (:mod:`.system`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.reports.engine import FIRST_YEAR, today
from dangvu.reports.selectors import report_units
from dangvu.web.unit_choices import MAX_UNIT_CHOICES, capped_units

from . import export
from .checking import check_text
from .forms import CheckForm, DownloadForm
from .system import BadChoice, OutOfScope, resolve

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _choices(user) -> dict:
    units = capped_units(report_units(user).current().order_by("path"), limit=MAX_UNIT_CHOICES)
    return {"units": units, "years": range(today().year, FIRST_YEAR - 1, -1)}


def _scope(request, data) -> dict:
    """unit/period for check_text from the form's choice; 404 for a unit out of scope."""
    try:
        chosen = resolve(request.user, data.get("don_vi"), data.get("ky"))
    except OutOfScope as exc:
        raise Http404(str(exc)) from exc
    if chosen is None:
        return {}
    unit, period = chosen
    return {"unit": unit, "period": period}


@login_required
@require_http_methods(["GET", "POST"])
def check(request):
    form = CheckForm(request.POST or None, request.FILES or None, **_choices(request.user))
    report = None
    scope: dict = {}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                scope = _scope(request, form.cleaned_data)
            except BadChoice as exc:
                form.add_error(None, str(exc))
                status = 400
            else:
                report = check_text(
                    form.cleaned_data["text"],
                    source=form.cleaned_data["source"],
                    user=request.user,
                    **scope,
                )
        else:
            status = 400
    context = {
        "form": form,
        "report": report,
        "compared": report is not None and "unit" in scope,
        "system_count": sum(1 for c in report.claims if c.system) if report else 0,
        "scope": scope if report is not None else {},
        "segments": export.segments(report) if report else [],
    }
    return render(request, "checker/check.html", context, status=status)


@login_required
@require_POST
def download(request):
    form = DownloadForm(request.POST, **_choices(request.user))
    if not form.is_valid():
        return HttpResponse(
            "Yêu cầu tải về không hợp lệ; hãy kiểm tra lại báo cáo rồi tải.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    data = form.cleaned_data
    try:
        scope = _scope(request, data)
    except BadChoice as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    report = check_text(data["text"], source=data["source"], user=request.user, **scope)
    stem = slugify(data["source"].rsplit(".", 1)[0]) or "bao-cao"
    if data["format"] == "xlsx":
        response = HttpResponse(export.to_xlsx(report), content_type=XLSX)
        name = f"kiem-tra-so-lieu-{stem}.xlsx"
    else:
        response = HttpResponse(export.to_html(report), content_type="text/html; charset=utf-8")
        name = f"kiem-tra-so-lieu-{stem}.html"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
