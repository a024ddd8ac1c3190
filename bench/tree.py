#!/usr/bin/env python
"""Benchmark of the effective-dated org tree (dangvu.orgs) on SQLite or PostgreSQL.

    uv run python bench/tree.py
    uv run python bench/tree.py --database-url postgres://postgres@127.0.0.1:5432/dangvu_bench

It builds, deterministically, a province of > 10,000 party units with ten years of
history (2015 → 2025 reform: communes merged into new ``xa`` units, districts dissolved),
every change going through ``dangvu.orgs.services``, then times the "as of date" reads
(``subtree_on``, ``ancestors_on``, ``successors_on``) over random units and dates, and one
large ``move_unit`` and ``merge_units``. On PostgreSQL it also prints the EXPLAIN plans.

This is a standalone script, not a test: it creates a fresh database each run (a temporary
SQLite file, or drops and recreates the PostgreSQL database named in the URL).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from urllib.parse import urlsplit, urlunsplit

READ_TARGET_MS = 20.0  # per read, on PostgreSQL
WRITE_TARGET_S = 10.0  # one large move / merge: "seconds"

START = date(2015, 1, 1)
REFORM = date(2025, 7, 1)
QUERY_FROM, QUERY_TO = date(2015, 1, 1), date(2026, 12, 31)
BENCH_WRITE_DAY = date(2026, 3, 1)

SYLLABLES = (
    "An",
    "Bình",
    "Hòa",
    "Phú",
    "Tân",
    "Thạnh",
    "Long",
    "Phước",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Thành",
    "Mỹ",
    "Hưng",
    "Lợi",
    "Thuận",
    "Quang",
    "Vĩnh",
    "Hiệp",
    "Đức",
    "Thái",
    "Xuân",
    "Hải",
    "Sơn",
    "Lâm",
    "Hà",
    "Cẩm",
    "Lộc",
    "Khánh",
    "Định",
    "Gia",
    "Nghĩa",
    "Tiến",
    "Minh",
    "Phong",
    "Hồng",
    "Kim",
    "Ngọc",
)


# --------------------------------------------------------------------------- database


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        help="postgres://… (the database is dropped and recreated). "
        "Default: SQLite in a fresh temporary file.",
    )
    parser.add_argument("--seed", type=int, default=20250701)
    parser.add_argument("--reps", type=int, default=60, help="measured repetitions (≥ 50)")
    parser.add_argument("--warmup", type=int, default=5, help="warm-up repetitions (excluded)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary SQLite file")
    return parser.parse_args()


def recreate_postgres(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name == "postgres":
        sys.exit("Give a dedicated database name in --database-url (e.g. …/dangvu_bench).")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_django(url: str, *, migrate: bool = True) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DANGVU_DEV_DEFAULTS"] = "1"
    os.environ["DJANGO_SETTINGS_MODULE"] = "dangvu.settings"
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection, ignore_no_migrations=True)
    missing = [app for app in ("orgs", "audit", "accounts") if app not in loader.migrated_apps]
    if missing:
        sys.exit(f"No migrations yet for {missing}; run again once they exist.")
    if migrate:
        call_command("migrate", verbosity=0)


# --------------------------------------------------------------------------- statistics


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def timed(fn, reps: int, *, warmup: int = 0) -> list[float]:
    """Milliseconds of ``reps`` calls of ``fn`` after ``warmup`` untimed ones."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(reps):
        began = time.perf_counter()
        fn()
        out.append((time.perf_counter() - began) * 1000)
    return out


def show(label: str, ms: list[float]) -> None:
    print(f"{label:<48} median {statistics.median(ms):9.1f} ms   p95 {percentile(ms, 95):9.1f} ms")


def verdict(value: float, target: float) -> str:
    return "OK" if value <= target else "OVER TARGET"


def random_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


# --------------------------------------------------------------------------- build


