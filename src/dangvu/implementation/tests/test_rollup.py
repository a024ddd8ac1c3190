"""The roll-up rule (see rollup.py): counts add, rates add numerator and denominator, an own
report overrides, missing reports add nothing and show, merged units count at their
successor, tasks count units by status; a fixed number of queries."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.implementation import services
from dangvu.implementation.models import TaskStatus
from dangvu.implementation.rollup import compute_rollup
from dangvu.reports.periods import Period

Q1_2025 = Period.parse("2025-Q1")
Q3_2025 = Period.parse("2025-Q3")


def report(assignment, period=Q1_2025, **fields):
    return services.submit_report(actor=None, assignment=assignment, period=period, **fields)


def by_unit(rollup, item):
    return {row.unit.pk: figure for row, figure in rollup.rows_for(item)}


def test_counts_add_up_and_merged_communes_count_at_their_successor(world, plan):
    x1, x2, x3 = services.assign_item(
        actor=None, item=plan.admissions, units=[world.x1, world.x2, world.x3]
    )
    report(x1, value=Decimal(3))
    report(x2, value=Decimal(2))
    report(x3, value=Decimal(4))
    rollup = compute_rollup(world.province, Q1_2025, [plan.admissions])
    figures = by_unit(rollup, plan.admissions)
    # the old communes are folded into the new ones that took them over in July 2025
    assert set(figures) == {world.province.pk, world.commune_a.pk, world.commune_b.pk}
    a = figures[world.commune_a.pk]
    assert (a.value, a.own, a.reported, a.assigned) == (5, False, 2, 2)  # as sub-units
    assert sorted(a.merged_from) == ["Đảng bộ xã An Bình", "Đảng bộ xã Hòa Lạc"]
    assert figures[world.commune_b.pk].value == 4
    province = rollup.root_figure(plan.admissions)
    assert (province.value, province.reported, province.assigned, province.own) == (9, 3, 3, False)
    assert province.text == "9 đảng viên"
    assert province.goal == 60  # three communes × 20, none reached it
    assert province.achieved is False


def test_a_unit_without_report_adds_nothing_and_shows(world, plan):
    x1, _x2, _x3 = services.assign_item(
        actor=None, item=plan.admissions, units=[world.x1, world.x2, world.x3]
    )
    report(x1, value=Decimal(3))
    rollup = compute_rollup(world.province, Q1_2025, [plan.admissions])
    figures = by_unit(rollup, plan.admissions)
    assert (figures[world.province.pk].value, figures[world.province.pk].reported) == (3, 1)
    b = figures[world.commune_b.pk]
    assert not b.has_value and b.text == "" and (b.reported, b.assigned) == (0, 1)
    # another period: nobody reported
    empty = compute_rollup(world.province, Q3_2025, [plan.admissions]).root_figure(plan.admissions)
    assert empty.value is None and empty.reported == 0 and empty.achieved is None


def test_rates_add_numerators_and_denominators_not_percentages(world, plan):
    a, b = services.assign_item(
        actor=None, item=plan.rating, units=[world.commune_a, world.commune_b]
    )
    report(a, Q3_2025, numerator=Decimal(18), denominator=Decimal(20))  # 90 %
    report(b, Q3_2025, numerator=Decimal(5), denominator=Decimal(10))  # 50 %
    rollup = compute_rollup(world.province, Q3_2025, [plan.rating])
    province = rollup.root_figure(plan.rating)
    assert (province.numerator, province.denominator) == (23, 30)
    assert province.text == "23/30 (76,7%)"  # an average of the percentages would say 70 %
    assert province.goal == 90 and province.achieved is False
    figures = by_unit(rollup, plan.rating)
    assert figures[world.commune_a.pk].achieved is True
    assert figures[world.commune_b.pk].achieved is False


def test_an_own_report_overrides_its_sub_units(world, plan):
    a, c1 = services.assign_item(
        actor=None, item=plan.admissions, units=[world.commune_a, world.c1]
    )
    report(c1, Q3_2025, value=Decimal(2))
    rollup = compute_rollup(world.province, Q3_2025, [plan.admissions])
    assert by_unit(rollup, plan.admissions)[world.commune_a.pk].value == 2  # from below
    report(a, Q3_2025, value=Decimal(7))  # the commune's own consolidated figure
    rollup = compute_rollup(world.province, Q3_2025, [plan.admissions])
    figure = by_unit(rollup, plan.admissions)[world.commune_a.pk]
    assert (figure.value, figure.own, figure.below.value) == (7, True, 2)
    assert rollup.root_figure(plan.admissions).value == 7  # not 9: nothing counted twice
    assert (figure.reported, figure.assigned) == (2, 2)


def test_tasks_count_units_by_status(world, plan):
    a, b = services.assign_item(
        actor=None, item=plan.study, units=[world.commune_a, world.commune_b]
    )
    report(a, Q3_2025, status=TaskStatus.DONE)
    report(b, Q3_2025, status=TaskStatus.IN_PROGRESS)
    rollup = compute_rollup(world.province, Q3_2025, [plan.study])
    province = rollup.root_figure(plan.study)
    assert (province.done, province.assigned, province.text) == (1, 2, "1/2 hoàn thành")
    assert province.achieved is False
    figures = by_unit(rollup, plan.study)
    assert figures[world.commune_a.pk].text == "Hoàn thành"
    assert figures[world.commune_b.pk].text == "Đang thực hiện"


def test_a_commune_root_shows_only_its_part(world, plan):
    services.assign_item(actor=None, item=plan.admissions, units=[world.x1, world.x3])
    x1, x3 = plan.admissions.assignments.order_by("unit__path")
    report(x1, value=Decimal(3))
    report(x3, value=Decimal(4))
    rollup = compute_rollup(world.commune_a, Q1_2025, [plan.admissions])
    assert [row.unit.pk for row, _ in rollup.rows_for(plan.admissions)] == [world.commune_a.pk]
    assert rollup.root_figure(plan.admissions).value == 3


def test_fixed_number_of_queries_whatever_the_tree(world, plan):
    items = [plan.admissions, plan.rating, plan.study]
    for item in items:
        services.assign_item(actor=None, item=item, units=[world.x1, world.x3, world.c1, world.c4])
    with CaptureQueriesContext(connection) as few:
        compute_rollup(world.province, Q1_2025, items)
    services.assign_item(actor=None, item=plan.admissions, units=[world.c2, world.c3, world.x2])
    with CaptureQueriesContext(connection) as more:
        rollup = compute_rollup(world.province, Q1_2025, items)
    assert len(few) == len(more) == 3
    assert rollup.root_figure(plan.admissions).assigned == 7


def test_units_count_only_for_periods_they_existed_in(world, plan):
    # a 2024 resolution given to the old communes and, after the reform, to the new ones
    olds = services.assign_item(actor=None, item=plan.admissions, units=[world.x1, world.x3])
    news = services.assign_item(
        actor=None, item=plan.admissions, units=[world.commune_a, world.commune_b]
    )
    report(olds[0], value=Decimal(3))
    report(news[0], Q3_2025, value=Decimal(6))
    q1 = compute_rollup(world.province, Q1_2025, [plan.admissions]).root_figure(plan.admissions)
    assert (q1.value, q1.reported, q1.assigned) == (3, 1, 2)  # A and B did not exist yet
    q3 = compute_rollup(world.province, Q3_2025, [plan.admissions]).root_figure(plan.admissions)
    assert (q3.value, q3.reported, q3.assigned) == (6, 1, 2)  # X1 and X3 had ended


def test_a_dissolved_unit_counts_as_a_sub_unit_of_its_last_parent(world, plan):
    # the district ended without successor: it stays under the province, and its report
    # adds to the province's figure instead of replacing it
    district, a = services.assign_item(
        actor=None, item=plan.admissions, units=[world.district, world.x1]
    )
    report(district, value=Decimal(10))
    report(a, value=Decimal(3))
    province = compute_rollup(world.province, Q1_2025, [plan.admissions]).root_figure(
        plan.admissions
    )
    assert (province.value, province.own, province.merged_from) == (
        13,
        False,
        ["Đảng bộ huyện Đông"],
    )
