"""Member import pages: upload → every row checked → preview of errors → commit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for
from dangvu.audit.context import audit_source
from dangvu.orgs.models import Unit

from . import members_pipeline
from .forms import UploadForm
from .models import MemberImport

SHOWN_ERRORS = 1000


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
        record = MemberImport(
            file=form.cleaned_data["file"],
            filename=form.cleaned_data["file"].name,
            unit=form.cleaned_data["unit"],
            actor=request.user,
            state=MemberImport.State.INVALID,
        )
        record.save()
        with record.file.open("rb") as stream:
            result = members_pipeline.validate(stream, record.filename, scope_unit=record.unit)
        record.rows, record.new, record.existing = result.rows, result.new, result.existing
        record.error_count = len(result.errors)
        record.errors = [[e.row, e.column, e.value, e.reason] for e in result.errors[:SHOWN_ERRORS]]
        record.message = result.file_error
        record.state = MemberImport.State.READY if result.ok else MemberImport.State.INVALID
        record.save()
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
    import tempfile

    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    errors = [members_pipeline.RowError(*row) for row in record.errors]
    members_pipeline.errors_to_xlsx(errors, handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"loi-{record.pk}.xlsx")


@login_required
@require_POST
def commit(request, import_id: int):
    record = get_object_or_404(_imports(request), pk=import_id)
    if record.state != MemberImport.State.READY:
        messages.error(request, "Lượt nhập này không ở trạng thái sẵn sàng ghi.")
        return redirect("imports:detail", record.pk)
    try:
        with record.file.open("rb") as stream, audit_source("import"):
            outcome = members_pipeline.commit(
                stream, record.filename, scope_unit=record.unit, actor=request.user
            )
    except members_pipeline.ImportFileError as exc:
        outcome = None
        record.message = str(exc)
    if outcome is None or outcome.problems:
        record.state = MemberImport.State.FAILED
        if outcome is not None:
            first = outcome.problems[0]
            record.message = f"Dòng {first.row}: {first.reason}. Chưa ghi gì."
        record.save()
        messages.error(request, record.message)
    else:
        record.state = MemberImport.State.COMMITTED
        record.committed_at = timezone.now()
        record.message = (
            f"Đã ghi {outcome.created} người mới, cập nhật {outcome.updated}, "
            f"{outcome.unchanged} không đổi."
        )
        record.save()
        messages.success(request, record.message)
    return redirect("imports:detail", record.pk)
