"""member_list and unit_counts: search, filters read at a date, scope, sensitive filters, SQL."""

from datetime import date

import pytest
from conftest import REFORM

from dangvu.accounts.models import Role, RoleAssignment
from dangvu.members import selectors
from dangvu.members.tests.conftest import ON

pytestmark = pytest.mark.django_db


def names(qs):
    return [m.full_name for m in qs]


def test_scope_and_vietnamese_name_order(registry, world):
    # tên first (Anh < Ánh < Bình < Dũng < Đông < Em < Giang: d < đ, no tone < sắc)
    assert names(selectors.member_list(world.users["province"])) == [
        "Lê Văn Anh",
        "Trần Thị Ánh",
        "Nguyễn Đức Bình",
        "Hoàng Văn Dũng",
        "Phạm Văn Đông",
        "Đỗ Thị Em",
        "Vũ Thị Giang",
    ]
    assert "Nguyễn Đức Bình" not in names(selectors.member_list(world.users["commune_a"]))
    assert names(selectors.member_list(world.users["commune_b"])) == ["Nguyễn Đức Bình"]
    assert names(selectors.member_list(world.users["secretary"])) == [
        "Lê Văn Anh",
        "Hoàng Văn Dũng",
        "Vũ Thị Giang",
    ]
    assert names(selectors.member_list(world.users["member"])) == []
    assert names(selectors.member_list(world.users["outsider"])) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("nguyen duc binh", ["Nguyễn Đức Bình"]),
        ("BÌNH", ["Nguyễn Đức Bình"]),
        ("dong pham", ["Phạm Văn Đông"]),  # every word, any order
        ("van", ["Lê Văn Anh", "Hoàng Văn Dũng", "Phạm Văn Đông"]),
        ("van anh", ["Lê Văn Anh"]),
        ("Tra\u0300n thi\u0323", ["Trần Thị Ánh"]),  # NFD input
        ("001090000001", ["Lê Văn Anh"]),  # CCCD
        ("123456789013", ["Hoàng Văn Dũng"]),  # 2025 card number
        ("01.234567", ["Nguyễn Đức Bình"]),  # old card number
        ("0123 456 7890 12", []),
        ("00109000000", []),  # 11 digits: neither
    ],
)
def test_search(registry, world, text, expected):
    assert names(selectors.member_list(world.users["province"], q=text)) == expected


def test_tone_placement_is_ignored(world):
    from dangvu.members.tests.conftest import admit

    admit(world.c1, "Nguyễn Thị Hoà", "nu", date(1990, 1, 1), date(2015, 1, 1))
    admit(world.c1, "Nguyễn Thị Thuỷ", "nu", date(1990, 1, 1), date(2015, 1, 1))
    officer = world.users["province"]
    assert names(selectors.member_list(officer, q="Hòa")) == ["Nguyễn Thị Hoà"]
    assert names(selectors.member_list(officer, q="thủy")) == ["Nguyễn Thị Thuỷ"]


def test_status_and_unit_are_read_at_the_date(registry, world):
    officer = world.users["province"]

    def at(day, **filters):
        return names(selectors.member_list(officer, on=day, **filters))

    assert at(ON, status="du_bi") == ["Trần Thị Ánh"]
    assert at(ON, status="mien_sinh_hoat") == ["Hoàng Văn Dũng"]
    assert at(date(2024, 2, 29), status="mien_sinh_hoat") == []
    assert at(ON, status="ra_khoi_dang") == ["Đỗ Thị Em"]
    assert at(date(2023, 4, 30), status="ra_khoi_dang") == []
    # Giang moved from c4 (B) to c1 (A) on 01/10/2025; Đông is only temporarily in c4
    assert at(ON, unit=world.commune_b) == ["Nguyễn Đức Bình"]
    assert at(date(2025, 9, 30), unit=world.commune_b) == ["Nguyễn Đức Bình", "Vũ Thị Giang"]
    assert "Vũ Thị Giang" in at(ON, unit=world.commune_a)
    # before the reform commune A did not exist yet: it stands for the units that formed it
    # (X1, X2 and their cells), as the report figures of A for 2024 do
    formed_a = set(at(date(2024, 12, 31), unit=world.x1, status="dang_vien")) | set(
        at(date(2024, 12, 31), unit=world.x2, status="dang_vien")
    )
    assert set(at(date(2024, 12, 31), unit=world.commune_a, status="dang_vien")) == formed_a
    assert formed_a and "Nguyễn Đức Bình" not in formed_a
    assert at(date(2024, 12, 31), unit=world.x1, status="dang_vien") == [
        "Lê Văn Anh",
        "Trần Thị Ánh",
        "Hoàng Văn Dũng",
    ]
    # nobody was a member before 1975
    assert at(date(1970, 1, 1), status="dang_vien") == []


