"""start_job → run_job (immediate backend): success with progress, failures, the reporter."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from dangvu.audit.models import AuditEntry
from dangvu.jobs.models import Job
from dangvu.jobs.progress import Reporter
from dangvu.jobs.registry import UnknownJobKind, register_job
from dangvu.jobs.services import start_job
from dangvu.jobs.tasks import run_job


@register_job("tests.count", title="Đếm thử")
def count_handler(job, reporter):
    total = job.params["total"]
    for done in range(1, total + 1):
        reporter.progress(done, total, f"Đang đếm {done}")
    return {"counted": total, "message": f"Đã đếm {total} dòng."}


@register_job("tests.crash", title="Việc hỏng")
def crash_handler(job, reporter):
    reporter.progress(3, 10)
    raise RuntimeError("boom")


@register_job("tests.invalid", title="Việc có lỗi dữ liệu")
def invalid_handler(job, reporter):
    raise ValidationError(
        ["Dòng 4: ngày sinh 31/02/1980 không tồn tại", "Hãy sửa tệp rồi nhập lại"]
    )


@register_job("tests.db_error", title="Việc lỗi cơ sở dữ liệu")
def db_error_handler(job, reporter):
    Job.objects.create(kind=None, title="x")  # NOT NULL: IntegrityError


@register_job("tests.read_input", title="Đọc tệp")
def read_input_handler(job, reporter):
    with job.input_file.open("rb") as handle:
        text = handle.read().decode()
    return {"lines": len(text.splitlines())}


@pytest.fixture
def actor(world):
    return world.users["commune_b"]


def test_job_runs_to_success_with_progress(actor, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = start_job(
            actor=actor, kind="tests.count", unit=world.commune_b, params={"total": 1200}
        )
    assert len(callbacks) == 1  # one task per job
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert (job.progress_done, job.progress_total) == (1200, 1200)
    assert job.result == {"counted": 1200, "message": "Đã đếm 1200 dòng."}
    assert job.message == "Đã đếm 1200 dòng."
    assert job.title == "Đếm thử"
    assert job.started_at and job.finished_at and job.finished_at >= job.started_at
    assert job.task_result_id
    assert job.error == ""
    entry = AuditEntry.objects.get(action="jobs.start", object_id=str(job.pk))
    assert entry.actor == actor and entry.unit == world.commune_b


def test_job_waits_for_the_commit(actor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = start_job(actor=actor, kind="tests.count", params={"total": 3})
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED and len(callbacks) == 1
    callbacks[0]()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED


def test_crash_fails_with_a_vietnamese_message_and_keeps_the_traceback(
    actor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(actor=actor, kind="tests.crash")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message.startswith("Việc không hoàn thành do một lỗi của hệ thống")
    assert f"#{job.pk}" in job.message
    assert "boom" not in job.message
    assert "Traceback" in job.error and "RuntimeError: boom" in job.error
    assert (job.progress_done, job.progress_total) == (3, 10)
    assert job.finished_at is not None


def test_validation_error_messages_reach_the_user(actor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(actor=actor, kind="tests.invalid")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message == ("Dòng 4: ngày sinh 31/02/1980 không tồn tại. Hãy sửa tệp rồi nhập lại.")
    assert job.error == ""
    assert job.finished_at is not None


def test_database_error_in_handler_is_recorded(actor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(actor=actor, kind="tests.db_error")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "IntegrityError" in job.error


def test_input_file_is_stored_under_jobs_with_an_ascii_name(
    actor, settings, django_capture_on_commit_callbacks
):
    upload = ContentFile(b"a\nb\nc\n", name="Danh sách đảng viên.csv")
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(actor=actor, kind="tests.read_input", input_file=upload)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.result == {"lines": 3}
    assert job.input_name == "Danh sách đảng viên.csv"
    assert job.input_file.name.startswith("jobs/input/")
    assert job.input_file.name.endswith(".csv") and "danh-sach-dang-vien" in job.input_file.name
    assert (settings.MEDIA_ROOT / job.input_file.name).exists()


def test_unknown_kind_is_refused_at_start(actor):
    with pytest.raises(UnknownJobKind):
        start_job(actor=actor, kind="tests.no_such_kind")
    assert not Job.objects.exists()


def test_a_finished_job_is_not_run_again(actor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(actor=actor, kind="tests.count", params={"total": 2})
    assert run_job.call(job.pk) == "skipped"


def test_kind_codes_are_unique():
    with pytest.raises(ValueError, match="đã được khai báo"):

        @register_job("tests.count", title="Trùng")
        def other(job, reporter):
            return {}


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


@pytest.mark.django_db
def test_reporter_writes_at_most_twice_a_second_plus_the_last():
    job = Job.objects.create(kind="tests.count", title="Đếm thử", status=Job.Status.RUNNING)
    clock = FakeClock()
    reporter = Reporter(job, clock=clock)
    for done in range(1, 1000):  # within the same instant: one write
        reporter.progress(done, 1000)
    assert reporter.writes == 1
    job.refresh_from_db()
    assert job.progress_done == 1
    clock.now = 0.6
    reporter.progress(1000 - 1, 1000, "Gần xong")
    assert reporter.writes == 2
    reporter.progress(1000, 1000)  # the end is always written
    assert reporter.writes == 3
    job.refresh_from_db()
    assert (job.progress_done, job.progress_total, job.message) == (1000, 1000, "Gần xong")


@pytest.mark.django_db
def test_reporter_only_updates_progress_columns():
    job = Job.objects.create(kind="tests.count", title="Đếm thử", status=Job.Status.RUNNING)
    Job.objects.filter(pk=job.pk).update(title="Đổi tên ở nơi khác")
    Reporter(job).progress(5, 10)
    job.refresh_from_db()
    assert job.title == "Đổi tên ở nơi khác"
    assert (job.progress_done, job.progress_total) == (5, 10)
