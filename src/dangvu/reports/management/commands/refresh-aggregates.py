import sys
import time

from django.core.management.base import BaseCommand

from dangvu.reports import engine
from dangvu.vntext.formats import format_number


class Command(BaseCommand):
    help = (
        "Tổng hợp số liệu báo cáo (chỉ tiêu × kỳ × tổ chức). Mặc định chỉ tính lại phần có "
        "thay đổi từ lần trước; --full để tính lại toàn bộ."
    )

    def add_arguments(self, parser):
        parser.add_argument("--full", action="store_true", help="Tính lại toàn bộ.")
        parser.add_argument(
            "--from-year", type=int, default=engine.FIRST_YEAR, help="Năm bắt đầu (mặc định 2024)."
        )

    def handle(self, *args, full: bool, from_year: int, **options):
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            sys.stderr.write(f"\rTổng hợp: {done}/{total} (chỉ tiêu × kỳ)   ")
            sys.stderr.flush()

        run = engine.build_all if full else engine.refresh
        build = run(first_year=from_year, progress=progress)
        sys.stderr.write("\n")
        seconds = time.monotonic() - started
        if build is None:
            self.stdout.write(f"Không có thay đổi từ lần tổng hợp trước ({seconds:.1f} giây).")
            return
        self.stdout.write(
            f"Lần tổng hợp số {build.pk} ({build.get_kind_display().lower()}): "
            f"{format_number(build.rows_written)} dòng số liệu, {build.periods} kỳ, "
            f"{seconds:.1f} giây."
        )
