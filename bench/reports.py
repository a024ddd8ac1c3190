"""Reports bench, against a database that already holds a demo (``dangvu demo --no-serve``):
dashboards of the province and of a commune for a year, a yearly DOCX report, and the
aggregate builds (full, and incremental with nothing new).

    uv run python bench/reports.py --database-url sqlite:////path/to/var/dangvu.sqlite3
    uv run python bench/reports.py --database-url postgres://postgres@127.0.0.1:5432/DB

Targets (issue 6 §5, at province scale): province yearly dashboard median < 150 ms on
PostgreSQL and < 300 ms on SQLite, a commune's < 50 ms, a DOCX yearly report < 3 s, the
incremental refresh after a month of new attendance < 60 s (``--new-month``: every cell of
the province without a meeting in the month of ``--month`` gets one, recorded through
``meetings.services.bulk_record_meetings``; then ``engine.refresh()`` is timed). The national
scale is ``bench/national.py``.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from meetings import month_of_meetings
from tree import setup_django, show, timed


def new_month(province, month: str) -> None:
    """A month of attendance for every cell that has no meeting in it yet, then the refresh."""
    import os
    import random
    from datetime import date

    from django.db import transaction

    from dangvu.meetings.models import Meeting, MeetingKind
    from dangvu.meetings.services import bulk_record_meetings
    from dangvu.orgs.models import Unit
    from dangvu.reports import engine

    day = date.fromisoformat(f"{month}-05") if month else date.today()
    first = day.replace(day=1)
    cells = list(
        Unit.objects.subtree_of(province)
        .alive_on(day)
        .filter(kind__is_cell=True)
        .exclude(
            pk__in=Meeting.objects.filter(month=first, kind=MeetingKind.REGULAR).values("unit_id")
        )
        .values_list("pk", flat=True)
    )
    items = month_of_meetings(random.Random(day.toordinal()), cells, day)
    started = time.perf_counter()
    with transaction.atomic():
        done = bulk_record_meetings(actor=None, meetings=items, reason="bench: một tháng mới")
    print(
        f"new month {first:%m/%Y}: {done['meetings']:,} meetings, {done['attendance']:,} "
        f"attendance rows recorded in {time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    build = engine.refresh()
    print(
        f"incremental refresh after the month: {time.perf_counter() - started:.1f} s, "
        f"{build.rows_written if build else 0:,} rows (load {os.getloadavg()[0]:.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--year", default="2025")
    parser.add_argument("--full", action="store_true", help="also time a full aggregate build")
    parser.add_argument(
        "--new-month", action="store_true", help="record a month of meetings, time the refresh"
    )
    parser.add_argument("--month", default="", help="YYYY-MM for --new-month (default: today's)")
    args = parser.parse_args()
    setup_django(args.database_url)

    from django.contrib.auth import get_user_model
    from django.test import Client

    from dangvu.members.models import Member
    from dangvu.orgs.models import Unit
    from dangvu.reports import engine
    from dangvu.reports.models import Aggregate
    from dangvu.reports.periods import Period
    from dangvu.reports.report_documents import compose, render_docx

    province = Unit.objects.filter(parent__isnull=True).order_by("pk").first()
    print(
        f"{Member.objects.count():,} members, {Unit.objects.count():,} units, "
        f"{Aggregate.objects.count():,} aggregate rows"
    )
    if args.full or not Aggregate.objects.exists():
        started = time.perf_counter()
        build = engine.build_all()
        print(
            f"full aggregate build: {time.perf_counter() - started:.1f} s, "
            f"{build.rows_written:,} rows"
        )
    started = time.perf_counter()
    engine.refresh()
    print(f"incremental refresh, nothing new: {(time.perf_counter() - started) * 1000:.0f} ms")

    if args.new_month:
        new_month(province, args.month)

    users = get_user_model().objects
    for username, label in (("tinh", "province"), ("xa_a", "commune")):
        client = Client()
        client.force_login(users.get(username=username))
        url = f"/bao-cao/?ky={args.year}"
        assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 200
        show(
            f"dashboard {label}, year {args.year}",
            timed(lambda c=client, u=url: c.get(u, HTTP_HOST="127.0.0.1"), args.reps),
        )

    period = Period.parse(args.year)
    show(
        f"DOCX yearly report, province {args.year}",
        timed(lambda: render_docx(compose(province, period), io.BytesIO()), max(3, args.reps // 5)),
    )


if __name__ == "__main__":
    main()
