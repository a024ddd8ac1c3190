"""Background jobs of the meetings app: the XLSX export of a long meeting list."""

from dangvu.jobs.list_exports import job_user_and_unit, run_list_export
from dangvu.jobs.registry import register_job

from . import listing
from .export import write_meetings


@register_job(listing.EXPORT_JOB, title="Xuất danh sách buổi sinh hoạt chi bộ")
def export_meetings(job, reporter):
    """Re-reads the list as the job's user saw it (same scope, same filters)."""
    user, unit, data = job_user_and_unit(job)
    _, meetings = listing.filtered(user, data, unit=unit, units=[unit] if unit else [])
    return run_list_export(
        job,
        reporter,
        user=user,
        unit=unit,
        rows=meetings,
        name=listing.export_name(),
        write=lambda handle, progress: write_meetings(
            handle, meetings, title_lines=[listing.export_title(unit)], progress=progress
        ),
        action="meetings.export",
        what="buổi sinh hoạt",
    )