class Names:
    """Unique, plausible Vietnamese names (deterministic from the rng)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: dict[str, set[str]] = defaultdict(set)
        self.seq = Counter()

    def place(self, scope: str) -> str:
        for _ in range(200):
            name = f"{self.rng.choice(SYLLABLES)} {self.rng.choice(SYLLABLES)}"
            if name.split()[0] != name.split()[1] and name not in self.used[scope]:
                self.used[scope].add(name)
                return name
        self.seq[scope] += 1
        return f"{self.rng.choice(SYLLABLES)} {self.seq[scope]}"

    def number(self, scope: str) -> int:
        self.seq[scope] += 1
        return self.seq[scope]


class Tree:
    """The bench's in-memory view of the live tree, to pick valid operations quickly."""

    def __init__(self, rng: random.Random):
        from dangvu.orgs.models import UnitKind

        self.rng = rng
        self.kinds = {kind.code: kind for kind in UnitKind.objects.all()}
        self.units: dict[int, object] = {}
        self.kind_of: dict[int, str] = {}
        self.parent_of: dict[int, int | None] = {}
        self.children: dict[int | None, list[int]] = defaultdict(list)
        self.last_change: dict[int, date] = {}
        self.alive: set[int] = set()
        self.names = Names(rng)
        self.ops = Counter()
        self.decision_no = 0

    # -- helpers

    def decision(self, day: date, issuer: str = "Ban Thường vụ Tỉnh ủy"):
        from dangvu.orgs.services import Decision

        self.decision_no += 1
        return Decision(
            number=f"{self.decision_no}-QĐ/TU",
            date=day - timedelta(days=self.rng.randint(3, 30)),
            issuer=issuer,
        )

    def alive_of(self, code: str) -> list[int]:
        return [uid for uid in self.alive if self.kind_of[uid] == code]

    def subtree_ids(self, uid: int) -> list[int]:
        out, stack = [], [uid]
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(self.children.get(current, ()))
        return out

    def touch(self, uids, day: date) -> None:
        for uid in uids:
            self.last_change[uid] = day

    def free(self, uid: int, day: date) -> bool:
        """The unit may get a new version on ``day`` (services refuse same-day changes)."""
        return uid in self.alive and self.last_change[uid] < day

    def _detach(self, uid: int) -> None:
        self.children[self.parent_of[uid]].remove(uid)

    # -- operations, all through the services

    def create(self, name: str, kind: str, parent_id: int | None, day: date) -> int:
        from dangvu.orgs.services import create_unit

        unit = create_unit(
            actor=None,
            name=name,
            kind=self.kinds[kind],
            parent=self.units[parent_id] if parent_id else None,
            effective_date=day,
            decision=self.decision(day),
        )
        self.units[unit.pk] = unit
        self.kind_of[unit.pk] = kind
        self.parent_of[unit.pk] = parent_id
        self.children[parent_id].append(unit.pk)
        self.alive.add(unit.pk)
        self.last_change[unit.pk] = day
        self.ops["create"] += 1
        return unit.pk

    def rename(self, uid: int, name: str, day: date) -> None:
        from dangvu.orgs.services import rename_unit

        self.units[uid] = rename_unit(
            actor=None,
            unit=self.units[uid],
            name=name,
            effective_date=day,
            decision=self.decision(day),
        )
        self.touch([uid], day)
        self.ops["rename"] += 1

    def move(self, uid: int, new_parent: int, day: date) -> None:
        from dangvu.orgs.services import move_unit

        self.units[uid] = move_unit(
            actor=None,
            unit=self.units[uid],
            new_parent=self.units[new_parent],
            effective_date=day,
            decision=self.decision(day),
        )
        self._detach(uid)
        self.parent_of[uid] = new_parent
        self.children[new_parent].append(uid)
        self.touch(self.subtree_ids(uid), day)
        self.ops["move"] += 1

    def merge(
        self,
        sources: list[int],
        day: date,
        *,
        into: int | None = None,
        new_name: str = "",
        new_kind: str = "",
        new_parent: int | None = None,
        issuer: str = "Ban Thường vụ Tỉnh ủy",
    ) -> int:
        from dangvu.orgs.services import merge_units

        target = merge_units(
            actor=None,
            sources=[self.units[s] for s in sources],
            effective_date=day,
            into=self.units[into] if into else None,
            new_name=new_name,
            new_kind=self.kinds[new_kind] if new_kind else None,
            new_parent=self.units[new_parent] if new_parent else None,
            decision=self.decision(day, issuer),
        )
        if into is None:
            self.units[target.pk] = target
            self.kind_of[target.pk] = new_kind
            self.parent_of[target.pk] = new_parent
            self.children[new_parent].append(target.pk)
            self.alive.add(target.pk)
            self.ops["create"] += 1
        for source in sources:
            moved = list(self.children.pop(source, []))
            for child in moved:
                self.parent_of[child] = target.pk
                self.children[target.pk].append(child)
                self.touch(self.subtree_ids(child), day)
            self._detach(source)
            self.alive.discard(source)
        self.touch([target.pk], day)
        self.ops["merge"] += 1
        return target.pk

    def dissolve(self, uid: int, day: date) -> None:
        from dangvu.orgs.services import dissolve_unit

        dissolve_unit(
            actor=None, unit=self.units[uid], effective_date=day, decision=self.decision(day)
        )
        self._detach(uid)
        self.alive.discard(uid)
        self.ops["dissolve"] += 1


