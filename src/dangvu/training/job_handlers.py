"""XLSX exports of the training records, run as background jobs (bounded memory).

Each handler reads with the scope of the user who started the job (``job.actor``): a class
no longer visible to them fails the job with a Vietnamese message, nothing is written.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError

from dangvu.jobs.registry import register_job
from dangvu.jobs.xlsx import Column, write_xlsx
from dangvu.orgs.models import Unit

from . import selectors
from .models import Programme, TrainingClass

CLASS_COLUMNS = [
    Column("Chương trình", 36),
    Column("Tên lớp", 40),
    Column("Số hiệu", 12),
    Column("Đơn vị tổ chức", 32),
    Column("Khai giảng", 12, "date"),
    Column("Bế giảng", 12, "date"),
    Column("Địa điểm", 24),
    Column("Đối tượng", 28),
    Column("Hình thức", 16),
    Column("Số học viên", 10, "int"),
]
TRAINEE_COLUMNS = [
    Column("STT", 6, "int"),
    Column("Họ và tên", 28),
    Column("Ngày sinh", 12, "date"),
    Column("Giới tính", 8),
    Column("Đảng viên / quần chúng", 14),
    Column("Chi bộ", 32),
    Column("Kết quả", 16),
    Column("Xếp loại", 12),
    Column("Số giấy chứng nhận", 18),
    Column("Ngày cấp", 12, "date"),
    Column("Có giá trị đến", 12, "date"),
    Column("Ghi chú", 30),
]


def _demo_line() -> list[str]:
    return ["DỮ LIỆU MÔ PHỎNG"] if settings.DEV_DEFAULTS else []


def _day(value) -> date | None:
    return date.fromisoformat(value) if value else None


@register_job("training.classes_export", title="Xuất danh sách lớp đào tạo, bồi dưỡng")
def export_classes(job, reporter):
    params = job.params
    user = job.actor
    unit = (
        Unit.objects.visible_to(user).filter(pk=params.get("unit")).first()
        if params.get("unit")
        else None
    )
    if params.get("unit") and unit is None:
        raise ValidationError("Tổ chức đã chọn không còn trong phạm vi của bạn.")
    programme = Programme.objects.filter(pk=params.get("programme")).first()
    date_to = _day(params.get("date_to"))
    try:
        classes = selectors.class_list(
            user,
            programme=programme,
            unit=unit,
            date_from=_day(params.get("date_from")),
            date_to=date_to,
            q=params.get("q") or "",
        )
        if unit is not None and params.get("direct"):
            classes = selectors.directly_organised(classes, unit, date_to or selectors.today())
    except selectors.UnitNotOnTree:
        raise ValidationError(
            "Tổ chức đã chọn không có trên cây tổ chức tại ngày cuối kỳ."
        ) from None
    total = classes.count()
    reporter.progress(0, total, "Đang ghi tệp")
    rows = (
        [
            c.programme.name,
            c.name,
            c.number,
            c.unit.name,
            c.start_date,
            c.end_date,
            c.place,
            c.audience,
            c.get_form_display(),
            c.trainees,
        ]
        for c in classes.iterator(chunk_size=1000)
    )
    title = "DANH SÁCH LỚP ĐÀO TẠO, BỒI DƯỠNG" + (f" — {unit.name}" if unit else "")
    written = reporter.save_output(
        "lop-dao-tao-boi-duong.xlsx",
        lambda handle: write_xlsx(
            handle,
            sheet_title="Lớp",
            columns=CLASS_COLUMNS,
            rows=rows,
            title_lines=[title, *_demo_line()],
            progress=lambda n: reporter.progress(n, total, "Đang ghi tệp"),
        ),
    )
    return {"rows": written, "message": f"Đã xuất {written} lớp."}


@register_job("training.trainees_export", title="Xuất danh sách học viên của lớp")
def export_trainees(job, reporter):
    training_class = (
        TrainingClass.objects.visible_to(job.actor)
        .select_related("programme", "unit")
        .filter(pk=job.params.get("class_id"))
        .first()
    )
    if training_class is None:
        raise ValidationError("Lớp không còn trong phạm vi của bạn; chưa xuất được.")
    enrolments = selectors.class_enrolments(training_class)
    total = enrolments.count()

    def rows():
        for index, e in enumerate(enrolments.iterator(chunk_size=1000), start=1):
            person = e.person
            yield [
                index,
                person.full_name,
                person.birth_date,
                person.get_gender_display(),
                "Quần chúng" if e.is_candidate else "Đảng viên",
                person.unit.name if person.unit_id else "",
                e.get_result_display() if e.result else "",
                e.get_grade_display() if e.grade else "",
                e.certificate_number,
                e.certificate_date,
                e.valid_until,
                e.note or e.outside_reason,
            ]

    title = f"DANH SÁCH HỌC VIÊN — {training_class.name}"
    subtitle = (
        f"{training_class.programme.name} · {training_class.unit.name} · "
        f"{training_class.start_date:%d/%m/%Y} – {training_class.end_date:%d/%m/%Y}"
    )
    written = reporter.save_output(
        "hoc-vien.xlsx",
        lambda handle: write_xlsx(
            handle,
            sheet_title="Học viên",
            columns=TRAINEE_COLUMNS,
            rows=rows(),
            title_lines=[title, subtitle, *_demo_line()],
            progress=lambda n: reporter.progress(n, total, "Đang ghi tệp"),
        ),
    )
    return {"rows": written, "message": f"Đã xuất {written} học viên."}
