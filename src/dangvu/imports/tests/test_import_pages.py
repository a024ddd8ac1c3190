"""The import pages: upload, preview of every error, commit all or nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile

from dangvu.imports.models import MemberImport
from dangvu.jobs.models import Job
from dangvu.members.models import Member

from .test_member_import import GOOD, xlsx


def upload(client, world, rows, name="ds.xlsx"):
    return client.post(
        "/nhap-du-lieu/dang-vien/",
        {"file": SimpleUploadedFile(name, xlsx(rows).getvalue()), "unit": world.commune_a.pk},
    )


def test_upload_preview_commit(world, client, django_assert_max_num_queries):
    client.force_login(world.users["commune_a"])
    response = upload(client, world, GOOD)
    record = MemberImport.objects.get()
    assert response.status_code == 302 and record.state == "ready" and record.new == 2
    with django_assert_max_num_queries(8):
        page = client.get(f"/nhap-du-lieu/dang-vien/{record.pk}/").content.decode()
    assert "Ghi 2 dòng vào hồ sơ" in page
    client.post(f"/nhap-du-lieu/dang-vien/{record.pk}/ghi/")
    record.refresh_from_db()
    assert record.state == "committed" and Member.objects.count() == 2
    # the report figures are brought up to date after the import (a job of its own)
    assert Job.objects.filter(kind="reports.refresh", actor=world.users["commune_a"]).exists()
    client.post(f"/nhap-du-lieu/dang-vien/{record.pk}/ghi/")  # a second click writes nothing
    assert Member.objects.count() == 2


def test_file_with_errors_shows_them_and_cannot_be_committed(world, client):
    client.force_login(world.users["commune_a"])
    bad = [[*GOOD[0][:3], "31/02/1980", *GOOD[0][4:]], GOOD[1]]
    upload(client, world, bad)
    record = MemberImport.objects.get()
    assert record.state == "invalid" and record.error_count == 1
    page = client.get(f"/nhap-du-lieu/dang-vien/{record.pk}/").content.decode()
    assert "31/02/1980" in page and "không tồn tại" in page and "Ghi 2 dòng" not in page
    report = client.get(f"/nhap-du-lieu/dang-vien/{record.pk}/loi.xlsx")
    assert report.status_code == 200
    client.post(f"/nhap-du-lieu/dang-vien/{record.pk}/ghi/")
    assert Member.objects.count() == 0


def test_wrong_file_type_is_refused_in_vietnamese(world, client):
    client.force_login(world.users["commune_a"])
    response = client.post(
        "/nhap-du-lieu/dang-vien/",
        {"file": SimpleUploadedFile("ds.pdf", b"%PDF"), "unit": world.commune_a.pk},
    )
    assert (
        response.status_code == 200 and "Chỉ nhận tệp .xlsx hoặc .csv" in response.content.decode()
    )


def test_progress_fragment_polls_while_running_and_reloads_when_done(world, client):
    client.force_login(world.users["commune_a"])
    upload(client, world, GOOD)
    record = MemberImport.objects.get()
    MemberImport.objects.filter(pk=record.pk).update(state="committing", progress=1, rows=2)
    running = client.get(f"/nhap-du-lieu/dang-vien/{record.pk}/tien-do/")
    assert 'hx-trigger="every 1s"' in running.content.decode() and "HX-Refresh" not in running
    assert "1/2 dòng" in running.content.decode()
    MemberImport.objects.filter(pk=record.pk).update(state="committed")
    done = client.get(f"/nhap-du-lieu/dang-vien/{record.pk}/tien-do/")
    assert done["HX-Refresh"] == "true"


def test_jobs_go_to_the_task_queue_outside_tests(world, client, settings):
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(world.users["commune_a"])
    upload(client, world, GOOD)
    record = MemberImport.objects.get()
    assert record.state == "checking"  # queued, not run in the request
    assert [r.args for r in task_backends["default"].results] == [[record.pk]]
    assert Member.objects.count() == 0
