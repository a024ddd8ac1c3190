"""Meeting pages: scope (404 outside), the one-form attendance of a 60-member cell, query pins."""

from datetime import date

import pytest
from django.urls import reverse

from dangvu.audit.models import AuditEntry
from dangvu.meetings import services
from dangvu.meetings.models import Attendance, Meeting, MeetingKind, Presence, Topic
from dangvu.meetings.roster import roster
from dangvu.members.lifecycle import EventKind
from dangvu.members.services import bulk_register

DAY = date(2025, 9, 10)


@pytest.fixture
def sixty(world):
    """60 official members at home in c1 since 2015."""
    people = [
        {
            "identity": {
                "ho": "Nguyễn",
                "ten_dem": "Văn",
                "ten": f"Số {i:02d}",
                "gender": "nam",
                "birth_date": date(1980, 1, 1),
            },
            "events": [
                {
                    "kind": EventKind.ADMISSION,
                    "date": date(2015, 1, 1),
                    "ceremony_date": date(2015, 1, 1),
                    "unit": world.c1,
                },
                {"kind": EventKind.RECOGNITION, "date": date(2016, 1, 1)},
            ],
        }
        for i in range(60)
    ]
    bulk_register(actor=None, people=people)
    return services.create_meeting(actor=None, unit=world.c1, kind=MeetingKind.REGULAR, date=DAY)


def form_data(meeting, overrides=None):
    data = {"revision": meeting.revision}
    for entry in roster(meeting.unit, meeting.date):
        data[f"s_{entry.member.pk}"] = str(int(Presence.PRESENT))
        data[f"r_{entry.member.pk}"] = ""
    data.update(overrides or {})
    return data


def test_secretary_records_a_60_member_cell_in_one_submission(
    world, sixty, login, django_assert_max_num_queries
):
    client = login(world.users["secretary"])
    url = reverse("meetings:attendance", args=[sixty.pk])
    with django_assert_max_num_queries(12):
        page = client.get(url)
    assert page.status_code == 200
    assert page.content.decode().count('type="radio"') == 180
    members = [e.pk for e in sixty.unit.members.order_by("pk")]
    data = form_data(
        sixty,
        {
            f"s_{members[0]}": str(int(Presence.EXCUSED)),
            f"r_{members[0]}": "Ốm",
            f"s_{members[1]}": str(int(Presence.UNEXCUSED)),
        },
    )
    with django_assert_max_num_queries(30):
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    sixty.refresh_from_db()
    assert (sixty.expected_count, sixty.present_count) == (60, 58)
    assert AuditEntry.objects.filter(action="meetings.attendance.record").count() == 1


def test_attendance_form_shows_the_services_refusal(world, sixty, login):
    client = login(world.users["secretary"])
    member = sixty.unit.members.first()
    data = form_data(sixty, {f"s_{member.pk}": str(int(Presence.EXCUSED))})
    response = client.post(reverse("meetings:attendance", args=[sixty.pk]), data)
    assert response.status_code == 200
    assert "vắng có lý do thì phải ghi lý do" in response.content.decode()
    assert not Attendance.objects.exists()


def test_stale_attendance_form_is_refused(world, sixty, login):
    client = login(world.users["secretary"])
    url = reverse("meetings:attendance", args=[sixty.pk])
    data = form_data(sixty)
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)  # same revision again
    assert "vừa được người khác cập nhật" in response.content.decode()


def test_secretary_writes_only_their_own_cell(world, login):
    other = services.create_meeting(actor=None, unit=world.c2, kind=MeetingKind.REGULAR, date=DAY)
    client = login(world.users["secretary"])
    assert client.get(reverse("meetings:attendance", args=[other.pk])).status_code == 404
    assert client.get(reverse("meetings:edit", args=[other.pk])).status_code == 404
    assert client.get(reverse("meetings:create") + f"?chi_bo={world.c2.pk}").status_code == 404
    response = client.post(
        reverse("meetings:create") + f"?chi_bo={world.c2.pk}",
        {"kind": MeetingKind.REGULAR, "date": "05/10/2025"},
    )
    assert response.status_code == 404
    # reading c2's meeting needs read over c2: the secretary holds it only at c1
    assert client.get(reverse("meetings:detail", args=[other.pk])).status_code == 404
    # the commune officer may write it
    officer = login(world.users["commune_a"])
    assert officer.get(reverse("meetings:attendance", args=[other.pk])).status_code == 200


