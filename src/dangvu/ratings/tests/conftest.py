"""Members of the test world's cells and rounds the rating rules care about.

c1 (commune A, the secretary's cell): An, Chi (official), Bình (probationary since 01/03/2025),
Dũng (excused from party work since 01/03/2024), Hùng (died 01/05/2025). c2: Em. c4 (commune
B): Khánh. Rounds: members of A in 2025 (15/12/2025), units of A in 2025.
"""

from dataclasses import dataclass
from datetime import date

import pytest

from dangvu.members.lifecycle import EventKind
from dangvu.members.models import Member
from dangvu.members.tests.admitting import admit, event
from dangvu.ratings import services
from dangvu.ratings.models import Round, SubjectKind

ROUND_DAY = date(2025, 12, 15)


@dataclass
class People:
    an: Member
    chi: Member
    binh: Member
    dung: Member
    hung: Member
    em: Member
    khanh: Member
    members_a: Round
    units_a: Round


@pytest.fixture
def people(world) -> People:
    an = admit(world.c1, "Lê Văn An", date(2010, 1, 5), official=date(2011, 1, 5))
    chi = admit(world.c1, "Phạm Thị Chi", date(2012, 2, 1), official=date(2013, 2, 1))
    binh = admit(world.c1, "Trần Thị Bình", date(2025, 3, 1))
    dung = admit(world.c1, "Hoàng Văn Dũng", date(2000, 2, 1), official=date(2001, 2, 1))
    dung = event(dung, EventKind.EXCUSED, date(2024, 3, 1), ground="Tuổi cao, sức yếu")
    hung = admit(world.c1, "Đinh Văn Hùng", date(2005, 1, 1), official=date(2006, 1, 1))
    hung = event(hung, EventKind.DIED, date(2025, 5, 1))
    em = admit(world.c2, "Đỗ Thị Em", date(2012, 1, 1), official=date(2013, 1, 1))
    khanh = admit(world.c4, "Ngô Văn Khánh", date(2015, 1, 1), official=date(2016, 1, 1))
    members_a = services.create_round(
        actor=None,
        unit=world.commune_a,
        subject_kind=SubjectKind.MEMBER,
        year=2025,
        date=ROUND_DAY,
    )
    units_a = services.create_round(
        actor=None,
        unit=world.commune_a,
        subject_kind=SubjectKind.UNIT,
        year=2025,
        date=ROUND_DAY,
    )
    return People(an, chi, binh, dung, hung, em, khanh, members_a, units_a)


def entry(member, score, level="", note="", revision=None):
    return services.Entry(
        member_id=member.pk, score=score, level=level, note=note, revision=revision
    )
