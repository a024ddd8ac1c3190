"""Admissions against the target: a count target measured by a catalogue indicator, its period,
its goal at each unit, and where the comparison is shown (dashboard, report narrative)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dangvu.implementation import services
from dangvu.implementation.goals import goals_for, target_period
from dangvu.implementation.models import ItemKind, Measure
from dangvu.members.lifecycle import EventKind
from dangvu.members.services import bulk_register
from dangvu.reports import engine
from dangvu.reports.narrative import paragraphs
from dangvu.reports.periods import Period
from dangvu.reports.selectors import read_sheet

from .conftest import make_document

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("issued", "deadline", "period"),
    [
        (date(2025, 1, 10), date(2025, 12, 31), "2025"),  # a yearly resolution
        (date(2025, 10, 20), date(2025, 12, 31), "2025"),  # issued in the autumn: still the year
        (date(2025, 12, 2), date(2025, 12, 31), "2025"),
        (date(2020, 9, 1), date(2025, 12, 31), "2020-2025"),  # a congress resolution
        (date(2024, 1, 12), date(2025, 12, 31), "2020-2025"),  # issued in an earlier year
        (date(2025, 7, 1), date(2025, 9, 30), "2025-Q3"),
        (date(2025, 2, 3), date(2025, 6, 30), "2025-6T"),
        (date(2025, 3, 5), date(2025, 3, 31), "2025-T03"),
        (date(2025, 3, 5), date(2025, 3, 20), None),  # no report period ends that day
    ],
)
def test_the_period_of_a_target(issued, deadline, period):
    found = target_period(issued, deadline)
    assert (found.code if found else None) == period


def _target(document, *, goal=20, indicator="dang_vien.ket_nap", **fields):
    data = dict(
        kind=ItemKind.TARGET,
        code="1",
        name="Kết nạp đảng viên mới",
        measure=Measure.COUNT,
        measure_unit="đảng viên",
        target_value=Decimal(goal),
        deadline=date(2025, 12, 31),
        indicator=indicator,
    )
    data.update(fields)
    return services.create_item(actor=None, document=document, **data)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"indicator": "khong.co"}, "không có trong danh mục"),
        ({"indicator": "dang_vien.so_luong"}, "không có trong danh mục"),  # a state
        ({"indicator": "sinh_hoat.du_hop"}, "không có trong danh mục"),  # a rate
        ({"measure": Measure.RATE, "measure_unit": "%", "goal": 90}, "chỉ tiêu số lượng"),
        ({"deadline": None}, "cần thời hạn"),
    ],
)
def test_a_measured_target_is_refused_when_it_cannot_be_measured(world, fields, message):
    document = make_document(world.province, day=date(2025, 1, 10))
    with pytest.raises(ValidationError) as error:
        _target(document, **fields)
    assert message in " ".join(error.value.messages)


def test_a_task_keeps_no_indicator(world):
    document = make_document(world.province, day=date(2025, 1, 10))
    task = services.create_item(
        actor=None,
        document=document,
        kind=ItemKind.TASK,
        name="Học tập nghị quyết",
        deadline=date(2025, 12, 31),
        indicator="dang_vien.ket_nap",
    )
    assert task.indicator == ""


def _admit(cell, count: int, day: date, first: str):
    bulk_register(
        actor=None,
        people=[
            {
                "identity": {
                    "ho": "Trần",
                    "ten_dem": "Thị",
                    "ten": f"{first}{i}",
                    "gender": "nu",
                    "birth_date": date(1995, 1, 1 + i),
                },
                "events": [
                    {"kind": EventKind.ADMISSION, "date": day, "ceremony_date": day, "unit": cell}
                ],
            }
            for i in range(count)
        ],
    )


def test_admissions_against_the_target_on_the_dashboard_and_in_the_report(world, login):
    document = make_document(world.province, day=date(2025, 8, 1), title="Nghị quyết năm 2025")
    target = _target(document, goal=8)
    services.assign_item(
        actor=None, item=target, units=[world.commune_a, world.commune_b], target_value=Decimal(4)
    )
    _admit(world.c1, 5, date(2025, 9, 10), "An")  # An Hòa (A): 5 of its 4
    _admit(world.c4, 1, date(2025, 10, 3), "Bình")  # Phú Mỹ (B): 1 of its 4
    _admit(world.c1, 2, date(2024, 4, 2), "Cũ")  # 2024: another period
    engine.build_all()
    year = Period.parse("2025")

    goals = {u: goals_for(u, year) for u in (world.province, world.commune_a, world.commune_b)}
    assert [g["dang_vien.ket_nap"].value for g in goals.values()] == [8, 4, 4]
    assert goals_for(world.province, Period.parse("2024")) == {}
    assert goals_for(world.province, Period.parse("2020-2025")) == {}  # a yearly target

    province = read_sheet(world.province, year).figure("dang_vien.ket_nap")
    assert (province.value, province.goal_text) == (6, "đạt 75,0% chỉ tiêu (8 đảng viên)")
    commune = read_sheet(world.commune_a, year).figure("dang_vien.ket_nap")
    assert commune.goal_text == "đạt 125,0% chỉ tiêu (4 đảng viên)"
    assert read_sheet(world.province, year).figure("dang_vien.chinh_thuc").goal is None

    text = " ".join(p.text for p in paragraphs(read_sheet(world.province, year)))
    assert "kết nạp 6 đảng viên mới" in text and "đạt 75,0% chỉ tiêu (8 đảng viên)" in text
    traced = [t for p in paragraphs(read_sheet(world.province, year)) for t in p.traces]
    assert any(t.category == f"chi_tieu:{target.pk}" and t.value == 8 for t in traced)

    page = login(world.users["commune_a"]).get(f"/bao-cao/?don_vi={world.commune_a.pk}&ky=2025")
    assert "đạt 125,0% chỉ tiêu (4 đảng viên)" in page.content.decode()


def test_the_issuing_units_own_target_counts_when_not_assigned_down(world):
    document = make_document(world.province, day=date(2025, 1, 20))
    _target(document, goal=3)
    _admit(world.c4, 3, date(2025, 3, 3), "Chi")
    engine.build_all()
    figure = read_sheet(world.province, Period.parse("2025")).figure("dang_vien.ket_nap")
    assert figure.goal_text == "đạt 100,0% chỉ tiêu (3 đảng viên)"
    # a commune with no assignment has no goal
    assert goals_for(world.commune_b, Period.parse("2025")) == {}


def test_the_item_page_says_what_measures_the_target(world, login):
    document = make_document(world.province, day=date(2025, 1, 20))
    target = _target(document)
    page = login(world.users["province"]).get(f"/thuc-hien/{target.pk}/")
    assert page.status_code == 200
    assert "số liệu của hệ thống: Kết nạp đảng viên" in page.content.decode()


@pytest.mark.parametrize(
    ("issued", "assigned"),
    [
        (date(2025, 8, 1), {"commune_a": 4, "commune_b": 6}),
        (date(2025, 8, 1), {"province": 10, "commune_a": 4}),  # the province's own overrides
        (date(2025, 8, 1), {"commune_a": None, "c1": 2, "c4": 1}),  # the item's value: 7
        (date(2025, 1, 10), {"x1": 3, "x2": 2, "x3": 5}),  # old communes, in today's tree
        (date(2025, 1, 10), {"x1": 3, "c1": 1, "c3": 2}),  # x1 overrides its cell c1
        (date(2025, 1, 10), {"district": 9, "x3": 4}),
    ],
)
def test_the_goal_is_the_roll_ups_goal_at_every_unit(world, issued, assigned):
    from dangvu.implementation.rollup import compute_rollup
    from dangvu.orgs.models import Unit

    document = make_document(world.province, day=issued)
    target = _target(document, goal=7)
    for name, value in assigned.items():
        services.assign_item(
            actor=None,
            item=target,
            units=[getattr(world, name)],
            target_value=None if value is None else Decimal(value),
        )
    year = Period.parse("2025")
    compared = 0
    for unit in Unit.objects.all():
        expected = compute_rollup(unit, year, [target]).root_figure(target).goal
        if expected is None and unit.pk == world.province.pk:
            expected = target.target_value
        found = goals_for(unit, year).get("dang_vien.ket_nap")
        assert (found.value if found else None) == expected, unit.name
        compared += expected is not None
    assert compared >= 2
