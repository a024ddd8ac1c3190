"""Rates per unit subtree and period: sums of attended/expected per audience kind, old
units counted at their successors, sub-unit rows, the sentence form, fixed query count."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.study import selectors
from dangvu.study.selectors import period_of, rates

from .conftest import counted, listed

YEAR_2025 = period_of(year=2025)


def test_sum_over_sessions_and_the_sentence_form(world, people):
    counted(world.province, date(2025, 3, 5), expected=500, attended=490)
    counted(world.commune_a, date(2025, 8, 5), expected=468, attended=451)
    counted(world.c1, date(2025, 9, 5), code="dang_vien", expected=20, attended=19)
    figures = rates(world.users["province"], world.province, YEAR_2025)
    kinds = {k.name: (k.attended, k.expected, k.sessions) for k in figures.kinds}
    assert kinds == {"cán bộ chủ chốt": (941, 968, 2), "đảng viên": (19, 20, 1)}
    assert figures.total.sessions == 3
    assert figures.total.sentence() == (
        "Tổ chức 03 hội nghị học tập, quán triệt; "
        "941/968 lượt cán bộ chủ chốt tham gia, đạt 97,2%; "
        "19/20 lượt đảng viên tham gia, đạt 95,0%."
    )
    assert figures.kinds[0].ratio.text() == "941/968 (97,2%)"


def test_old_units_count_at_their_successors_and_the_district_at_the_province(world):
    counted(world.x1, date(2025, 2, 1), expected=10, attended=9)  # old commune, merged into A
    counted(world.x2, date(2025, 3, 1), expected=10, attended=10)  # old commune, merged into A
    counted(world.x3, date(2025, 4, 1), expected=10, attended=8)  # became part of B
    counted(world.district, date(2025, 5, 1), expected=100, attended=95)  # dissolved
    counted(world.commune_a, date(2025, 9, 1), expected=10, attended=10)
    counted(world.c1, date(2025, 10, 1), expected=5, attended=5)
    province = rates(world.users["province"], world.province, YEAR_2025)
    assert province.total.sessions == 6
    rows = {
        r.label: (r.sessions, r.kind_list[0].attended, r.kind_list[0].expected)
        for r in province.rows
    }
    assert rows == {
        "Đảng bộ xã An Hòa": (4, 34, 35),
        "Đảng bộ xã Phú Mỹ": (1, 8, 10),
        "Đảng bộ huyện Đông (đã kết thúc hoạt động)": (1, 95, 100),
    }
    assert {u.pk for u in province.merged} == {
        world.x1.pk,
        world.x2.pk,
        world.x3.pk,
        world.district.pk,
    }
    commune = rates(world.users["commune_a"], world.commune_a, YEAR_2025)
    assert commune.total.sessions == 4
    # the commune's own sessions, its cells', and one row per old commune it took over
    assert [(r.label, r.sessions, r.only_unit) for r in commune.rows] == [
        ("Đảng bộ xã An Hòa (trực tiếp tổ chức)", 1, True),
        ("Chi bộ thôn 1", 1, False),
        ("Đảng bộ xã An Bình (đã kết thúc hoạt động)", 1, True),
        ("Đảng bộ xã Hòa Lạc (đã kết thúc hoạt động)", 1, True),
    ]


def test_a_commune_formed_in_2025_reads_its_2024_figures_from_the_old_communes(world):
    counted(world.x1, date(2024, 5, 1), expected=10, attended=9)
    counted(world.x3, date(2024, 5, 1), expected=10, attended=9)  # commune B's predecessor
    commune_a = rates(world.users["commune_a"], world.commune_a, period_of(year=2024))
    assert commune_a.reference == date(2025, 7, 1)
    assert commune_a.total.sessions == 1
    # the district as it stood in 2024 holds all three old communes
    district = rates(world.users["province"], world.district, period_of(year=2024))
    assert district.reference == date(2024, 12, 31)
    assert [r.label for r in district.rows] == ["Đảng bộ xã An Bình", "Đảng bộ xã Phú Mỹ"]


def test_an_ended_unit_counts_only_what_happened_before_its_end(world):
    counted(world.c1, date(2025, 3, 1))  # c1 under X1
    counted(world.c1, date(2025, 9, 1))  # c1 under A since 01/07/2025
    old_commune = rates(world.users["province"], world.x1, YEAR_2025)
    assert old_commune.reference == date(2025, 6, 30)
    assert old_commune.total.sessions == 1
    assert rates(world.users["province"], world.commune_a, YEAR_2025).total.sessions == 2


def test_period_document_and_scope_narrow_the_figures(world, document):
    counted(world.c1, date(2025, 2, 10), documents=[document])
    counted(world.c1, date(2025, 5, 10))
    counted(world.c4, date(2025, 5, 11))
    province = world.users["province"]
    assert rates(province, world.province, period_of(year=2025, quarter=1)).total.sessions == 1
    assert rates(province, world.province, period_of(year=2025, month=5)).total.sessions == 2
    custom = period_of(start=date(2025, 5, 11), end=date(2025, 5, 31))
    assert rates(province, world.province, custom).total.sessions == 1
    assert rates(province, world.province, YEAR_2025, document=document).total.sessions == 1
    # commune A's officer asking about the whole province sees only her own part of it
    assert rates(world.users["commune_a"], world.province, YEAR_2025).total.sessions == 2


def test_periods():
    assert period_of(year=2024, quarter=4) == selectors.Period(
        date(2024, 10, 1), date(2024, 12, 31), "quý 4/2024"
    )
    assert period_of(year=2024, month=2).end == date(2024, 2, 29)
    assert period_of(year=2024, month=12).end == date(2024, 12, 31)
    assert period_of(year=2025).label == "năm 2025"


def test_lists_and_counts_add_up_together(world, people):
    listed(world.c1, date(2025, 9, 1), [(people.an, True), (people.binh, False)])
    counted(world.c2, date(2025, 9, 2), code="dang_vien", expected=8, attended=8)
    figures = rates(world.users["commune_a"], world.commune_a, YEAR_2025)
    (kind,) = figures.kinds
    assert (kind.attended, kind.expected) == (9, 10)
    assert kind.phrase() == "9/10 lượt đảng viên tham gia, đạt 90,0%"


def test_rates_take_a_fixed_number_of_queries(world, people):
    user = world.users["province"]
    counted(world.c1, date(2025, 2, 1))
    rates(user, world.province, YEAR_2025)  # the scope is cached on the user
    with CaptureQueriesContext(connection) as few:
        rates(user, world.province, YEAR_2025)
    for unit in (world.x1, world.x2, world.x3, world.district, world.c2, world.c3, world.c4):
        counted(unit, date(2025, 3, 1))
        counted(unit, date(2025, 3, 2), code="dang_vien")
    for unit in (world.commune_a, world.commune_b, world.province):
        counted(unit, date(2025, 9, 1))
    with CaptureQueriesContext(connection) as many:
        figures = rates(user, world.province, YEAR_2025)
    assert figures.total.sessions == 18
    assert len(few) == len(many) <= 4