def test_identity_filters(registry, world):
    officer = world.users["province"]
    assert names(selectors.member_list(officer, gender="nu")) == [
        "Trần Thị Ánh",
        "Đỗ Thị Em",
        "Vũ Thị Giang",
    ]
    assert names(selectors.member_list(officer, theory_level="trung_cap")) == ["Hoàng Văn Dũng"]
    # Ánh, born 22/11/1995, turns 30 on 22/11/2025
    day_before, birthday = date(2025, 11, 21), date(2025, 11, 22)
    assert "Trần Thị Ánh" in names(selectors.member_list(officer, age_band="<30", on=day_before))
    assert "Trần Thị Ánh" not in names(selectors.member_list(officer, age_band="<30", on=birthday))
    assert "Trần Thị Ánh" in names(selectors.member_list(officer, age_band="30-45", on=birthday))
    assert names(selectors.member_list(officer, age_band=">60", on=ON)) == [
        "Nguyễn Đức Bình",
        "Vũ Thị Giang",
    ]
    # an unknown band is ignored, not an error
    assert len(selectors.member_list(officer, age_band="bogus")) == 7


def test_sensitive_filters_only_inside_the_sensitive_scope(registry, world):
    officer = world.users["province"]
    assert names(selectors.member_list(officer, ethnicity="Tày")) == [
        "Trần Thị Ánh",
        "Hoàng Văn Dũng",
    ]
    assert names(selectors.member_list(officer, religion="Công giáo")) == ["Nguyễn Đức Bình"]
    # the secretary reads c1 but may not see sensitive data: the filter matches nobody
    assert names(selectors.member_list(world.users["secretary"], ethnicity="Tày")) == []
    assert names(selectors.member_list(world.users["secretary"], religion="Công giáo")) == []
    # reads commune A, sees sensitive data in c1 only: Ánh (c2) is not matched
    clerk = world.users["outsider"]
    RoleAssignment.objects.create(
        user=clerk,
        role=Role.objects.create(code="doc", name="Đọc", permissions=["read"]),
        unit=world.commune_a,
        valid_from=REFORM,
    )
    RoleAssignment.objects.create(
        user=clerk,
        role=Role.objects.create(code="nhay_cam", name="Nhạy cảm", permissions=["see_sensitive"]),
        unit=world.c1,
        valid_from=REFORM,
    )
    assert names(selectors.member_list(clerk, ethnicity="Tày")) == ["Hoàng Văn Dũng"]
    assert len(selectors.member_list(clerk)) == 6  # everyone in A, Em (left) included


def test_member_list_is_one_query(registry, world, django_assert_num_queries):
    officer = world.users["commune_a"]
    selectors.member_list(officer)  # resolve the scope once (cached on the user)
    with django_assert_num_queries(3):  # scope check, the scope's unit ids, the list
        rows = list(
            selectors.member_list(
                officer,
                q="van",
                unit=world.commune_a,
                status="dang_vien",
                on=ON,
                gender="nam",
                age_band="30-45",
                ethnicity="Tày",
            )
        )
    assert names(rows) == ["Hoàng Văn Dũng"]


def test_unit_counts_at_a_date(registry, world, django_assert_max_num_queries):
    officer = world.users["province"]
    selectors.unit_counts(officer, world.commune_a, ON)
    with django_assert_max_num_queries(4):
        a = selectors.unit_counts(officer, world.commune_a, ON)
    # An, Dũng (excused), Giang in c1; Ánh in c2; Đông in c3 (temporarily in c4); Em has left
    assert (a["total"], a["official"], a["probationary"], a["excused"], a["away"]) == (
        5,
        3,
        1,
        1,
        1,
    )
    assert a["by_status"] == {"chinh_thuc": 3, "du_bi": 1, "mien_sinh_hoat": 1}
    assert a["by_gender"] == {"nam": 3, "nu": 2}
    assert a["by_age"] == {"<30": 1, "30-45": 3, "46-60": 0, ">60": 1}
    assert a["by_theory"] == {"": 3, "so_cap": 1, "trung_cap": 1}
    assert a["by_education"] == {"": 3, "12/12": 2}
    assert a["by_ethnicity"] == {"": 3, "Tày": 2}
    # Đông is counted at home only; Giang had not arrived in A yet on 30/09/2025
    b = selectors.unit_counts(officer, world.commune_b, ON)
    assert (b["total"], b["away"]) == (1, 0)
    assert selectors.unit_counts(officer, world.commune_b, date(2025, 9, 30))["total"] == 2
    # the tree as it stood: before the reform A did not exist, X1 had c1 and c2
    assert selectors.unit_counts(officer, world.commune_a, date(2024, 12, 31))["total"] == 0
    x1 = selectors.unit_counts(officer, world.x1, date(2024, 12, 31))
    assert (x1["total"], x1["official"], x1["probationary"], x1["excused"]) == (3, 1, 1, 1)
    assert selectors.unit_counts(officer, world.province, ON)["total"] == 6


def test_unit_counts_omit_ethnicity_without_the_permission(registry, world):
    counts = selectors.unit_counts(world.users["secretary"], world.c1, ON)
    assert counts["total"] == 3 and "by_ethnicity" not in counts
