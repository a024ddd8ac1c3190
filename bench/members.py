"""Member registry bench: name search and filtered first page, and import throughput.

    uv run python bench/members.py                                   # SQLite, 100,000 members
    uv run python bench/members.py --members 500000 \
        --database-url postgres://postgres@127.0.0.1:5432/dangvu_bench_members
    … --import-rows 100000     # also time `dangvu import-members` on a generated XLSX
    … --reuse                  # PostgreSQL: measure again the registry an earlier run left
    uv run python bench/members.py --database-url sqlite:////tmp/…/bench.sqlite3 --reuse
                               # SQLite: the same, on the file a run left (path printed)

Targets (issue 3): PostgreSQL with 500,000 members: median < 50 ms, p95 < 150 ms; SQLite with
100,000: median < 100 ms. Import: ≥ 2,000 rows/s on PostgreSQL, peak memory < 500 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tree import percentile, recreate_postgres, setup_django, timed

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Đức", "Hữu", "Minh", "Quang", "Ngọc", "Thu", "Thanh", "Kim", "Công"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hòa", "Hùng", "Hương",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn",
         "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Uyên", "Vân", "Yến", "Ánh", "Ước"]


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=60)
    parser.add_argument("--import-rows", type=int, default=0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true",
                        help="measure the registry a previous run left in the database "
                        "(PostgreSQL, or an SQLite file URL)")
    return parser.parse_args()


def build(rng: random.Random, total: int):
    from dangvu.accounts.models import Role, RoleAssignment, User
    from dangvu.members.lifecycle import EventKind
    from dangvu.members.services import bulk_register
    from dangvu.orgs.models import UnitKind
    from dangvu.orgs.services import create_unit

    kinds = {k.code: k for k in UnitKind.objects.all()}
    start = date(2015, 1, 1)
    province = create_unit(actor=None, name="Tỉnh Thử", kind=kinds["tinh"], parent=None,
                           effective_date=start)
    communes, cells = [], []
    for c in range(50):
        commune = create_unit(actor=None, name=f"Đảng bộ xã Số {c}", kind=kinds["xa"],
                              parent=province, effective_date=start, code=f"XA{c:02d}")
        communes.append(commune)
        for k in range(40):
            cells.append(create_unit(actor=None, name=f"Chi bộ {c}-{k}", kind=kinds["chi_bo"],
                                     parent=commune, effective_date=start))
    role = Role.objects.get(code="to_chuc")
    officer = User.objects.create_user("tinh", password="x")
    RoleAssignment.objects.create(user=officer, role=role, unit=province, valid_from=start)
    commune_officer = User.objects.create_user("xa", password="x")
    RoleAssignment.objects.create(user=commune_officer, role=role, unit=communes[0],
                                  valid_from=start)
    made = 0
    began = time.perf_counter()
    while made < total:
        people = []
        for _ in range(min(5000, total - made)):
            gender = "nu" if rng.random() < 0.4 else "nam"
            birth = date(1940, 1, 1) + timedelta(days=rng.randrange(60 * 365))
            admitted = max(date(birth.year + 18, 6, 1), date(1960, 1, 1)) + timedelta(
                days=rng.randrange(3000))
            admitted = min(admitted, date(2025, 6, 1))
            events = [{"kind": EventKind.ADMISSION, "date": admitted, "ceremony_date": admitted,
                       "unit": rng.choice(cells)},
                      {"kind": EventKind.RECOGNITION, "date": admitted + timedelta(days=370)}]
            if rng.random() < 0.03 and admitted < date(2020, 1, 1):
                events.append({"kind": EventKind.EXCUSED, "date": date(2024, 1, 1)})
            people.append({"identity": {
                "ho": rng.choice(SURNAMES), "ten_dem": "Thị" if gender == "nu" else
                rng.choice(MIDDLE), "ten": rng.choice(GIVEN), "gender": gender,
                "birth_date": birth}, "events": events, "cards": []})
        made += bulk_register(actor=None, people=people)
        print(f"\r  members: {made:,}", end="", flush=True)
    print(f"  ({time.perf_counter() - began:.0f} s)")
    return province, communes, officer, commune_officer


def existing():
    """The communes and officers of a registry built by an earlier run (``--reuse``)."""
    from dangvu.accounts.models import User
    from dangvu.members.models import Member
    from dangvu.orgs.models import Unit

    communes = list(Unit.objects.filter(code__startswith="XA").order_by("code"))
    print(f"reusing {Member.objects.count():,} members in {len(communes)} communes")
    return communes, User.objects.get(username="tinh"), User.objects.get(username="xa")


def load() -> str:
    """The machine's load next to each figure (benches often run on a shared machine)."""
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} on {os.cpu_count()} CPUs"


def first_page(qs):
    from dangvu.web.pagination import CappedPaginator

    page = CappedPaginator(qs, 50).page(1)  # as the list page does
    return len(list(page.object_list)), page.paginator.count


