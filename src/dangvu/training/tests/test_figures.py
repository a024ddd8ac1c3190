"""Figures: classes that ended in the period, in the unit's subtree on the period's last day
(organisers merged in 2025 count at their successors), trainees = enrolments."""

from datetime import date

import pytest

from dangvu.training import selectors, services

from .conftest import new_class, programme


@pytest.fixture
def more(world, training):
    """A province class (2025), a commune-B class, a class still running at the year end."""
    p = new_class(world.province, "cap_nhat_kien_thuc", date(2025, 3, 1), date(2025, 3, 5))
    services.enrol(actor=None, training_class=p, members=[training.an, training.cuong])
    b = new_class(world.commune_b, "chuyen_de", date(2025, 10, 1), date(2025, 10, 2))
    services.enrol(actor=None, training_class=b, members=[training.cuong])
    running = new_class(world.commune_a, "trung_cap_llct", date(2025, 11, 1), date(2026, 3, 1))
    services.enrol(actor=None, training_class=running, members=[training.an])
    return p, b, running


def test_province_year_2025_counts_classes_that_ended_in_it(world, training, more):
    f = selectors.figures(
        world.users["province"],
        unit=world.province,
        date_from=date(2025, 1, 1),
        date_to=date(2025, 12, 31),
    )
    assert (f.total.classes, f.total.trainees) == (3, 4)  # province, new_a, commune B class
    by_code = {r.programme.code: (r.classes, r.trainees) for r in f.programmes}
    assert by_code == {
        "nhan_thuc_ve_dang": (1, 1),
        "cap_nhat_kien_thuc": (1, 2),
        "chuyen_de": (1, 1),
    }
    units = {r.label: (r.classes, r.trainees) for r in f.units}
    assert units["Đảng bộ tỉnh Thử Nghiệm trực tiếp tổ chức"] == (1, 2)
    assert units["Đảng bộ xã An Hòa"] == (1, 1) and units["Đảng bộ xã Phú Mỹ"] == (1, 1)


def test_classes_of_merged_communes_count_at_their_successor(world, training, more):
    # 2024 classes by x1 (→ A) and x3 (→ B); asked on the tree of 31/12/2025
    f = selectors.figures(
        world.users["province"],
        unit=world.commune_a,
        date_from=date(2024, 1, 1),
        date_to=date(2025, 12, 31),
    )
    assert (f.total.classes, f.total.trainees) == (2, 3)  # old_a (2) + new_a (1)
    assert f.via_successor
    f_b = selectors.figures(
        world.users["province"],
        unit=world.commune_b,
        date_from=date(2024, 1, 1),
        date_to=date(2025, 12, 31),
    )
    assert (f_b.total.classes, f_b.total.trainees) == (2, 2)


def test_before_the_reform_the_old_tree_is_used(world, training, more):
    f = selectors.figures(
        world.users["province"],
        unit=world.district,
        date_from=date(2024, 1, 1),
        date_to=date(2024, 12, 31),
    )
    assert (f.total.classes, f.total.trainees) == (2, 3)
    assert not f.via_successor
    labels = {r.label: r.classes for r in f.units}
    assert labels["Đảng bộ xã An Bình"] == 1 and labels["Đảng bộ xã Phú Mỹ"] == 1
    with pytest.raises(selectors.UnitNotOnTree):  # the district no longer exists at 2025's end
        selectors.figures(
            world.users["province"],
            unit=world.district,
            date_from=date(2025, 1, 1),
            date_to=date(2025, 12, 31),
        )


def test_figures_stay_in_the_users_scope(world, training, more):
    f = selectors.figures(
        world.users["commune_a"],
        unit=world.commune_a,
        date_from=date(2024, 1, 1),
        date_to=date(2025, 12, 31),
    )
    assert (f.total.classes, f.total.trainees) == (2, 3)
    # the province's class is outside commune A's scope even though An took part
    f = selectors.figures(
        world.users["commune_a"],
        unit=world.province,
        date_from=date(2025, 1, 1),
        date_to=date(2025, 12, 31),
    )
    assert f.total.classes == 1


def test_completed_trainees_are_counted_separately(world, training, more):
    e = training.new_a.enrolments.get()
    services.record_results(
        actor=None,
        training_class=training.new_a,
        expected_revision=None,
        results=[{"enrolment": e.pk, "result": "hoan_thanh"}],
    )
    f = selectors.figures(
        world.users["province"],
        unit=world.province,
        date_from=date(2025, 1, 1),
        date_to=date(2025, 12, 31),
    )
    assert f.total.completed == 1
    assert programme("nhan_thuc_ve_dang").pk in {r.programme.pk for r in f.programmes}


def test_class_list_filter_matches_the_figures(world, training, more):
    user = world.users["province"]
    listed = selectors.class_list(
        user, unit=world.commune_a, date_from=date(2024, 1, 1), date_to=date(2025, 12, 31)
    )
    assert {c.pk for c in listed} == {training.old_a.pk, training.new_a.pk}
    direct = selectors.directly_organised(
        selectors.class_list(
            user, unit=world.province, date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)
        ),
        world.province,
        date(2025, 12, 31),
    )
    assert [c.pk for c in direct] == [more[0].pk]
