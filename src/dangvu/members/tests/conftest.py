from dataclasses import dataclass
from datetime import date

import pytest

from dangvu.members import services
from dangvu.members.lifecycle import EventKind
from dangvu.members.models import Member


@dataclass
class People:
    hoa: Member  # c1, official, Kinh/Phật giáo
    binh: Member  # c2, probationary, probation ended recently
    cuong: Member  # c4 (commune B)


def person(world, unit, ho, ten_dem, ten, gender, birth, admitted, ceremony, **identity):
    return services.register_member(
        actor=None,
        identity={
            "ho": ho,
            "ten_dem": ten_dem,
            "ten": ten,
            "gender": gender,
            "birth_date": birth,
            **identity,
        },
        admission_date=admitted,
        ceremony_date=ceremony,
        unit=unit,
    )


@pytest.fixture
def people(world) -> People:
    hoa = person(
        world,
        world.c1,
        "Nguyễn",
        "Thị",
        "Hòa",
        "nu",
        date(1970, 5, 2),
        date(1995, 5, 1),
        date(1995, 5, 19),
        ethnicity="Tày",
        religion="Phật giáo",
        cccd="001170012345",
    )
    services.record_event(actor=None, member=hoa, kind=EventKind.RECOGNITION, date=date(1996, 6, 1))
    services.issue_card(actor=None, member=hoa, number="012345678901")
    binh = person(
        world,
        world.c2,
        "Trần",
        "Văn",
        "Bình",
        "nam",
        date(1998, 1, 1),
        date(2025, 1, 5),
        date(2025, 1, 15),
        ethnicity="Kinh",
    )
    cuong = person(
        world,
        world.c4,
        "Lê",
        "Quốc",
        "Cường",
        "nam",
        date(1960, 2, 2),
        date(1985, 2, 3),
        date(1985, 2, 3),
        ethnicity="Mường",
    )
    services.record_event(
        actor=None, member=cuong, kind=EventKind.RECOGNITION, date=date(1986, 2, 3)
    )
    return People(*(Member.objects.get(pk=m.pk) for m in (hoa, binh, cuong)))
