"""The units offered in a "Tổ chức" choice: capped to the non-cells in a large scope, the
selected unit always offered, the query string's unit checked against the scope."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from dangvu.accounts import permissions
from dangvu.orgs.models import Unit
from dangvu.web.unit_choices import capped_units, indented_name, unit_from_query


def _scope(world):
    return Unit.objects.visible_to(world.users["province"], permissions.READ).order_by("path")


def test_a_small_scope_offers_every_unit(world):
    scoped = _scope(world)
    assert [u.pk for u in capped_units(scoped, limit=100)] == [u.pk for u in scoped]


def test_a_large_scope_offers_only_the_non_cells_and_keeps_the_selected_cell(world):
    scoped = _scope(world)
    cells = scoped.filter(kind__is_cell=True)
    units = capped_units(scoped, [None, world.c1], limit=scoped.count() - 1)
    assert [u.pk for u in units[:-1]] == [u.pk for u in scoped.filter(kind__is_cell=False)]
    assert units[-1].pk == world.c1.pk
    assert not {u.pk for u in units[:-1]} & {c.pk for c in cells}


def test_the_non_cells_are_capped_too(world):
    units = capped_units(_scope(world), limit=2, non_cell_limit=3)
    assert len(units) == 3
    assert not any(u.kind.is_cell for u in units)


def test_a_selected_unit_already_offered_is_not_repeated(world):
    units = capped_units(_scope(world), [world.c1], limit=100)
    assert [u.pk for u in units].count(world.c1.pk) == 1


def test_names_are_indented_by_depth(world):
    assert indented_name(world.province) == world.province.name
    assert indented_name(world.c1) == "· " * (world.c1.depth - 1) + world.c1.name


def test_the_query_strings_unit_must_be_in_the_scope(world):
    scoped = Unit.objects.visible_to(world.users["commune_a"], permissions.READ)
    ask = RequestFactory().get
    assert unit_from_query(ask("/"), scoped) is None
    assert unit_from_query(ask("/", {"don_vi": world.c1.pk}), scoped).pk == world.c1.pk
    assert unit_from_query(ask("/", {"chi_bo": world.c1.pk}), scoped, "chi_bo").pk == world.c1.pk
    with pytest.raises(Http404):
        unit_from_query(ask("/", {"don_vi": world.c4.pk}), scoped)
    with pytest.raises(Http404):
        unit_from_query(ask("/", {"don_vi": "abc"}), scoped)
