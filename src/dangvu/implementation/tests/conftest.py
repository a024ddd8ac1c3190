"""A province resolution with a count target, a rate target and a task, assigned to the old
communes (before the 2025 reform) and to the new ones."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from dangvu.documents.models import Document, DocumentType, IssuingBody
from dangvu.documents.services import create_document
from dangvu.implementation import services
from dangvu.implementation.models import Item, ItemKind, Measure


def make_document(unit, number="05", code="NQ", day=date(2024, 1, 15), title="Nghị quyết thử"):
    """A document registered through the documents app's service."""
    return create_document(
        actor=None,
        unit=unit,
        body=IssuingBody.BCH,
        agency="TU" if unit.parent_id is None else "ĐU",
        doc_type=DocumentType.objects.get(code=code),
        number=number,
        date=day,
        term="",
        title=title,
        summary="",
    )


@dataclass
class Plan:
    document: Document
    admissions: Item  # count target, 20 đảng viên
    rating: Item  # rate target, 90 %
    study: Item  # task


@pytest.fixture
def plan(world) -> Plan:
    document = make_document(world.province, title="Nghị quyết về công tác xây dựng Đảng")
    admissions = services.create_item(
        actor=None,
        document=document,
        kind=ItemKind.TARGET,
        code="1",
        name="Kết nạp đảng viên mới",
        measure=Measure.COUNT,
        measure_unit="đảng viên",
        baseline=Decimal(0),
        target_value=Decimal(20),
        deadline=date(2025, 12, 31),
    )
    rating = services.create_item(
        actor=None,
        document=document,
        kind=ItemKind.TARGET,
        code="2",
        name="Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ trở lên",
        measure=Measure.RATE,
        target_value=Decimal(90),
        deadline=date(2026, 12, 31),
    )
    study = services.create_item(
        actor=None,
        document=document,
        kind=ItemKind.TASK,
        code="3",
        name="Tổ chức học tập, quán triệt nghị quyết đến toàn thể đảng viên",
        deadline=date(2024, 6, 30),
    )
    return Plan(document=document, admissions=admissions, rating=rating, study=study)
