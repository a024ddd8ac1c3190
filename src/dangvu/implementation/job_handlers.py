"""Background jobs of the implementation app: the XLSX of a document's roll-up."""

from django.core.exceptions import ValidationError

from dangvu.accounts import permissions
from dangvu.documents.models import Document
from dangvu.jobs.registry import register_job
from dangvu.jobs.xlsx import write_xlsx
from dangvu.orgs.models import Unit
from dangvu.reports.periods import Period

from . import selectors
from .export import COLUMNS, rollup_rows, title_lines
from .rollup import compute_rollup


@register_job("implementation.rollup_export", title="Xuất tổng hợp thực hiện văn bản")
def export_rollup(job, reporter):
    """The roll-up table for the job's actor (the same scope as the page), as XLSX."""
    params = job.params
    root = Unit.objects.visible_to(job.actor, permissions.READ).filter(pk=params["unit"]).first()
    if root is None:
        raise ValidationError("Tổ chức cần tổng hợp không còn trong phạm vi của bạn.")
    document = Document.objects.select_related("doc_type").get(pk=params["document"])
    period = Period.parse(params["period"])
    items = list(selectors.item_list(job.actor, document=document))
    result = compute_rollup(root, period, items)
    rows = list(rollup_rows(result))
    reporter.progress(0, len(rows), "Đang ghi tệp")
    filename = f"Tổng hợp {document.symbol} {period.code} — {root.name}.xlsx".replace("/", "-")
    reporter.save_output(
        filename,
        lambda handle: write_xlsx(
            handle,
            sheet_title="Tổng hợp",
            columns=COLUMNS,
            rows=rows,
            title_lines=title_lines(document, period, root),
            progress=lambda n: reporter.progress(n, len(rows), "Đang ghi tệp"),
        ),
    )
    return {"rows": len(rows), "message": f"Đã xuất {len(rows)} dòng tổng hợp."}
