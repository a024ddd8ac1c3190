"""Pages: scope (404 outside; the unit an item is routed to sees it), the create form, the
actions as forms (refusals shown in Vietnamese, nothing written), query-count pins on the
lists, the overdue work list and the export (whose columns keep personal data minimal)."""

from datetime import date
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.citizens.export import COLUMNS
from dangvu.citizens.listing import EXPORT_JOB
from dangvu.citizens.models import Feedback, FeedbackState
from dangvu.jobs.models import Job
from dangvu.jobs.registry import get_kind
from dangvu.jobs.services import start_job

from .conftest import answered, channel, issue, received, routed, sector


def test_scope_outside_is_404_and_the_routed_unit_sees_it(world, login):
    f = received(world.c4)
    detail = reverse("citizens:detail", args=[f.pk])
    assert login(world.users["commune_a"]).get(detail).status_code == 404
    assert f.pk not in [
        x.pk
        for x in login(world.users["commune_a"])
        .get(reverse("citizens:list"))
        .context["page"]
        .object_list
    ]
    routed_f = routed(world.c4, to=world.commune_a)
    client = login(world.users["commune_a"])
    assert client.get(reverse("citizens:detail", args=[routed_f.pk])).status_code == 200
    listed = [x.pk for x in client.get(reverse("citizens:list")).context["page"].object_list]
    assert listed == [routed_f.pk]
    # commune A may answer what was routed to it, not re-route, edit or close it
    assert client.get(reverse("citizens:answer", args=[routed_f.pk])).status_code == 200
    for name in ("citizens:route", "citizens:edit", "citizens:close"):
        assert client.get(reverse(name, args=[routed_f.pk])).status_code == 404
    # the cell's secretary of c1 (in A) has write at c1 only: sees nothing routed to A
    assert (
        login(world.users["secretary"])
        .get(reverse("citizens:detail", args=[routed_f.pk]))
        .status_code
        == 404
    )
    api = login(world.users["commune_a"]).get(f"/api/citizens/feedback/{routed_f.pk}")
    assert api.status_code == 200 and api.json()["routed_unit_id"] == world.commune_a.pk


def test_create_and_route_through_the_forms(world, login):
    client = login(world.users["commune_b"])
    response = client.post(
        reverse("citizens:create"),
        {
            "unit": world.c4.pk,
            "channel": channel("di_tung_ngo").pk,
            "sector": sector("moi_truong").pk,
            "raised_by": "Nhóm hộ dân xóm Bắc",
            "contact": "",
            "content": "Đề nghị xử lý mùi hôi từ trại chăn nuôi.",
            "received_on": "05/09/2025",
        },
    )
    f = Feedback.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/dan-van/{f.pk}/"
    route = reverse("citizens:route", args=[f.pk])
    refused = client.post(
        route, {"routed_agency": "UBND xã Phú Mỹ", "routed_on": "06/09/2025", "revision": 1}
    )
    assert refused.status_code == 200
    assert "Khi chuyển xử lý phải đặt hạn trả lời" in refused.content.decode()
    f.refresh_from_db()
    assert f.state == FeedbackState.RECEIVED and f.revision == 1
    done = client.post(
        route,
        {
            "routed_agency": "UBND xã Phú Mỹ",
            "routed_on": "06/09/2025",
            "due_on": "20/09/2025",
            "revision": 1,
        },
    )
    assert done.status_code == 302
    f.refresh_from_db()
    assert (f.state, f.due_on) == (FeedbackState.ROUTED, date(2025, 9, 20))
    # the same form again: the feedback is no longer "received"
    again = client.post(
        route,
        {"routed_agency": "x", "routed_on": "06/09/2025", "due_on": "20/09/2025", "revision": 2},
    )
    assert "Không thể chuyển xử lý ý kiến đang ở trạng thái" in again.content.decode()
    stale = client.post(
        reverse("citizens:answer", args=[f.pk]),
        {"response": "Trả lời", "responded_on": "10/09/2025", "revision": 1},
    )
    assert "vừa được người khác cập nhật" in stale.content.decode()


