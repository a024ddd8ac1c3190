"""Work lists: recognition due (30 working days), badges at the next award day, temporary
transfers ending, missing identifiers; each scoped to the user and computed in SQL."""

from datetime import date

import pytest

from dangvu.members import worklists
from dangvu.members.lifecycle import EventKind
from dangvu.members.tests.conftest import ON, admit, event

pytestmark = pytest.mark.django_db


def names(rows):
    return [getattr(r, "member", r).full_name for r in rows]


def test_recognition_due_within_60_days_or_overdue(world):
    # ON = 01/11/2025
    soon = admit(world.c1, "Lê Thị Sớm", "nu", date(2000, 1, 1), date(2024, 12, 20))  # → 20/12/2025
    late = admit(world.c1, "Lê Văn Muộn", "nam", date(2000, 1, 1), date(2024, 8, 1))  # → 01/08/2025
    admit(world.c1, "Lê Văn Xa", "nam", date(2000, 1, 1), date(2025, 1, 5))  # → 05/01/2026: 65 days
    edge = admit(world.c2, "Lê Văn Biên", "nam", date(2000, 1, 1), date(2024, 12, 31))  # 60 days
    done = admit(world.c2, "Lê Văn Xong", "nam", date(2000, 1, 1), date(2024, 1, 1))
    event(done, EventKind.RECOGNITION, date(2025, 1, 2))
    officer = world.users["commune_a"]
    due = worklists.with_deadlines(worklists.recognition_due(officer, day=ON), ON)
    assert names(due) == ["Lê Văn Muộn", "Lê Thị Sớm", "Lê Văn Biên"]  # by probation end
    by_name = {m.full_name: m for m in due}
    # 30 working days (Monday–Friday) after 01/08/2025 (a Friday): 12/09/2025 → overdue
    assert by_name["Lê Văn Muộn"].deadline == date(2025, 9, 12)
    assert by_name["Lê Văn Muộn"].overdue
    assert by_name["Lê Thị Sớm"].deadline == date(2026, 1, 30) and not by_name["Lê Thị Sớm"].overdue
    assert late.probation_end == date(2025, 8, 1) and soon.probation_end == date(2025, 12, 20)
    assert edge.probation_end == date(2025, 12, 31)
    # scope: the secretary of c1 sees only c1's
    due_c1 = worklists.recognition_due(world.users["secretary"], day=ON)
    assert names(due_c1) == ["Lê Văn Muộn", "Lê Thị Sớm"]
    assert names(worklists.recognition_due(world.users["commune_b"], day=ON)) == []


def test_badges_due_at_the_next_award_day(world):
    # ON = 01/11/2025 → award day 07/11/2025
    award, _ = worklists.badges_due(world.users["province"], day=ON)
    assert award == date(2025, 11, 7)
    admit(world.c1, "Trần Văn Đúng", "nam", date(1960, 1, 1), date(1995, 11, 7))  # 30 y exactly
    admit(world.c1, "Trần Văn Thiếu", "nam", date(1960, 1, 1), date(1995, 11, 8))  # one day short
    for name in ("Trần Văn Đúng", "Trần Văn Thiếu"):
        member = world.c1.members.get(full_name=name)
        event(member, EventKind.RECOGNITION, date(1996, 11, 8))
    given = admit(
        world.c2,
        "Trần Văn Đủ",
        "nam",
        date(1950, 1, 1),
        date(1985, 1, 1),
        official=date(1986, 1, 1),
    )
    event(given, EventKind.BADGE, date(2015, 2, 3), years=30)
    event(given, EventKind.BADGE, date(2025, 2, 3), years=40)  # 40 years: nothing new yet
    admit(
        world.c2,
        "Trần Văn Chưa",
        "nam",
        date(1950, 1, 1),
        date(1984, 1, 1),
        official=date(1985, 1, 1),
    )  # 41 years, never awarded: the highest milestone reached, 40
    half = admit(
        world.c2,
        "Trần Văn Năm",
        "nam",
        date(1940, 1, 1),
        date(1975, 1, 1),
        official=date(1976, 1, 1),
    )
    for years, day in ((30, date(2005, 2, 3)), (40, date(2015, 2, 3)), (45, date(2020, 2, 3))):
        event(half, EventKind.BADGE, day, years=years)  # 50 years now: due 50
    # left 2 years, re-admitted: 31 years since the first admission but 29 of party age
    gap = admit(
        world.c3,
        "Trần Thị Gián",
        "nu",
        date(1970, 1, 1),
        date(1994, 6, 1),
        official=date(1995, 6, 1),
    )
    event(gap, EventKind.RESIGNED, date(1996, 6, 1), ground="Xin ra")
    event(
        gap, EventKind.READMISSION, date(1998, 6, 1), ceremony_date=date(1998, 6, 1), unit=world.c3
    )
    event(gap, EventKind.RECOGNITION, date(1999, 6, 1))
    dead = admit(
        world.c3,
        "Trần Văn Mất",
        "nam",
        date(1930, 1, 1),
        date(1960, 1, 1),
        official=date(1961, 1, 1),
    )
    event(dead, EventKind.DIED, date(2025, 1, 1))
    admit(
        world.c4,
        "Trần Văn Bắc",
        "nam",
        date(1950, 1, 1),
        date(1980, 1, 1),
        official=date(1981, 1, 1),
    )

    award, due = worklists.badges_due(world.users["commune_a"], day=ON)
    assert [(m.full_name, m.badge_years) for m in due] == [
        ("Trần Văn Năm", 50),
        ("Trần Văn Chưa", 40),
        ("Trần Văn Đúng", 30),
    ]
    _, due_b = worklists.badges_due(world.users["commune_b"], day=ON)
    assert [(m.full_name, m.badge_years) for m in due_b] == [("Trần Văn Bắc", 45)]
    # the award day itself still counts as "next"
    assert worklists.badges_due(world.users["province"], day=award)[0] == award