def test_create_and_edit_through_the_pages(world, login):
    client = login(world.users["secretary"])
    hcm = Topic.objects.get(is_ho_chi_minh=True)
    url = reverse("meetings:create") + f"?chi_bo={world.c1.pk}"
    response = client.post(
        url,
        {
            "kind": MeetingKind.REGULAR,
            "date": "05/10/2025",
            "topics": [hcm.pk],
            "conclusion": "Thống nhất",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and meeting.unit == world.c1
    assert list(meeting.topics.all()) == [hcm]
    again = client.post(url, {"kind": MeetingKind.REGULAR, "date": "20/10/2025"})
    assert "đã có buổi sinh hoạt thường kỳ tháng 10/2025" in again.content.decode()
    edit = reverse("meetings:edit", args=[meeting.pk])
    ok = client.post(edit, {"kind": MeetingKind.REGULAR, "date": "06/10/2025", "revision": 1})
    assert ok.status_code == 302
    stale = client.post(edit, {"kind": MeetingKind.REGULAR, "date": "07/10/2025", "revision": 1})
    assert "vừa được người khác cập nhật" in stale.content.decode()
    meeting.refresh_from_db()
    assert meeting.date == date(2025, 10, 6)


def _many_meetings(world):
    items = []
    for cell in (world.c1, world.c2, world.c3, world.c4):
        for month in range(1, 13):
            items.append(
                {
                    "unit_id": cell.pk,
                    "kind": MeetingKind.REGULAR,
                    "date": date(2025, month, 5),
                    "topic_ids": [Topic.objects.get(is_ho_chi_minh=True).pk],
                }
            )
    services.bulk_record_meetings(actor=None, meetings=items)


def test_list_is_scoped_and_filtered(world, login, django_assert_max_num_queries):
    _many_meetings(world)
    client = login(world.users["commune_a"])
    with django_assert_max_num_queries(14):
        page = client.get(reverse("meetings:list"))
    text = page.content.decode()
    assert "Chi bộ thôn 1" in text and "Chi bộ thôn Bắc" not in text
    assert "36 buổi sinh hoạt" in text
    filtered = client.get(
        reverse("meetings:list"),
        {"don_vi": world.c1.pk, "tu_thang": "03/2025", "den_thang": "05/2025"},
    )
    assert "3 buổi sinh hoạt" in filtered.content.decode()
    assert client.get(reverse("meetings:list"), {"don_vi": world.c4.pk}).status_code == 404
    province_client = login(world.users["province"])
    with django_assert_max_num_queries(14):
        province = province_client.get(reverse("meetings:list"), {"loai": "chuyen_de"})
    assert "0 buổi sinh hoạt" in province.content.decode()


def test_export_is_scoped_xlsx(world, login, django_assert_max_num_queries):
    from io import BytesIO

    from openpyxl import load_workbook

    _many_meetings(world)
    client = login(world.users["commune_b"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("meetings:export"))
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    cells = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert cells == ["Chi bộ thôn Bắc"] * 12


def test_quality_and_figures_pages(world, login, django_assert_max_num_queries):
    _many_meetings(world)
    client = login(world.users["province"])
    query = {"don_vi": world.commune_a.pk, "tu_thang": "01/2025", "den_thang": "12/2025"}
    with django_assert_max_num_queries(16):
        quality = client.get(reverse("meetings:quality"), query)
    assert quality.status_code == 200
    assert "Chi bộ thôn Đoài" in quality.content.decode()
    with django_assert_max_num_queries(18):
        figures = client.get(reverse("meetings:figures"), query)
    text = figures.content.decode()
    assert "3/3 (100,0%)" in text  # the HCM cells of commune A
    assert f"don_vi={world.commune_a.pk}" in text  # the figures link to their records
    assert client.get(reverse("meetings:figures"), {"don_vi": world.c4.pk}).status_code == 200
    assert (
        login(world.users["commune_a"]).get(reverse("meetings:figures"), {"don_vi": world.c4.pk})
    ).status_code == 404


def test_detail_shows_attendance(world, sixty, login, django_assert_max_num_queries):
    services.record_attendance(
        actor=None,
        meeting=sixty,
        entries={m.pk: (Presence.PRESENT, "") for m in sixty.unit.members.all()},
        expected_revision=None,
    )
    client = login(world.users["commune_a"])
    with django_assert_max_num_queries(12):
        page = client.get(reverse("meetings:detail", args=[sixty.pk]))
    assert "Có mặt 60/60" in page.content.decode()


def test_assignments_page(world, login, django_assert_max_num_queries):
    client = login(world.users["commune_a"])
    response = client.post(
        reverse("meetings:assignments"),
        {
            "chi_bo": world.c1.pk,
            "username": "commune_a",
            "position": "Phó Bí thư Đảng ủy xã",
            "start": "01/07/2025",
        },
    )
    assert response.status_code == 302
    for cell in (world.c2, world.c3):
        services.assign_attendee(
            actor=None, unit=cell, start=date(2025, 7, 1), user=world.users["province"]
        )
    with django_assert_max_num_queries(10):
        page = client.get(reverse("meetings:assignments")).content.decode()
    assert "Phó Bí thư Đảng ủy xã" in page
    # commune B does not see it, and cannot assign in A
    other = login(world.users["commune_b"])
    assert "Phó Bí thư" not in other.get(reverse("meetings:assignments")).content.decode()
    refused = other.post(
        reverse("meetings:assignments"),
        {"chi_bo": world.c1.pk, "username": "commune_b", "start": "01/07/2025"},
    )
    assert refused.status_code == 200 and "Hãy chọn" in refused.content.decode()


def test_a_long_export_runs_as_a_background_job(
    world, login, monkeypatch, django_capture_on_commit_callbacks
):
    from io import BytesIO

    from openpyxl import load_workbook

    from dangvu.jobs.models import Job
    from dangvu.meetings import listing

    _many_meetings(world)
    monkeypatch.setattr(listing, "EXPORT_INLINE_MAX", 10)
    client = login(world.users["commune_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("meetings:export"), {"loai": MeetingKind.REGULAR})
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
    assert job.status == Job.Status.SUCCEEDED, job.message
    with job.output_file.open("rb") as handle:
        sheet = load_workbook(BytesIO(handle.read())).active
    assert sheet.max_row == 2 + 36  # title, header, commune A's 36 meetings


def test_detail_links_the_documents_its_text_names_within_scope(world, login):
    from dangvu.implementation.tests.conftest import make_document

    province_nq = make_document(world.province, number="71", title="Nghị quyết về chuyển đổi số")
    b_plan = make_document(world.commune_b, number="09", code="KH", day=date(2025, 8, 1))
    meeting = services.create_meeting(
        actor=None,
        unit=world.c1,
        kind="thuong_ky",
        date=date(2025, 9, 5),
        documents_text="Quán triệt Nghị quyết số 71-NQ/TU và Kế hoạch 09-KH/ĐU",
    )
    page = login(world.users["commune_a"]).get(reverse("meetings:detail", args=[meeting.pk]))
    text = page.content.decode()
    assert reverse("documents:detail", args=[province_nq.pk]) in text
    assert reverse("documents:detail", args=[b_plan.pk]) not in text  # commune B's plan


def test_member_page_shows_the_members_attendance(world, sixty, login, settings):
    members = list(sixty.unit.members.order_by("pk"))
    entries = {m.pk: (Presence.PRESENT, "") for m in members}
    entries[members[0].pk] = (Presence.EXCUSED, "Ốm")
    services.record_attendance(actor=None, meeting=sixty, entries=entries, expected_revision=None)
    client = login(world.users["commune_a"])
    page = client.get(reverse("members:detail", args=[members[0].pk])).content.decode()
    assert "Sinh hoạt chi bộ (từ" in page
    assert "Vắng có lý do: 01" in page and "(Ốm)" in page
    other = client.get(reverse("members:detail", args=[members[1].pk])).content.decode()
    assert "Có mặt: 01" in other and "Vắng có lý do" not in other
