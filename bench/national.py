"""National-scale reports bench (issue 6 §5), PostgreSQL only: 6 million members across 34
provinces with one year of monthly attendance (≈ 70 million rows), then the full aggregate
build, the national yearly dashboard, and the ratio of the dashboard's time to a bare SQL read
of the aggregate rows it shows.

    uv run python bench/national.py --database-url postgres://postgres@127.0.0.1:5432/dangvu_bench_national
    uv run python bench/national.py --database-url … --reuse          # measure again, no rebuild
    uv run python bench/national.py --database-url … --provinces 4 --members 20000   # a quick look

How the data is made. One province is built through the services, with every rule checked:
units with ``orgs.services.create_unit``, members with ``members.services.bulk_register``
(admission, recognition, some excused), twelve monthly meetings per cell with
``meetings.services.bulk_record_meetings`` (some absent, with or without reason). The other
provinces are copies of it made inside PostgreSQL (``INSERT … SELECT`` with every id shifted by
a per-table offset and every unit path rewritten), the bulk-load equivalent of ``COPY``: the
copy of 70 million attendance rows runs with the tables' secondary indexes dropped and built
again afterwards. The national root ("Toàn quốc") is a unit kind of this bench's database only:
dangvu itself starts at the province.

The figures printed: load times, the full aggregate build (``reports.engine.build_all`` of the
bench's year, 2025, as on 31/12/2025 — every month, quarter, 6 and 9 months, the year and its
two terms; ``--first-year 2024`` builds from 2024 to the end of 2025 as the demo does), the
national dashboard for the year through the web view (median / p95 of ``--reps``), the bare SQL
read of the same aggregate rows (the queries the dashboard sent to the aggregate table, run
again with a plain cursor), their ratio (target ≤ 1.5×), and a province's dashboard.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from meetings import build_members, load_year
from tree import recreate_postgres, setup_django, show, timed

YEAR = 2025
START = date(2015, 1, 1)
ROOT_KIND = "toan_quoc"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--members", type=int, default=6_000_000, help="in all provinces")
    parser.add_argument("--members-per-cell", type=int, default=24)
    parser.add_argument("--cells-per-commune", type=int, default=70)
    parser.add_argument("--reps", type=int, default=10)
    parser.add_argument("--seed", type=int, default=34)
    parser.add_argument("--reuse", action="store_true", help="measure the database a run left")
    parser.add_argument("--no-build", action="store_true", help="with --reuse: keep aggregates")
    parser.add_argument("--load-only", action="store_true", help="load the records and stop")
    parser.add_argument(
        "--no-migrate", action="store_true", help="with --reuse: measure without migrating"
    )
    parser.add_argument(
        "--year-only",
        action="store_true",
        help="build only what the yearly dashboard reads: every indicator for 2025 (states: "
        "December 2025), not every month, quarter and term",
    )
    parser.add_argument(
        "--first-year", type=int, default=YEAR, help="aggregates from this year (the records: 2025)"
    )
    return parser.parse_args()


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


# ------------------------------------------------------------------ the first province


def build_base(rng: random.Random, members: int, per_cell: int, per_commune: int):
    from dangvu.orgs.models import KindRule, UnitKind
    from dangvu.orgs.services import create_unit

    root_kind, _ = UnitKind.objects.get_or_create(
        code=ROOT_KIND, defaults={"name": "Toàn quốc (chỉ trong bench)", "sort_order": 0}
    )
    kinds = {k.code: k for k in UnitKind.objects.all()}
    KindRule.objects.get_or_create(parent_kind=None, child_kind=root_kind)
    KindRule.objects.get_or_create(parent_kind=root_kind, child_kind=kinds["tinh"])
    root = create_unit(
        actor=None, name="Toàn quốc", kind=root_kind, parent=None, effective_date=START
    )
    province = create_unit(
        actor=None,
        name="Đảng bộ tỉnh Số 1",
        kind=kinds["tinh"],
        parent=root,
        effective_date=START,
        code="BENCH-T1",
    )
    n_cells = max(1, members // per_cell)
    cells = []
    commune = None
    for index in range(n_cells):
        if index % per_commune == 0:
            commune = create_unit(
                actor=None,
                name=f"Đảng bộ xã Số {index // per_commune + 1}",
                kind=kinds["xa"],
                parent=province,
                effective_date=START,
            )
        cells.append(
            create_unit(
                actor=None,
                name=f"Chi bộ {index // per_commune + 1}-{index % per_commune + 1}",
                kind=kinds["chi_bo"],
                parent=commune,
                effective_date=START,
            )
        )
    say(f"base province: {n_cells:,} cells in {(n_cells - 1) // per_commune + 1} communes")
    build_members(rng, cells, members)
    meetings, rows, seconds = load_year(rng, cells, YEAR)
    say(f"base province: {meetings:,} meetings, {rows:,} attendance rows in {seconds:.0f} s")
    return root, province


# ------------------------------------------------------------------ the copies


def cloned_models():
    from django.apps import apps

    names = [
        "orgs.Unit",
        "orgs.UnitVersion",
        "orgs.LineageEvent",
        "orgs.LineageLink",
        "members.Member",
        "members.MemberEvent",
        "members.MemberPeriod",
        "members.PartyCard",
        "meetings.Meeting",
        "meetings.Attendance",
    ]
    models = [apps.get_model(name) for name in names]
    from dangvu.meetings.models import Meeting

    models.append(Meeting.topics.through)
    return models


def _column_expr(field, offsets, unit_model, root_id):
    column = f'"{field.column}"'
    target = field.related_model if field.is_relation else field.model
    if field.primary_key and not field.is_relation:
        return f"{column} + %(off_{target._meta.db_table})s"
    if field.is_relation and target in offsets:
        shifted = f"{column} + %(off_{target._meta.db_table})s"
        if target is unit_model:  # the national root is shared, not copied
            return f"CASE WHEN {column} = {root_id} THEN {column} ELSE {shifted} END"
        return shifted
    if field.name == "path" and field.model._meta.app_label == "orgs":
        return f"pg_temp.shift_path({column}, %(root_path)s, %(off_{unit_model._meta.db_table})s)"
    if field.name == "code" and field.model._meta.app_label == "orgs":
        return f"CASE WHEN {column} = '' THEN '' ELSE {column} || '-' || %(copy)s END"
    return column


def clone(root, province, copies: int) -> None:
    from django.db import connection, transaction

    from dangvu.orgs.models import Unit
    from dangvu.orgs.tree_paths import path_range

    models = cloned_models()
    offsets = {}
    with connection.cursor() as cur:
        for model in models:
            pk, table = model._meta.pk.column, model._meta.db_table
            cur.execute(f'SELECT COALESCE(MAX("{pk}"), 0) FROM "{table}"')
            top = cur.fetchone()[0]
            offsets[model] = 10 ** len(str(top))  # a round step above every id of the province
    low, high = path_range(province.path)
    where = {
        # rows of the base province only (the root's own rows are not copied)
        Unit: f"path >= '{low}' AND path < '{high}'",
    }
    with connection.cursor() as cur:
        cur.execute(
            "CREATE FUNCTION pg_temp.shift_path(p text, root text, off bigint) RETURNS text AS $$ "
            "SELECT root || string_agg((x::bigint + off)::text || '/', '' ORDER BY n) "
            "FROM unnest(string_to_array(trim(both '/' from substr(p, length(root) + 1)), '/'))"
            " WITH ORDINALITY AS t(x, n) $$ LANGUAGE sql IMMUTABLE"
        )
        dropped = []
        for model in models:
            table = model._meta.db_table
            cur.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s AND "
                "NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                [table],
            )
            for name, definition in cur.fetchall():
                dropped.append(definition)
                cur.execute(f'DROP INDEX "{name}"')
    say(f"dropped {len(dropped)} secondary indexes for the copy")
    unit_table = Unit._meta.db_table
    for copy in range(1, copies + 1):
        began = time.perf_counter()
        params = {f"off_{m._meta.db_table}": offsets[m] * copy for m in models}
        params["root_path"] = root.path
        params["copy"] = str(copy + 1)
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("SET LOCAL session_replication_role = replica")  # no FK triggers
            for model in models:
                fields = model._meta.concrete_fields
                columns = ", ".join(f'"{f.column}"' for f in fields)
                exprs = ", ".join(_column_expr(f, offsets, Unit, root.pk) for f in fields)
                condition = _base_condition(model, Unit, where[Unit], unit_table, offsets)
                cur.execute(
                    f'INSERT INTO "{model._meta.db_table}" ({columns}) '
                    f'SELECT {exprs} FROM "{model._meta.db_table}" WHERE {condition}',
                    params,
                )
            shifted = province.pk + offsets[Unit] * copy
            cur.execute(
                f'UPDATE "{unit_table}" SET name = %s WHERE id = %s',
                [f"Đảng bộ tỉnh Số {copy + 1}", shifted],
            )
        say(f"copy {copy + 1}/{copies + 1}: {time.perf_counter() - began:.0f} s")
    began = time.perf_counter()
    with connection.cursor() as cur:
        for definition in dropped:
            cur.execute(definition)
        for model in models:
            table, pk = model._meta.db_table, model._meta.pk.column
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{pk}'), "
                f'(SELECT MAX("{pk}") FROM "{table}"))'
            )
        cur.execute("ANALYZE")
    say(f"indexes rebuilt and tables analysed in {time.perf_counter() - began:.0f} s")


def _base_condition(model, unit_model, unit_where, unit_table, offsets) -> str:
    """The rows that belong to the base province: ids below the first copy's offset, and for
    units and their versions the province's path range."""
    pk = model._meta.pk.column
    if model is unit_model:
        return unit_where
    condition = f'"{pk}" < {offsets[model]}'
    path_field = next((f for f in model._meta.concrete_fields if f.name == "path"), None)
    if path_field is not None:
        condition += f" AND {unit_where}"
    unit_fk = next(
        (
            f
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is unit_model and f.name == "unit"
        ),
        None,
    )
    if unit_fk is not None and path_field is None:
        condition += (
            f' AND "{unit_fk.column}" IN (SELECT id FROM "{unit_table}" WHERE {unit_where})'
        )
    return condition