def build_initial(tree: Tree) -> dict:
    """2015-01-01: two provinces (A large, B small), districts, communes, cells, one khối."""
    from django.db import transaction

    rng, names, day = tree.rng, tree.names, START
    roots = {}
    with transaction.atomic():
        roots["A"] = tree.create("Đảng bộ tỉnh An Phú", "tinh", None, day)
        roots["B"] = tree.create("Đảng bộ tỉnh Tân Lộc", "tinh", None, day)
    plan = [("A", 10, (22, 28), (30, 50)), ("B", 2, (5, 7), (8, 14))]
    for province, districts, communes, cells in plan:
        root = roots[province]
        for _ in range(districts):
            with transaction.atomic():
                district = tree.create(f"Đảng bộ huyện {names.place('huyen')}", "huyen", root, day)
                for _ in range(rng.randint(*communes)):
                    commune = tree.create(
                        f"Đảng bộ xã {names.place('xa')}", "dang_bo_co_so", district, day
                    )
                    for number in range(1, rng.randint(*cells) + 1):
                        tree.create(f"Chi bộ thôn {number}", "chi_bo", commune, day)
    # A khối (stays alive through the 2025 reform): > 1,000 descendants, moved at the end.
    with transaction.atomic():
        khoi = tree.create("Đảng bộ Khối Doanh nghiệp tỉnh", "khoi", roots["A"], day)
        for _ in range(28):
            company = tree.create(
                f"Đảng bộ Công ty {names.place('cty')}", "dang_bo_co_so", khoi, day
            )
            for number in range(1, rng.randint(36, 40) + 1):
                tree.create(f"Chi bộ Phòng {number}", "chi_bo", company, day)
    roots["khoi"] = khoi
    return roots


def history_year(tree: Tree, year: int, counts: dict, day_from: date, day_to: date) -> None:
    """One year of changes, in date order, every one through the services."""
    rng, names = tree.rng, tree.names
    events = []
    for kind, n in counts.items():
        events += [(random_day(rng, day_from, day_to), kind) for _ in range(n)]
    events.sort(key=lambda item: (item[0], item[1]))

    def pick(code, day, where=None):
        candidates = sorted(u for u in tree.alive_of(code) if tree.free(u, day))
        if where is not None:
            candidates = [u for u in candidates if where(u)]
        return rng.choice(candidates) if candidates else None

    communal = ("dang_bo_co_so", "xa")
    for day, kind in events:
        if kind == "rename_cell":
            cell = pick("chi_bo", day)
            if cell:
                tree.rename(cell, f"Chi bộ khu dân cư số {names.number('kdc')}", day)
        elif kind == "rename_commune":
            code = "xa" if day >= REFORM else "dang_bo_co_so"
            unit = pick(code, day, lambda u: tree.kind_of[tree.parent_of[u]] != "khoi")
            if unit:
                prefix = "Đảng bộ phường" if rng.random() < 0.5 else "Đảng bộ thị trấn"
                tree.rename(unit, f"{prefix} {names.place('xa')}", day)
        elif kind == "rename_district":
            unit = pick("huyen", day)
            if unit:
                tree.rename(unit, f"Đảng bộ thị xã {names.place('huyen')}", day)
        elif kind == "move_cell":
            cell = pick("chi_bo", day)
            if not cell:
                continue
            old = tree.parent_of[cell]
            grand = tree.parent_of[old]
            same = rng.random() < 0.8
            targets = sorted(
                u
                for code in communal
                for u in tree.alive_of(code)
                if u != old
                and (tree.parent_of[u] == grand) == same
                and tree.kind_of[tree.parent_of[u]] != "khoi"
            )
            if targets:
                tree.move(cell, rng.choice(targets), day)
        elif kind == "move_commune":
            unit = pick("dang_bo_co_so", day, lambda u: tree.kind_of[tree.parent_of[u]] == "huyen")
            if unit:
                old = tree.parent_of[unit]
                targets = sorted(
                    u
                    for u in tree.alive_of("huyen")
                    if u != old and tree.parent_of[u] == tree.parent_of[old]
                )
                subtree = tree.subtree_ids(unit)
                if targets and all(tree.last_change[u] < day for u in subtree):
                    tree.move(unit, rng.choice(targets), day)
        elif kind == "merge_cells":
            source = pick("chi_bo", day)
            if source:
                siblings = sorted(
                    u
                    for u in tree.children[tree.parent_of[source]]
                    if u != source and tree.kind_of[u] == "chi_bo"
                )
                if siblings:
                    tree.merge([source], day, into=rng.choice(siblings))
        elif kind == "merge_communes":
            source = pick(
                "dang_bo_co_so", day, lambda u: tree.kind_of[tree.parent_of[u]] == "huyen"
            )
            if source:
                siblings = sorted(
                    u
                    for u in tree.children[tree.parent_of[source]]
                    if u != source and tree.kind_of[u] == "dang_bo_co_so"
                )
                if siblings:
                    tree.merge([source], day, into=rng.choice(siblings))
        elif kind == "create_cell":
            code = "xa" if day >= REFORM else "dang_bo_co_so"
            parent = rng.choice(sorted(tree.alive_of(code)))
            tree.create(f"Chi bộ khu dân cư số {names.number('kdc')}", "chi_bo", parent, day)
        elif kind == "dissolve_cell":
            cell = pick("chi_bo", day, lambda u: not tree.children.get(u))
            if cell:
                tree.dissolve(cell, day)


