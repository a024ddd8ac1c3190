"""Starting jobs. Callers check the user's permission first; a job only records the work."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from dangvu.audit.context import current_source
from dangvu.audit.services import acting_user, record_change

from .file_names import storage_name
from .models import Job
from .registry import get_kind

logger = logging.getLogger(__name__)

ENQUEUE_FAILED_MESSAGE = (
    "Không đưa được việc vào hàng đợi (cơ sở dữ liệu hoặc bộ chạy nền gặp lỗi). Hãy thử lại."
)


def start_job(
    *,
    actor,
    kind: str,
    unit=None,
    params: dict[str, Any] | None = None,
    input_file: File | Path | str | None = None,
    title: str | None = None,
) -> Job:
    """Record a job of ``kind`` and queue it to run once the transaction commits.

    ``input_file`` (an upload, a Django ``File`` or a path) is copied to storage under
    ``jobs/input/…``; the handler opens it with ``job.input_file.open("rb")``. ``title``
    overrides the kind's title (e.g. to name the unit). Returns the job as created (status
    "queued"): with the immediate backend it has already run when this returns outside a
    transaction, so read it again (``refresh_from_db``) to see how it ended.
    """
    job_kind = get_kind(kind)  # unknown kinds fail here, not in the worker
    actor = acting_user(actor)
    job = Job(
        kind=kind,
        title=title or job_kind.title,
        actor=actor,
        unit=unit,
        params=params or {},
        source=job_kind.source or current_source(),
    )
    with transaction.atomic():
        if input_file is not None:
            _attach_input(job, input_file)
        job.save()
        record_change(
            actor=actor,
            action="jobs.start",
            obj=job,
            unit=unit,
            after={"kind": kind, "title": job.title, "params": job.params},
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _attach_input(job: Job, input_file: File | Path | str) -> None:
    if isinstance(input_file, str | Path):
        path = Path(input_file)
        job.input_name = path.name
        with path.open("rb") as handle:
            job.input_file.save(storage_name(path.name), File(handle), save=False)
        return
    original = Path(getattr(input_file, "name", "") or "tep").name
    job.input_name = original
    job.input_file.save(storage_name(original), input_file, save=False)


def _enqueue(job_id: int) -> None:
    from .tasks import run_job

    try:
        result = run_job.enqueue(job_id)
    except Exception:
        logger.exception("Job %s could not be enqueued", job_id)
        Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
            status=Job.Status.FAILED,
            message=ENQUEUE_FAILED_MESSAGE,
            finished_at=timezone.now(),
        )
        return
    Job.objects.filter(pk=job_id).update(task_result_id=str(result.id))
