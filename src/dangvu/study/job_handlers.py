"""The study export job: the list's filters, read again as the job's actor, to XLSX."""

from __future__ import annotations

from django.http import Http404, QueryDict

from dangvu.jobs.registry import register_job

from .export import write_sessions
from .listing import sessions_from_query

EXPORT_JOB = "study.export"


@register_job(EXPORT_JOB, title="Xuất danh sách hội nghị học tập, quán triệt")
def export_sessions(job, reporter):
    params = QueryDict(job.params.get("filters", ""))
    try:
        _, unit, _, sessions = sessions_from_query(job.actor, params)
    except Http404:
        from django.core.exceptions import ValidationError

        raise ValidationError(
            "Tổ chức hoặc văn bản đã chọn không còn trong phạm vi của bạn; hãy lọc lại rồi xuất."
        ) from None
    title = "DANH SÁCH HỘI NGHỊ HỌC TẬP, QUÁN TRIỆT" + (f" — {unit.name.upper()}" if unit else "")
    count = reporter.save_output(
        "hoi-nghi-hoc-tap.xlsx",
        lambda handle: write_sessions(
            sessions,
            handle,
            title=title,
            progress=lambda done, total: reporter.progress(done, total, "Đang ghi tệp…"),
        ),
    )
    return {"message": f"Đã xuất {count} dòng.", "rows": count}