def reform_2025(tree: Tree, roots: dict) -> None:
    """2025-07-01: communes merged (2–5 at a time) into new xã under the province;
    the districts, left without units, are dissolved."""
    from django.db import transaction

    rng, names = tree.rng, tree.names
    for province in ("A", "B"):
        root = roots[province]
        for district in sorted(u for u in tree.children[root] if tree.kind_of[u] == "huyen"):
            communes = sorted(tree.children[district])
            rng.shuffle(communes)
            groups = []
            while communes:
                size = rng.choice((2, 3, 3, 3, 4, 5))
                if len(communes) - size == 1:
                    size += 1
                groups.append(communes[:size])
                communes = communes[size:]
            with transaction.atomic():
                for group in groups:
                    tree.merge(
                        group,
                        REFORM,
                        new_name=f"Đảng bộ xã {names.place('xa')}",
                        new_kind="xa",
                        new_parent=root,
                        issuer="Ban Chấp hành Đảng bộ tỉnh",
                    )
                tree.dissolve(district, REFORM)


def build(rng: random.Random) -> tuple[Tree, dict, dict]:
    from dangvu.audit.context import audit_source
    from dangvu.audit.models import Source

    tree = Tree(rng)
    timings = {}
    with audit_source(Source.IMPORT):
        t0 = time.perf_counter()
        roots = build_initial(tree)
        timings["2015 initial tree (create_unit)"] = time.perf_counter() - t0
        n_initial = tree.ops["create"]

        t0 = time.perf_counter()
        yearly = {
            "rename_cell": 120,
            "rename_commune": 4,
            "rename_district": 1,
            "move_cell": 60,
            "move_commune": 1,
            "merge_cells": 8,
            "merge_communes": 2,
            "create_cell": 25,
            "dissolve_cell": 8,
        }
        for year in range(2016, 2025):
            history_year(tree, year, yearly, date(year, 1, 1), date(year, 12, 31))
        # the first half of 2025, before the reform
        half = {k: v // 2 for k, v in yearly.items() if k != "rename_district"}
        history_year(tree, 2025, half, date(2025, 1, 1), REFORM - timedelta(days=1))
        timings["history 2016 – 2025-06 (rename/move/merge/dissolve)"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        reform_2025(tree, roots)
        timings["reform 2025-07-01 (merge into xã, dissolve huyện)"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        after = {
            "rename_cell": 40,
            "rename_commune": 3,
            "move_cell": 20,
            "create_cell": 10,
            "dissolve_cell": 4,
            "merge_cells": 4,
        }
        history_year(tree, 2025, after, REFORM + timedelta(days=1), date(2025, 12, 31))
        timings["history 2025-07 – 2025-12"] = time.perf_counter() - t0
    tree.n_initial = n_initial
    return tree, roots, timings


def check_consistency() -> list[str]:
    """Every alive unit's open version must agree with ``Unit`` on path and parent."""
    from dangvu.orgs.models import UnitVersion

    rows = UnitVersion.objects.filter(valid_to__isnull=True).values_list(
        "unit_id", "path", "parent_id", "unit__path", "unit__parent_id", "valid_from"
    )
    bad = [row for row in rows if row[1] != row[3] or row[2] != row[4]]
    problems = [
        f"unit {uid}: version path {path} parent {parent} / Unit path {upath} parent "
        f"{uparent} (version from {since})"
        for uid, path, parent, upath, uparent, since in bad[:5]
    ]
    if bad:
        problems.insert(0, f"{len(bad)} open versions disagree with their Unit:")
    return problems


# --------------------------------------------------------------------------- measurements


class Bench:
    def __init__(self, rng: random.Random, reps: int, warmup: int, vendor: str):
        from dangvu.orgs.models import Unit

        self.rng, self.reps, self.warmup, self.vendor = rng, reps, warmup, vendor
        self.rows: list[tuple] = []
        self.units = {u.pk: u for u in Unit.objects.select_related("kind")}

    def alive_on(self, codes, day: date) -> list[int]:
        return sorted(
            u.pk
            for u in self.units.values()
            if u.kind.code in codes
            and u.created_on <= day
            and (u.ended_on is None or u.ended_on > day)
        )

    def cases(self, codes, *, only=None) -> list[tuple]:
        out = []
        while len(out) < self.reps + self.warmup:
            day = random_day(self.rng, QUERY_FROM, QUERY_TO)
            candidates = self.alive_on(codes, day)
            if only is not None:
                candidates = [u for u in candidates if u in only]
            if candidates:
                out.append((self.units[self.rng.choice(candidates)], day))
        return out

    def run(self, label: str, fn, cases, target_ms=READ_TARGET_MS) -> None:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            fn(*cases[0])
        n_queries = len(ctx.captured_queries)
        for case in cases[: self.warmup]:
            fn(*case)
        times, counts = [], []
        for case in cases[self.warmup :]:
            t0 = time.perf_counter()
            n = fn(*case)
            times.append((time.perf_counter() - t0) * 1000)
            counts.append(n)
        median, p95 = statistics.median(times), percentile(times, 95)
        rows = f"{min(counts)}/{int(statistics.median(counts))}/{max(counts)}"
        self.rows.append((label, len(times), n_queries, rows, median, p95, target_ms))

    def print_table(self) -> None:
        note = "" if self.vendor == "postgresql" else "  (the 20 ms target is for PostgreSQL)"
        print(
            f"\nREADS — {self.reps} measured runs each after {self.warmup} warm-up, random "
            f"units and dates {QUERY_FROM}…{QUERY_TO}{note}"
        )
        header = (
            f"{'measure':<46} {'n':>3} {'q':>2} {'rows min/med/max':>18} "
            f"{'median ms':>10} {'p95 ms':>9}  verdict (target {READ_TARGET_MS:g} ms)"
        )
        print(header)
        print("-" * len(header))
        for label, n, q, rows, median, p95, target in self.rows:
            print(
                f"{label:<46} {n:>3} {q:>2} {rows:>18} {median:>10.2f} {p95:>9.2f}  "
                f"median {verdict(median, target)}, p95 {verdict(p95, target)}"
            )
        print("(q = SQL queries per call; rows = rows returned)")


def measure_reads(bench: Bench, roots: dict) -> dict:
    from django.db import connection

    from dangvu.orgs.selectors import ancestors_on, subtree_on, successors_on

    def subtree(unit, day):
        return len(list(subtree_on(unit, day)))

    def subtree_db_only(unit, day):
        sql, params = subtree_on(unit, day).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return len(cursor.fetchall())

    cases = {
        "province": bench.cases({"tinh"}, only={roots["A"]}),
        "district": bench.cases({"huyen", "khoi"}),
        "commune": bench.cases({"dang_bo_co_so", "xa"}),
        "cell": bench.cases({"chi_bo"}),
    }
    bench.run("subtree_on province A (tỉnh), list()", subtree, cases["province"])
    bench.run("  same SQL, cursor.fetchall() (DB only)", subtree_db_only, cases["province"])
    bench.run(
        "  as a filter: count() in SQL",
        lambda u, d: subtree_on(u, d).count(),
        cases["province"],
    )
    bench.run(
        "  unit ids only: values_list()",
        lambda u, d: len(list(subtree_on(u, d).values_list("unit_id", flat=True))),
        cases["province"],
    )
    bench.run("subtree_on district (huyện/khối), list()", subtree, cases["district"])
    bench.run("subtree_on commune (ĐBCS/xã), list()", subtree, cases["commune"])
    bench.run("subtree_on cell (chi bộ), list()", subtree, cases["cell"])

    any_kind = {"tinh", "huyen", "khoi", "xa", "dang_bo_co_so", "chi_bo"}
    bench.run("ancestors_on any unit", lambda u, d: len(ancestors_on(u, d)), bench.cases(any_kind))
    bench.run(
        "ancestors_on cell (chi bộ)", lambda u, d: len(ancestors_on(u, d)), bench.cases({"chi_bo"})
    )

    ended = sorted(u.pk for u in bench.units.values() if u.ended_on is not None)
    succ_cases = []
    while len(succ_cases) < bench.reps + bench.warmup:
        unit = bench.units[bench.rng.choice(ended)]
        succ_cases.append((unit, random_day(bench.rng, unit.ended_on, QUERY_TO)))
    bench.run(
        "successors_on ended unit (D ≥ ended_on)", lambda u, d: len(successors_on(u, d)), succ_cases
    )
    return cases


def explain_plans(cases: dict, vendor: str) -> None:
    from django.db import connection

    from dangvu.orgs.models import UnitVersion
    from dangvu.orgs.selectors import _ANCESTORS_SQL, subtree_on

    unit, day = cases["commune"][0]
    cell, cell_day = cases["cell"][0]
    qs = subtree_on(unit, day)
    sql = _ANCESTORS_SQL.format(table=UnitVersion._meta.db_table)
    params = [cell.pk, cell_day, cell_day, cell_day, cell_day]
    if vendor == "postgresql":
        print(f"\nEXPLAIN (ANALYZE, BUFFERS) subtree_on(unit {unit.pk} “{unit.name}”, {day}):")
        print(qs.explain(analyze=True, buffers=True))
        print(f"\nEXPLAIN (ANALYZE, BUFFERS) _ANCESTORS_SQL(unit {cell.pk}, {cell_day}):")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            print("\n".join(row[0] for row in cursor.fetchall()))
    else:
        print(f"\nEXPLAIN QUERY PLAN subtree_on(unit {unit.pk}, {day}):")
        print(qs.explain())
        print(f"\nEXPLAIN QUERY PLAN _ANCESTORS_SQL(unit {cell.pk}, {cell_day}):")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            print("\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall()))


def descendants_on(unit, day: date) -> int:
    from dangvu.orgs.selectors import subtree_on

    return subtree_on(unit, day, include_root=False).count()


def measure_writes(tree: Tree, roots: dict) -> list[tuple]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dangvu.audit.context import audit_source
    from dangvu.audit.models import Source
    from dangvu.orgs.models import Unit
    from dangvu.orgs.services import Decision, merge_units, move_unit

    day = BENCH_WRITE_DAY
    results = []
    khoi = Unit.objects.get(pk=roots["khoi"])
    n_move = descendants_on(khoi, day)
    with audit_source(Source.IMPORT), CaptureQueriesContext(connection) as ctx:
        t0 = time.perf_counter()
        move_unit(
            actor=None,
            unit=khoi,
            new_parent=Unit.objects.get(pk=roots["B"]),
            effective_date=day,
            decision=Decision(number="1-QĐ/TW"),
        )
        elapsed = time.perf_counter() - t0
    moved = descendants_on(khoi, day + timedelta(days=1))
    results.append(
        (
            f"move_unit khối → tỉnh B ({n_move} descendants, {moved} after)",
            elapsed,
            len(ctx.captured_queries),
        )
    )

    xa_sizes = sorted(
        (
            (descendants_on(tree.units[u], day), u)
            for u in tree.alive_of("xa")
            if tree.parent_of[u] == roots["A"]
        ),
        reverse=True,
    )
    (n1, xa1), (n2, xa2) = xa_sizes[:2]
    with audit_source(Source.IMPORT), CaptureQueriesContext(connection) as ctx:
        t0 = time.perf_counter()
        target = merge_units(
            actor=None,
            sources=[Unit.objects.get(pk=xa1), Unit.objects.get(pk=xa2)],
            effective_date=day,
            new_name="Đảng bộ xã Hợp Nhất 2026",
            new_kind=tree.kinds["xa"],
            new_parent=Unit.objects.get(pk=roots["A"]),
            decision=Decision(number="2-QĐ/TU"),
        )
        elapsed = time.perf_counter() - t0
    merged = descendants_on(target, day)
    results.append(
        (
            f"merge_units 2 xã → new xã ({n1}+{n2} descendants, {merged} after)",
            elapsed,
            len(ctx.captured_queries),
        )
    )
    return results


# --------------------------------------------------------------------------- main


def main() -> None:
    args = parse_args()
    if args.reps < 50:
        sys.exit("--reps must be at least 50.")
    tmpdir = None
    if args.database_url:
        url = args.database_url
        if not url.startswith(("postgres://", "postgresql://")):
            sys.exit("--database-url must be a postgres:// URL (SQLite is the default).")
        recreate_postgres(url)
        shown = urlunsplit(urlsplit(url)._replace(netloc=urlsplit(url).hostname or ""))
    else:
        tmpdir = tempfile.mkdtemp(prefix="dangvu-bench-")
        url = f"sqlite:///{tmpdir}/bench.sqlite3"
        shown = url
    try:
        run(args, url, shown)
    finally:
        if tmpdir and not args.keep:
            shutil.rmtree(tmpdir, ignore_errors=True)
        elif tmpdir:
            print(f"\n(kept {tmpdir})")


def run(args, url: str, shown: str) -> None:
    t0 = time.perf_counter()
    setup_django(url)
    from django.db import connection

    from dangvu.orgs.models import LineageEvent, LineageLink, Unit, UnitVersion

    vendor = connection.vendor
    version = connection.Database.sqlite_version if vendor == "sqlite" else connection.pg_version
    print(f"dangvu org-tree bench — {vendor} {version} — {shown} — seed {args.seed}")
    print(f"migrate: {time.perf_counter() - t0:.1f} s")

    rng = random.Random(args.seed)
    tree, roots, timings = build(rng)
    print("\nBUILD (every unit and change through dangvu.orgs.services)")
    for label, seconds in timings.items():
        print(f"  {label:<55} {seconds:8.1f} s")
    print(f"  {'total':<55} {sum(timings.values()):8.1f} s")
    counts = Counter(Unit.objects.values_list("kind__code", flat=True))
    alive = Counter(Unit.objects.filter(ended_on__isnull=True).values_list("kind__code", flat=True))
    print(
        f"  units: {sum(counts.values())} ({tree.n_initial} created 2015), alive now "
        f"{sum(alive.values())}; versions: {UnitVersion.objects.count()}; "
        f"lineage events: {LineageEvent.objects.count()}; links: {LineageLink.objects.count()}"
    )
    print(
        "  by kind (all/alive): "
        + ", ".join(f"{code} {counts[code]}/{alive[code]}" for code in sorted(counts))
    )
    print("  service calls: " + ", ".join(f"{k} {v}" for k, v in sorted(tree.ops.items())))
    problems = check_consistency()
    print(
        "  consistency (open version path/parent = Unit path/parent): "
        + ("OK" if not problems else "\n    ".join(["FAILED", *problems]))
    )

    if vendor == "postgresql":
        tables = [m._meta.db_table for m in (Unit, UnitVersion, LineageEvent, LineageLink)]
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(tables))
        print("  ANALYZE " + ", ".join(tables))

    bench = Bench(random.Random(args.seed + 1), args.reps, args.warmup, vendor)
    cases = measure_reads(bench, roots)
    bench.print_table()
    explain_plans(cases, vendor)

    print(f"\nWRITES — once each, effective {BENCH_WRITE_DAY} (target < {WRITE_TARGET_S:g} s)")
    for label, seconds, queries in measure_writes(tree, roots):
        print(
            f"  {label:<62} {seconds:7.2f} s  {queries:>6} queries  "
            f"{verdict(seconds, WRITE_TARGET_S)}"
        )
    print(f"\ntotal run time {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
