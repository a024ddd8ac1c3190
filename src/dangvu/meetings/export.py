"""XLSX export of a meeting list (the list's filters and order), with bounded memory."""

from __future__ import annotations

from django.db.models import Prefetch

from dangvu.jobs.xlsx import Column, write_xlsx

from .models import Topic

COLUMNS = [
    Column("Chi bộ", 32),
    Column("Ngày sinh hoạt", 12, "date"),
    Column("Tháng", 9),
    Column("Loại", 11),
    Column("Tên chuyên đề", 30),
    Column("Chủ đề", 40),
    Column("Phải dự", 9, "int"),
    Column("Có mặt", 9, "int"),
    Column("Vắng có lý do", 9, "int"),
    Column("Vắng không lý do", 9, "int"),
    Column("Tỷ lệ dự (%)", 9, "decimal", "0.0"),
    Column("Kết luận, nghị quyết", 50),
]
CHUNK = 2000


def rows(meetings):
    qs = meetings.select_related("unit").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("sort_order"))
    )
    for m in qs.iterator(chunk_size=CHUNK):
        rate = round(100 * m.present_count / m.expected_count, 1) if m.expected_count else None
        yield [
            m.unit.name,
            m.date,
            f"{m.month.month:02d}/{m.month.year}",
            m.get_kind_display(),
            m.title,
            "; ".join(t.name for t in m.topics.all()),
            m.expected_count if m.attendance_recorded else None,
            m.present_count if m.attendance_recorded else None,
            m.excused_count if m.attendance_recorded else None,
            m.unexcused_count if m.attendance_recorded else None,
            rate,
            m.conclusion,
        ]


def write_meetings(handle, meetings, *, title_lines=(), progress=None) -> int:
    return write_xlsx(
        handle,
        sheet_title="Sinh hoạt chi bộ",
        columns=COLUMNS,
        rows=rows(meetings),
        title_lines=title_lines,
        progress=progress,
    )
