"""The XLSX attendance template of a meeting and reading it back (all rows checked first)."""

from datetime import date
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.meetings import services
from dangvu.meetings.models import Attendance, MeetingKind, Presence

DAY = date(2025, 9, 10)


def template_of(client, meeting, pin=None):
    if pin is not None:
        with pin(10):
            response = client.get(reverse("meetings:template", args=[meeting.pk]))
    else:
        response = client.get(reverse("meetings:template", args=[meeting.pk]))
    assert response.status_code == 200
    return load_workbook(BytesIO(b"".join(response.streaming_content)))


def upload(client, meeting, workbook, name="diem-danh.xlsx"):
    handle = BytesIO()
    workbook.save(handle)
    return client.post(
        reverse("meetings:upload", args=[meeting.pk]),
        {"file": SimpleUploadedFile(name, handle.getvalue()), "revision": meeting.revision},
    )


def rows_by_name(sheet):
    return {row[2].value: row for row in sheet.iter_rows(min_row=5)}


def test_template_lists_expected_members_with_a_status_list(
    world, people, login, django_assert_max_num_queries
):
    meeting = services.create_meeting(actor=None, unit=world.c1, kind=MeetingKind.REGULAR, date=DAY)
    client = login(world.users["secretary"])
    sheet = template_of(client, meeting, pin=django_assert_max_num_queries).active
    rows = rows_by_name(sheet)
    assert set(rows) == {
        "Lê Văn An",
        "Trần Thị Bình",
        "Phạm Thị Chi",
        "Phạm Văn Đông",
        "Hoàng Văn Dũng",
    }
    assert rows["Lê Văn An"][4].value == "Có mặt"
    assert rows["Hoàng Văn Dũng"][4].value == "Miễn sinh hoạt"  # listed, not expected
    assert rows["Phạm Văn Đông"][3].value == "Đang sinh hoạt tạm thời nơi khác"
    validation = sheet.data_validations.dataValidation[0]
    assert validation.formula1 == '"Có mặt,Vắng có lý do,Vắng không lý do"'
    assert str(validation.sqref) == "E5:E8"


def test_filled_template_uploads(world, people, login):
    meeting = services.create_meeting(actor=None, unit=world.c1, kind=MeetingKind.REGULAR, date=DAY)
    client = login(world.users["secretary"])
    workbook = template_of(client, meeting)
    rows = rows_by_name(workbook.active)
    rows["Lê Văn An"][4].value = "vang co ly do"  # typed without diacritics
    rows["Lê Văn An"][5].value = "Ốm"
    rows["Phạm Thị Chi"][4].value = "Vắng không lý do"
    response = upload(client, meeting, workbook)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert Attendance.objects.get(member=people.an).status == Presence.EXCUSED
    assert Attendance.objects.get(member=people.chi).status == Presence.UNEXCUSED
    assert Attendance.objects.get(member=people.dung).status == Presence.EXEMPT


def test_every_bad_row_is_listed_and_nothing_is_written(world, people, login):
    meeting = services.create_meeting(actor=None, unit=world.c1, kind=MeetingKind.REGULAR, date=DAY)
    client = login(world.users["secretary"])
    workbook = template_of(client, meeting)
    sheet = workbook.active
    rows = rows_by_name(sheet)
    rows["Lê Văn An"][4].value = "Vắng có lý do"  # no reason
    rows["Phạm Thị Chi"][4].value = "Đến muộn"  # not a status
    rows["Trần Thị Bình"][1].value = people.khanh.pk  # not in the cell
    response = upload(client, meeting, workbook)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Tệp có 4 lỗi, chưa ghi gì" in text
    assert "Vắng có lý do thì phải ghi lý do." in text
    assert "Đến muộn" in text and "Trạng thái phải là Có mặt" in text
    assert "Không có đảng viên này trong danh sách" in text
    assert "Thiếu dòng của Trần Thị Bình" in text
    assert not Attendance.objects.exists()


def test_not_an_xlsx_is_refused(world, people, login):
    meeting = services.create_meeting(actor=None, unit=world.c1, kind=MeetingKind.REGULAR, date=DAY)
    client = login(world.users["secretary"])
    response = client.post(
        reverse("meetings:upload", args=[meeting.pk]),
        {"file": SimpleUploadedFile("a.xlsx", b"not a workbook"), "revision": meeting.revision},
    )
    assert "Không đọc được tệp Excel" in response.content.decode()
    response = client.post(
        reverse("meetings:upload", args=[meeting.pk]),
        {"file": SimpleUploadedFile("a.csv", b"x"), "revision": meeting.revision},
    )
    assert "Tệp phải là Excel .xlsx" in response.content.decode()
    assert not Attendance.objects.exists()
