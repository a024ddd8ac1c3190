"""XLSX export of the four lists (the list's filters and order), with bounded memory."""

from __future__ import annotations

from dangvu.jobs.xlsx import Column, write_xlsx

CHUNK = 2000


def _pledge_row(p):
    ev = getattr(p, "evaluation", None)
    return [
        p.unit.name,
        p.year,
        p.get_target_display(),
        p.pledged_on,
        ev.get_result_display() if ev else "Chưa đánh giá",
        ev.decided_by.name if ev else "",
        ev.decided_on if ev else None,
        ev.decision_ref if ev else "",
    ]


def _registration_row(r):
    return [
        r.year,
        "Tập thể" if r.collective else "Cá nhân",
        r.unit.name,
        r.member.full_name if r.member_id else "",
        r.registered_on,
        r.content,
    ]


def _example_row(e):
    recogniser = e.recognised_by.name if e.recognised_by_id else e.recognised_body
    return [
        e.title,
        e.get_kind_display(),
        e.get_movement_display(),
        e.get_state_display() if e.state else "",
        "Tập thể" if e.collective else "Cá nhân",
        e.unit.name,
        e.member.full_name if e.member_id else "",
        e.field.name,
        e.year,
        recogniser,
        e.decision_ref,
        e.recognised_on,
    ]


def _recognition_row(r):
    return [
        r.kind.name,
        r.year,
        r.member.full_name,
        r.unit.name,
        r.recognised_by.name,
        r.recognised_on,
        r.decision_ref,
    ]


SHEETS = {
    "4-tot": (
        [
            Column("Tổ chức đăng ký", 36),
            Column("Năm", 7, "int"),
            Column("Danh hiệu", 22),
            Column("Ngày đăng ký", 12, "date"),
            Column("Kết quả", 14),
            Column("Cấp quyết định", 30),
            Column("Ngày quyết định", 12, "date"),
            Column("Số quyết định", 16),
        ],
        _pledge_row,
        ("unit", "evaluation__decided_by"),
    ),
    "lam-theo": (
        [
            Column("Năm", 7, "int"),
            Column("Tập thể / cá nhân", 12),
            Column("Tổ chức", 36),
            Column("Đảng viên", 28),
            Column("Ngày đăng ký", 12, "date"),
            Column("Nội dung đăng ký", 60),
        ],
        _registration_row,
        ("unit", "member"),
    ),
    "mo-hinh": (
        [
            Column("Tên mô hình, điển hình", 50),
            Column("Loại", 20),
            Column("Phong trào", 24),
            Column("Bước (Dân vận khéo)", 18),
            Column("Tập thể / cá nhân", 12),
            Column("Tổ chức", 32),
            Column("Cá nhân", 26),
            Column("Lĩnh vực", 24),
            Column("Năm", 7, "int"),
            Column("Cấp công nhận", 30),
            Column("Số quyết định", 16),
            Column("Ngày công nhận", 12, "date"),
        ],
        _example_row,
        ("unit", "member", "field", "recognised_by"),
    ),
    "bieu-duong": (
        [
            Column("Hình thức", 30),
            Column("Năm", 7, "int"),
            Column("Đảng viên", 28),
            Column("Chi bộ", 32),
            Column("Cấp biểu dương", 30),
            Column("Ngày", 12, "date"),
            Column("Số quyết định", 16),
        ],
        _recognition_row,
        ("kind", "member", "unit", "recognised_by"),
    ),
}


def write_table(handle, code: str, records, *, title_lines=(), progress=None) -> int:
    columns, row, related = SHEETS[code]
    qs = records.select_related(*related)
    return write_xlsx(
        handle,
        sheet_title="Thi đua",
        columns=columns,
        rows=(row(r) for r in qs.iterator(chunk_size=CHUNK)),
        title_lines=title_lines,
        progress=progress,
    )
