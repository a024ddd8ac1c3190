"""The import as background jobs: check every row, then commit; progress saved as it goes."""

import time

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks import task

from dangvu.audit.context import audit_source

from . import members_pipeline
from .models import MemberImport

SHOWN_ERRORS = 1000


def _reporter(record_id: int):
    last = [0.0]

    def report(done: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.5:
            MemberImport.objects.filter(pk=record_id).update(progress=done)
            last[0] = now

    return report


@task()
def check_member_import(record_id: int) -> None:
    record = MemberImport.objects.select_related("unit").get(pk=record_id)
    with record.file.open("rb") as stream:
        result = members_pipeline.validate(
            stream, record.filename, scope_unit=record.unit, progress=_reporter(record.pk)
        )
    MemberImport.objects.filter(pk=record.pk).update(
        rows=result.rows,
        new=result.new,
        existing=result.existing,
        progress=result.rows,
        error_count=len(result.errors),
        errors=[[e.row, e.column, e.value, e.reason] for e in result.errors[:SHOWN_ERRORS]],
        message=result.file_error,
        state=MemberImport.State.READY if result.ok else MemberImport.State.INVALID,
    )


@task()
def commit_member_import(record_id: int, actor_id: int) -> None:
    record = MemberImport.objects.select_related("unit").get(pk=record_id)
    actor = get_user_model().objects.get(pk=actor_id)
    try:
        with record.file.open("rb") as stream, audit_source("import"):
            outcome = members_pipeline.commit(
                stream,
                record.filename,
                scope_unit=record.unit,
                actor=actor,
                progress=_reporter(record.pk),
            )
    except members_pipeline.ImportFileError as exc:
        MemberImport.objects.filter(pk=record.pk).update(
            state=MemberImport.State.FAILED, message=f"{exc}. Chưa ghi gì."
        )
        return
    if outcome.problems:
        first = outcome.problems[0]
        MemberImport.objects.filter(pk=record.pk).update(
            state=MemberImport.State.FAILED,
            message=f"Dòng {first.row}: {first.reason}. Chưa ghi gì.",
        )
        return
    MemberImport.objects.filter(pk=record.pk).update(
        state=MemberImport.State.COMMITTED,
        committed_at=timezone.now(),
        progress=record.rows,
        message=f"Đã ghi {outcome.created} người mới, cập nhật {outcome.updated}, "
        f"{outcome.unchanged} không đổi.",
    )
    refresh_figures_after_import(actor)


def refresh_figures_after_import(actor) -> None:
    """The registry changed: bring the report aggregates up to date (a background job)."""
    from dangvu.jobs.services import start_job
    from dangvu.reports.job_handlers import REFRESH_JOB

    start_job(actor=actor, kind=REFRESH_JOB)
