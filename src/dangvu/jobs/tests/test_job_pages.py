"""/viec/ pages: the user's jobs, one job with its progress bar, the fragment, the download."""

from datetime import date
from io import BytesIO
from urllib.parse import quote

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.accounts.models import User
from dangvu.jobs.models import Job
from dangvu.jobs.registry import register_job
from dangvu.jobs.services import start_job
from dangvu.jobs.xlsx import Column, write_xlsx

OUTPUT_NAME = "Danh sách đảng viên — xã Phú Mỹ.xlsx"


@register_job("tests.export", title="Xuất danh sách thử")
def export_handler(job, reporter):
    rows = [["Nguyễn Văn An", "001080012345", date(1980, 1, 2)]] * 3
    columns = [
        Column("Họ và tên", 28),
        Column("Số định danh cá nhân", 16),
        Column("Sinh", 12, "date"),
    ]
    reporter.save_output(
        OUTPUT_NAME,
        lambda handle: write_xlsx(handle, sheet_title="Đảng viên", columns=columns, rows=rows),
    )
    return {"message": "Đã xuất 3 đảng viên."}


@register_job("tests.crash_page", title="Việc hỏng")
def crash_handler(job, reporter):
    raise RuntimeError("lỗi kỹ thuật bí mật")


def run(django_capture_on_commit_callbacks, **kwargs) -> Job:
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(**kwargs)
    job.refresh_from_db()
    return job


@pytest.fixture
def export_job(world, django_capture_on_commit_callbacks):
    return run(
        django_capture_on_commit_callbacks,
        actor=world.users["commune_b"],
        kind="tests.export",
        unit=world.commune_b,
    )


def running_job(world, **fields) -> Job:
    return Job.objects.create(
        kind="tests.export",
        title="Xuất danh sách thử",
        actor=world.users["commune_b"],
        unit=world.commune_b,
        status=Job.Status.RUNNING,
        **fields,
    )


def test_list_shows_only_my_jobs_newest_first(world, login, django_assert_max_num_queries):
    mine = [running_job(world, progress_done=i, progress_total=10) for i in range(3)]
    Job.objects.create(kind="tests.export", title="Của người khác", actor=world.users["province"])
    client = login(world.users["commune_b"])
    with django_assert_max_num_queries(4):
        response = client.get(reverse("jobs:list"))
    assert response.status_code == 200
    assert [job.pk for job in response.context["page"]] == [job.pk for job in reversed(mine)]
    assert "Của người khác" not in response.content.decode()


def test_list_is_paginated(world, login, django_assert_max_num_queries):
    Job.objects.bulk_create(
        Job(kind="tests.export", title=f"Việc {i}", actor=world.users["member"]) for i in range(30)
    )
    client = login(world.users["member"])
    with django_assert_max_num_queries(4):
        response = client.get(reverse("jobs:list"), {"trang": 2})
    assert len(response.context["page"].object_list) == 5
    assert "Trang 2/2" in response.content.decode()


def test_actor_sees_the_finished_job_with_its_download(
    export_job, world, login, django_assert_max_num_queries
):
    assert export_job.status == Job.Status.SUCCEEDED, export_job.error
    client = login(world.users["commune_b"])
    with django_assert_max_num_queries(3):
        response = client.get(reverse("jobs:detail", args=[export_job.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Xuất danh sách thử" in html and "Hoàn thành" in html
    assert "Đã xuất 3 đảng viên." in html
    assert reverse("jobs:download", args=[export_job.pk]) in html
    assert "hx-trigger" not in html  # finished: no polling


def test_commune_a_gets_404_on_a_job_of_commune_b(export_job, world, login):
    client = login(world.users["commune_a"])
    for name in ("jobs:detail", "jobs:progress", "jobs:download"):
        assert client.get(reverse(name, args=[export_job.pk])).status_code == 404


def test_readers_of_the_unit_see_the_job(export_job, world, login, django_assert_max_num_queries):
    client = login(world.users["province"])
    with django_assert_max_num_queries(4):
        response = client.get(reverse("jobs:detail", args=[export_job.pk]))
    assert response.status_code == 200


def test_a_job_without_unit_is_only_for_its_actor(world, login):
    job = Job.objects.create(kind="tests.export", title="Riêng", actor=world.users["member"])
    assert (
        login(world.users["province"]).get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    )
    assert (
        login(world.users["member"]).get(reverse("jobs:detail", args=[job.pk])).status_code == 200
    )


def test_progress_fragment_polls_while_running(world, login, django_assert_max_num_queries):
    job = running_job(world, progress_done=1200, progress_total=5000, message="Đang ghi tệp")
    client = login(world.users["commune_b"])
    with django_assert_max_num_queries(3):
        response = client.get(reverse("jobs:progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html  # a fragment
    assert f'hx-get="{reverse("jobs:progress", args=[job.pk])}"' in html
    assert 'hx-trigger="every 1s"' in html
    assert "1.200/5.000 (24,0%)" in html
    assert "width: 24%" in html
    assert "Đang ghi tệp" in html


def test_progress_fragment_stops_polling_when_finished(export_job, world, login):
    html = (
        login(world.users["commune_b"])
        .get(reverse("jobs:progress", args=[export_job.pk]))
        .content.decode()
    )
    assert "hx-trigger" not in html and "hx-get" not in html
    assert "Hoàn thành" in html and "Tải về" in html


def test_detail_page_polls_while_queued(world, login):
    job = running_job(world)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.QUEUED)
    html = (
        login(world.users["commune_b"]).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    )
    assert 'hx-trigger="every 1s"' in html and "Đang chờ" in html


def test_download_streams_the_output_with_its_vietnamese_name(
    export_job, world, login, django_assert_max_num_queries
):
    client = login(world.users["commune_b"])
    with django_assert_max_num_queries(3):
        response = client.get(reverse("jobs:download", args=[export_job.pk]))
    assert response.status_code == 200
    assert response.streaming
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote(OUTPUT_NAME)}" in disposition
    assert 'filename="danh-sach-dang-vien-xa-phu-my.xlsx"' in disposition
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    assert sheet["B2"].value == "001080012345"


def test_download_without_output_is_404(world, login):
    job = running_job(world)
    response = login(world.users["commune_b"]).get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 404


def test_traceback_is_shown_to_superusers_only(world, login, django_capture_on_commit_callbacks):
    job = run(
        django_capture_on_commit_callbacks,
        actor=world.users["commune_b"],
        kind="tests.crash_page",
        unit=world.commune_b,
    )
    url = reverse("jobs:detail", args=[job.pk])
    html = login(world.users["commune_b"]).get(url).content.decode()
    assert "Không thành công" in html and "lỗi kỹ thuật bí mật" not in html
    admin = User.objects.create_superuser(username="quantri", password="x")
    html = login(admin).get(url).content.decode()
    assert "lỗi kỹ thuật bí mật" in html


def test_anonymous_users_are_sent_to_login(export_job, client):
    response = client.get(reverse("jobs:detail", args=[export_job.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
