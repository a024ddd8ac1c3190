"""The report document job: compose the report from the aggregates, render it, keep it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse

from dangvu.jobs.registry import register_job

from .periods import Period
from .report_documents import compose, record, render_docx, render_xlsx
from .selectors import report_units

DOCUMENT_JOB = "reports.document"


@register_job(DOCUMENT_JOB, title="Viết báo cáo định kỳ")
def write_report(job, reporter):
    params = job.params
    unit = report_units(job.actor).filter(pk=params.get("unit_id")).first()
    if unit is None:
        raise ValidationError("Tổ chức đã chọn không còn trong phạm vi xem báo cáo của bạn.")
    period = Period.parse(params["period"])
    fmt = params.get("format", "docx")
    reporter.progress(1, 4, "Đang đọc số liệu tổng hợp…")
    content = compose(unit, period, number=params.get("number", ""))
    if content.build is None:
        raise ValidationError("Chưa tổng hợp số liệu; hãy chờ lần tổng hợp đầu tiên rồi thử lại.")
    reporter.progress(2, 4, "Đang viết báo cáo…")
    render = render_docx if fmt == "docx" else render_xlsx
    reporter.save_output(f"bao-cao-{period.code}.{fmt}", lambda handle: render(content, handle))
    reporter.progress(3, 4, "Đang lưu nguồn của từng số liệu…")
    report = record(content, actor=job.actor, fmt=fmt, job=job)
    reporter.progress(4, 4, "Xong.")
    return {
        "message": f"Đã viết báo cáo {period.label.lower()} ({report.figures.count()} số liệu).",
        "report_id": report.pk,
        "links": [
            {"label": "Nguồn của từng số liệu", "url": reverse("reports:sources", args=[report.pk])}
        ],
    }


REFRESH_JOB = "reports.refresh"


@register_job(REFRESH_JOB, title="Cập nhật số liệu tổng hợp")
def refresh_aggregates(job, reporter):
    from .engine import refresh

    build = refresh(progress=lambda done, total: reporter.progress(done, total, "Đang tổng hợp…"))
    if build is None:
        return {"message": "Số liệu đã cập nhật, không có gì thay đổi."}
    return {
        "message": f"Đã tổng hợp lần {build.pk}: {build.rows_written} dòng số liệu.",
        "build_id": build.pk,
    }
