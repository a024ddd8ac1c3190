"""Member import pages: upload → every row checked (a background job) → preview of errors →
commit (a background job); the detail page shows a progress bar while a job runs."""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for
from dangvu.orgs.models import Unit

from . import members_pipeline, tasks
from .forms import UploadForm
from .models import MemberImport


def _units(request):
    return (
        Unit.objects.visible_to(request.user, permissions.MANAGE_MEMBERS).current().order_by("path")
    )


def _imports(request):
    return MemberImport.objects.filter(
        scope_for(request.user, permissions.MANAGE_MEMBERS).q("unit__path")
    )


@login_required
def upload(request):
    if scope_for(request.user, permissions.MANAGE_MEMBERS).is_empty:
        raise Http404
    form = UploadForm(request.POST or None, request.FILES or None, units=_units(request))
    if request.method == "POST" and form.is_valid():
        record = MemberImport.objects.create(
            file=form.cleaned_data["file"],
            filename=form.cleaned_data["file"].name,
            unit=form.cleaned_data["unit"],
            actor=request.user,
            state=MemberImport.State.CHECKING,
        )
        tasks.check_member_import.enqueue(record.pk)
        return redirect("imports:detail", record.pk)
    recent = _imports(request).select_related("unit")[:20]
    return render(request, "imports/upload.html", {"form": form, "recent": recent})


@login_required
def detail(request, import_id: int):
    record = get_object_or_404(_imports(request).select_related("unit", "actor"), pk=import_id)
    return render(request, "imports/detail.html", {"record": record})


@login_required
def error_report(request, import_id: int):
    record = get_object_or_404(_imports(request), pk=import_id)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    errors = [members_pipeline.RowError(*row) for row in record.errors]
    members_pipeline.errors_to_xlsx(errors, handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"loi-{record.pk}.xlsx")


@login_required
def progress(request, import_id: int):
    """The progress fragment the detail page polls while a job runs (htmx)."""
    record = get_object_or_404(_imports(request), pk=import_id)
    if not record.running:
        response = render(request, "imports/_progress.html", {"record": record})
        response["HX-Refresh"] = "true"  # finished: reload the whole page once
        return response
    return render(request, "imports/_progress.html", {"record": record})


@login_required
@require_POST
def commit(request, import_id: int):
    record = get_object_or_404(_imports(request), pk=import_id)
    updated = MemberImport.objects.filter(pk=record.pk, state=MemberImport.State.READY).update(
        state=MemberImport.State.COMMITTING, progress=0
    )
    if not updated:
        messages.error(request, "Lượt nhập này không ở trạng thái sẵn sàng ghi.")
    else:
        tasks.commit_member_import.enqueue(record.pk, request.user.pk)
    return redirect("imports:detail", record.pk)
