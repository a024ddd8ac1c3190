import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dangvu.audit.context import audit_source
from dangvu.imports import members_pipeline
from dangvu.orgs.models import Unit
from dangvu.vntext.formats import format_number


class Progress:
    """A one-line progress indicator on stderr: rows done, rows per second."""

    def __init__(self, label: str, stream=sys.stderr):
        self.label, self.stream, self.started = label, stream, time.monotonic()

    def __call__(self, done: int) -> None:
        rate = done / max(time.monotonic() - self.started, 1e-6)
        self.stream.write(
            f"\r{self.label}: {format_number(done)} dòng ({format_number(rate)} dòng/giây)   "
        )
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")


class Command(BaseCommand):
    help = (
        "Nhập danh sách đảng viên từ tệp .xlsx/.csv (mẫu CSDL đảng viên hoặc tệp xuất của "
        "dangvu). Kiểm tra mọi dòng trước; có lỗi thì không ghi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--unit",
            required=True,
            help="Mã đơn vị (hoặc số hiệu) của tổ chức nhận: các chi bộ trong tệp "
            "phải thuộc tổ chức này",
        )
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi")
        parser.add_argument("--errors", help="Ghi danh sách lỗi ra tệp .xlsx này")

    def handle(self, *args, file, unit, dry_run, errors, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không có tệp {file}.")
        scope = Unit.objects.filter(code=unit).first()
        if scope is None and unit.isdigit():
            scope = Unit.objects.filter(pk=int(unit)).first()
        if scope is None:
            raise CommandError(f"Không có tổ chức mã “{unit}”.")
        if dry_run:
            progress = Progress("Kiểm tra")
            with path.open("rb") as stream:
                result = members_pipeline.validate(
                    stream, path.name, scope_unit=scope, progress=progress
                )
            outcome = None
        else:
            # one pass: each row is checked and written in the same transaction, rolled back
            # if any row has an error
            progress = Progress("Kiểm tra và ghi")
            with path.open("rb") as stream, audit_source("import"):
                result, outcome = members_pipeline.validate_and_commit(
                    stream, path.name, scope_unit=scope, actor=None, progress=progress
                )
        progress.close()
        if result.file_error:
            raise CommandError(result.file_error)
        self.stdout.write(
            f"{format_number(result.rows)} dòng: {format_number(result.new)} người "
            f"mới, {format_number(result.existing)} người đã có, "
            f"{format_number(len(result.errors))} lỗi."
        )
        if result.errors:
            for error in result.errors[:50]:
                self.stdout.write(
                    f"  Dòng {error.row}, cột “{error.column}”, giá trị "
                    f"“{error.value}”: {error.reason}"
                )
            if errors:
                members_pipeline.errors_to_xlsx(result.errors, errors)
                self.stdout.write(f"Danh sách lỗi đầy đủ: {errors}")
            raise CommandError("Tệp có lỗi; chưa ghi gì. Sửa các dòng trên rồi chạy lại.")
        if outcome is None:
            self.stdout.write("Chạy thử (--dry-run): không ghi gì.")
            return
        if outcome.problems:
            first = outcome.problems[0]
            raise CommandError(f"Dòng {first.row}: {first.reason} — chưa ghi gì.")
        self.stdout.write(
            f"Đã ghi: {format_number(outcome.created)} mới, "
            f"{format_number(outcome.updated)} cập nhật, "
            f"{format_number(outcome.unchanged)} không đổi."
        )
        self.stdout.write("Chạy “dangvu refresh-aggregates” để cập nhật số liệu báo cáo.")
