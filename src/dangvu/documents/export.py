"""XLSX export of a filtered document list (run as a background job, see job_handlers)."""

from __future__ import annotations

from django.conf import settings

from dangvu.jobs.xlsx import Column, write_xlsx

COLUMNS = [
    Column("Số hiệu", 16),
    Column("Loại văn bản", 22),
    Column("Ngày ban hành", 13, "date"),
    Column("Nhiệm kỳ", 11),
    Column("Tổ chức ban hành", 32),
    Column("Cơ quan ban hành", 18),
    Column("Trích yếu", 60),
    Column("Tóm tắt", 60),
    Column("Số tệp đính kèm", 10, "int"),
]


def rows_of(documents, chunk: int = 1000):
    from django.db.models import Count

    qs = documents.select_related("doc_type", "unit").annotate(n_files=Count("attachments"))
    for d in qs.iterator(chunk_size=chunk):
        yield [
            d.symbol,
            d.doc_type.name,
            d.date,
            d.term,
            d.unit.name,
            d.get_body_display(),
            d.title,
            d.summary,
            d.n_files,
        ]


def write_documents(handle, documents, *, title: str, progress=None) -> int:
    lines = [title]
    if settings.DEV_DEFAULTS:
        lines.append("DỮ LIỆU MÔ PHỎNG")
    return write_xlsx(
        handle,
        sheet_title="Văn bản",
        columns=COLUMNS,
        rows=rows_of(documents),
        title_lines=lines,
        progress=progress,
    )
