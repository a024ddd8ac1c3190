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


def test_a_member_who_left_the_scope_is_counted_on_the_list(world, login):
    from dangvu.members.models import Member
    from dangvu.members.services import record_event

    bulk_register(actor=None, people=_people(world.c1, 3, "An"))
    leaving = Member.objects.order_by("pk").first()
    record_event(
        actor=None, member=leaving, kind=EventKind.TRANSFER, date=date(2026, 3, 1), unit=world.c4
    )
    engine.build_all()
    figure = read_sheet(world.commune_a, Period.parse("2025")).figure("dang_vien.so_luong").value
    client = login(world.users["commune_a"])
    page = client.get(
        f"/dang-vien/?don_vi={world.commune_a.pk}&ngay=31/12/2025&status={ALL_MEMBERS}"
    ).content.decode()
    listed = member_list(
        world.users["commune_a"], unit=world.commune_a, status=ALL_MEMBERS, on=date(2025, 12, 31)
    ).count()
    assert (figure, listed) == (3, 2)  # the one who left is no longer the commune's to open
    assert 'id="left-scope"' in page and "còn 1 đảng viên" in page
    # today's list has nobody outside the scope to mention
    today_page = client.get(f"/dang-vien/?don_vi={world.commune_a.pk}&status={ALL_MEMBERS}")
    assert 'id="left-scope"' not in today_page.content.decode()
