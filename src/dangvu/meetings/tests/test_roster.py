"""The expected list of a meeting is derived from the registry at the meeting date."""

from datetime import date

from dangvu.meetings.roster import RosterBook, roster


def ids(entries, expected=None):
    return {e.member.pk for e in entries if expected is None or e.expected == expected}


def test_excused_members_are_listed_but_not_expected(world, people):
    entries = roster(world.c1, date(2025, 9, 10))
    assert people.dung.pk in ids(entries, expected=False)
    assert people.dung.pk not in ids(entries, expected=True)


def test_temporarily_away_member_stays_expected_at_home(world, people):
    day = date(2025, 9, 10)
    assert people.dong.pk in ids(roster(world.c1, day), expected=True)
    assert people.dong.pk not in ids(roster(world.c4, day))
    assert next(e for e in roster(world.c1, day) if e.member.pk == people.dong.pk).away


def test_transfer_moves_member_between_cells_at_the_date(world, people):
    before, after = date(2025, 9, 30), date(2025, 10, 1)
    assert people.giang.pk in ids(roster(world.c4, before))
    assert people.giang.pk not in ids(roster(world.c1, before))
    assert people.giang.pk in ids(roster(world.c1, after), expected=True)
    assert people.giang.pk not in ids(roster(world.c4, after))


def test_not_yet_admitted_member_is_not_listed(world, people):
    assert people.binh.pk not in ids(roster(world.c1, date(2025, 2, 1)))
    assert people.binh.pk in ids(roster(world.c1, date(2025, 3, 1)), expected=True)


def test_roster_book_matches_roster(world, people):
    book = RosterBook([world.c1.pk, world.c4.pk], date(2025, 1, 1), date(2025, 12, 1))
    for day in (date(2025, 2, 1), date(2025, 9, 30), date(2025, 10, 1)):
        for cell in (world.c1, world.c4):
            assert book.on(cell.pk, day) == {e.member.pk: e.expected for e in roster(cell, day)}
