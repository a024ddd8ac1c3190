from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangvu.audit.context import audit_source
from dangvu.audit.models import Source
from dangvu.orgs.models import Unit
from dangvu.reports.periods import Period
from dangvu.reports.report_documents import REPORT_TYPES, compose, record, render_docx, render_xlsx


class Command(BaseCommand):
    help = (
        "Viết báo cáo định kỳ của một tổ chức từ số liệu tổng hợp, ví dụ: "
        "dangvu report --unit DEMO-TINH --period 2025 --type nam --format docx"
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="Mã tổ chức (hoặc số hiệu).")
        parser.add_argument(
            "--period",
            required=True,
            help="Kỳ: 2025, 2025-Q1, 2025-T03, 2025-6T, 2025-9T, 2020-2025 (nhiệm kỳ).",
        )
        parser.add_argument(
            "--type",
            dest="report_type",
            choices=sorted(REPORT_TYPES),
            help="Loại báo cáo (mặc định theo kỳ).",
        )
        parser.add_argument("--format", dest="fmt", choices=["docx", "xlsx"], default="docx")
        parser.add_argument("--number", default="", help="Số báo cáo, ví dụ 12.")
        parser.add_argument("--output", help="Tệp ghi ra (mặc định bao-cao-<kỳ>.<định dạng>).")

    def handle(self, *args, unit, period, report_type, fmt, number, output, **options):
        found = Unit.objects.filter(code=unit).order_by("pk").first()
        if found is None and unit.isdigit():
            found = Unit.objects.filter(pk=int(unit)).first()
        if found is None:
            raise CommandError(f"Không có tổ chức mã “{unit}”.")
        try:
            chosen = Period.parse(period)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        if report_type and report_type != chosen.kind:
            raise CommandError(
                f"Kỳ “{period}” là {chosen.label.lower()}, không khớp loại báo cáo “{report_type}” "
                f"({REPORT_TYPES[report_type]})."
            )
        target = Path(output or f"bao-cao-{chosen.code}.{fmt}")
        content = compose(found, chosen, number=number)
        if content.build is None:
            raise CommandError("Chưa tổng hợp số liệu: chạy dangvu refresh-aggregates trước.")
        with target.open("wb") as handle:
            (render_docx if fmt == "docx" else render_xlsx)(content, handle)
        with audit_source(Source.COMMAND):
            report = record(content, actor=None, fmt=fmt)
        self.stdout.write(
            f"Đã ghi {target} ({report.figures.count()} số liệu, tổng hợp lần {content.build.pk})."
        )
