"""Subtree, ancestors and lineage mapping as of a date, across the 2025 reorganisation."""

from datetime import date

from conftest import BEFORE, REFORM

from dangvu.orgs import selectors
from dangvu.orgs.models import Unit, UnitVersion


def names(versions):
    return sorted(v.name for v in versions)


def test_subtree_before_reform_shows_district_and_old_communes(world):
    tree = list(selectors.subtree_on(world.province, BEFORE))
    assert names(tree) == sorted(
        [
            "Đảng bộ tỉnh Thử Nghiệm",
            "Đảng bộ huyện Đông",
            "Đảng bộ xã An Bình",
            "Đảng bộ xã Hòa Lạc",
            "Đảng bộ xã Phú Mỹ",
            "Chi bộ thôn 1",
            "Chi bộ thôn 2",
            "Chi bộ thôn Đoài",
            "Chi bộ thôn Bắc",
        ]
    )
    cell = next(v for v in tree if v.unit_id == world.c1.pk)
    assert cell.parent_id == world.x1.pk


def test_subtree_after_reform_has_new_communes_only(world):
    tree = list(selectors.subtree_on(world.province, REFORM))
    kinds = {v.kind.code for v in UnitVersion.objects.filter(pk__in=[v.pk for v in tree])}
    assert "huyen" not in kinds
    assert world.district.pk not in {v.unit_id for v in tree}
    assert {world.x1.pk, world.x2.pk, world.x3.pk}.isdisjoint({v.unit_id for v in tree})
    a_tree = list(selectors.subtree_on(world.commune_a, REFORM))
    assert names(a_tree) == sorted(
        ["Đảng bộ xã An Hòa", "Chi bộ thôn 1", "Chi bộ thôn 2", "Chi bộ thôn Đoài"]
    )


def test_subtree_of_unit_before_it_existed_is_empty(world):
    assert list(selectors.subtree_on(world.commune_a, BEFORE)) == []
    assert list(selectors.subtree_on(world.c1, date(2016, 2, 29))) == []
    assert names(selectors.subtree_on(world.c1, date(2016, 3, 1))) == ["Chi bộ thôn 1"]


def test_subtree_is_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        list(selectors.subtree_on(world.province, BEFORE))


def test_ancestors_follow_the_date(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        before = selectors.ancestors_on(world.c1, BEFORE)
    assert [v.unit_id for v in before] == [world.province.pk, world.district.pk, world.x1.pk]
    after = selectors.ancestors_on(world.c1, REFORM)
    assert [v.unit_id for v in after] == [world.province.pk, world.commune_a.pk]
    assert selectors.ancestors_on(world.province, REFORM) == []


def test_old_commune_maps_to_new_commune(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        mapped = selectors.successors_on(world.x1, REFORM)
    assert [u.pk for u in mapped] == [world.commune_a.pk]
    assert [u.pk for u in selectors.successors_on(world.x3, date(2026, 1, 1))] == [
        world.commune_b.pk
    ]
    # before the reform the old commune is itself
    assert [u.pk for u in selectors.successors_on(world.x1, BEFORE)] == [world.x1.pk]
    # a dissolved unit without successor maps to nothing
    assert selectors.successors_on(world.district, REFORM) == []


def test_ended_units_live_under_their_successor_for_scope(world):
    x1 = Unit.objects.get(pk=world.x1.pk)
    assert x1.path.startswith(world.commune_a.path)
    assert (
        Unit.objects.get(pk=world.district.pk).path == f"/{world.province.pk}/{world.district.pk}/"
    )
    # alive units: Unit.path equals the open version's path
    for unit in Unit.objects.current():
        assert unit.versions.get(valid_to__isnull=True).path == unit.path


def test_search_finds_current_and_former_names_without_diacritics(world):
    found = selectors.search_units(Unit.objects.all(), "an binh")
    assert [u.pk for u in found] == [world.x1.pk]
    assert selectors.search_units(Unit.objects.all(), "HOA LAC").get().pk == world.x2.pk
    assert selectors.search_units(Unit.objects.all(), "   ").count() == 0