def measure(rng, communes, officer, commune_officer, reps, target):
    from django.db import connection

    from dangvu.members.selectors import member_list

    if connection.vendor == "postgresql":
        # what autovacuum leaves in a settled database: statistics and the visibility map
        # (right after a bulk load autovacuum would otherwise run beside the measurements)
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"VACUUM ANALYZE: {time.perf_counter() - began:.0f} s")
    rows = []
    cases = {
        "name search, province officer, first page + count": lambda: first_page(
            member_list(officer, q=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}")),
        "name search (one word, no diacritics)": lambda: first_page(
            member_list(officer, q=rng.choice(["hoa", "tuan", "lan", "nguyen", "uoc"]))),
        "filtered: commune + official today + women": lambda: first_page(
            member_list(officer, unit=rng.choice(communes), status="chinh_thuc", gender="nu")),
        "filtered: whole province, official, age 46-60": lambda: first_page(
            member_list(officer, status="chinh_thuc", age_band="46-60")),
        "commune officer, list first page": lambda: first_page(member_list(commune_officer)),
    }
    for label, fn in cases.items():
        values = timed(fn, reps, warmup=5)
        med, p95 = percentile(values, 50), percentile(values, 95)
        ok = "OK" if med < target[0] and p95 < target[1] else "OVER TARGET"
        rows.append(f"  {label:<52} median {med:7.1f} ms   p95 {p95:7.1f} ms   {ok}")
    print("\n".join(rows))
    print(f"  ({load()})")
    qs = member_list(officer, q="nguyen an")[:50]
    print("\nEXPLAIN name search:\n" + qs.explain())


def bench_import(n: int, url: str):
    from openpyxl import Workbook

    path = Path(tempfile.mkdtemp()) / "import.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("DS")
    sheet.append(["Họ và tên", "Giới tính", "Sinh ngày", "Số định danh cá nhân",
                  "Tổ chức Đảng đang sinh hoạt", "Ngày vào Đảng", "Ngày vào Đảng chính thức",
                  "Trạng thái"])
    rng = random.Random(99)
    for i in range(n):
        gender = "Nữ" if i % 3 == 0 else "Nam"
        year = 1950 + i % 50
        cccd = f"001{(0 if gender == 'Nam' else 1)}{year % 100:02d}{i:06d}"
        sheet.append([f"{rng.choice(SURNAMES)} Văn {rng.choice(GIVEN)} {i}", gender,
                      f"{1 + i % 28:02d}/{1 + i % 12:02d}/{year}", cccd,
                      f"Chi bộ 1-{i % 40}", f"01/03/{year + 25}", f"01/03/{year + 26}",
                      "Chính thức"])
    workbook.save(path)
    size = path.stat().st_size / 1e6
    env = {**os.environ, "DATABASE_URL": url, "DANGVU_DEV_DEFAULTS": "1"}
    # the command's start (Python, Django, every app), timed alone: with
    # PYTHONDONTWRITEBYTECODE set every start compiles the sources again
    began = time.perf_counter()
    subprocess.run(["dangvu", "import-members", "--help"], env=env, capture_output=True)
    startup = time.perf_counter() - began
    began = time.perf_counter()
    done = subprocess.run(["dangvu", "import-members", str(path), "--unit", "XA01"], env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\nIMPORT {n:,} rows ({size:.1f} MB XLSX) through `dangvu import-members`: "
          f"{seconds:.1f} s = {n / seconds:,.0f} rows/s (validate + commit), peak RSS "
          f"{peak:.0f} MB; exit {done.returncode}; {load()}")
    print(f"  of which the command's start ≈ {startup:.1f} s: without it "
          f"{n / max(seconds - startup, 1e-9):,.0f} rows/s")
    print("  " + done.stdout.strip().replace("\n", "\n  "))
    if done.returncode:
        print(done.stderr[-2000:])


def main():
    args = parse_args()
    if args.database_url:
        if not args.reuse:
            recreate_postgres(args.database_url)
        url = args.database_url
    else:
        url = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
        print(f"SQLite file (measure it again with --database-url {url} --reuse)")
    setup_django(url)
    from django.db import connection

    target = (50, 150) if connection.vendor == "postgresql" else (100, 300)
    size = "the registry already there" if args.reuse else f"{args.members:,} members"
    print(f"dangvu member bench — {connection.vendor} — {size} — {load()}")
    rng = random.Random(args.seed)
    began = time.perf_counter()
    if args.reuse:
        communes, officer, commune_officer = existing()
    else:
        _, communes, officer, commune_officer = build(rng, args.members)
    print(f"build: {time.perf_counter() - began:.0f} s")
    measure(rng, communes, officer, commune_officer, args.reps, target)
    if args.import_rows:
        bench_import(args.import_rows, url)


if __name__ == "__main__":
    main()
