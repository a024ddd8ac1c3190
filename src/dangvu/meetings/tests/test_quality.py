"""HD 12-HD/BTCTW quality of a cell's monthly regular meeting, computed from attendance."""

from datetime import date

import pytest

from dangvu.meetings import services
from dangvu.meetings.cell_sets import cells_of
from dangvu.meetings.models import MeetingKind, Presence
from dangvu.meetings.quality import MonthResult, month_results

from .conftest import admit

P, E, U = Presence.PRESENT, Presence.EXCUSED, Presence.UNEXCUSED


def test_attendance_must_be_above_85_percent_not_equal():
    exactly = MonthResult(
        cell_id=1, month=date(2025, 1, 1), meeting_id=1, recorded=True, expected=20, present=17
    )
    above = MonthResult(
        cell_id=1, month=date(2025, 1, 1), meeting_id=1, recorded=True, expected=20, present=18
    )
    assert not exactly.ok and "Tỷ lệ dự không trên 85%" in exactly.reasons
    assert above.ok


def test_no_meeting_or_no_attendance_does_not_meet_the_criteria():
    assert MonthResult(cell_id=1, month=date(2025, 1, 1)).reasons == ["Không sinh hoạt thường kỳ"]
    unrecorded = MonthResult(cell_id=1, month=date(2025, 1, 1), meeting_id=3)
    assert not unrecorded.ok and unrecorded.reasons == ["Chưa điểm danh"]


@pytest.fixture
def c2_members(world, people):
    """Em and nine more members in c2: one absence leaves 90%."""
    others = [
        admit(world.c2, f"Nguyễn Văn Số {i}", date(2010, 1, 1), official=date(2011, 1, 1))
        for i in range(9)
    ]
    return [people.em, *others]


def hold(world, month: int, absent: dict, year: int = 2025):
    return services.bulk_record_meetings(
        actor=None,
        meetings=[
            {
                "unit_id": world.c2.pk,
                "kind": MeetingKind.REGULAR,
                "date": date(year, month, 10),
                "absent": absent,
            }
        ],
    )


def results(world, first, last):
    got = month_results(cells_of(world.commune_a, date(2025, 12, 31)), first, last)
    return {month.month: r for (cell, month), r in got.items() if cell == world.c2.pk}


def test_unexcused_absence_fails_the_month(world, c2_members):
    hold(world, 1, {c2_members[1].pk: (U, "")})
    hold(world, 2, {c2_members[1].pk: (E, "Ốm")})
    got = results(world, date(2025, 1, 1), date(2025, 2, 1))
    assert not got[1].ok and got[1].reasons == ["1 đảng viên vắng không lý do"]
    assert got[2].ok


def test_absent_with_reason_more_than_three_times_running_fails(world, c2_members):
    em = c2_members[0]
    for month in (1, 2, 3, 4):
        hold(world, month, {em.pk: (E, "Đi làm ăn xa")})
    hold(world, 5, {})
    hold(world, 6, {em.pk: (E, "Đi làm ăn xa")})
    got = results(world, date(2025, 1, 1), date(2025, 6, 1))
    assert [got[m].ok for m in range(1, 7)] == [True, True, True, False, True, True]
    assert got[4].long_absent == [em.pk]


def test_a_month_without_meeting_does_not_break_the_run(world, c2_members):
    em = c2_members[0]
    for month in (1, 2, 4, 5):  # no regular meeting in March
        hold(world, month, {em.pk: (E, "Đi làm ăn xa")})
    got = results(world, date(2025, 1, 1), date(2025, 5, 1))
    assert 3 not in got
    assert not got[5].ok and got[5].long_absent == [em.pk]


def test_the_run_is_seen_from_before_the_period(world, c2_members):
    em = c2_members[0]
    for month in (10, 11, 12):
        hold(world, month, {em.pk: (E, "Ốm")}, year=2024)
    hold(world, 1, {em.pk: (E, "Ốm")})
    got = results(world, date(2025, 1, 1), date(2025, 1, 1))
    assert not got[1].ok


def test_quality_reads_a_fixed_number_of_queries(world, c2_members, django_assert_num_queries):
    for month in range(1, 7):
        hold(world, month, {c2_members[0].pk: (E, "Ốm")})
    cells = cells_of(world.province, date(2025, 12, 31))
    with django_assert_num_queries(2):
        month_results(cells, date(2025, 1, 1), date(2025, 12, 1))
