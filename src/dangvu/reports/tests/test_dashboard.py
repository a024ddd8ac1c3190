"""The dashboard reads the aggregates: figures of a unit's subtree, today's tree for a unit
that did not exist at the period's end, scope, links to the records, and the incremental
refresh after new records."""

from datetime import date

import pytest

from dangvu.reports import engine
from dangvu.reports.models import Aggregate, Build, FillState, Tree
from dangvu.study.models import AudienceKind
from dangvu.study.services import create_session

pytestmark = pytest.mark.django_db

ON = date(2025, 12, 31)


def _session(unit, day, expected, attended):
    return create_session(
        actor=None,
        unit=unit,
        date=day,
        title=f"Hội nghị quán triệt tại {unit.name}",
        groups=[
            {
                "kind": AudienceKind.objects.order_by("pk").first(),
                "expected": expected,
                "attended": attended,
            }
        ],
    )


@pytest.fixture
def sessions(world):
    _session(world.c1, date(2024, 5, 10), 20, 19)
    _session(world.c4, date(2024, 6, 1), 10, 9)
    _session(world.commune_b, date(2025, 9, 1), 30, 27)
    _session(world.province, date(2025, 3, 1), 100, 96)
    engine.build_all(on=ON)


def _figure(unit, code, period, tree=Tree.PERIOD_END):
    row = Aggregate.objects.get(indicator=code, period=period, unit=unit, category="", tree=tree)
    return row.value, row.base


def test_subtree_figures_and_today_tree(world, sessions):
    assert _figure(world.province, "hoc_tap.hoi_nghi", "2024") == (2, None)
    assert _figure(world.province, "hoc_tap.tham_gia", "2025") == (123, 130)
    # commune B did not exist on 31/12/2024: its 2024 figure is read in today's tree
    assert not Aggregate.objects.filter(
        unit=world.commune_b, period="2024", tree=Tree.PERIOD_END
    ).exists()
    assert _figure(world.commune_b, "hoc_tap.tham_gia", "2024", Tree.TODAY) == (9, 10)
    assert _figure(world.commune_a, "hoc_tap.tham_gia", "2024", Tree.TODAY) == (19, 20)
    assert _figure(world.commune_b, "hoc_tap.tham_gia", "2025") == (27, 30)
    # the units of the period's end keep their own figures
    assert _figure(world.district, "hoc_tap.hoi_nghi", "2024") == (2, None)


def test_a_term_adds_up_its_years(world, sessions, login):
    """Nhiệm kỳ 2020-2025: every session of 2024 and 2025 (the years the records cover)."""
    year_2024 = _figure(world.province, "hoc_tap.tham_gia", "2024")
    year_2025 = _figure(world.province, "hoc_tap.tham_gia", "2025")
    term = _figure(world.province, "hoc_tap.tham_gia", "2020-2025")
    assert term == (year_2024[0] + year_2025[0], year_2024[1] + year_2025[1]) == (151, 160)
    page = login(world.users["province"]).get("/bao-cao/?ky=2020-2025").content.decode()
    assert "Nhiệm kỳ 2020-2025" in page and "151/160" in page


def test_dashboard_page(world, sessions, login, django_assert_max_num_queries):
    client = login(world.users["commune_b"])
    with django_assert_max_num_queries(14):
        response = client.get("/bao-cao/?ky=2024")
    page = response.content.decode()
    assert response.status_code == 200
    assert world.commune_b.name in page
    assert 'id="converted"' in page  # read in today's tree: the note says so
    assert "9/10 (90,0%)" in page
    assert "/hoc-tap/?don_vi=" in page  # the figure links to the sessions behind it
    response = client.get("/bao-cao/?ky=2025")
    assert "27/30 (90,0%)" in response.content.decode()


def test_dashboard_scope(world, sessions, login):
    client = login(world.users["commune_a"])
    assert client.get(f"/bao-cao/?don_vi={world.commune_b.pk}").status_code == 404
    assert client.get("/bao-cao/?don_vi=abc").status_code == 404
    province = login(world.users["province"]).get(f"/bao-cao/?don_vi={world.commune_b.pk}")
    assert province.status_code == 200


def test_unit_picker_is_the_path_through_the_tree(world, sessions, login):
    """The picker holds the unit's ancestors in scope, the unit and its sub-units, not every
    unit of the province (a national tree has a quarter of a million)."""
    import re

    def options(client, unit):
        page = client.get(f"/bao-cao/?don_vi={unit.pk}&ky=2025").content.decode()
        select = re.search(r'<select name="don_vi".*?</select>', page, re.S).group(0)
        return {int(v) for v in re.findall(r'<option value="(\d+)"', select)}

    province = login(world.users["province"])
    assert options(province, world.commune_a) >= {world.province.pk, world.commune_a.pk}
    assert world.commune_b.pk not in options(province, world.commune_a)
    assert world.commune_b.pk in options(province, world.province)
    # a commune officer's picker starts at the commune: the province is out of scope
    assert world.province.pk not in options(login(world.users["commune_a"]), world.commune_a)


