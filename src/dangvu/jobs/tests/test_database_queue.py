"""With the database backend (production), start_job leaves one task row for `db_worker`,
written only when the transaction commits. The worker itself is not run here."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from dangvu.accounts.models import User
from dangvu.jobs.models import Job
from dangvu.jobs.registry import register_job
from dangvu.jobs.services import start_job

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@register_job("tests.queued", title="Việc chờ bộ chạy nền")
def queued_handler(job, reporter):
    raise AssertionError("the worker is not run in tests")


@pytest.mark.django_db(transaction=True)
def test_start_job_enqueues_one_task_row_on_commit(settings):
    settings.TASKS = DATABASE_TASKS
    actor = User.objects.create_user(username="nguoi-xuat", password="x")
    with transaction.atomic():
        job = start_job(actor=actor, kind="tests.queued", params={"nam": 2025})
        assert not DBTaskResult.objects.exists()  # nothing for the worker before the commit
    task_row = DBTaskResult.objects.get()
    assert task_row.task_path == "dangvu.jobs.tasks.run_job"
    assert task_row.args_kwargs == {"args": [job.pk], "kwargs": {}}
    assert task_row.queue_name == "default"
    assert task_row.status == "READY"
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert job.task_result_id == str(task_row.id)
