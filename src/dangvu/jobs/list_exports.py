"""The XLSX export of a filtered list: the page's view and the background job behind it.

A short list is written at once (:func:`export_list`); a longer one starts the app's export
job, whose handler re-reads the list as its user saw it (:func:`job_user_and_unit`, same
scope and filters) and writes it with a progress bar (:func:`run_list_export`). Both write
the audit entry ``action`` with the filters (the job also with the rows written).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import redirect

from dangvu.accounts import permissions
from dangvu.audit.services import record_change
from dangvu.orgs.models import Unit

from .services import start_job
from .xlsx import xlsx_response

EXPORT_INLINE_MAX = 5000  # more rows: a background job with a progress bar
WRITING = "Đang ghi tệp"


def list_title(text: str, unit) -> str:
    """The export's title line: ``text`` — the unit, marked when the data is synthetic."""
    title = text + (f" — {unit.name}" if unit else "")
    if settings.DEV_DEFAULTS:
        title += " (DỮ LIỆU MÔ PHỎNG)"
    return title


def export_list(
    request,
    *,
    rows,
    job_kind: str,
    unit,
    action: str,
    name: str,
    write: Callable[[IO[bytes]], Any],
    inline_max: int,
):
    """The list as XLSX at once when it has at most ``inline_max`` rows, else a job started
    with the page's query string (the user is sent to its progress page)."""
    if rows.order_by()[: inline_max + 1].count() > inline_max:
        job = start_job(
            actor=request.user, kind=job_kind, unit=unit, params={"query": request.GET.urlencode()}
        )
        return redirect("jobs:detail", job.pk)
    record_change(
        actor=request.user,
        action=action,
        obj=request.user,
        unit=unit,
        after={"filters": request.GET.urlencode()},
    )
    return xlsx_response(name, write)


def job_user_and_unit(job) -> tuple[Any, Unit | None, QueryDict]:
    """The job's user, the unit they chose (checked again: still one they may read) and the
    list's query string."""
    user = job.actor
    if user is None:
        raise ValidationError("Việc xuất danh sách cần người thực hiện.")
    unit = None
    if job.unit_id is not None:
        unit = Unit.objects.visible_to(user, permissions.READ).filter(pk=job.unit_id).first()
        if unit is None:
            raise ValidationError("Tổ chức đã chọn không còn trong phạm vi của bạn.")
    return user, unit, QueryDict(job.params.get("query", ""))


def run_list_export(
    job,
    reporter,
    *,
    user,
    unit,
    rows,
    name: str,
    write: Callable[..., int],
    action: str,
    what: str,
) -> dict[str, Any]:
    """Write ``rows`` with ``write(handle, progress=…)`` (it returns the rows written) to the
    job's output ``name``; ``what`` names the rows in the message ("buổi sinh hoạt")."""
    total = rows.count()
    reporter.progress(0, total, WRITING)
    written = reporter.save_output(
        name,
        lambda handle: write(handle, progress=lambda done: reporter.progress(done, total, WRITING)),
    )
    reporter.progress(written, total, "Xong")
    record_change(
        actor=user,
        action=action,
        obj=user,
        unit=unit,
        after={"filters": job.params.get("query", ""), "rows": written},
    )
    return {"rows": written, "message": f"Đã xuất {written:,} {what}.".replace(",", ".")}
