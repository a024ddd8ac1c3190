"""Training fixtures on the shared ``world``: members, programmes and a few classes.

2024 (before the reform): x1 (An Bình, → A) runs a "đảng viên mới" class for An (c1);
x3 (Phú Mỹ, → B) runs one for Cường (c4).
2025-09 (after the reform): commune A runs a "nhận thức về Đảng" class for a candidate.
"""

from dataclasses import dataclass
from datetime import date

import pytest

from dangvu.members.lifecycle import EventKind
from dangvu.members.models import Member
from dangvu.members.services import name_parts, record_event, register_member
from dangvu.training import services
from dangvu.training.models import Candidate, Programme, TrainingClass


def programme(code: str) -> Programme:
    return Programme.objects.get(code=code)


def admit(unit, full_name, born, admitted, *, gender="nam", official=None, **identity) -> Member:
    member = register_member(
        actor=None,
        identity={**name_parts(full_name), "gender": gender, "birth_date": born, **identity},
        admission_date=admitted,
        ceremony_date=admitted,
        unit=unit,
    )
    if official:
        record_event(actor=None, member=member, kind=EventKind.RECOGNITION, date=official)
    return Member.objects.get(pk=member.pk)


def new_class(unit, code, start, end, name="Lớp thử", **extra) -> TrainingClass:
    return services.create_class(
        actor=None,
        programme=programme(code),
        unit=unit,
        name=name,
        start_date=start,
        end_date=end,
        **extra,
    )


def candidate(unit, full_name="Đào Thị Mai", born=date(2000, 4, 5), gender="nu", **extra):
    return services.create_candidate(
        actor=None, **name_parts(full_name), birth_date=born, gender=gender, unit=unit, **extra
    )


@dataclass
class Training:
    an: Member  # c1 (x1 → A), official
    binh: Member  # c2 (x1 → A), admitted 2023
    cuong: Member  # c4 (x3 → B)
    dong: Member  # c3 (x2 → A)
    mai: Candidate  # cultivated in c1
    old_a: TrainingClass  # x1, 2024, đảng viên mới, An + Bình
    old_b: TrainingClass  # x3, 2024, đảng viên mới, Cường
    new_a: TrainingClass  # A, 09/2025, nhận thức về Đảng, Mai


@pytest.fixture
def training(world) -> Training:
    an = admit(
        world.c1, "Lê Văn An", date(1990, 3, 10), date(2015, 1, 5), official=date(2016, 1, 5)
    )
    binh = admit(world.c2, "Trần Văn Bình", date(1995, 1, 1), date(2023, 6, 1))
    cuong = admit(world.c4, "Lê Quốc Cường", date(1980, 2, 2), date(2010, 2, 3))
    dong = admit(world.c3, "Phạm Văn Đông", date(1985, 8, 8), date(2010, 4, 1))
    mai = candidate(world.c1)
    old_a = new_class(
        world.x1,
        "dang_vien_moi",
        date(2024, 3, 4),
        date(2024, 3, 15),
        name="Lớp đảng viên mới An Bình",
    )
    services.enrol(actor=None, training_class=old_a, members=[an, binh])
    old_b = new_class(
        world.x3,
        "dang_vien_moi",
        date(2024, 4, 1),
        date(2024, 4, 10),
        name="Lớp đảng viên mới Phú Mỹ",
    )
    services.enrol(actor=None, training_class=old_b, members=[cuong])
    new_a = new_class(
        world.commune_a,
        "nhan_thuc_ve_dang",
        date(2025, 9, 8),
        date(2025, 9, 12),
        name="Lớp nhận thức về Đảng khóa 1",
    )
    services.enrol(actor=None, training_class=new_a, candidates=[mai])
    return Training(
        an,
        binh,
        cuong,
        dong,
        mai,
        *(TrainingClass.objects.get(pk=c.pk) for c in (old_a, old_b, new_a)),
    )