def test_the_issue_form_refuses_a_third_issue(world, login):
    issue(world.c4, 2025, title="Một")
    issue(world.c4, 2025, title="Hai")
    client = login(world.users["commune_b"])
    response = client.post(
        reverse("citizens:issue_create"),
        {
            "unit": world.c4.pk,
            "year": 2025,
            "sector": sector().pk,
            "title": "Ba",
            "plan": "Kế hoạch",
        },
    )
    assert response.status_code == 200
    assert "mỗi chi bộ, cấp ủy chỉ chọn 01 đến 02 việc mỗi năm" in response.content.decode()


def test_lists_read_a_fixed_number_of_queries(world, login, django_assert_max_num_queries):
    for i in range(30):
        answered(world.c4, date(2025, 9, 1 + i % 28), on=date(2025, 9, 28))
        routed(world.c1, date(2025, 8, 1 + i % 28), due=date(2025, 8, 30), to=world.commune_b)
    for year in (2024, 2025):
        issue(world.c4, year)
        issue(world.c1, year)
    client = login(world.users["province"])
    urls = [
        reverse("citizens:list"),
        reverse("citizens:list") + f"?don_vi={world.commune_b.pk}&tinh_hinh=dung_han",
        reverse("citizens:overdue"),
        reverse("citizens:issues") + f"?don_vi={world.province.pk}&den_nam=2025",
        reverse("citizens:export") + f"?don_vi={world.commune_a.pk}",
    ]
    for url in urls:
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200, url
    overdue = client.get(reverse("citizens:overdue")).context["page"]
    assert overdue.paginator.count == 30
    htmx = client.get(reverse("citizens:list"), HTTP_HX_REQUEST="true")
    assert htmx.templates[0].name == "citizens/_results.html"


def _rows(job):
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    with job.output_file.open("rb") as handle:
        sheet = load_workbook(BytesIO(handle.read())).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_export_keeps_personal_data_minimal(world, login, django_capture_on_commit_callbacks):
    answered(world.c4, raised_by="Bà Lê Thị Năm", contact="0912 345 678")
    received(world.c1)
    client = login(world.users["commune_b"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("citizens:export") + f"?don_vi={world.commune_b.pk}")
    job = Job.objects.get(kind=EXPORT_JOB)
    assert response["Location"] == f"/viec/{job.pk}/"
    rows = _rows(job)
    header = next(r for r in rows if r[0] == "Ngày tiếp nhận")
    assert header == [c.header for c in COLUMNS]
    personal = {"Người / nhóm phản ánh", "Liên hệ"}
    assert personal <= set(header)
    assert not {h for h in header if "CCCD" in h or "định danh" in h or "địa chỉ" in h.lower()}
    body = rows[rows.index(header) + 1 :]
    assert len(body) == 1 and body[0][4:6] == ["Bà Lê Thị Năm", "0912 345 678"]
    assert body[0][12] == "Đúng hạn"


def test_export_job_query_count_does_not_grow(world):
    for i in range(40):
        answered(world.c4, date(2025, 9, 1 + i % 28), on=date(2025, 9, 30))
    job = Job.objects.create(
        kind=EXPORT_JOB, title="x", actor=world.users["province"], params={"filters": ""}
    )

    class Quiet:
        def progress(self, *args, **kwargs):
            pass

        def save_output(self, name, write):
            return write(BytesIO())

    with CaptureQueriesContext(connection) as queries:
        assert get_kind(EXPORT_JOB).handler(job, Quiet())["rows"] == 40
    assert len(queries) <= 8


def test_export_outside_scope_fails_in_vietnamese(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(
            actor=world.users["commune_a"],
            kind=EXPORT_JOB,
            params={"filters": f"don_vi={world.c4.pk}"},
        )
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "không còn trong phạm vi" in job.message
