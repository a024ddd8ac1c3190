"""The test world plus what the oversight rules need.

Members: in c4 (commune B) Khánh (official since 2016), Lan (probationary: admitted
01/03/2025, not yet recognised), Mai (died 01/05/2025), Nam (official, excused from party
work since 2024); in c1 (commune A) An (official). Users: ``ubkt_b`` (Ủy ban Kiểm tra,
role ``kiem_tra``, at commune B), ``ubkt_p`` (the same at the province).
"""

from dataclasses import dataclass
from datetime import date

import pytest

from dangvu.accounts.models import Role, RoleAssignment, User
from dangvu.members.lifecycle import EventKind
from dangvu.members.models import Member
from dangvu.members.tests.admitting import admit, event
from dangvu.oversight.models import ViolationCategory

REFORM = date(2025, 7, 1)


def inspector(username, unit):
    user = User.objects.create_user(username=username, password="x")
    RoleAssignment.objects.create(
        user=user, role=Role.objects.get(code="kiem_tra"), unit=unit, valid_from=REFORM
    )
    return user


@dataclass
class People:
    khanh: Member
    lan: Member
    mai: Member
    nam: Member
    an: Member


@pytest.fixture
def people(world) -> People:
    mai = admit(world.c4, "Đỗ Thị Mai", date(2000, 5, 1), official=date(2001, 5, 1))
    nam = admit(world.c4, "Trần Văn Nam", date(1990, 5, 1), official=date(1991, 5, 1))
    return People(
        khanh=admit(world.c4, "Lê Văn Khánh", date(2015, 2, 1), official=date(2016, 2, 1)),
        lan=admit(world.c4, "Phạm Thị Lan", date(2025, 3, 1)),
        mai=event(mai, EventKind.DIED, date(2025, 5, 1)),
        nam=event(nam, EventKind.EXCUSED, date(2024, 3, 1)),
        an=admit(world.c1, "Nguyễn Văn An", date(2010, 1, 1), official=date(2011, 1, 1)),
    )


@pytest.fixture
def ubkt_b(world):
    return inspector("ubkt_b", world.commune_b)


@pytest.fixture
def ubkt_p(world):
    return inspector("ubkt_p", world.province)


@pytest.fixture
def violation(db):
    return ViolationCategory.objects.get(code="dao_duc_loi_song")
