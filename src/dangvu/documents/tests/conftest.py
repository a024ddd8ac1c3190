"""A small register on the shared ``world`` tree (see the root conftest).

province P: 71-NQ/TU (2022, term 2020-2025), 01-HD/TW twice is not here (see
            test_identity), 05-CT/TU 2024
district H (ended 01/07/2025): 12-NQ/HU 2024
old commune X1 (merged into A): 03-KH/ĐU 2024;  old commune X3 (into B): 04-KH/ĐU 2024
commune A: 09-KH/ĐU 2025 implements 71-NQ/TU;  cell c1: 02-NQ/CB 2025
commune B: 09-KH/ĐU 2025 (same symbol as A's);  cell c4: 05-BC/CB 2025
"""

from dataclasses import dataclass
from datetime import date

import pytest

from dangvu.documents import services
from dangvu.documents.models import Document, DocumentType, IssuingBody


def doc_type(code: str) -> DocumentType:
    return DocumentType.objects.get(code=code)


def make(unit, code, number, agency, day, title, *, term="", body=IssuingBody.BCH, **extra):
    return services.create_document(
        actor=None,
        unit=unit,
        body=body,
        doc_type=doc_type(code),
        number=number,
        agency=agency,
        date=day,
        term=term,
        title=title,
        **extra,
    )


@dataclass
class Register:
    province_nq: Document
    province_ct: Document
    district_nq: Document
    x1_kh: Document
    x3_kh: Document
    a_kh: Document
    c1_nq: Document
    b_kh: Document
    c4_bc: Document


@pytest.fixture
def register(world) -> Register:
    province_nq = make(
        world.province,
        "NQ",
        "71",
        "TU",
        date(2022, 8, 29),
        "Nghị quyết về chuyển đổi số tỉnh đến năm 2025, định hướng đến năm 2030",
        term="2020-2025",
    )
    province_ct = make(
        world.province,
        "CT",
        "05",
        "TU",
        date(2024, 3, 4),
        "Chỉ thị về tăng cường công tác phát triển đảng viên",
        body=IssuingBody.BTV,
    )
    district_nq = make(
        world.district, "NQ", "12", "HU", date(2024, 2, 1), "Nghị quyết về xây dựng nông thôn mới"
    )
    x1_kh = make(
        world.x1, "KH", "03", "ĐU", date(2024, 5, 6), "Kế hoạch học tập chuyên đề năm 2024"
    )
    x3_kh = make(
        world.x3, "KH", "04", "ĐU", date(2024, 5, 7), "Kế hoạch kiểm tra, giám sát năm 2024"
    )
    a_kh = make(
        world.commune_a,
        "KH",
        "09",
        "ĐU",
        date(2025, 8, 1),
        "Kế hoạch thực hiện Nghị quyết 71-NQ/TU về chuyển đổi số",
    )
    c1_nq = make(
        world.c1, "NQ", "02", "CB", date(2025, 9, 5), "Nghị quyết chi bộ tháng 9", body="chi_bo"
    )
    b_kh = make(
        world.commune_b, "KH", "09", "ĐU", date(2025, 8, 2), "Kế hoạch tổ chức Đại hội chi bộ"
    )
    c4_bc = make(
        world.c4, "BC", "05", "CB", date(2025, 9, 30), "Báo cáo sơ kết quý III", body="chi_bo"
    )
    services.link_documents(actor=None, source=a_kh, target=province_nq, kind="implements")
    return Register(
        province_nq=province_nq,
        province_ct=province_ct,
        district_nq=district_nq,
        x1_kh=x1_kh,
        x3_kh=x3_kh,
        a_kh=a_kh,
        c1_nq=c1_nq,
        b_kh=b_kh,
        c4_bc=c4_bc,
    )
