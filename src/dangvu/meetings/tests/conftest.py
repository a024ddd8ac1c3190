"""Members of the test world's cells, with the histories the meeting rules care about.

c1 (commune A, the secretary's cell): An, Bình (probationary), Chi, Dũng (excused from
01/03/2024), Đông (temporarily in c4 from 01/08/2025 to 20/11/2025: still expected in c1),
Giang (c4 → c1 permanently on 01/10/2025). c2: Em. c4 (commune B): Khánh.
"""

from dataclasses import dataclass
from datetime import date

import pytest

from dangvu.members.lifecycle import EventKind
from dangvu.members.models import Member
from dangvu.members.tests.admitting import admit, event


@dataclass
class Cells:
    an: Member
    binh: Member
    chi: Member
    dung: Member
    dong: Member
    giang: Member
    em: Member
    khanh: Member

    @property
    def c1_expected_after_october(self):
        return {self.an.pk, self.binh.pk, self.chi.pk, self.dong.pk, self.giang.pk}


@pytest.fixture
def people(world) -> Cells:
    an = admit(world.c1, "Lê Văn An", date(2010, 1, 5), official=date(2011, 1, 5))
    binh = admit(world.c1, "Trần Thị Bình", date(2025, 3, 1), gender="nu")
    chi = admit(world.c1, "Phạm Thị Chi", date(2012, 2, 1), official=date(2013, 2, 1), gender="nu")
    dung = admit(world.c1, "Hoàng Văn Dũng", date(2000, 2, 1), official=date(2001, 2, 1))
    dung = event(dung, EventKind.EXCUSED, date(2024, 3, 1), ground="Tuổi cao, sức yếu")
    dong = admit(world.c1, "Phạm Văn Đông", date(2010, 4, 1), official=date(2011, 4, 1))
    dong = event(
        dong, EventKind.TEMP_TRANSFER, date(2025, 8, 1), unit=world.c4, end_date=date(2025, 11, 20)
    )
    giang = admit(
        world.c4, "Vũ Thị Giang", date(2000, 1, 1), official=date(2001, 1, 1), gender="nu"
    )
    giang = event(giang, EventKind.TRANSFER, date(2025, 10, 1), unit=world.c1)
    em = admit(world.c2, "Đỗ Thị Em", date(2012, 1, 1), official=date(2013, 1, 1), gender="nu")
    khanh = admit(world.c4, "Ngô Văn Khánh", date(2015, 1, 1), official=date(2016, 1, 1))
    return Cells(an, binh, chi, dung, dong, giang, em, khanh)
