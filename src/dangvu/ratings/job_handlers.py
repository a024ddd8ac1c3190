"""Background jobs of the ratings app: the XLSX export of a long rating list."""

from dangvu.jobs.list_exports import job_user_and_unit, run_list_export
from dangvu.jobs.registry import register_job

from . import listing
from .export import write_ratings


@register_job(listing.EXPORT_JOB, title="Xuất kết quả đánh giá, xếp loại")
def export_ratings(job, reporter):
    """Re-reads the list as the job's user saw it (same scope, same filters)."""
    user, unit, data = job_user_and_unit(job)
    _, ratings = listing.filtered(user, data, unit=unit, units=[unit] if unit else [])
    return run_list_export(
        job,
        reporter,
        user=user,
        unit=unit,
        rows=ratings,
        name=listing.export_name(),
        write=lambda handle, progress: write_ratings(
            handle, ratings, title_lines=[listing.export_title(unit)], progress=progress
        ),
        action="ratings.export",
        what="kết quả xếp loại",
    )
