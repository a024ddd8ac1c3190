"""Emulation fixtures on the shared ``world``: members in its cells, the province's 4-tốt
criteria for 2024 and 2025, helpers that write through the services.

Members (admitted 2010): ``an``, ``binh`` in c1; ``chi`` in c2; ``dung`` in c3 (old commune
X2, merged into A on 01/07/2025); ``em`` in c4 (commune B); ``hoa`` in c1, excused from
01/03/2025.
"""

from dataclasses import dataclass
from datetime import date

import pytest

from dangvu.emulation import services
from dangvu.emulation.models import Field, RecognitionKind, Target
from dangvu.members import services as member_services
from dangvu.members.lifecycle import EventKind
from dangvu.members.models import Member


@dataclass
class People:
    an: Member
    binh: Member
    chi: Member
    dung: Member
    em: Member
    hoa: Member


def admit(unit, ho, ten_dem, ten):
    return member_services.register_member(
        actor=None,
        identity={
            "ho": ho,
            "ten_dem": ten_dem,
            "ten": ten,
            "gender": "nam",
            "birth_date": date(1980, 1, 1),
        },
        admission_date=date(2010, 1, 1),
        ceremony_date=date(2010, 1, 1),
        official_date_decided=date(2011, 1, 5),
        unit=unit,
    )


@pytest.fixture
def people(world) -> People:
    found = [
        admit(world.c1, "Lê", "Văn", "An"),
        admit(world.c1, "Trần", "Thị", "Bình"),
        admit(world.c2, "Phạm", "Minh", "Chi"),
        admit(world.c3, "Hoàng", "Văn", "Dũng"),
        admit(world.c4, "Đỗ", "Thị", "Em"),
        admit(world.c1, "Vũ", "Thị", "Hoa"),
    ]
    member_services.record_event(
        actor=None, member=found[-1], kind=EventKind.EXCUSED, date=date(2025, 3, 1)
    )
    return People(*(Member.objects.get(pk=m.pk) for m in found))


CELL_CRITERIA = [
    {"code": "1", "text": "Chính trị tư tưởng tốt", "weight": 25, "required": True},
    {"code": "2", "text": "Đoàn kết, kỷ luật tốt", "weight": 25},
    {"code": "3", "text": "Sinh hoạt chi bộ tốt", "weight": 25},
    {"code": "4", "text": "Lãnh đạo thực hiện nhiệm vụ tốt", "weight": 25},
]


@pytest.fixture
def criteria(world):
    """The province's "Chi bộ 4 tốt" and "Đảng bộ cơ sở 4 tốt" criteria, 2024 and 2025."""
    sets = {}
    for year in (2024, 2025):
        for target in Target.values:
            sets[(year, target)] = services.save_criteria_set(
                actor=None,
                province=world.province,
                year=year,
                target=target,
                title=f"Tiêu chí {Target(target).label} năm {year}",
                criteria=CELL_CRITERIA,
            )
    return sets


def all_met(criteria_set, met=True) -> dict:
    return {c.code: met for c in criteria_set.criteria.all()}


def field(code="kinh_te") -> Field:
    return Field.objects.get(code=code)


def recognition_kind(code="bi_thu_chi_bo_tieu_bieu") -> RecognitionKind:
    return RecognitionKind.objects.get(code=code)
