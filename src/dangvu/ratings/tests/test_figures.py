"""Figures: level distribution per subtree and period, the share rated HTTNV or better with
numerator and denominator, 2024 ratings of old communes counted at their successors."""

from datetime import date

import pytest
from django.urls import reverse

from dangvu.ratings import services
from dangvu.ratings.figures import Period, figures
from dangvu.ratings.models import Level

from .conftest import entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def rated(world, people):
    services.rate_members(
        actor=None,
        round_=people.members_a,
        entries=[
            entry(people.an, "95"),
            entry(people.chi, "80"),
            entry(people.binh, "60"),
            entry(people.em, "40"),
        ],
    )
    services.rate_unit(actor=None, round_=people.units_a, unit=world.c1, score="85")
    services.rate_unit(actor=None, round_=people.units_a, unit=world.c2, score="65")
    members_b = services.create_round(
        actor=None,
        unit=world.commune_b,
        subject_kind="dang_vien",
        year=2025,
        date=date(2025, 12, 10),
    )
    services.rate_members(actor=None, round_=members_b, entries=[entry(people.khanh, "75")])
    # 2024, before the reform: the old commune X1 rated its members, the district its communes
    old = services.create_round(
        actor=None, unit=world.x1, subject_kind="dang_vien", year=2024, date=date(2024, 12, 15)
    )
    services.rate_members(
        actor=None, round_=old, entries=[entry(people.an, "91"), entry(people.chi, "72")]
    )
    district = services.create_round(
        actor=None, unit=world.district, subject_kind="to_chuc", year=2024, date=date(2024, 12, 20)
    )
    services.rate_unit(actor=None, round_=district, unit=world.x1, score="88")
    services.rate_unit(actor=None, round_=district, unit=world.x3, score="45")


def test_distribution_and_share_with_numerator_and_denominator(world, rated):
    f = figures(world.commune_a, Period(2025))
    assert f.total.members.counts == {"HTXSNV": 1, "HTTNV": 1, "HTNV": 1, "KHTNV": 1}
    r = f.total.members.good_or_better
    assert (r.numerator, r.denominator) == (2, 4)
    assert (f.total.units.good_or_better.numerator, f.total.units.total) == (1, 2)
    assert f.sentence() == (
        "Năm 2025: 1/2 tổ chức đảng được xếp loại hoàn thành tốt nhiệm vụ trở lên, đạt 50,0%; "
        "2/4 đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên, đạt 50,0% (trong đó 1 "
        "đảng viên hoàn thành xuất sắc nhiệm vụ); 1 đảng viên không hoàn thành nhiệm vụ."
    )
    assert f.total.members.meets_target is False
    by_label = {row.label: row for row in f.rows}
    assert by_label["Chi bộ thôn 1"].members.total == 3
    assert by_label["Chi bộ thôn 2"].members.counts[Level.FAIL] == 1


def test_the_province_sees_each_commune_as_a_row(world, rated):
    f = figures(world.province, Period(2025))
    assert f.total.members.total == 5
    rows = {row.label: row for row in f.rows}
    assert rows["Đảng bộ xã An Hòa"].members.total == 4
    assert rows["Đảng bộ xã Phú Mỹ"].members.good_or_better.numerator == 1


def test_2024_ratings_of_old_units_count_at_their_successors(world, rated):
    a = figures(world.commune_a, Period(2024))
    assert a.total.members.total == 2 and a.total.members.counts[Level.EXCELLENT] == 1
    assert a.total.units.total == 1  # X1, merged into A
    assert world.x1.pk in {u.pk for u in a.merged}
    b = figures(world.commune_b, Period(2024))
    assert b.total.units.counts[Level.FAIL] == 1  # X3, succeeded by B
    province = figures(world.province, Period(2024))
    assert province.total.units.total == 2 and province.total.members.total == 2


def test_figures_in_a_fixed_number_of_queries(world, rated, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        figures(world.province, Period(2025))


def test_the_figures_page_links_every_number_to_its_list(
    world, rated, login, django_assert_max_num_queries
):
    client = login(world.users["commune_a"])
    url = reverse("ratings:figures") + f"?don_vi={world.commune_a.pk}&nam=2025"
    with django_assert_max_num_queries(16):
        page = client.get(url).content.decode()
    assert "2/4 đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên, đạt 50,0%" in page
    link = (
        reverse("ratings:ratings")
        + f"?don_vi={world.commune_a.pk}&amp;nam=2025&amp;quy=0&amp;doi_tuong=dang_vien"
        + "&amp;muc=tot_tro_len"
    )
    assert link in page
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert "2 kết quả" in listed
    old = client.get(
        reverse("ratings:ratings")
        + f"?don_vi={world.commune_a.pk}&nam=2024&quy=0&doi_tuong=to_chuc"
    ).content.decode()
    assert "1 kết quả" in old and "Đảng bộ xã An Bình" in old
