"""The report checker page: paste or upload a report, see its figures highlighted by verdict
and a table of claims, download the annotated result (HTML or XLSX).

Any signed-in user may use it: it reads no records and writes nothing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from . import export
from .checking import check_text
from .forms import CheckForm, DownloadForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_http_methods(["GET", "POST"])
def check(request):
    form = CheckForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            report = check_text(
                form.cleaned_data["text"], source=form.cleaned_data["source"], user=request.user
            )
        else:
            status = 400
    context = {
        "form": form,
        "report": report,
        "segments": export.segments(report) if report else [],
    }
    return render(request, "checker/check.html", context, status=status)


@login_required
@require_POST
def download(request):
    form = DownloadForm(request.POST)
    if not form.is_valid():
        return HttpResponse(
            "Yêu cầu tải về không hợp lệ; hãy kiểm tra lại báo cáo rồi tải.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    data = form.cleaned_data
    report = check_text(data["text"], source=data["source"], user=request.user)
    stem = slugify(data["source"].rsplit(".", 1)[0]) or "bao-cao"
    if data["format"] == "xlsx":
        response = HttpResponse(export.to_xlsx(report), content_type=XLSX)
        name = f"kiem-tra-so-lieu-{stem}.xlsx"
    else:
        response = HttpResponse(export.to_html(report), content_type="text/html; charset=utf-8")
        name = f"kiem-tra-so-lieu-{stem}.html"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
