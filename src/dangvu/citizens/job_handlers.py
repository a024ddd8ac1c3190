"""Background jobs of the citizens app: the XLSX export of a feedback list."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict

from dangvu.audit.services import record_change
from dangvu.jobs.registry import register_job

from .export import write_feedback
from .listing import EXPORT_JOB, feedback_from_query


@register_job(EXPORT_JOB, title="Xuất danh sách ý kiến, kiến nghị")
def export_feedback(job, reporter):
    """Re-reads the list as the job's user saw it (same scope, same filters)."""
    user = job.actor
    if user is None:
        raise ValidationError("Việc xuất danh sách cần người thực hiện.")
    try:
        _, unit, feedback = feedback_from_query(user, QueryDict(job.params.get("filters", "")))
    except Http404:
        raise ValidationError(
            "Tổ chức đã chọn không còn trong phạm vi của bạn; hãy lọc lại rồi xuất."
        ) from None
    total = feedback.count()
    title = "DANH SÁCH Ý KIẾN, KIẾN NGHỊ" + (f" — {unit.name.upper()}" if unit else "")
    written = reporter.save_output(
        "y-kien-kien-nghi.xlsx",
        lambda handle: write_feedback(
            handle,
            feedback,
            title=title,
            progress=lambda done: reporter.progress(done, total, "Đang ghi tệp…"),
        ),
    )
    record_change(
        actor=user,
        action="citizens.export",
        obj=user,
        unit=unit,
        after={"filters": job.params.get("filters", ""), "rows": written},
    )
    return {"rows": written, "message": f"Đã xuất {written} ý kiến, kiến nghị."}
