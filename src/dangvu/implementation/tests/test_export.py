"""The roll-up XLSX, built by a background job with the page's scope; queries pinned."""

from decimal import Decimal
from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from dangvu.implementation import services
from dangvu.jobs.models import Job
from dangvu.reports.periods import Period


def test_export_runs_as_a_job_with_the_users_scope(
    world, plan, client, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    olds = services.assign_item(actor=None, item=plan.admissions, units=[world.x1, world.x3])
    rates = services.assign_item(actor=None, item=plan.rating, units=[world.x1, world.x3])
    q1 = Period.parse("2025-Q1")
    services.submit_report(actor=None, assignment=olds[0], period=q1, value=Decimal(3))
    services.submit_report(actor=None, assignment=olds[1], period=q1, value=Decimal(4))
    services.submit_report(
        actor=None, assignment=rates[0], period=q1, numerator=Decimal(941), denominator=Decimal(968)
    )
    url = reverse("implementation:rollup_export", args=[plan.document.pk])

    def export(user, **params):
        client.force_login(user)
        query = "&".join(f"{k}={v}" for k, v in {"ky": "2025-Q1", **params}.items())
        # the request and the whole job, whatever the number of rows
        with django_assert_max_num_queries(28), django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"{url}?{query}")
        assert response.status_code == 302
        job = Job.objects.order_by("-pk").first()
        assert job.status == Job.Status.SUCCEEDED, job.error
        sheet = load_workbook(BytesIO(job.output_file.read())).active
        return [tuple(row) for row in sheet.iter_rows(values_only=True)]

    rows = export(world.users["province"])
    assert rows[0][0].startswith("TỔNG HỢP KẾT QUẢ THỰC HIỆN 05-NQ/TU — QUÝ I/2025")
    header = rows[2] if rows[2][0] == "Tổ chức" else rows[3]
    assert header[:5] == ("Tổ chức", "Số TT", "Chỉ tiêu, nhiệm vụ", "Đơn vị tính", "Kết quả")
    body = [r for r in rows if r[1] in ("1", "2")]
    province = next(r for r in body if r[0] == "Đảng bộ tỉnh Thử Nghiệm" and r[1] == "1")
    assert province[4] == 7 and province[10] == "2/2"
    rate = next(r for r in body if r[0] == "Đảng bộ tỉnh Thử Nghiệm" and r[1] == "2")
    assert (rate[5], rate[6], rate[7], rate[10]) == (941, 968, "97,2%", "1/2")
    names = {r[0].strip() for r in rows[3:] if r[0]}
    assert "Đảng bộ xã Phú Mỹ" in names
    # commune A gets only its own part
    rows = export(world.users["commune_a"])
    names = {r[0].strip() for r in rows if r[1] in ("1", "2")}
    assert names == {"Đảng bộ xã An Hòa"}
    # outside the scope: 404, no job
    client.force_login(world.users["commune_a"])
    count = Job.objects.count()
    assert client.post(f"{url}?don_vi={world.commune_b.pk}").status_code == 404
    assert Job.objects.count() == count
