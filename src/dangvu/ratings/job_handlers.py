"""Background jobs of the ratings app: the XLSX export of a long rating list."""

from django.core.exceptions import ValidationError
from django.http import QueryDict

from dangvu.audit.services import record_change
from dangvu.jobs.registry import register_job

from . import listing, selectors
from .export import write_ratings


@register_job(listing.EXPORT_JOB, title="Xuất kết quả đánh giá, xếp loại")
def export_ratings(job, reporter):
    """Re-reads the list as the job's user saw it (same scope, same filters)."""
    user = job.actor
    if user is None:
        raise ValidationError("Việc xuất danh sách cần người thực hiện.")
    data = QueryDict(job.params.get("query", ""))
    unit = None
    if job.unit_id is not None:
        unit = selectors.readable_units(user).filter(pk=job.unit_id).first()
        if unit is None:
            raise ValidationError("Tổ chức đã chọn không còn trong phạm vi của bạn.")
    _, ratings = listing.filtered(user, data, unit=unit, units=[unit] if unit else [])
    total = ratings.count()
    reporter.progress(0, total, "Đang ghi tệp")
    written = reporter.save_output(
        listing.export_name(),
        lambda handle: write_ratings(
            handle,
            ratings,
            title_lines=[listing.export_title(unit)],
            progress=lambda done: reporter.progress(done, total, "Đang ghi tệp"),
        ),
    )
    reporter.progress(written, total, "Xong")
    record_change(
        actor=user,
        action="ratings.export",
        obj=user,
        unit=unit,
        after={"filters": job.params.get("query", ""), "rows": written},
    )
    return {"rows": written, "message": f"Đã xuất {written:,} kết quả xếp loại.".replace(",", ".")}
