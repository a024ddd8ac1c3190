"""Attendance: derived from the registry at the meeting date, whole cell at once, one audit."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dangvu.audit.models import AuditEntry
from dangvu.meetings import services
from dangvu.meetings.models import Attendance, Meeting, MeetingKind, Presence
from dangvu.meetings.roster import roster

P, E, U = Presence.PRESENT, Presence.EXCUSED, Presence.UNEXCUSED


def meeting_on(cell, day, kind=MeetingKind.REGULAR, **kw):
    return services.create_meeting(actor=None, unit=cell, kind=kind, date=day, **kw)


def all_present(cell, day, overrides=None):
    entries = {e.member.pk: (P, "") for e in roster(cell, day) if e.expected}
    entries.update(overrides or {})
    return entries


def record(meeting, entries, actor=None):
    return services.record_attendance(
        actor=actor, meeting=meeting, entries=entries, expected_revision=meeting.revision
    )


def test_excused_member_is_listed_but_not_expected(world, people):
    meeting = meeting_on(world.c1, date(2025, 9, 10))
    counts = record(meeting, all_present(world.c1, meeting.date))
    row = Attendance.objects.get(meeting=meeting, member=people.dung)
    assert row.status == Presence.EXEMPT
    assert counts["exempt"] == 1
    meeting.refresh_from_db()
    # An, Bình, Chi, Đông (temporarily away: still expected at home); not Dũng, not Giang yet
    assert meeting.expected_count == meeting.present_count == 4


def test_attendance_follows_a_transfer_at_the_meeting_date(world, people):
    september = meeting_on(world.c4, date(2025, 9, 30))
    record(september, all_present(world.c4, september.date))
    october = meeting_on(world.c4, date(2025, 10, 1))
    record(october, all_present(world.c4, october.date))
    assert Attendance.objects.filter(meeting=september, member=people.giang).exists()
    assert not Attendance.objects.filter(meeting=october, member=people.giang).exists()
    c1_october = meeting_on(world.c1, date(2025, 10, 2))
    record(c1_october, all_present(world.c1, c1_october.date))
    assert (
        set(
            Attendance.objects.filter(meeting=c1_october)
            .exclude(status=Presence.EXEMPT)
            .values_list("member_id", flat=True)
        )
        == people.c1_expected_after_october
    )


def test_temporarily_away_member_is_expected_at_home_not_where_they_are(world, people):
    c4 = meeting_on(world.c4, date(2025, 9, 10))
    record(c4, all_present(world.c4, c4.date))
    assert not Attendance.objects.filter(meeting=c4, member=people.dong).exists()
    c1 = meeting_on(world.c1, date(2025, 9, 10))
    with pytest.raises(ValidationError, match="Thiếu điểm danh của Phạm Văn Đông"):
        entries = all_present(world.c1, c1.date)
        del entries[people.dong.pk]
        record(c1, entries)


def test_excused_absence_needs_a_reason_and_nothing_is_written(world, people):
    meeting = meeting_on(world.c1, date(2025, 9, 10))
    entries = all_present(world.c1, meeting.date)
    entries[people.an.pk] = (E, "")
    entries[people.chi.pk] = (9, "")
    with pytest.raises(ValidationError) as refused:
        record(meeting, entries)
    messages = " ".join(refused.value.messages)
    assert "Lê Văn An: vắng có lý do thì phải ghi lý do" in messages
    assert "Phạm Thị Chi: trạng thái điểm danh không hợp lệ" in messages
    assert not Attendance.objects.exists()
    assert not AuditEntry.objects.filter(action="meetings.attendance.record").exists()


def test_unknown_member_is_refused(world, people):
    meeting = meeting_on(world.c1, date(2025, 9, 10))
    entries = all_present(world.c1, meeting.date)
    entries[people.khanh.pk] = (P, "")
    with pytest.raises(ValidationError, match=f"Mã đảng viên {people.khanh.pk} không có"):
        record(meeting, entries)
    assert not Attendance.objects.exists()


def test_one_audit_entry_per_submission_naming_the_counts(world, people):
    meeting = meeting_on(world.c1, date(2025, 9, 10))
    entries = all_present(world.c1, meeting.date)
    entries[people.an.pk] = (E, "Ốm")
    entries[people.chi.pk] = (U, "")
    record(meeting, entries, actor=world.users["secretary"])
    entries = [e for e in AuditEntry.objects.filter(action="meetings.attendance.record")]
    assert len(entries) == 1
    assert entries[0].after == {
        "expected": 4,
        "present": 2,
        "excused": 1,
        "unexcused": 1,
        "exempt": 1,
        "assignees_attended": 0,
    }
    meeting.refresh_from_db()
    assert (meeting.present_count, meeting.excused_count, meeting.unexcused_count) == (2, 1, 1)
    assert Attendance.objects.get(meeting=meeting, member=people.an).reason == "Ốm"


def test_re_recording_replaces_the_rows_and_a_stale_one_is_refused(world, people):
    meeting = meeting_on(world.c1, date(2025, 9, 10))
    record(meeting, all_present(world.c1, meeting.date))
    stale_revision = meeting.revision
    meeting.refresh_from_db()
    record(meeting, all_present(world.c1, meeting.date, {people.an.pk: (U, "")}))
    assert Attendance.objects.filter(meeting=meeting).count() == 5
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        services.record_attendance(
            actor=None,
            meeting=meeting,
            entries=all_present(world.c1, meeting.date),
            expected_revision=stale_revision,
        )
    assert Attendance.objects.get(meeting=meeting, member=people.an).status == U


def test_rows_carry_the_denormalised_keys(world, people):
    meeting = meeting_on(world.c1, date(2025, 3, 10))  # before the reform: under the district
    record(meeting, all_present(world.c1, meeting.date))
    row = Attendance.objects.filter(meeting=meeting).first()
    assert (row.cell_id, row.top_id, row.month, row.regular) == (
        world.c1.pk,
        world.province.pk,
        date(2025, 3, 1),
        True,
    )
    services.update_meeting(
        actor=None,
        meeting=Meeting.objects.get(pk=meeting.pk),
        expected_revision=None,
        kind=MeetingKind.THEMATIC,
        date=meeting.date,
        title="Chuyên đề",
    )
    assert not Attendance.objects.filter(meeting=meeting, regular=True).exists()


def test_date_change_after_attendance_refused_when_the_list_differs(world, people):
    meeting = meeting_on(world.c1, date(2025, 10, 2))
    record(meeting, all_present(world.c1, meeting.date))
    with pytest.raises(ValidationError, match="danh sách ngày 30/09/2025 khác"):
        services.update_meeting(
            actor=None,
            meeting=Meeting.objects.get(pk=meeting.pk),
            expected_revision=None,
            kind=MeetingKind.REGULAR,
            date=date(2025, 9, 30),
            month=date(2025, 9, 1),
        )


def test_assigned_attendee_presence(world, people):
    assignment = services.assign_attendee(
        actor=None,
        unit=world.c1,
        start=date(2025, 7, 1),
        user=world.users["commune_a"],
        position="Ủy viên Ban Thường vụ Đảng ủy xã",
    )
    later = services.assign_attendee(
        actor=None, unit=world.c1, start=date(2026, 1, 1), member=people.khanh
    )
    meeting = meeting_on(world.c1, date(2025, 9, 10))
    services.record_attendance(
        actor=None,
        meeting=meeting,
        entries=all_present(world.c1, meeting.date),
        expected_revision=meeting.revision,
        assignees={assignment.pk: True},
    )
    assert meeting.assignees.get().attended is True
    meeting.refresh_from_db()
    with pytest.raises(ValidationError, match="không thuộc chi bộ này vào ngày sinh hoạt"):
        services.record_attendance(
            actor=None,
            meeting=meeting,
            entries=all_present(world.c1, meeting.date),
            expected_revision=meeting.revision,
            assignees={later.pk: True},
        )
    with pytest.raises(ValidationError, match="đã được phân công"):
        services.assign_attendee(
            actor=None, unit=world.c1, start=date(2025, 8, 1), user=world.users["commune_a"]
        )


def test_bulk_path_checks_the_same_rules_and_audits_once_per_batch(world, people):
    items = [
        {
            "unit_id": world.c1.pk,
            "kind": MeetingKind.REGULAR,
            "date": date(2025, m, 5),
            "absent": {people.an.pk: (E, "Đi công tác")} if m == 9 else {},
        }
        for m in (8, 9)
    ]
    result = services.bulk_record_meetings(actor=None, meetings=items)
    assert result == {"meetings": 2, "attendance": 10}
    assert AuditEntry.objects.filter(action="meetings.attendance.record_bulk").count() == 1
    september = Meeting.objects.get(month=date(2025, 9, 1))
    assert (september.expected_count, september.present_count, september.excused_count) == (4, 3, 1)
    with pytest.raises(ValidationError, match="đã có buổi thường kỳ tháng 08/2025"):
        services.bulk_record_meetings(actor=None, meetings=items[:1])
    with pytest.raises(ValidationError, match="phải ghi lý do"):
        services.bulk_record_meetings(
            actor=None,
            meetings=[
                {
                    "unit_id": world.c2.pk,
                    "kind": MeetingKind.REGULAR,
                    "date": date(2025, 8, 5),
                    "absent": {people.em.pk: (E, "")},
                }
            ],
        )
    assert Meeting.objects.count() == 2
