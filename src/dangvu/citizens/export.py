"""XLSX export of a feedback list (the list's filters and order), bounded memory.

Only the fields the record keeps about who raised it — the display name or group and the
optional contact — are written; nothing else about the person exists to export."""

from __future__ import annotations

from django.conf import settings

from dangvu.jobs.xlsx import Column, write_xlsx

COLUMNS = [
    Column("Ngày tiếp nhận", 12, "date"),
    Column("Tổ chức tiếp nhận", 30),
    Column("Kênh tiếp nhận", 26),
    Column("Lĩnh vực", 22),
    Column("Người / nhóm phản ánh", 26),
    Column("Liên hệ", 16),
    Column("Nội dung", 60),
    Column("Trạng thái", 18),
    Column("Chuyển đến", 30),
    Column("Ngày chuyển", 12, "date"),
    Column("Hạn trả lời", 12, "date"),
    Column("Ngày trả lời / chuyển", 12, "date"),
    Column("Đúng hạn", 9),
    Column("Cơ quan có thẩm quyền", 26),
    Column("Nội dung trả lời", 50),
    Column("Ngày kết thúc", 12, "date"),
]
CHUNK = 2000


def rows(feedback):
    for f in feedback.iterator(chunk_size=CHUNK):
        on_time = f.on_time
        yield [
            f.received_on,
            f.unit.name,
            f.channel.name,
            f.sector.name,
            f.raised_by,
            f.contact,
            f.content,
            f.get_state_display(),
            f.routed_to,
            f.routed_on,
            f.due_on,
            f.responded_on,
            "" if on_time is None else ("Đúng hạn" if on_time else "Quá hạn"),
            f.referred_to,
            f.response,
            f.closed_on,
        ]


def write_feedback(handle, feedback, *, title: str = "", progress=None) -> int:
    lines = [title or "DANH SÁCH Ý KIẾN, KIẾN NGHỊ"]
    if settings.DEV_DEFAULTS:
        lines.append("DỮ LIỆU MÔ PHỎNG")
    return write_xlsx(
        handle,
        sheet_title="Ý kiến, kiến nghị",
        columns=COLUMNS,
        rows=rows(feedback),
        title_lines=lines,
        progress=progress,
    )
