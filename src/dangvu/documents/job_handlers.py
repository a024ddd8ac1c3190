"""Background jobs of the document register (imported at start-up by dangvu.jobs)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone

from dangvu.jobs.registry import register_job

from .export import write_documents
from .listing import filtered

EXPORT = "documents.export"


@register_job(EXPORT, title="Xuất danh sách văn bản")
def export_documents(job, reporter):
    """Params: ``{"filters": {name: [values]}}`` — the list page's query string. The rows are
    what ``job.actor`` may read now (the scope is checked again when the job runs)."""
    if job.actor is None:
        raise ValidationError("Việc xuất văn bản cần một người dùng.")
    result = filtered(job.actor, job.params.get("filters") or {})
    documents = result.documents
    total = documents.count()
    reporter.progress(0, total, "Đang ghi tệp")
    title = "DANH SÁCH VĂN BẢN" + (f" — {result.unit.name.upper()}" if result.unit else "")
    filename = f"van-ban-{timezone.localdate():%Y%m%d}.xlsx"
    written = reporter.save_output(
        filename,
        lambda handle: write_documents(
            handle,
            documents,
            title=title,
            progress=lambda n: reporter.progress(n, total, "Đang ghi tệp"),
        ),
    )
    return {"rows": written, "message": f"Đã xuất {written} văn bản."}
