"""Background jobs of the oversight app: the XLSX exports of long case and decision lists."""

from dangvu.jobs.list_exports import job_user_and_unit, run_list_export
from dangvu.jobs.registry import register_job

from . import listing
from .export import write_cases, write_decisions


@register_job(listing.CASES_EXPORT_JOB, title="Xuất danh sách cuộc kiểm tra, giám sát")
def export_cases(job, reporter):
    user, unit, data = job_user_and_unit(job)
    _, cases = listing.filtered_cases(user, data, unit=unit, units=[unit] if unit else [])
    return run_list_export(
        job,
        reporter,
        user=user,
        unit=unit,
        rows=cases,
        name=listing.cases_name(),
        write=lambda handle, progress: write_cases(
            handle, cases, title_lines=[listing.cases_title(unit)], progress=progress
        ),
        action="oversight.cases.export",
        what="cuộc kiểm tra, giám sát",
    )


@register_job(listing.DECISIONS_EXPORT_JOB, title="Xuất danh sách quyết định kỷ luật")
def export_decisions(job, reporter):
    user, unit, data = job_user_and_unit(job)
    _, filters = listing.decision_filters(data, unit=unit, units=[unit] if unit else [])
    decisions = listing.exported_decisions(user, filters)
    return run_list_export(
        job,
        reporter,
        user=user,
        unit=unit,
        rows=decisions,
        name=listing.decisions_name(),
        write=lambda handle, progress: write_decisions(
            handle, user, decisions, title_lines=[listing.decisions_title(unit)], progress=progress
        ),
        action="oversight.decisions.export",
        what="quyết định kỷ luật",
    )
