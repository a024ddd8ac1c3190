"""The lifecycle rules and their edges, on plain events (no database)."""

from datetime import date

import pytest

from dangvu.members.lifecycle import (
    Event,
    EventKind,
    LifecycleError,
    Status,
    add_months,
    add_working_days,
    badge_due,
    build_timeline,
    months_between,
    next_award_date,
    probation_end,
)

CELL, OTHER, THIRD = 11, 22, 33


def admission(day, ceremony=None, unit=CELL, kind=EventKind.ADMISSION):
    return Event(kind=kind, date=day, ceremony_date=ceremony or day, unit_id=unit)


def ev(kind, day, **kwargs):
    return Event(kind=kind, date=day, **kwargs)


def test_official_exactly_twelve_months_after_ceremony_even_if_vote_is_late():
    t = build_timeline(
        [
            admission(date(2023, 3, 10), date(2023, 3, 20)),
            ev(EventKind.RECOGNITION, date(2024, 5, 6)),  # decided seven weeks late
        ]
    )
    assert t.status_on(date(2024, 3, 19)) == Status.PROBATIONARY
    assert t.status_on(date(2024, 3, 20)) == Status.OFFICIAL
    assert t.official_date == date(2024, 3, 20)
    assert [p.status for p in t.periods] == [Status.PROBATIONARY, Status.OFFICIAL]


def test_recognition_before_twelve_months_is_refused():
    with pytest.raises(LifecycleError, match=r"chưa đủ 12 tháng dự bị.*từ ngày 20/03/2024"):
        build_timeline(
            [
                admission(date(2023, 3, 10), date(2023, 3, 20)),
                ev(EventKind.RECOGNITION, date(2024, 3, 19)),
            ]
        )


def test_ceremony_on_29_february():
    assert probation_end(date(2024, 2, 29)) == date(2025, 2, 28)
    t = build_timeline(
        [
            admission(date(2024, 2, 20), date(2024, 2, 29)),
            ev(EventKind.RECOGNITION, date(2025, 2, 28)),
        ]
    )
    assert t.status_on(date(2025, 2, 27)) == Status.PROBATIONARY
    assert t.status_on(date(2025, 2, 28)) == Status.OFFICIAL
    assert probation_end(date(2027, 2, 28)) == date(2028, 2, 28)


def test_without_recognition_member_stays_probationary():
    t = build_timeline([admission(date(2020, 1, 1))])
    assert t.status_on(date(2026, 1, 1)) == Status.PROBATIONARY
    assert t.probation_end == date(2021, 1, 1)


def test_second_admission_while_member_is_refused():
    with pytest.raises(LifecycleError, match="đang là đảng viên"):
        build_timeline([admission(date(2010, 1, 1)), admission(date(2012, 1, 1))])


def test_admission_after_exit_must_be_readmission():
    with pytest.raises(LifecycleError, match="kết nạp lại"):
        build_timeline(
            [
                admission(date(2000, 1, 1)),
                ev(EventKind.RESIGNED, date(2005, 1, 1)),
                admission(date(2010, 1, 1)),
            ]
        )


def test_event_for_a_dead_member_is_refused():
    with pytest.raises(LifecycleError, match="đã từ trần ngày 01/06/2020"):
        build_timeline(
            [
                admission(date(1990, 1, 1)),
                ev(EventKind.RECOGNITION, date(1991, 1, 1)),
                ev(EventKind.DIED, date(2020, 6, 1)),
                ev(EventKind.TRANSFER, date(2021, 1, 1), unit_id=OTHER),
            ]
        )


def test_events_entered_out_of_order_give_the_same_history():
    events = [
        admission(date(2001, 5, 1), date(2001, 5, 19)),
        ev(EventKind.RECOGNITION, date(2002, 6, 1)),
        ev(EventKind.TRANSFER, date(2010, 8, 31), unit_id=OTHER),
        ev(EventKind.EXCUSED, date(2020, 1, 15)),
    ]
    in_order = build_timeline(events)
    shuffled = build_timeline([events[3], events[1], events[2], events[0]])
    assert in_order.periods == shuffled.periods