# ------------------------------------------------------------------ the measures


def viewer(unit, username: str):
    from django.contrib.auth import get_user_model

    from dangvu.accounts.models import Role, RoleAssignment
    from dangvu.accounts.roles import load_default_roles

    if not Role.objects.exists():
        load_default_roles(Role)
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"full_name": f"Bench {unit.name}"}
    )
    RoleAssignment.objects.get_or_create(
        user=user,
        role=Role.objects.get(code="thuong_truc"),
        unit=unit,
        defaults={"valid_from": START},
    )
    return user


def measure(root, reps: int) -> None:
    from unittest import mock

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from dangvu.orgs.models import Unit
    from dangvu.reports.models import Aggregate

    print(
        f"{Unit.objects.count():,} units, "
        f"{Aggregate.objects.count():,} aggregate rows; load {_load()}"
    )
    from dangvu.reports.periods import Period
    from dangvu.reports.selectors import dashboard

    period = Period.parse(str(YEAR))
    table = Aggregate._meta.db_table
    province = Unit.objects.filter(parent=root).order_by("pk").first()
    for unit, label in ((root, "national"), (province, "province")):
        client = Client()
        client.force_login(viewer(unit, f"bench_{unit.pk}"))
        url = f"/bao-cao/?don_vi={unit.pk}&ky={YEAR}"
        response = client.get(url, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, response.status_code
        with CaptureQueriesContext(connection) as queries:
            client.get(url, HTTP_HOST="127.0.0.1")
        sent = [q["sql"] for q in queries.captured_queries]  # before the next request clears it
        reads = [sql for sql in sent if f'"{table}"' in sql]
        page = timed(lambda c=client, u=url: c.get(u, HTTP_HOST="127.0.0.1"), reps, warmup=1)
        show(f"dashboard {label}, year {YEAR} ({len(sent)} queries)", page)

        def bare(reads=reads):
            with connection.cursor() as cur:
                for sql in reads:
                    cur.execute(sql)
                    cur.fetchall()

        raw = timed(bare, reps, warmup=1)
        show(f"  bare SQL read of its {len(reads)} aggregate queries", raw)
        ratio = statistics.median(page) / statistics.median(raw)
        print(f"  ratio dashboard / bare read: {ratio:.2f}×")
        api = f"/api/reports/figures?unit={unit.pk}&period={YEAR}"
        assert client.get(api, HTTP_HOST="127.0.0.1").status_code == 200
        served = timed(lambda c=client, u=api: c.get(u, HTTP_HOST="127.0.0.1"), reps, warmup=1)
        show("  the same figures as JSON (/api/reports/figures)", served)
        json_ratio = statistics.median(served) / statistics.median(raw)
        print(f"  ratio JSON / bare read: {json_ratio:.2f}×")
        # the floor: the same request without its figures (session, sign-in, unit picker,
        # form, layout), what any page of the site costs before it reads anything
        with mock.patch("dangvu.reports.views.build_dashboard", return_value=None):
            shell = timed(lambda c=client, u=url: c.get(u, HTTP_HOST="127.0.0.1"), reps, warmup=1)
        show("  the same page without its figures (session, sign-in, picker, layout)", shell)
        own = statistics.median(page) - statistics.median(shell)
        print(
            f"  the figures' own cost: {own:.1f} ms, {own / statistics.median(raw):.2f}× the bare "
            f"read; the page without them alone is "
            f"{statistics.median(shell) / statistics.median(raw):.2f}× it"
        )
        # the page's data alone (selectors.dashboard: figures, sub-units, goals), no HTTP,
        # session, template
        user = viewer(unit, f"bench_{unit.pk}")
        data = timed(lambda u=user, unit=unit: dashboard(u, unit, period), reps, warmup=1)
        show("  its data (reports.selectors.dashboard)", data)
        print(f"  ratio data / bare read: {statistics.median(data) / statistics.median(raw):.2f}×")


def year_build():
    """Every indicator for the year (a state: its months, change points from January to
    December), what the yearly dashboard reads, through the engine's own builder."""
    from dangvu.reports.catalogue import catalogue
    from dangvu.reports.engine import Builder, read_codes
    from dangvu.reports.models import Build
    from dangvu.reports.periods import Period

    year = Period.parse(str(YEAR))
    on = date(YEAR, 12, 31)
    builder = Builder(kind=Build.FULL, on=on)
    work = [
        (item, Period.parse(code))
        for item in catalogue().values()
        for code in read_codes(item, year, on=on)
    ]
    return builder.run(work, progress=lambda done, total: say(f"  {done}/{total}"))


def _load() -> str:
    import os

    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    args = parse_args()
    if not args.database_url.startswith("postgres"):
        sys.exit("The national bench runs on PostgreSQL only.")
    if not args.reuse:
        recreate_postgres(args.database_url)
    setup_django(args.database_url, migrate=not (args.reuse and args.no_migrate))

    from dangvu.orgs.models import Unit
    from dangvu.reports import engine

    if args.reuse:
        root = Unit.objects.get(kind__code=ROOT_KIND)
    else:
        began = time.perf_counter()
        per_province = args.members // args.provinces
        root, province = build_base(
            random.Random(args.seed), per_province, args.members_per_cell, args.cells_per_commune
        )
        say(f"base province built in {time.perf_counter() - began:.0f} s; load {_load()}")
        began = time.perf_counter()
        clone(root, province, args.provinces - 1)
        say(f"{args.provinces - 1} copies in {time.perf_counter() - began:.0f} s; load {_load()}")
    from dangvu.meetings.models import Attendance
    from dangvu.members.models import Member

    say(f"{Member.objects.count():,} members, {Attendance.objects.count():,} attendance rows")
    if args.load_only:
        return
    if not args.no_build and args.year_only:
        began = time.perf_counter()
        build = year_build()
        say(
            f"yearly aggregates (every indicator for {YEAR}): {time.perf_counter() - began:.0f} s, "
            f"{build.rows_written:,} rows; load {_load()}"
        )
    elif not args.no_build:
        began = time.perf_counter()
        # the records cover 2025: the aggregates of 2025 (and its terms), as on 31/12/2025
        build = engine.build_all(
            first_year=args.first_year,
            on=date(YEAR, 12, 31),
            progress=lambda done, total: done % 20 == 0 and say(f"  {done}/{total}"),
        )
        say(
            f"full aggregate build: {time.perf_counter() - began:.0f} s, "
            f"{build.rows_written:,} rows; load {_load()}"
        )
    measure(root, args.reps)


if __name__ == "__main__":
    main()
