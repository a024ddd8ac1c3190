"""XLSX export of the filtered list through the jobs app: same sessions as the list, one row
per audience, bounded queries."""

from datetime import date
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from dangvu.jobs.models import Job
from dangvu.jobs.registry import get_kind
from dangvu.jobs.services import start_job
from dangvu.study.job_handlers import EXPORT_JOB

from .conftest import counted, listed


def rows_of(job):
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    with job.output_file.open("rb") as handle:
        sheet = load_workbook(BytesIO(handle.read())).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_export_page_starts_a_job_with_the_lists_filters(
    world, login, people, document, django_capture_on_commit_callbacks
):
    counted(world.c1, date(2025, 9, 1), title="Quán triệt Nghị quyết 71", documents=[document])
    listed(world.c2, date(2025, 9, 2), [(people.chi, True)], title="Học tập chuyên đề")
    counted(world.c4, date(2025, 9, 3), title="Thôn Bắc")
    client = login(world.users["commune_a"])
    page = client.get("/hoc-tap/xuat/", {"don_vi": world.commune_a.pk})
    assert page.status_code == 200 and "2 hội nghị" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/hoc-tap/xuat/?don_vi={world.commune_a.pk}")
    job = Job.objects.get(kind=EXPORT_JOB)
    assert response["Location"] == f"/viec/{job.pk}/"
    assert job.unit == world.commune_a and job.actor == world.users["commune_a"]
    rows = rows_of(job)
    assert rows[0][0].startswith("DANH SÁCH HỘI NGHỊ HỌC TẬP, QUÁN TRIỆT — ĐẢNG BỘ XÃ AN HÒA")
    header = rows.index(next(r for r in rows if r[0] == "Ngày"))
    body = rows[header + 1 :]
    assert [r[3] for r in body] == ["Học tập chuyên đề", "Quán triệt Nghị quyết 71"]
    assert body[1][6] == "71-NQ/TU" and body[1][9:11] == [10, 9]
    assert body[0][8] == "Danh sách" and body[0][9:11] == [1, 1]


def test_export_job_query_count_does_not_grow_with_rows(world, django_capture_on_commit_callbacks):
    for day in range(1, 25):
        counted(world.c1, date(2025, 3, day))
        counted(world.c4, date(2025, 3, day), code="dang_vien")
    handler = get_kind(EXPORT_JOB).handler
    user = world.users["province"]
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(actor=user, kind=EXPORT_JOB, params={"filters": ""})
    assert len(rows_of(job)) == 2 + 1 + 48  # title lines, header, rows
    job = Job.objects.create(kind=EXPORT_JOB, title="x", actor=user, params={"filters": ""})

    class Quiet:
        def progress(self, *args, **kwargs):
            pass

        def save_output(self, name, write):
            return write(BytesIO())

    with CaptureQueriesContext(connection) as queries:
        assert handler(job, Quiet())["rows"] == 48
    assert len(queries) <= 8


def test_export_outside_scope_fails_in_vietnamese(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(
            actor=world.users["commune_a"],
            kind=EXPORT_JOB,
            params={"filters": f"don_vi={world.c4.pk}"},
        )
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "không còn trong phạm vi" in job.message