def test_badge_list_is_one_query(world, django_assert_num_queries):
    admit(
        world.c1,
        "Trần Văn Đúng",
        "nam",
        date(1960, 1, 1),
        date(1990, 1, 1),
        official=date(1991, 1, 1),
    )
    officer = world.users["province"]
    list(worklists.badges_due(officer, day=ON)[1])  # scope resolved and cached
    with django_assert_num_queries(2):  # "does the scope cover every unit?", the list
        rows = list(worklists.badges_due(officer, day=ON)[1])
    assert [m.badge_years for m in rows] == [30]


def test_temporary_transfers_ending_within_30_days(registry, world):
    # Đông (c3) is in c4 until 20/11/2025
    longer = admit(
        world.c1,
        "Ngô Văn Lâu",
        "nam",
        date(1990, 1, 1),
        date(2015, 1, 1),
        official=date(2016, 1, 1),
    )
    event(
        longer,
        EventKind.TEMP_TRANSFER,
        date(2025, 9, 1),
        external="Trường Chính trị tỉnh",
        end_date=date(2026, 3, 1),
    )
    rows = list(worklists.temporary_transfers_ending(world.users["commune_a"], day=ON))
    assert names(rows) == ["Phạm Văn Đông"]
    assert (rows[0].away_until, rows[0].away_unit, rows[0].unit) == (
        date(2025, 11, 20),
        world.c4,
        world.c3,
    )
    # the receiving commune does not list a member who is not theirs
    assert names(worklists.temporary_transfers_ending(world.users["commune_b"], day=ON)) == []
    later = date(2026, 2, 10)
    assert names(worklists.temporary_transfers_ending(world.users["commune_a"], day=later)) == [
        "Ngô Văn Lâu"
    ]
    # once the term has passed the member is back home and off the list
    assert (
        names(worklists.temporary_transfers_ending(world.users["province"], day=date(2025, 11, 20)))
        == []
    )


def test_missing_identifiers(registry, world):
    rows = list(worklists.missing_identifiers(world.users["province"], day=ON))
    # Ánh: no CCCD (a probationer needs no card yet); Bình: no CCCD (has an old card);
    # Em has left the Party; the others have both
    assert names(rows) == ["Trần Thị Ánh", "Nguyễn Đức Bình"]
    assert [(m.has_card, m.needs_card) for m in rows] == [(False, False), (True, True)]
    no_card = admit(
        world.c2,
        "Mai Văn Thẻ",
        "nam",
        date(1990, 1, 1),
        date(2015, 1, 1),
        official=date(2016, 1, 1),
        cccd="001090000099",
    )
    assert no_card.cccd
    rows = list(worklists.missing_identifiers(world.users["commune_a"], day=ON))
    assert names(rows) == ["Trần Thị Ánh", "Mai Văn Thẻ"]


def test_missed_meetings_is_empty_without_attendance(world):
    # filled from the meetings app (meetings/tests/test_absent_months.py)
    assert list(worklists.missed_meetings(world.users["province"])) == []


def test_all_lists_page_query_count(registry, world, django_assert_max_num_queries):
    officer = world.users["province"]
    worklists.all_lists(officer, day=ON)
    with django_assert_max_num_queries(8):
        lists = worklists.all_lists(officer, day=ON)
    assert names(lists["recognition"]) == ["Trần Thị Ánh"]
    assert not lists["recognition"].more
    assert [(m.full_name, m.badge_years) for m in lists["badges"]] == [("Nguyễn Đức Bình", 50)]
    assert names(lists["temporary"]) == ["Phạm Văn Đông"]
    assert lists["award_date"] == date(2025, 11, 7)


def test_lists_show_their_first_rows_and_say_there_are_more(world, monkeypatch):
    monkeypatch.setattr(worklists, "LIMIT", 2)
    for i, name in enumerate(("An", "Bình", "Chi")):
        admit(world.c1, f"Lê Thị {name}", "nu", date(1990, 1, 1), date(2015, 1, 1 + i))
    shown = worklists.first(worklists.missing_identifiers(world.users["province"], day=ON), 2)
    assert len(shown) == 2 and shown.more
