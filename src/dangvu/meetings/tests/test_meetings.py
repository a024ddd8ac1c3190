"""Meeting rules: cells only, one regular meeting a month, dates, officers, stale edits, audit."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from dangvu.accounts.scopes import today
from dangvu.audit.models import AuditEntry
from dangvu.meetings import services
from dangvu.meetings.models import Meeting, MeetingKind, Topic

REGULAR, THEMATIC = MeetingKind.REGULAR, MeetingKind.THEMATIC


def test_a_meeting_belongs_to_a_cell(world):
    with pytest.raises(ValidationError, match="không phải chi bộ"):
        services.create_meeting(
            actor=None, unit=world.commune_a, kind=REGULAR, date=date(2025, 8, 5)
        )
    assert not Meeting.objects.exists()


def test_chi_bo_co_so_is_a_cell(world):
    from dangvu.orgs.models import UnitKind
    from dangvu.orgs.services import create_unit

    cell = create_unit(
        actor=None,
        name="Chi bộ Trường THPT",
        kind=UnitKind.objects.get(code="chi_bo_co_so"),
        parent=world.commune_a,
        effective_date=date(2025, 7, 1),
    )
    meeting = services.create_meeting(actor=None, unit=cell, kind=REGULAR, date=date(2025, 8, 5))
    assert meeting.month == date(2025, 8, 1)


def test_a_second_regular_meeting_in_the_same_month_is_refused(world):
    services.create_meeting(actor=None, unit=world.c1, kind=REGULAR, date=date(2025, 8, 5))
    with pytest.raises(ValidationError, match="đã có buổi sinh hoạt thường kỳ tháng 08/2025"):
        services.create_meeting(actor=None, unit=world.c1, kind=REGULAR, date=date(2025, 8, 25))
    # a thematic one the same month is fine, and so is another cell's regular one
    services.create_meeting(
        actor=None, unit=world.c1, kind=THEMATIC, date=date(2025, 8, 25), title="Chuyển đổi số"
    )
    services.create_meeting(actor=None, unit=world.c2, kind=REGULAR, date=date(2025, 8, 6))
    assert Meeting.objects.count() == 3


def test_the_database_also_refuses_two_regular_meetings_a_month(world):
    from django.db import IntegrityError, transaction

    Meeting.objects.create(
        unit=world.c1, kind=REGULAR, date=date(2025, 8, 5), month=date(2025, 8, 1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            unit=world.c1, kind=REGULAR, date=date(2025, 8, 9), month=date(2025, 8, 1)
        )


def test_month_is_the_dates_month_or_the_one_before(world):
    meeting = services.create_meeting(
        actor=None, unit=world.c1, kind=REGULAR, date=date(2025, 9, 2), month=date(2025, 8, 1)
    )
    assert meeting.month == date(2025, 8, 1)
    with pytest.raises(ValidationError, match="chỉ được tính cho tháng"):
        services.create_meeting(
            actor=None, unit=world.c2, kind=REGULAR, date=date(2025, 9, 2), month=date(2025, 7, 1)
        )


def test_future_meetings_and_dead_cells_are_refused(world):
    with pytest.raises(ValidationError, match="tương lai"):
        services.create_meeting(
            actor=None, unit=world.c1, kind=REGULAR, date=today() + timedelta(days=1)
        )
    with pytest.raises(ValidationError, match="không hoạt động"):
        services.create_meeting(actor=None, unit=world.c1, kind=REGULAR, date=date(2016, 1, 5))


def test_chair_and_secretary_must_be_members_of_the_cell_that_day(world, people):
    with pytest.raises(ValidationError, match="Người chủ trì Đỗ Thị Em"):
        services.create_meeting(
            actor=None, unit=world.c1, kind=REGULAR, date=date(2025, 8, 5), chair=people.em
        )
    # Giang joined c1 on 01/10/2025
    with pytest.raises(ValidationError, match="Thư ký Vũ Thị Giang"):
        services.create_meeting(
            actor=None, unit=world.c1, kind=REGULAR, date=date(2025, 9, 30), secretary=people.giang
        )
    meeting = services.create_meeting(
        actor=None,
        unit=world.c1,
        kind=REGULAR,
        date=date(2025, 10, 1),
        chair=people.an,
        secretary=people.giang,
    )
    assert meeting.secretary_id == people.giang.pk


def test_create_is_audited_with_topics(world):
    hcm = Topic.objects.get(is_ho_chi_minh=True)
    meeting = services.create_meeting(
        actor=world.users["secretary"],
        unit=world.c1,
        kind=REGULAR,
        date=date(2025, 8, 5),
        topics=[hcm],
        conclusion="Thống nhất",
    )
    entry = AuditEntry.objects.get(action="meetings.meeting.create")
    assert entry.object_id == str(meeting.pk)
    assert entry.actor == world.users["secretary"]
    assert entry.unit_id == world.c1.pk
    assert entry.after["topics"] == [hcm.pk]


def test_stale_edit_is_refused_and_changes_nothing(world):
    meeting = services.create_meeting(
        actor=None, unit=world.c1, kind=REGULAR, date=date(2025, 8, 5)
    )
    services.update_meeting(
        actor=None,
        meeting=meeting,
        expected_revision=1,
        kind=REGULAR,
        date=date(2025, 8, 6),
        conclusion="Lần một",
    )
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        services.update_meeting(
            actor=None,
            meeting=meeting,
            expected_revision=1,
            kind=REGULAR,
            date=date(2025, 8, 7),
            conclusion="Lần hai",
        )
    meeting.refresh_from_db()
    assert (meeting.conclusion, meeting.date, meeting.revision) == ("Lần một", date(2025, 8, 6), 2)


def test_edit_cannot_create_a_second_regular_meeting(world):
    services.create_meeting(actor=None, unit=world.c1, kind=REGULAR, date=date(2025, 8, 5))
    other = services.create_meeting(
        actor=None, unit=world.c1, kind=THEMATIC, date=date(2025, 8, 20), title="Chuyên đề"
    )
    with pytest.raises(ValidationError, match="đã có buổi sinh hoạt thường kỳ"):
        services.update_meeting(
            actor=None, meeting=other, expected_revision=1, kind=REGULAR, date=date(2025, 8, 20)
        )
