"""XLSX export of the filtered list through a background job: the rows the list showed, in
its order, only what the user may read; query count pinned."""

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from dangvu.jobs.models import Job


def run_export(client, capture, query=""):
    with capture(execute=True):
        response = client.post(reverse("documents:export") + query)
    job = Job.objects.order_by("-id").first()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    job.refresh_from_db()
    return job


def rows(job):
    with job.output_file.open("rb") as handle:
        sheet = load_workbook(BytesIO(handle.read()), read_only=True).active
        return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_export_holds_the_filtered_rows(world, register, login, django_capture_on_commit_callbacks):
    client = login(world.users["province"])
    job = run_export(client, django_capture_on_commit_callbacks, "?q=chuyen+doi+so")
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert job.result["rows"] == 2
    data = rows(job)
    header_at = next(i for i, r in enumerate(data) if r[0] == "Số hiệu")
    assert data[0][0].startswith("DANH SÁCH VĂN BẢN")
    assert data[header_at][:3] == ["Số hiệu", "Loại văn bản", "Ngày ban hành"]
    body = data[header_at + 1 :]
    assert [r[0] for r in body] == ["09-KH/ĐU", "71-NQ/TU"]  # newest first, like the list
    assert body[1][3] == "2020-2025"
    assert body[1][4] == "Đảng bộ tỉnh Thử Nghiệm"


def test_export_is_scoped(world, register, login, django_capture_on_commit_callbacks):
    job = run_export(login(world.users["commune_a"]), django_capture_on_commit_callbacks)
    symbols = [r[0] for r in rows(job)]
    assert "71-NQ/TU" in symbols and "05-BC/CB" not in symbols and "04-KH/ĐU" not in symbols
    assert symbols.count("09-KH/ĐU") == 1


def test_export_with_a_foreign_issuer_is_404(world, register, login):
    client = login(world.users["commune_a"])
    response = client.post(reverse("documents:export") + f"?don_vi={world.commune_b.pk}")
    assert response.status_code == 404
    assert not Job.objects.exists()


def test_export_needs_post_and_read(world, register, login):
    client = login(world.users["province"])
    assert client.get(reverse("documents:export")).status_code == 405
    assert login(world.users["outsider"]).post(reverse("documents:export")).status_code == 404


def test_export_query_count(
    world, register, login, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    from datetime import date

    from dangvu.documents import services

    from .conftest import doc_type

    services.bulk_create_documents(
        actor=None,
        items=[
            {
                "unit": world.province,
                "agency": "TU",
                "doc_type": doc_type("CV"),
                "number": str(n),
                "date": date(2024, 5, 1),
                "title": f"Công văn {n}",
            }
            for n in range(1, 301)
        ],
    )
    client = login(world.users["commune_a"])
    with django_assert_max_num_queries(30):
        job = run_export(client, django_capture_on_commit_callbacks)
    assert job.result["rows"] == 300 + 6
