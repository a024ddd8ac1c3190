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
        pytest.skip("the covering name-order index is SQLite's (migrations 0003, 0004)")
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


def _register(world, names):
    from datetime import date, timedelta

    from dangvu.members.lifecycle import EventKind
    from dangvu.members.services import bulk_register

    admitted = date(2010, 3, 1)
    bulk_register(
        actor=None,
        people=[
            {
                "identity": {
                    "ho": ho,
                    "ten_dem": "Văn",
                    "ten": ten,
                    "gender": "nam",
                    "birth_date": date(1980, 1, 1) + timedelta(days=i),
                },
                "events": [
                    {
                        "kind": EventKind.ADMISSION,
                        "date": admitted,
                        "ceremony_date": admitted,
                        "unit": world.c1,
                    }
                ],
                "cards": [],
            }
            for i, (ho, ten) in enumerate(names)
        ],
    )


def test_on_postgresql_a_word_all_over_the_alphabet_walks_the_name_order(
    world, monkeypatch, django_assert_num_queries
):
    if connection.vendor != "postgresql":
        pytest.skip("the probe chooses between two PostgreSQL plans")
    surnames = ["Nguyễn", "Trần", "Nguyễn", "Lê"]
    given = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Lan", "Minh", "Sơn", "Ước"]
    _register(world, [(ho, ten) for ten in given for ho in surnames])
    officer = world.users["province"]
    plain = 'ORDER BY "members_member"."sort_key" ASC'
    # 40 members: the planner expects few matches, which are sorted without a probe
    assert plain not in sql_of(selectors.member_list(officer, q="nguyen"))
    monkeypatch.setattr(selectors, "FEW_MATCHES", 0)
    monkeypatch.setattr(selectors, "PROBE_ROWS", 8)
    monkeypatch.setattr(selectors, "PROBE_PAGE", 4)
    spread = selectors.member_list(officer, q="nguyen")  # 4 among the first 8 rows
    late = selectors.member_list(officer, q="uoc")  # the last given name: sorted
    assert plain in sql_of(spread)
    assert plain not in sql_of(late)
    names = [m.full_name for m in spread]
    assert names == [f"Nguyễn Văn {ten}" for ten in given for _ in (1, 2)]
    assert [m.full_name for m in late] == [
        "Lê Văn Ước",
        "Nguyễn Văn Ước",
        "Nguyễn Văn Ước",
        "Trần Văn Ước",
    ]
    # a commune's list is not probed: its matches are few
    commune_officer = world.users["commune_a"]
    selectors.member_list(commune_officer)  # resolve the scope once (cached on the user)
    with django_assert_num_queries(3):  # scope check, the scope's unit ids, the list
        assert len(selectors.member_list(commune_officer, q="nguyen")) == 20
