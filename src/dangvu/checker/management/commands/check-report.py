import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dangvu.checker import verdicts as v
from dangvu.checker.checking import check_text
from dangvu.checker.reading import UnreadableFile, read_upload
from dangvu.checker.system import BadChoice, OutOfScope, resolve


class Command(BaseCommand):
    help = (
        "Kiểm tra số liệu của một báo cáo (.txt hoặc .docx): tỷ lệ, tăng/giảm, tổng và các "
        "thành phần; với --unit và --period, so sánh với số liệu của hệ thống. Trả mã 1 khi "
        "có số liệu không khớp."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
        parser.add_argument("--unit", help="Mã (hoặc id) tổ chức để so sánh với hệ thống")
        parser.add_argument("--period", help="Kỳ báo cáo: 2025, 2025-Q3, 2025-6T, 2025-T03")

    def handle(self, *args, file, json: bool = False, unit=None, period=None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không có tệp {file}.")
        try:
            text = read_upload(path.name, path.read_bytes())
        except UnreadableFile as exc:
            raise CommandError(str(exc)) from exc
        try:
            chosen = resolve(None, unit, period)  # the command line sees every unit
        except (BadChoice, OutOfScope) as exc:
            raise CommandError(str(exc)) from exc
        scope = dict(zip(("unit", "period"), chosen, strict=True)) if chosen else {}
        report = check_text(text, source=path.name, **scope)
        if json:
            self.stdout.write(_dumps(report.as_dict()))
        else:
            self._print(report)
        if report.counts[v.INCONSISTENT]:
            raise SystemExit(1)

    def _print(self, report):
        counts = report.counts
        self.stdout.write(
            f"{report.source}: {len(report.claims)} số liệu — {counts[v.CONSISTENT]} khớp, "
            f"{counts[v.TRUNCATED]} khớp nếu cắt bớt, {counts[v.INCONSISTENT]} không khớp, "
            f"{counts[v.UNCHECKED]} không kiểm tra được."
        )
        for number, claim in enumerate(report.claims, start=1):
            line = report.text.count("\n", 0, claim.start) + 1
            quoted = report.text[claim.start : claim.end].replace("\n", " ").replace("\t", " ")
            if len(quoted) > 90:
                quoted = quoted[:87] + "…"
            self.stdout.write(
                f"{number:>3}. [{claim.verdict_label}] dòng {line}: “{quoted}”\n"
                f"     {claim.explanation}"
            )
            if claim.system:
                self.stdout.write(
                    f"     [{claim.system['verdict_label']}] {claim.system['explanation']}"
                )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
