"""Study fixtures: members in the cells of the shared ``world``, a province document, and
helpers to record sessions through the services.

Members (all admitted 2010): ``an`` and ``binh`` in c1, ``chi`` in c2, ``dung`` in c3
(commune X2, merged into A on 01/07/2025), ``em`` in c4 (commune B), and ``giang`` who moved
from c4 to c1 on 01/03/2025.
"""

from dataclasses import dataclass
from datetime import date

import pytest

from dangvu.documents.models import DocumentType
from dangvu.documents.services import create_document
from dangvu.members import services as member_services
from dangvu.members.lifecycle import EventKind
from dangvu.members.models import Member
from dangvu.study import services
from dangvu.study.models import AudienceKind, StudySession


@dataclass
class People:
    an: Member
    binh: Member
    chi: Member
    dung: Member
    em: Member
    giang: Member


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
        unit=unit,
    )


@pytest.fixture
def people(world) -> People:
    an = admit(world.c1, "Lê", "Văn", "An")
    binh = admit(world.c1, "Trần", "Thị", "Bình")
    chi = admit(world.c2, "Phạm", "Minh", "Chi")
    dung = admit(world.c3, "Hoàng", "Văn", "Dũng")
    em = admit(world.c4, "Đỗ", "Thị", "Em")
    giang = admit(world.c4, "Vũ", "Thị", "Giang")
    member_services.record_event(
        actor=None, member=giang, kind=EventKind.TRANSFER, date=date(2025, 3, 1), unit=world.c1
    )
    return People(*(Member.objects.get(pk=m.pk) for m in (an, binh, chi, dung, em, giang)))


def kind(code: str) -> AudienceKind:
    return AudienceKind.objects.get(code=code)


@pytest.fixture
def document(world):
    return create_document(
        actor=None,
        unit=world.province,
        agency="TU",
        doc_type=DocumentType.objects.get(code="NQ"),
        number="71",
        date=date(2024, 1, 10),
        title="Nghị quyết về phát triển văn hóa",
    )


def counted(
    unit,
    day,
    *,
    title="Hội nghị quán triệt",
    code="can_bo_chu_chot",
    expected=10,
    attended=9,
    documents=(),
    actor=None,
    **extra,
) -> StudySession:
    return services.create_session(
        actor=actor,
        unit=unit,
        date=day,
        title=title,
        documents=documents,
        groups=[{"kind": kind(code), "expected": expected, "attended": attended}],
        **extra,
    )


def listed(
    unit, day, entries, *, title="Hội nghị học tập", code="dang_vien", documents=(), actor=None
) -> StudySession:
    return services.create_session(
        actor=actor,
        unit=unit,
        date=day,
        title=title,
        documents=documents,
        groups=[{"kind": kind(code), "by_list": True, "members": entries}],
    )
