"""Background jobs of the oversight app: the XLSX exports of long case and decision lists."""

from django.core.exceptions import ValidationError
from django.http import QueryDict

from dangvu.audit.services import record_change
from dangvu.jobs.registry import register_job

from . import listing, selectors
from .export import write_cases, write_decisions


def _user_and_unit(job):
    """The job's user and the unit they chose (re-checked: still in their scope)."""
    user = job.actor
    if user is None:
        raise ValidationError("Việc xuất danh sách cần người thực hiện.")
    unit = None
    if job.unit_id is not None:
        unit = selectors.readable_units(user).filter(pk=job.unit_id).first()
        if unit is None:
            raise ValidationError("Tổ chức đã chọn không còn trong phạm vi của bạn.")
    return user, unit, QueryDict(job.params.get("query", ""))


def _run(job, reporter, *, user, unit, rows, name, write, action, what):
    total = rows.count()
    reporter.progress(0, total, "Đang ghi tệp")
    written = reporter.save_output(
        name,
        lambda handle: write(
            handle, progress=lambda done: reporter.progress(done, total, "Đang ghi tệp")
        ),
    )
    reporter.progress(written, total, "Xong")
    record_change(
        actor=user,
        action=action,
        obj=user,
        unit=unit,
        after={"filters": job.params.get("query", ""), "rows": written},
    )
    return {"rows": written, "message": f"Đã xuất {written:,} {what}.".replace(",", ".")}


@register_job(listing.CASES_EXPORT_JOB, title="Xuất danh sách cuộc kiểm tra, giám sát")
def export_cases(job, reporter):
    user, unit, data = _user_and_unit(job)
    _, cases = listing.filtered_cases(user, data, unit=unit, units=[unit] if unit else [])
    return _run(
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
    user, unit, data = _user_and_unit(job)
    _, filters = listing.decision_filters(data, unit=unit, units=[unit] if unit else [])
    decisions = listing.exported_decisions(user, filters)
    return _run(
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
