"""Background jobs with a progress bar: imports, exports, report documents, aggregate refreshes.

A feature registers a handler and starts jobs through the service::

    from dangvu.jobs.registry import register_job
    from dangvu.jobs.services import start_job

    @register_job("members.export", title="Xuất danh sách đảng viên")
    def export_members(job, reporter):          # in <app>/job_handlers.py
        ...
        reporter.progress(done, total, "Đang ghi tệp")
        reporter.save_output("dang-vien.xlsx", lambda handle: write_xlsx(handle, ...))
        return {"rows": total, "message": f"Đã xuất {total} đảng viên."}

    job = start_job(actor=request.user, kind="members.export", unit=unit, params={...})
    return redirect("jobs:detail", job.pk)

``start_job`` stores a :class:`~dangvu.jobs.models.Job` row and, once the transaction commits,
enqueues one django-tasks task (``dangvu.jobs.tasks.run_job``) that runs the handler. The
user follows it on ``/viec/<id>/`` (a progress bar polled with htmx) and downloads the
output from there. Handlers live in ``<app>/job_handlers.py`` modules, imported at start-up
by every process (web and worker) so the worker knows every kind.

Running the worker in production
--------------------------------
Jobs wait in the database (``django_tasks_db.DatabaseBackend``, queue ``default``) until a
worker runs them, so production runs a second long-lived service beside the web server,
with the same environment (``DATABASE_URL``, ``SECRET_KEY``, ``DANGVU_HOME`` …)::

    uv run dangvu db_worker

e.g. a systemd unit ``dangvu-worker.service`` with ``ExecStart=… uv run dangvu db_worker``,
``Restart=always`` and a ``TimeoutStopSec`` longer than the longest job (or a second
container running the same image). One worker runs one job at a time; run more workers for
more jobs in parallel. The first SIGTERM lets the running job finish and then stops; a
second one stops at once and the job is marked failed ("bị dừng giữa chừng"); a job cut off
by a crash or SIGKILL stays "Đang chạy" and the user starts it again. ``uv run dangvu demo``
starts a worker itself beside its web server; the test suite uses the immediate backend
(jobs run inside the request, after the commit) and never needs a worker.
"""
