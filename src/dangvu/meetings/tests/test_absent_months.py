"""Members absent without reason three months in a year feed the registry's work list."""

from datetime import date

from django.urls import reverse

from dangvu.accounts.scopes import today
from dangvu.meetings import services
from dangvu.meetings.models import MeetingKind, Presence
from dangvu.meetings.selectors import members_absent_months
from dangvu.members import worklists

U, E = Presence.UNEXCUSED, Presence.EXCUSED


def hold(cell, day, absent, kind=MeetingKind.REGULAR):
    services.bulk_record_meetings(
        actor=None,
        meetings=[
            {
                "unit_id": cell.pk,
                "kind": kind,
                "date": day,
                "absent": absent,
                **({"title": "Chuyên đề"} if kind == MeetingKind.THEMATIC else {}),
            }
        ],
    )


def test_three_months_unexcused_in_a_year(world, people):
    for month in (2, 5, 9):
        hold(world.c1, date(2025, month, 5), {people.an.pk: (U, "")})
    # Chi: twice in one month (regular + thematic) and once more — two months only
    hold(world.c1, date(2025, 3, 5), {people.chi.pk: (U, "")})
    hold(world.c1, date(2025, 3, 20), {people.chi.pk: (U, "")}, kind=MeetingKind.THEMATIC)
    hold(world.c1, date(2025, 4, 5), {people.chi.pk: (U, ""), people.an.pk: (E, "Ốm")})
    rows = list(members_absent_months(world.users["province"], year=2025))
    assert [(m.pk, m.absent_months) for m in rows] == [(people.an.pk, 3)]
    assert list(members_absent_months(world.users["province"], year=2024)) == []
    assert [m.pk for m in members_absent_months(world.users["province"], year=2025, minimum=2)] == [
        people.an.pk,
        people.chi.pk,
    ]


def test_scoped_to_the_user(world, people):
    for month in (2, 5, 9):
        hold(world.c1, date(2025, month, 5), {people.an.pk: (U, "")})
    assert list(members_absent_months(world.users["commune_a"], year=2025)) == [people.an]
    assert list(members_absent_months(world.users["commune_b"], year=2025)) == []
    assert list(members_absent_months(world.users["outsider"], year=2025)) == []


def test_the_work_list_shows_this_years_absentees(world, people, client):
    year = today().year
    for month in (1, 2, 3):
        hold(world.c1, date(year, month, 5), {people.an.pk: (U, "")})
    assert list(worklists.missed_meetings(world.users["commune_a"])) == [people.an]
    client.force_login(world.users["commune_a"])
    page = client.get(reverse("members:worklists")).content.decode()
    assert reverse("members:detail", args=[people.an.pk]) in page
