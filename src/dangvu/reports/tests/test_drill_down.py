"""A figure and the list behind its link hold the same records, also for a unit formed after
the period (read in today's tree) whose cells have moved since it was formed."""

from datetime import date

import pytest

from dangvu.members.lifecycle import EventKind
from dangvu.members.selectors import ALL_MEMBERS, member_list
from dangvu.members.services import bulk_register
from dangvu.orgs.services import move_unit
from dangvu.reports import engine
from dangvu.reports.periods import Period
from dangvu.reports.selectors import read_sheet

pytestmark = pytest.mark.django_db


def _people(cell, count: int, first: str):
    return [
        {
            "identity": {
                "ho": "Nguyễn",
                "ten_dem": "Văn",
                "ten": f"{first}{i}",
                "gender": "nam",
                "birth_date": date(1980, 1, 1 + i),
            },
            "events": [
                {
                    "kind": EventKind.ADMISSION,
                    "date": date(2010, 3, 1),
                    "ceremony_date": date(2010, 3, 1),
                    "unit": cell,
                },
                {"kind": EventKind.RECOGNITION, "date": date(2011, 3, 1)},
            ],
        }
        for i in range(count)
    ]


def test_members_figure_equals_its_list_after_a_later_move(world):
    bulk_register(actor=None, people=_people(world.c1, 3, "An") + _people(world.c3, 2, "Bình"))
    # thôn Đoài went to An Hòa on 01/7/2025; it moves on to Phú Mỹ in 2026
    move_unit(
        actor=None, unit=world.c3, new_parent=world.commune_b, effective_date=date(2026, 2, 1)
    )
    engine.build_all()
    user = world.users["province"]
    year = Period.parse("2024")
    counts = {}
    for commune in (world.commune_a, world.commune_b):
        figure = read_sheet(commune, year).figure("dang_vien.so_luong").value
        listed = member_list(user, unit=commune, status=ALL_MEMBERS, on=year.end).count()
        counts[commune.pk] = (figure, listed)
    # in today's tree the 2024 members of thôn Đoài count at Phú Mỹ, in the figure and the list
    assert counts == {world.commune_a.pk: (3, 3), world.commune_b.pk: (2, 2)}
