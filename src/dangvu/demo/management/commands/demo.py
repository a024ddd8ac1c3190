"""`dangvu demo`: migrate, build the synthetic province once, print the logins, serve."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections

from dangvu.demo.generator import build_demo, find_demo_province
from dangvu.vntext.formats import format_number

LABELS = {
    "units_ever": "Tổ chức đảng (kể cả đã chấm dứt)",
    "units_alive": "Tổ chức đảng đang hoạt động",
    "new_communes": "Đảng bộ xã, phường mới (từ 01/7/2025)",
    "tccs": "Tổ chức cơ sở đảng đang hoạt động",
    "cells": "Chi bộ đang hoạt động (chi bộ cơ sở + chi bộ trực thuộc)",
    "districts_2025_06_30": "Đảng bộ cấp huyện ngày 30/6/2025",
    "old_communes_2025_06_30": "Đảng bộ xã cũ ngày 30/6/2025",
    "districts_2025_07_01": "Đảng bộ cấp huyện ngày 01/7/2025",
    "lineage_events": "Sự kiện tổ chức (thành lập, đổi tên, sáp nhập…)",
    "members": "Hồ sơ đảng viên",
    "members_chinh_thuc": "  Đảng viên chính thức hôm nay",
    "members_du_bi": "  Đảng viên dự bị hôm nay",
    "members_mien_sinh_hoat": "  Miễn công tác và sinh hoạt",
    "members_tu_tran": "  Đã từ trần",
    "members_ra_khoi_dang": "  Đã ra khỏi Đảng",
    "documents": "Văn bản (nghị quyết, chỉ thị, kế hoạch…)",
    "assignments": "Chỉ tiêu, nhiệm vụ giao cho các tổ chức",
    "progress_reports": "  Báo cáo tiến độ",
    "study_sessions": "Hội nghị học tập, quán triệt",
    "training_classes": "Lớp đào tạo, bồi dưỡng",
    "training_enrolments": "  Lượt học viên",
    "meetings": "Buổi sinh hoạt chi bộ",
    "attendance": "  Lượt điểm danh",
    "oversight_cases": "Cuộc kiểm tra, giám sát",
    "discipline_decisions": "Quyết định kỷ luật",
    "citizen_feedback": "Ý kiến, kiến nghị của Nhân dân",
    "pressing_issues": "Việc nổi cộm, bức xúc",
    "ratings": "Kết quả đánh giá, xếp loại (đảng viên, tổ chức)",
    "commitments": "  Đăng ký khắc phục hạn chế, khuyết điểm",
    "emulation_pledges": "Đăng ký “4 tốt” (chi bộ, đảng bộ cơ sở)",
    "emulation_registrations": "Đăng ký học tập và làm theo",
    "emulation_examples": "Mô hình, điển hình, “Dân vận khéo”",
    "emulation_recognitions": "Lượt biểu dương, tôn vinh",
}


class Command(BaseCommand):
    help = "Tạo (một lần) dữ liệu MÔ PHỎNG của một tỉnh hư cấu và chạy máy chủ thử."
    # The checks run after the var/ directory exists (see handle).
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Cổng (mặc định 8000).")
        parser.add_argument(
            "--no-serve", action="store_true", help="Chỉ tạo dữ liệu, không chạy máy chủ."
        )
        parser.add_argument(
            "--reset", action="store_true", help="Xóa toàn bộ cơ sở dữ liệu và tạo lại từ đầu."
        )
        parser.add_argument("--seed", type=int, default=2025, help="Hạt giống ngẫu nhiên.")
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Quy mô (1.0 ≈ 300 TCCS, 1.200 chi bộ)."
        )

    def handle(self, *args, port, no_serve, reset, seed, scale, **options):
        if scale <= 0:
            raise CommandError("--scale phải lớn hơn 0.")
        Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
        if reset:
            self.reset_database()
        call_command("migrate", interactive=False, verbosity=0)
        if find_demo_province() is None:
            result = build_demo(seed=seed, scale=scale, stdout=self.stdout)
            self.stdout.write(f"Đã tạo dữ liệu mô phỏng trong {result.seconds:.1f} giây.")
        else:
            result = build_demo(seed=seed, scale=scale)
            self.stdout.write(
                "Dữ liệu mô phỏng đã có sẵn; dùng lại (chạy với --reset để tạo lại từ đầu)."
            )
        if no_serve:
            self.refresh_aggregates()
        else:  # the server starts at once; the worker it runs brings the figures up to date
            self.queue_aggregates()
        self.print_banner(result, port, serve=not no_serve)
        if not no_serve:
            self.serve(port)

    def refresh_aggregates(self) -> None:
        """The dashboards and reports read aggregates: bring them up to date with the records."""
        from dangvu.reports import engine

        started = time.monotonic()
        build = engine.refresh()
        if build is not None:
            self.stdout.write(
                f"Đã tổng hợp số liệu báo cáo ({format_number(build.rows_written)} dòng) trong "
                f"{time.monotonic() - started:.1f} giây."
            )

    def queue_aggregates(self) -> None:
        from dangvu.jobs.services import start_job
        from dangvu.reports.job_handlers import REFRESH_JOB

        job = start_job(actor=None, kind=REFRESH_JOB)
        self.stdout.write(
            f"Số liệu tổng hợp cho trang Số liệu đang được tính trong nền (việc #{job.pk}"
            ", lần đầu vài phút)."
        )

    def serve(self, port: int) -> None:
        """The web server, plus a background worker for imports and other long jobs."""
        worker = subprocess.Popen(
            [sys.executable, "-m", "dangvu.manage", "db_worker", "--interval", "0.5"],
            env={**os.environ, "DANGVU_DEV_DEFAULTS": "1"},
        )
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()

    def reset_database(self) -> None:
        if connection.vendor == "postgresql":
            # a flush would also empty the code tables the data migrations fill (document
            # types, kinds, roles, topics …): start from an empty schema instead, as a new
            # SQLite file does
            with connection.cursor() as cursor:
                cursor.execute("SELECT current_schema()")
                (schema,) = cursor.fetchone()
                quoted = connection.ops.quote_name(schema)
                cursor.execute(f"DROP SCHEMA {quoted} CASCADE")
                cursor.execute(f"CREATE SCHEMA {quoted}")
            self.stdout.write(f"Đã xóa mọi bảng của lược đồ {schema} (PostgreSQL).")
            return
        if connection.vendor != "sqlite":
            raise CommandError("--reset chỉ dùng được với SQLite hoặc PostgreSQL.")
        name = str(connection.settings_dict["NAME"])
        if not name or name == ":memory:" or name.startswith("file:"):
            raise CommandError("--reset chỉ xóa được cơ sở dữ liệu SQLite nằm trong một tệp.")
        connections.close_all()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(name + suffix).unlink(missing_ok=True)
        self.stdout.write(f"Đã xóa cơ sở dữ liệu {name}.")

    def print_banner(self, result, port: int, *, serve: bool) -> None:
        rule = "=" * 78
        out = self.stdout
        out.write(rule)
        out.write(
            self.style.WARNING("  DỮ LIỆU MÔ PHỎNG — tỉnh, tổ chức và người dùng đều là hư cấu.")
        )
        out.write("  Không nhập dữ liệu thật vào bản chạy thử này.")
        out.write(rule)
        out.write(f"  {result.province.name}")
        for key, label in LABELS.items():
            if key in result.counts:
                out.write(f"    {label:<58} {format_number(result.counts[key]):>8}")
        out.write("")
        out.write("  Tài khoản đăng nhập (mật khẩu chung):")
        width = max(len(row[0]) for row in result.logins) if result.logins else 8
        out.write(f"    {'Tên đăng nhập':<{max(width, 13)}}  {'Mật khẩu':<12}  Vai trò / đơn vị")
        for username, password, description, unit_name in result.logins:
            out.write(f"    {username:<{max(width, 13)}}  {password:<12}  {description}")
            out.write(f"    {'':<{max(width, 13)}}  {'':<12}  tại: {unit_name}")
        out.write("")
        if serve:
            out.write(f"  Mở trình duyệt: http://127.0.0.1:{port}/  (Ctrl+C để dừng)")
        else:
            out.write(f"  Chạy máy chủ: uv run dangvu demo --port {port}")
        out.write(rule)