def test_query_count_does_not_grow_with_sub_units(world, sessions, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.users["province"])
    with CaptureQueriesContext(connection) as small:
        client.get("/bao-cao/?ky=2025")
    for day in (date(2025, 10, 1), date(2025, 11, 1)):
        _session(world.c2, day, 5, 5)
    engine.build_all(on=ON)
    with CaptureQueriesContext(connection) as large:
        client.get("/bao-cao/?ky=2025")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_refresh_takes_in_only_what_changed(world, sessions):
    assert engine.refresh(on=ON) is None  # nothing since the full build
    _session(world.c1, date(2025, 11, 20), 10, 10)
    build = engine.refresh(on=ON)
    assert build.kind == Build.INCREMENTAL
    assert _figure(world.province, "hoc_tap.tham_gia", "2025") == (133, 140)
    assert _figure(world.province, "hoc_tap.tham_gia", "2025-T11") == (10, 10)
    # the study indicators were recomputed; others kept the full build's rows
    assert Aggregate.objects.filter(indicator="hoc_tap.hoi_nghi", build=build).exists()
    assert not Aggregate.objects.filter(indicator="dang_vien.so_luong", build=build).exists()
    assert FillState.objects.get(source="study").build == build
    assert engine.refresh(on=ON) is None


def test_reorganisation_rebuilds_everything(world, sessions):
    from dangvu.orgs.services import rename_unit

    rename_unit(actor=None, unit=world.commune_b, name="Đảng bộ xã Phú Mỹ Mới", effective_date=ON)
    build = engine.refresh(on=ON)
    assert build.kind == Build.FULL


def test_refresh_button_runs_the_job(world, sessions, login, django_capture_on_commit_callbacks):
    from dangvu.jobs.models import Job

    _session(world.c1, date(2025, 11, 21), 4, 4)
    client = login(world.users["commune_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/bao-cao/cap-nhat/")
    job = Job.objects.get(kind="reports.refresh")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert Build.objects.filter(kind=Build.INCREMENTAL).exists()
    # a user who sees no reports cannot start it
    assert login(world.users["outsider"]).post("/bao-cao/cap-nhat/").status_code == 404


def test_the_report_form_sends_the_unit_id_unlocalised():
    """Thousand separators ("1.648") once turned the unit id into a 404 for large ids."""
    from types import SimpleNamespace

    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from dangvu.reports.periods import Period

    html = render_to_string(
        "reports/_generate_form.html",
        {"unit": SimpleNamespace(pk=1648), "period": Period.parse("2025")},
        request=RequestFactory().get("/"),
    )
    assert 'name="don_vi" value="1648"' in html


def test_a_full_build_refreshes_the_table_statistics(world, sessions):
    """With an empty table's statistics the planner read a province's sub-units through the
    identity index (3,4 s on 3 million rows): a full build analyses the table."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'reports_aggregate'")
            assert cursor.fetchone()[0] == Aggregate.objects.count()
        else:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'reports_aggregate'")
            assert cursor.fetchone() is not None


def test_sub_unit_rows_are_escaped_and_in_main_order():
    from types import SimpleNamespace

    from dangvu.reports.catalogue import catalogue
    from dangvu.reports.periods import Period
    from dangvu.reports.selectors import MAIN, Dashboard, Figure

    items = catalogue()
    board = Dashboard(
        unit=None,
        period=Period.parse("2025"),
        day=ON,
        tree=Tree.PERIOD_END,
        sections={},
        children=[
            (
                SimpleNamespace(unit_id=7, name='Chi bộ <thôn> "Đông" & Tây'),
                {"dang_vien.so_luong": Figure(indicator=items["dang_vien.so_luong"], value=1234)},
            )
        ],
        main=[items[code] for code in MAIN],
        mapped=False,
        build=None,
    )
    html = board.rows_html
    assert "Chi bộ &lt;thôn&gt; &quot;Đông&quot; &amp; Tây" in html and "<thôn>" not in html
    assert 'href="?don_vi=7&amp;ky=2025"' in html
    cells = html.split("</a></td>")[1]
    position = MAIN.index("dang_vien.so_luong")
    assert cells.split("</td>")[position].endswith(">1.234")