def test_event_dated_before_the_previous_one_is_checked_in_date_order():
    # an excuse dated before the admission makes no sense: refused whatever the entry order
    with pytest.raises(LifecycleError, match="chưa có quyết định kết nạp"):
        build_timeline([admission(date(2015, 1, 1)), ev(EventKind.EXCUSED, date(2014, 1, 1))])
    # a recognition entered after a later transfer still takes effect on its own date
    t = build_timeline(
        [
            admission(date(2015, 1, 1)),
            ev(EventKind.TRANSFER, date(2017, 1, 1), unit_id=OTHER),
            ev(EventKind.RECOGNITION, date(2016, 1, 5)),
        ]
    )
    assert t.status_on(date(2016, 1, 1)) == Status.OFFICIAL
    assert t.unit_on(date(2016, 12, 31)) == CELL and t.unit_on(date(2017, 1, 1)) == OTHER


def test_transfer_on_the_last_day_of_a_month():
    t = build_timeline(
        [
            admission(date(2010, 1, 1)),
            ev(EventKind.RECOGNITION, date(2011, 1, 1)),
            ev(EventKind.TRANSFER, date(2024, 1, 31), unit_id=OTHER),
        ]
    )
    assert t.unit_on(date(2024, 1, 30)) == CELL
    assert t.unit_on(date(2024, 1, 31)) == OTHER
    assert t.unit_on(date(2024, 2, 1)) == OTHER


def test_temporary_transfer_keeps_the_home_unit_and_ends_by_itself():
    t = build_timeline(
        [
            admission(date(2010, 1, 1)),
            ev(EventKind.RECOGNITION, date(2011, 1, 1)),
            ev(EventKind.TEMP_TRANSFER, date(2024, 3, 1), unit_id=OTHER, end_date=date(2024, 9, 1)),
        ]
    )
    during = t.period_on(date(2024, 5, 1))
    assert during.unit_id == CELL and during.away_unit_id == OTHER and during.is_away
    assert t.unit_on(date(2024, 5, 1)) == CELL  # counted at home only
    assert not t.period_on(date(2024, 9, 1)).is_away


def test_temporary_transfer_limits():
    base = [admission(date(2010, 1, 1)), ev(EventKind.RECOGNITION, date(2011, 1, 1))]
    with pytest.raises(LifecycleError, match="tối đa 1 năm"):
        build_timeline(
            [
                *base,
                ev(
                    EventKind.TEMP_TRANSFER,
                    date(2024, 1, 1),
                    unit_id=OTHER,
                    end_date=date(2025, 6, 1),
                ),
            ]
        )
    study = build_timeline(
        [
            *base,
            ev(
                EventKind.TEMP_TRANSFER,
                date(2024, 1, 1),
                unit_id=OTHER,
                end_date=date(2025, 6, 1),
                study=True,
            ),
        ]
    )
    assert study.period_on(date(2025, 1, 1)).is_away
    with pytest.raises(LifecycleError, match="từ 3 tháng"):
        build_timeline(
            [
                *base,
                ev(
                    EventKind.TEMP_TRANSFER,
                    date(2024, 1, 1),
                    unit_id=OTHER,
                    end_date=date(2024, 2, 1),
                ),
            ]
        )


def test_excused_only_official_and_can_return():
    with pytest.raises(LifecycleError, match="chỉ đảng viên chính thức"):
        build_timeline([admission(date(2024, 1, 1)), ev(EventKind.EXCUSED, date(2024, 6, 1))])
    t = build_timeline(
        [
            admission(date(1980, 1, 1)),
            ev(EventKind.RECOGNITION, date(1981, 1, 1)),
            ev(EventKind.EXCUSED, date(2019, 1, 1)),
            ev(EventKind.EXCUSE_END, date(2021, 1, 1)),
        ]
    )
    assert t.status_on(date(2020, 1, 1)) == Status.EXCUSED
    assert t.status_on(date(2021, 1, 1)) == Status.OFFICIAL


def test_probationary_member_cannot_be_expelled():
    with pytest.raises(LifecycleError, match="dự bị không bị khai trừ"):
        build_timeline([admission(date(2024, 1, 1)), ev(EventKind.EXPELLED, date(2024, 6, 1))])


def test_party_age_minus_the_gap_before_readmission():
    t = build_timeline(
        [
            admission(date(1990, 3, 1)),
            ev(EventKind.RECOGNITION, date(1991, 3, 1)),
            ev(EventKind.STRUCK_OFF, date(2000, 3, 1)),  # 10 years in
            Event(
                kind=EventKind.READMISSION,
                date=date(2005, 3, 1),
                ceremony_date=date(2005, 3, 1),
                unit_id=CELL,
            ),
            ev(EventKind.RECOGNITION, date(2006, 3, 1)),
        ]
    )
    assert t.party_age_on(date(2000, 3, 1)) == (10, 0)
    assert t.party_age_on(date(2004, 1, 1)) == (10, 0)  # not a member: age does not grow
    assert t.party_age_on(date(2025, 3, 1)) == (30, 0)  # 35 calendar years minus 5 out
    assert t.party_anchor == date(1990, 3, 1) + (date(2005, 3, 1) - date(2000, 3, 1))
    assert t.status_on(date(2005, 6, 1)) == Status.PROBATIONARY  # re-admitted: probation again
    assert [m[0] for m in t.memberships] == [date(1990, 3, 1), date(2005, 3, 1)]


