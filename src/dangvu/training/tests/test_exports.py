"""XLSX exports through the jobs app: the filtered class list, a class's trainees."""

from datetime import date

from openpyxl import load_workbook

from dangvu.jobs.models import Job
from dangvu.training import services

from .conftest import new_class


def _run(client, url, params, capture, pin, limit):
    with pin(limit), capture(execute=True):  # the job runs inside the pin
        response = client.get(url, params)
    assert response.status_code == 302
    job = Job.objects.latest("id")
    assert response.url == f"/viec/{job.pk}/"
    return job


def _sheet(job):
    with job.output_file.open("rb") as handle:
        return [list(r) for r in load_workbook(handle).active.iter_rows(values_only=True)]


def _body(rows, first_header):
    return rows[[r[0] for r in rows].index(first_header) + 1 :]


def test_class_list_export_follows_the_filters_and_scope(
    world, training, client, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    for i in range(20):
        new_class(
            world.commune_a, "chuyen_de", date(2025, 8, 1), date(2025, 8, 2), name=f"Lớp {i:02d}"
        )
    client.force_login(world.users["commune_a"])
    job = _run(
        client,
        "/dao-tao/xuat/",
        {"tu_ngay": "01/01/2024", "den_ngay": "31/12/2025"},
        django_capture_on_commit_callbacks,
        django_assert_max_num_queries,
        20,  # 22 classes: the count does not grow with the rows
    )
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    data = _body(_sheet(job), "Chương trình")
    names = {r[1] for r in data}
    assert "Lớp đảng viên mới An Bình" in names and "Lớp đảng viên mới Phú Mỹ" not in names
    assert len(data) == 22
    an_binh = next(r for r in data if r[1] == "Lớp đảng viên mới An Bình")
    assert an_binh[9] == 2 and an_binh[5].date() == date(2024, 3, 15)
    # commune B's job and its file stay out of reach for a user of A
    client.force_login(world.users["commune_b"])
    assert client.get(f"/viec/{job.pk}/tai-ve/").status_code == 404


def test_class_list_export_by_unit(
    world, training, client, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    client.force_login(world.users["province"])
    job = _run(
        client,
        "/dao-tao/xuat/",
        {"don_vi": world.commune_b.pk, "den_ngay": "31/12/2025"},
        django_capture_on_commit_callbacks,
        django_assert_max_num_queries,
        30,  # the unit's subtree is resolved by the page and again by the job
    )
    job.refresh_from_db()
    assert [r[1] for r in _body(_sheet(job), "Chương trình")] == ["Lớp đảng viên mới Phú Mỹ"]


def test_trainee_export(
    world, training, client, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    c = training.old_a
    an = c.enrolments.get(member=training.an)
    services.record_results(
        actor=None,
        training_class=c,
        expected_revision=None,
        results=[
            {
                "enrolment": an.pk,
                "result": "hoan_thanh",
                "grade": "gioi",
                "certificate_number": "0012",
                "certificate_date": date(2024, 3, 15),
            }
        ],
    )
    client.force_login(world.users["commune_a"])
    job = _run(
        client,
        f"/dao-tao/lop/{c.pk}/xuat/",
        {},
        django_capture_on_commit_callbacks,
        django_assert_max_num_queries,
        20,
    )
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    rows = _sheet(job)
    assert rows[0][0] == "DANH SÁCH HỌC VIÊN — Lớp đảng viên mới An Bình"
    body = [r for r in rows if isinstance(r[0], int)]
    assert [r[1] for r in body] == ["Lê Văn An", "Trần Văn Bình"]
    assert body[0][6:9] == ["Hoàn thành", "Giỏi", "0012"]  # the number keeps its zeros
    client.force_login(world.users["commune_b"])
    assert client.get(f"/dao-tao/lop/{c.pk}/xuat/").status_code == 404
