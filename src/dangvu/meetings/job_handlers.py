"""Background jobs of the meetings app: the XLSX export of a long meeting list."""

from django.core.exceptions import ValidationError
from django.http import QueryDict

from dangvu.audit.services import record_change
from dangvu.jobs.registry import register_job

from . import listing, selectors
from .export import write_meetings


@register_job(listing.EXPORT_JOB, title="Xuất danh sách buổi sinh hoạt chi bộ")
def export_meetings(job, reporter):
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
    _, meetings = listing.filtered(user, data, unit=unit, units=[unit] if unit else [])
    total = meetings.count()
    reporter.progress(0, total, "Đang ghi tệp")
    written = reporter.save_output(
        listing.export_name(),
        lambda handle: write_meetings(
            handle,
            meetings,
            title_lines=[listing.export_title(unit)],
            progress=lambda done: reporter.progress(done, total, "Đang ghi tệp"),
        ),
    )
    reporter.progress(written, total, "Xong")
    record_change(
        actor=user,
        action="meetings.export",
        obj=user,
        unit=unit,
        after={"filters": job.params.get("query", ""), "rows": written},
    )
    return {"rows": written, "message": f"Đã xuất {written:,} buổi sinh hoạt.".replace(",", ".")}
