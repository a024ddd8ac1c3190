"""The SQL shape of the member list (bench/members.py measured why; see member_list)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.members import selectors
from dangvu.members.tests.conftest import ON
from dangvu.web.pagination import CappedPaginator

pytestmark = pytest.mark.django_db


def sql_of(qs) -> str:
    return str(qs.query)


def test_status_without_a_unit_is_tested_per_member(registry, world):
    everyone = sql_of(selectors.member_list(world.users["province"], status="chinh_thuc", on=ON))
    assert "EXISTS" in everyone
    in_unit = sql_of(
        selectors.member_list(
            world.users["province"], status="chinh_thuc", unit=world.commune_a, on=ON
        )
    )
    assert "EXISTS" not in in_unit
    assert '"members_member"."id" IN (SELECT' in in_unit


def test_a_name_search_on_postgresql_sorts_its_matches(registry, world):
    officer = world.users["province"]
    searched = sql_of(selectors.member_list(officer, q="van"))
    short = sql_of(selectors.member_list(officer, q="an"))  # no trigram: walk the name order
    unsearched = sql_of(selectors.member_list(officer))
    plain = 'ORDER BY "members_member"."sort_key" ASC'
    assert plain in short and plain in unsearched
    if connection.vendor == "postgresql":
        assert 'ORDER BY ("members_member"."sort_key" || \'\') ASC' in searched
    else:
        assert plain in searched


def test_on_sqlite_a_name_search_walks_the_filter_index_without_sorting(registry, world):
    if connection.vendor != "sqlite":
        pytest.skip("the covering name-order index is SQLite's (migration 0003)")
    plan = selectors.member_list(world.users["province"], q="van")[:50].explain()
    assert "member_sort_filter" in plan
    assert "TEMP B-TREE" not in plan
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA index_info(member_sort_filter)")
        columns = [row[2] for row in cursor.fetchall()]
    assert columns == ["sort_key", "id", "unit_id", "name_key", "gender", "birth_date"]


def test_the_list_count_has_no_select_related_join(registry, world):
    listed = selectors.member_list(world.users["province"], status="dang_vien", on=ON)
    assert "orgs_unit" in sql_of(listed)  # the page joins the units for their names
    with CaptureQueriesContext(connection) as queries:
        count = CappedPaginator(listed, 50).count
    assert count == len(list(listed))
    assert len(queries) == 1
    assert '"orgs_unit"' not in queries[0]["sql"].split("FROM", 1)[1]
