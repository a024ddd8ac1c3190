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


# ------------------------------------------------------------------ a richer registry
#
# Members with fixed dates, for selectors and work lists asked "as of" a given day
# (``ON`` = 01/11/2025, after the reform; the next badge award day is 07/11/2025).

ON = date(2025, 11, 1)


def admit(unit, full_name, gender, born, admitted, ceremony=None, official=None, **identity):
    """Register through the services; ``official`` records the recognition decision."""
    member = services.register_member(
        actor=None,
        identity={
            **services.name_parts(full_name),
            "gender": gender,
            "birth_date": born,
            **identity,
        },
        admission_date=admitted,
        ceremony_date=ceremony or admitted,
        unit=unit,
    )
    if official:
        services.record_event(actor=None, member=member, kind=EventKind.RECOGNITION, date=official)
    return Member.objects.get(pk=member.pk)


def event(member, kind, day, **details):
    services.record_event(actor=None, member=member, kind=kind, date=day, **details)
    return Member.objects.get(pk=member.pk)


@dataclass
class Registry:
    an: Member  # c1, official, CCCD and new card
    anh: Member  # c2, probationary (probation ends 10/12/2025), Tày, born 22/11/1995
    binh: Member  # c4 (commune B), official since 1976, old card, Công giáo
    dung: Member  # c1, excused since 01/03/2024, Tày, trung cấp
    dong: Member  # c3, temporarily in c4 from 01/08/2025 to 20/11/2025
    em: Member  # c2, struck off 01/05/2023
    giang: Member  # c4 → c1 (permanent transfer on 01/10/2025)


@pytest.fixture
def registry(world) -> Registry:
    an = admit(
        world.c1,
        "Lê Văn Anh",
        "nam",
        date(1990, 3, 10),
        date(2015, 1, 5),
        date(2015, 1, 10),
        official=date(2016, 1, 12),
        cccd="001090000001",
        education="12/12",
        theory_level="so_cap",
    )
    services.issue_card(actor=None, member=an, number="123456789012")
    anh = admit(
        world.c2,
        "Trần Thị Ánh",
        "nu",
        date(1995, 11, 22),
        date(2024, 12, 1),
        date(2024, 12, 10),
        ethnicity="Tày",
        education="12/12",
    )
    binh = admit(
        world.c4,
        "Nguyễn Đức Bình",
        "nam",
        date(1950, 1, 1),
        date(1975, 6, 1),
        official=date(1976, 6, 1),
        ethnicity="Kinh",
        religion="Công giáo",
    )
    services.issue_card(actor=None, member=binh, number="01.234567")
    dung = admit(
        world.c1,
        "Hoàng Văn Dũng",
        "nam",
        date(1980, 6, 1),
        date(2005, 2, 1),
        official=date(2006, 2, 1),
        ethnicity="Tày",
        theory_level="trung_cap",
        cccd="001080000002",
    )
    services.issue_card(actor=None, member=dung, number="123456789013")
    dung = event(dung, EventKind.EXCUSED, date(2024, 3, 1), ground="Tuổi cao, sức yếu")
    dong = admit(
        world.c3,
        "Phạm Văn Đông",
        "nam",
        date(1985, 8, 8),
        date(2010, 4, 1),
        official=date(2011, 4, 1),
        cccd="001085000003",
    )
    services.issue_card(actor=None, member=dong, number="123456789014")
    dong = event(
        dong, EventKind.TEMP_TRANSFER, date(2025, 8, 1), unit=world.c4, end_date=date(2025, 11, 20)
    )
    em = admit(
        world.c2,
        "Đỗ Thị Em",
        "nu",
        date(1988, 1, 1),
        date(2012, 1, 1),
        official=date(2013, 1, 1),
    )
    em = event(em, EventKind.STRUCK_OFF, date(2023, 5, 1), ground="Bỏ sinh hoạt")
    giang = admit(
        world.c4,
        "Vũ Thị Giang",
        "nu",
        date(1960, 5, 5),
        date(2000, 1, 1),
        official=date(2001, 1, 1),
        cccd="001160000004",
    )
    services.issue_card(actor=None, member=giang, number="123456789015")
    giang = event(giang, EventKind.TRANSFER, date(2025, 10, 1), unit=world.c1)
    return Registry(an, anh, binh, dung, dong, em, giang)
