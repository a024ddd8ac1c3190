"""XLSX export of a rating list (the list's filters and order), with bounded memory."""

from __future__ import annotations

from dangvu.jobs.xlsx import Column, write_xlsx

COLUMNS = [
    Column("Năm", 7, "int"),
    Column("Kỳ", 8),
    Column("Đối tượng", 12),
    Column("Họ và tên đảng viên", 28),
    Column("Tổ chức", 32),
    Column("Đợt do", 32),
    Column("Điểm", 8, "decimal", "0.0"),
    Column("Xếp loại", 10),
    Column("Mức", 32),
    Column("Nhận xét", 40),
]
CHUNK = 2000


def rows(ratings):
    qs = ratings.select_related("round__unit", "member", "subject_unit")
    for r in qs.iterator(chunk_size=CHUNK):
        yield [
            r.year,
            f"Quý {r.quarter}" if r.quarter else "Cả năm",
            r.get_subject_kind_display(),
            r.member.full_name if r.member_id else "",
            r.subject_unit.name,
            r.round.unit.name,
            r.score,
            r.level,
            r.get_level_display(),
            r.note,
        ]


def write_ratings(handle, ratings, *, title_lines=(), progress=None) -> int:
    return write_xlsx(
        handle,
        sheet_title="Xếp loại",
        columns=COLUMNS,
        rows=rows(ratings),
        title_lines=title_lines,
        progress=progress,
    )
