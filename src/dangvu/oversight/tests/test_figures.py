"""Figures: inspections and supervisions by kind, members and units disciplined by form with
the year-on-year change in the articles' sentence form, mapped across the 2025 reform (the
old commune X3's records count at the new commune B), with query-count pins."""

from datetime import date

import pytest
from django.urls import reverse

from dangvu.oversight.figures import case_figures, discipline_figures, year_before
from dangvu.oversight.models import Form
from dangvu.oversight.services import create_case, decide_discipline
from dangvu.study.selectors import period_of


@pytest.fixture
def history(world, people, violation):
    def decide(unit, day, form, **subject):
        return decide_discipline(
            actor=None,
            unit=unit,
            number=f"{day:%m%d}-QĐ/UBKT",
            date=day,
            violation=violation,
            form=form,
            **subject,
        )

    # 2024 (before the reform): the old commune X3 disciplines three members of c4
    decide(world.x3, date(2024, 3, 1), Form.REPRIMAND, subject_member=people.khanh)
    decide(world.x3, date(2024, 6, 1), Form.DISMISSAL, subject_member=people.nam)
    decide(world.x3, date(2024, 9, 1), Form.REPRIMAND, subject_member=people.mai)
    decide(world.district, date(2024, 11, 1), Form.REPRIMAND, subject_unit=world.x3)
    # 2025: Khánh twice (one member), Lan once; the cell c4 itself; An in commune A
    decide(world.x3, date(2025, 3, 1), Form.WARNING, subject_member=people.khanh)
    decide(world.commune_b, date(2025, 10, 1), Form.DISMISSAL, subject_member=people.khanh)
    decide(world.commune_b, date(2025, 10, 2), Form.REPRIMAND, subject_member=people.lan)
    decide(world.commune_b, date(2025, 10, 3), Form.REPRIMAND, subject_unit=world.c4)
    decide(world.commune_a, date(2025, 10, 4), Form.WARNING, subject_member=people.an)

    def case(unit, day, activity, kind):
        create_case(
            actor=None,
            unit=unit,
            activity=activity,
            kind=kind,
            subject_unit=world.c4,
            start_date=day,
            title="Kiểm tra, giám sát chi bộ thôn Bắc",
        )

    case(world.x3, date(2025, 3, 1), "kiem_tra", "thuong_xuyen")  # before the reform
    case(world.commune_b, date(2025, 8, 1), "kiem_tra", "thuong_xuyen")
    case(world.commune_b, date(2025, 9, 1), "kiem_tra", "dau_hieu")
    case(world.commune_b, date(2025, 9, 2), "giam_sat", "chuyen_de")
    case(world.province, date(2025, 5, 1), "giam_sat", "thuong_xuyen")


def test_year_before():
    before = year_before(period_of(year=2025, quarter=1))
    assert (before.start, before.end, before.label) == (
        date(2024, 1, 1),
        date(2024, 3, 31),
        "quý 1/2024",
    )


def test_discipline_with_year_on_year_change_across_the_reform(world, history):
    f = discipline_figures(world.commune_b, period_of(year=2025))
    assert (f.current.members, f.previous.members) == (2, 3)  # distinct members
    assert (f.current.units, f.previous.units) == (1, 1)
    assert f.current.member_forms == {"canh_cao": 1, "cach_chuc": 1, "khien_trach": 1}
    assert f.previous.member_forms == {"khien_trach": 2, "cach_chuc": 1}
    assert f.member_change() == "giảm 33,3%"  # (2 - 3) / 3
    assert f.sentence() == (
        "Năm 2025 thi hành kỷ luật 2 đảng viên, giảm 33,3% (năm 2024: 3); 1 tổ chức đảng, "
        "không đổi (năm 2024: 1)."
    )
    assert f.merged == []  # 2025's subjects were all in units alive at the end of 2025
    before = discipline_figures(world.commune_b, period_of(year=2024))
    assert [u.pk for u in before.merged] == [world.x3.pk]  # X3 ended at the reform
    assert [(r.label, dict(r.counts)) for r in f.rows] == [
        ("Chi bộ thôn Bắc", {"dang_vien": 3, "to_chuc": 1})
    ]
    province = discipline_figures(world.province, period_of(year=2025))
    assert province.current.members == 3
    assert {r.label: r.counts["dang_vien"] for r in province.rows} == {
        "Đảng bộ xã An Hòa": 1,
        "Đảng bộ xã Phú Mỹ": 3,
    }
    # commune A's figures count nothing of B
    assert discipline_figures(world.commune_a, period_of(year=2025)).current.members == 1


def test_cases_by_kind_counted_at_the_conducting_unit(world, history):
    f = case_figures(world.commune_b, period_of(year=2025))
    assert [u.pk for u in f.merged] == [world.x3.pk]  # its March case counts at B
    assert f.total("kiem_tra") == 3 and f.total("giam_sat") == 1
    assert f.by_kind("kiem_tra") == [
        ("thuong_xuyen", "Thường xuyên", 2),
        ("chuyen_de", "Chuyên đề", 0),
        ("dau_hieu", "Khi có dấu hiệu vi phạm", 1),
    ]
    assert f.sentence("kiem_tra") == (
        "Năm 2025 kiểm tra 3 cuộc (thường xuyên 2, chuyên đề 0, khi có dấu hiệu vi phạm 1)."
    )
    province = case_figures(world.province, period_of(year=2025))
    assert province.total("giam_sat") == 2
    assert province.rows[0].label == "Đảng bộ tỉnh Thử Nghiệm (trực tiếp)"


def test_figures_page_and_its_links_agree(world, history, login, django_assert_max_num_queries):
    client = login(world.users["commune_b"])  # counts only: no manage_discipline
    with django_assert_max_num_queries(16):
        page = client.get(reverse("oversight:figures"), {"don_vi": world.commune_b.pk, "nam": 2025})
    text = page.content.decode()
    assert "Năm 2025 thi hành kỷ luật 2 đảng viên, giảm 33,3% (năm 2024: 3)" in text
    assert "Năm 2025 kiểm tra 3 cuộc" in text
    assert "được tính vào tổ chức kế thừa" in text
    # the list behind the member figure holds the same decisions (counted, not detailed)
    listed = client.get(
        reverse("oversight:decision_list"),
        {"don_vi": world.commune_b.pk, "tu_ngay": "01/01/2025", "den_ngay": "31/12/2025"},
    )
    assert "4 quyết định kỷ luật: 3 đối với đảng viên, 1 đối với tổ chức đảng" in (
        listed.content.decode()
    )
    cases = client.get(
        reverse("oversight:list"),
        {
            "don_vi": world.commune_b.pk,
            "tu_ngay": "01/01/2025",
            "den_ngay": "31/12/2025",
            "hoat_dong": "kiem_tra",
        },
    )
    assert "3 cuộc kiểm tra, giám sát" in cases.content.decode()


def test_figures_api(world, history, login):
    client = login(world.users["province"])
    data = client.get(
        reverse("api:oversight_figures"), {"unit": world.commune_b.pk, "year": 2025}
    ).json()
    assert data["discipline"]["members"] == 2 and data["discipline_year_before"]["members"] == 3
    assert data["members_sentence"].startswith("Năm 2025 thi hành kỷ luật 2 đảng viên, giảm 33,3%")
    assert data["ended_units_counted_at_successors"] == 1
    outside = login(world.users["commune_a"]).get(
        reverse("api:oversight_figures"), {"unit": world.commune_b.pk, "year": 2025}
    )
    assert outside.status_code == 404
