"""The emulation export job: a list's filters, read again as the job's actor, to XLSX."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict

from dangvu.audit.services import record_change
from dangvu.jobs.registry import register_job

from .export import write_table
from .listing import TABLES, export_title, filtered

EXPORT_JOB = "emulation.export"


@register_job(EXPORT_JOB, title="Xuất danh sách thi đua")
def export_records(job, reporter):
    table = TABLES.get(job.params.get("table", ""))
    if table is None or job.actor is None:
        raise ValidationError("Yêu cầu xuất không hợp lệ; hãy mở lại danh sách rồi xuất.")
    try:
        _, unit, records = filtered(job.actor, table, QueryDict(job.params.get("filters", "")))
    except Http404:
        raise ValidationError(
            "Tổ chức đã chọn không còn trong phạm vi của bạn; hãy lọc lại rồi xuất."
        ) from None
    total = records.count()
    count = reporter.save_output(
        f"thi-dua-{table.code}.xlsx",
        lambda handle: write_table(
            handle,
            table.code,
            records,
            title_lines=[export_title(table, unit)],
            progress=lambda done: reporter.progress(done, total, "Đang ghi tệp…"),
        ),
    )
    record_change(
        actor=job.actor,
        action="emulation.export",
        obj=job.actor,
        unit=unit,
        after={"table": table.code, "filters": job.params.get("filters", ""), "rows": count},
    )
    return {"message": f"Đã xuất {count} dòng.", "rows": count}
