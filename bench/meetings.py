"""Cell meetings bench: load one year of monthly attendance for a province, then time the
province's yearly attendance rate and the per-cell HD 12 quality results for the year.

    uv run python bench/meetings.py                                   # SQLite, 20,000 members
    uv run python bench/meetings.py --members 240000 --cells 9000 \
        --database-url postgres://postgres@127.0.0.1:5432/dangvu_bench_meetings

Issue 4: a province of 240,000 members in ~9,000 cells → ≈ 2.9 million attendance rows a
year. The members are registered with ``members.services.bulk_register`` (batches of 5,000;
its time is printed but is not the figure that matters); the attendance goes through
``meetings.services.bulk_record_meetings`` (every rule checked, one audit entry per batch,
COPY on PostgreSQL), one month at a time. The queries are those of the figures page:

* yearly attendance rate from the meetings' stored counts (what the page reads), and the
  same rate straight from the 2.9 million attendance rows (the check);
* per-cell quality for the year (``meetings.quality.month_results``: every cell × month,
  with the "absent with reason more than 3 times running" rule);
* the whole figures computation (``meetings.figures.figures``).

Recorded 01/12/2026 on PostgreSQL 15, 2 shared cores under load from other jobs (load 5–7):
240,000 members, 9,000 cells, 108,000 meetings and 2,880,000 attendance rows a year.
Load: 349 s (8,300 rows/s) with the test suite running beside it; a second year loaded into
the same database later: 273 s (10,500 rows/s). Queries with two years loaded (5 reps):
stored-count rate 166 / 189 ms (median / p95), rate from rows 723 / 839 ms, per-cell quality
for the year 2.3 / 2.5 s, whole figures 2.6 / 2.9 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from members import GIVEN, MIDDLE, SURNAMES
from tree import percentile, recreate_postgres, setup_django

YEAR = 2025
START = date(2015, 1, 1)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url")
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--cells", type=int, default=0, help="default: members / 26")
    parser.add_argument("--cells-per-commune", type=int, default=30)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the database of a previous run (PostgreSQL): load the year before into it "
        "and measure again",
    )
    return parser.parse_args()


def build_tree(n_cells: int, per_commune: int):
    from dangvu.orgs.models import UnitKind
    from dangvu.orgs.services import create_unit

    kinds = {k.code: k for k in UnitKind.objects.all()}
    province = create_unit(
        actor=None, name="Đảng bộ tỉnh Thử", kind=kinds["tinh"], parent=None, effective_date=START
    )
    cells = []
    commune = None
    for index in range(n_cells):
        if index % per_commune == 0:
            commune = create_unit(
                actor=None,
                name=f"Đảng bộ xã Số {index // per_commune}",
                kind=kinds["xa"],
                parent=province,
                effective_date=START,
            )
        cells.append(
            create_unit(
                actor=None,
                name=f"Chi bộ {index // per_commune}-{index % per_commune}",
                kind=kinds["chi_bo"],
                parent=commune,
                effective_date=START,
            )
        )
        if index % 500 == 0:
            print(f"\r  units: {index:,}/{n_cells:,}", end="", flush=True)
    print()
    return province, cells


def build_members(rng: random.Random, cells, total: int) -> None:
    from dangvu.members.lifecycle import EventKind
    from dangvu.members.services import bulk_register

    made = 0
    while made < total:
        people = []
        for _ in range(min(5000, total - made)):
            gender = "nu" if rng.random() < 0.4 else "nam"
            birth = date(1945, 1, 1) + timedelta(days=rng.randrange(55 * 365))
            admitted = min(
                date(birth.year + 20, 3, 1) + timedelta(days=rng.randrange(3000)), date(2024, 6, 1)
            )
            events = [
                {
                    "kind": EventKind.ADMISSION,
                    "date": admitted,
                    "ceremony_date": admitted,
                    "unit": rng.choice(cells),
                },
                {"kind": EventKind.RECOGNITION, "date": admitted + timedelta(days=370)},
            ]
            if rng.random() < 0.03 and admitted < date(2020, 1, 1):
                events.append({"kind": EventKind.EXCUSED, "date": date(2024, 1, 1)})
            people.append(
                {
                    "identity": {
                        "ho": rng.choice(SURNAMES),
                        "ten_dem": "Thị" if gender == "nu" else rng.choice(MIDDLE),
                        "ten": rng.choice(GIVEN),
                        "gender": gender,
                        "birth_date": birth,
                    },
                    "events": events,
                }
            )
        made += bulk_register(actor=None, people=people)
        print(f"\r  members: {made:,}", end="", flush=True)
    print()


def month_of_meetings(rng: random.Random, cell_ids, day: date, topic_id=None) -> list[dict]:
    """One regular meeting per cell on ``day`` for ``bulk_record_meetings``: of the members
    expected, 1 % absent without reason, 4 % with one; the Hồ Chí Minh topic at 30 %."""
    from dangvu.meetings.models import MeetingKind, Presence
    from dangvu.meetings.roster import RosterBook

    book = RosterBook(cell_ids, day, day)
    items = []
    for cell_id in cell_ids:
        absent = {}
        for member_id, expected in book.on(cell_id, day).items():
            if not expected:
                continue
            draw = rng.random()
            if draw < 0.01:
                absent[member_id] = (Presence.UNEXCUSED, "")
            elif draw < 0.05:
                absent[member_id] = (Presence.EXCUSED, "Đi làm ăn xa")
        items.append(
            {
                "unit_id": cell_id,
                "kind": MeetingKind.REGULAR,
                "date": day,
                "topic_ids": [topic_id] if topic_id and rng.random() < 0.3 else [],
                "absent": absent,
            }
        )
    return items


def load_year(rng: random.Random, cells, year: int = YEAR) -> tuple[int, int, float]:
    from django.db import transaction

    from dangvu.meetings.models import Topic
    from dangvu.meetings.services import bulk_record_meetings

    hcm = Topic.objects.get(is_ho_chi_minh=True).pk
    cell_ids = [c.pk for c in cells]
    meetings = rows = 0
    seconds = 0.0
    for month in range(1, 13):
        day = date(year, month, 10)
        items = month_of_meetings(rng, cell_ids, day, topic_id=hcm)  # not timed
        began = time.perf_counter()
        with transaction.atomic():
            done = bulk_record_meetings(actor=None, meetings=items, reason="bench")
        seconds += time.perf_counter() - began
        meetings += done["meetings"]
        rows += done["attendance"]
        print(
            f"\r  month {month:2d}: {rows:,} attendance rows, {seconds:.0f} s", end="", flush=True
        )
    print()
    return meetings, rows, seconds


def timed(fn, reps: int) -> tuple[list[float], object]:
    result = fn()  # warm-up
    out = []
    for _ in range(reps):
        began = time.perf_counter()
        result = fn()
        out.append((time.perf_counter() - began) * 1000)
    return out, result


def measure(province, reps: int) -> None:
    from django.db import connection

    from dangvu.meetings.cell_sets import cells_of
    from dangvu.meetings.figures import attendance_from_rows, figures
    from dangvu.meetings.quality import month_results

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # as autovacuum would after a bulk load
    first, last, end = date(YEAR, 1, 1), date(YEAR, 12, 1), date(YEAR, 12, 31)

    def rate_from_counts():
        from django.db.models import Sum

        from dangvu.meetings.models import Meeting

        cells = cells_of(province, end)
        row = Meeting.objects.filter(
            cells.q("unit_id"), kind="thuong_ky", month__gte=first, month__lte=last
        ).aggregate(p=Sum("present_count"), e=Sum("expected_count"))
        return f"{row['p']:,}/{row['e']:,}"

    def rate_from_rows():
        return attendance_from_rows(cells_of(province, end), first, last, top=province.pk).text()

    def quality():
        results = month_results(cells_of(province, end), first, last)
        return f"{sum(r.ok for r in results.values()):,}/{len(results):,} cell-months meet HD 12"

    def all_figures():
        f = figures(province, first, last)
        return (
            f"attendance {f.attendance.text()}, cells meeting criteria {f.criteria.text()}, "
            f"Hồ Chí Minh topic {f.hcm.text()}"
        )

    cases = {
        "yearly attendance rate (stored meeting counts)": rate_from_counts,
        "yearly attendance rate (from attendance rows)": rate_from_rows,
        "per-cell quality results for the year": quality,
        "whole figures page computation": all_figures,
    }
    for label, fn in cases.items():
        values, result = timed(fn, reps)
        print(
            f"  {label:<48} median {percentile(values, 50):8.0f} ms   "
            f"p95 {percentile(values, 95):8.0f} ms   → {result}"
        )


def reuse(args) -> None:
    """Load the year before into a database built by an earlier run, then measure again."""
    setup_django(args.database_url)
    from dangvu.meetings.models import Meeting
    from dangvu.orgs.models import Unit

    province = Unit.objects.get(parent__isnull=True)
    cells = list(Unit.objects.filter(kind__is_cell=True).order_by("pk"))
    rng = random.Random(args.seed + 1)
    if not Meeting.objects.filter(month__year=YEAR - 1).exists():
        meetings, rows, seconds = load_year(rng, cells, YEAR - 1)
        print(
            f"LOAD year {YEAR - 1} through bulk_record_meetings: {meetings:,} meetings, "
            f"{rows:,} attendance rows in {seconds:.1f} s = {rows / seconds:,.0f} rows/s"
        )
    print(f"QUERIES for {YEAR} (median / p95 over {args.reps} repetitions):")
    measure(province, args.reps)


def main():
    args = parse_args()
    if args.reuse:
        reuse(args)
        return
    if args.database_url:
        recreate_postgres(args.database_url)
        url = args.database_url
    else:
        url = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    setup_django(url)
    from django.db import connection

    n_cells = args.cells or max(1, args.members // 26)
    print(
        f"dangvu meetings bench — {connection.vendor} — {args.members:,} members in "
        f"{n_cells:,} cells, year {YEAR}"
    )
    rng = random.Random(args.seed)
    began = time.perf_counter()
    province, cells = build_tree(n_cells, args.cells_per_commune)
    print(f"tree: {time.perf_counter() - began:.0f} s")
    began = time.perf_counter()
    build_members(rng, cells, args.members)
    seconds = time.perf_counter() - began
    print(f"members (bulk_register): {seconds:.0f} s = {args.members / seconds:,.0f} members/s")
    meetings, rows, seconds = load_year(rng, cells)
    print(
        f"LOAD one year through bulk_record_meetings: {meetings:,} meetings, {rows:,} "
        f"attendance rows in {seconds:.1f} s = {rows / seconds:,.0f} rows/s"
    )
    print(f"QUERIES (median / p95 over {args.reps} repetitions):")
    measure(province, args.reps)


if __name__ == "__main__":
    main()