def test_badge_needs_the_party_age_and_is_given_once():
    base = [admission(date(1975, 5, 19)), ev(EventKind.RECOGNITION, date(1976, 5, 19))]
    t = build_timeline([*base, ev(EventKind.BADGE, date(2005, 5, 19), years=30)])
    assert t.badges == (30,)
    with pytest.raises(LifecycleError, match="chưa đủ 40 năm"):
        build_timeline([*base, ev(EventKind.BADGE, date(2005, 5, 19), years=40)])
    with pytest.raises(LifecycleError, match="đã trao Huy hiệu 30"):
        build_timeline(
            [
                *base,
                ev(EventKind.BADGE, date(2005, 5, 19), years=30),
                ev(EventKind.BADGE, date(2006, 2, 3), years=30),
            ]
        )
    with pytest.raises(LifecycleError, match="không hợp lệ"):
        build_timeline([*base, ev(EventKind.BADGE, date(2016, 2, 3), years=35)])


def test_badge_due_at_the_next_award_date():
    t = build_timeline([admission(date(1985, 9, 1)), ev(EventKind.RECOGNITION, date(1986, 9, 1))])
    assert next_award_date(date(2025, 8, 20)) == date(2025, 9, 2)
    assert next_award_date(date(2025, 11, 8)) == date(2026, 2, 3)
    assert next_award_date(date(2025, 11, 7)) == date(2025, 11, 7)
    assert badge_due(t, date(2015, 9, 2)) == 30
    assert badge_due(t, date(2015, 5, 19)) is None  # 29 years and 8 months
    assert badge_due(t, date(2025, 9, 2)) == 40


def test_date_arithmetic():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 12, 15), 2) == date(2024, 2, 15)
    assert months_between(date(2024, 1, 31), date(2024, 2, 29)) == (1, 0)
    assert months_between(date(2024, 3, 10), date(2024, 3, 9)) == (0, 0)
    # 30 working days after Friday 01/03/2024 = Friday 12/04/2024 (no holidays given)
    assert add_working_days(date(2024, 3, 1), 30) == date(2024, 4, 12)
    assert add_working_days(date(2024, 3, 1), 1, {date(2024, 3, 4)}) == date(2024, 3, 5)


def test_transfer_out_of_the_system_and_back():
    t = build_timeline(
        [
            admission(date(2010, 1, 1)),
            ev(EventKind.RECOGNITION, date(2011, 1, 1)),
            ev(EventKind.TRANSFER, date(2015, 1, 1), external="Đảng bộ tỉnh khác"),
            ev(EventKind.TRANSFER, date(2018, 1, 1), unit_id=THIRD),
        ]
    )
    assert t.unit_on(date(2016, 1, 1)) is None
    assert t.period_on(date(2016, 1, 1)).external == "Đảng bộ tỉnh khác"
    assert t.unit_on(date(2018, 1, 1)) == THIRD


def test_same_day_events_leave_last():
    """A badge presented at the bedside on the day of death, and a transfer and an excuse on
    one day, are valid whatever order they were entered in."""
    t = build_timeline(
        [
            ev(EventKind.DIED, date(2020, 2, 3)),
            ev(EventKind.BADGE, date(2020, 2, 3), years=50),
            admission(date(1960, 1, 1)),
            ev(EventKind.RECOGNITION, date(1961, 1, 1)),
        ]
    )
    assert t.badges == (50,) and t.status_on(date(2020, 2, 3)) == Status.DEAD
    t = build_timeline(
        [
            admission(date(1960, 1, 1)),
            ev(EventKind.RECOGNITION, date(1961, 1, 1)),
            ev(EventKind.EXCUSED, date(2020, 5, 1)),
            ev(EventKind.TRANSFER, date(2020, 5, 1), unit_id=OTHER),
        ]
    )
    period = t.period_on(date(2020, 5, 1))
    assert (period.status, period.unit_id) == (Status.EXCUSED, OTHER)
