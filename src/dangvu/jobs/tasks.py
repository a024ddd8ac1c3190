"""The one django-tasks task: run a job's handler and record how it ended."""

from __future__ import annotations

import logging
import traceback
from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from dangvu.audit.context import audit_source

from .models import Job
from .progress import Reporter
from .registry import UnknownJobKind, get_kind

logger = logging.getLogger(__name__)

RUNNING_MESSAGE = "Đang chạy…"
DONE_MESSAGE = "Đã xong."
CRASH_MESSAGE = (
    "Việc không hoàn thành do một lỗi của hệ thống; chưa có kết quả. Hãy chạy lại; nếu vẫn "
    "lỗi, báo cho quản trị viên kèm mã việc #{pk}."
)
INTERRUPTED_MESSAGE = "Việc bị dừng giữa chừng (máy chủ dừng hoặc khởi động lại). Hãy chạy lại."
UNKNOWN_KIND_MESSAGE = (
    "Hệ thống không còn loại việc này ({kind}); báo cho quản trị viên kèm mã việc #{pk}."
)


@task()
def run_job(job_id: int) -> str:
    """Run job ``job_id`` once; returns its final status. A job that is no longer queued
    (already run, or run by another worker) is left alone, so a retried task never runs a
    job twice."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=now, message=RUNNING_MESSAGE
    )
    if not claimed:
        logger.warning("Job %s is not queued; not run again.", job_id)
        return "skipped"
    job = Job.objects.select_related("actor", "unit").get(pk=job_id)
    reporter = Reporter(job)
    try:
        kind = get_kind(job.kind)
        # Inside a caller's transaction (the immediate backend in a request or a test) a
        # savepoint keeps a failing handler from breaking that transaction, so its failure
        # can still be recorded. The worker runs in autocommit and adds no transaction: the
        # handler's own progress writes must reach the page while it runs.
        savepoint = transaction.atomic() if transaction.get_connection().in_atomic_block else None
        with audit_source(kind.source or job.source or "system"), savepoint or nullcontext():
            result = kind.handler(job, reporter)
    except ValidationError as exc:
        _finish(job, reporter, Job.Status.FAILED, message=_messages(exc))
    except UnknownJobKind as exc:
        _finish(
            job,
            reporter,
            Job.Status.FAILED,
            message=UNKNOWN_KIND_MESSAGE.format(kind=job.kind, pk=job.pk),
            error=str(exc),
        )
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _finish(
            job,
            reporter,
            Job.Status.FAILED,
            message=CRASH_MESSAGE.format(pk=job.pk),
            error=traceback.format_exc(),
        )
    except BaseException:  # the worker is being stopped: record it, then let it stop
        _finish(
            job,
            reporter,
            Job.Status.FAILED,
            message=INTERRUPTED_MESSAGE,
            error=traceback.format_exc(),
        )
        raise
    else:
        result = dict(result or {})
        message = str(result.get("message") or "") or DONE_MESSAGE
        _finish(job, reporter, Job.Status.SUCCEEDED, message=message, result=result)
    return job.status


def _finish(job, reporter, status, *, message, error="", result=None) -> None:
    fields = {
        "status": status,
        "message": message,
        "error": error,
        "result": result,
        "finished_at": timezone.now(),
        "progress_done": reporter.done,
        "progress_total": reporter.total,
    }
    if status == Job.Status.SUCCEEDED and reporter.total is None and reporter.done:
        fields["progress_total"] = reporter.done  # the work turned out to be that much
    Job.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def _messages(exc: ValidationError) -> str:
    """The error's Vietnamese messages, one sentence after another."""
    parts = [m.strip() for m in exc.messages if m and m.strip()]
    return " ".join(p if p.endswith((".", "!", "?", ":")) else p + "." for p in parts)
