"""XLSX exports of the case and decision lists (the lists' filters and order), bounded memory.

The decision export has its discipline columns (subject, violation, form, text) only for a
user who holds ``manage_discipline`` somewhere; for rows outside that scope they stay empty.
"""

from __future__ import annotations

from dangvu.accounts.scopes import scope_for
from dangvu.jobs.xlsx import Column, write_xlsx

from .selectors import MANAGE

CHUNK = 2000

CASE_COLUMNS = [
    Column("Chủ thể tiến hành", 32),
    Column("Hoạt động", 10),
    Column("Loại", 22),
    Column("Đối tượng", 32),
    Column("Nội dung", 40),
    Column("Ngày bắt đầu", 12, "date"),
    Column("Ngày kết thúc", 12, "date"),
    Column("Kết luận", 50),
    Column("Kiến nghị, theo dõi", 40),
]
DECISION_COLUMNS = [
    Column("Số quyết định", 16),
    Column("Ngày quyết định", 12, "date"),
    Column("Cấp quyết định", 32),
]
DETAIL_COLUMNS = [
    Column("Loại đối tượng", 20),
    Column("Đối tượng (tên tại ngày quyết định)", 32),
    Column("Đơn vị của đối tượng", 32),
    Column("Nhóm vi phạm", 32),
    Column("Hình thức kỷ luật", 14),
    Column("Nội dung quyết định", 50),
]


def case_rows(cases):
    for c in cases.iterator(chunk_size=CHUNK):
        yield [
            c.unit.name,
            c.get_activity_display(),
            c.get_kind_display(),
            c.subject_name,
            c.title,
            c.start_date,
            c.end_date,
            c.conclusion,
            c.follow_up,
        ]


def write_cases(handle, cases, *, title_lines=(), progress=None) -> int:
    return write_xlsx(
        handle,
        sheet_title="Kiểm tra, giám sát",
        columns=CASE_COLUMNS,
        rows=case_rows(cases),
        title_lines=title_lines,
        progress=progress,
    )


def decision_rows(user, decisions, with_details: bool):
    scope = scope_for(user, MANAGE)
    for d in decisions.iterator(chunk_size=CHUNK):
        row = [d.number, d.date, d.unit.name]
        if with_details:
            if scope.covers(d.unit.path) or scope.covers(d.subject_home.path):
                row += [
                    d.get_subject_kind_display(),
                    d.subject_name,
                    d.subject_home.name,
                    d.violation.name,
                    d.get_form_display(),
                    d.text,
                ]
            else:
                row += [None] * len(DETAIL_COLUMNS)
        yield row


def write_decisions(handle, user, decisions, *, title_lines=(), progress=None) -> int:
    with_details = not scope_for(user, MANAGE).is_empty
    return write_xlsx(
        handle,
        sheet_title="Kỷ luật",
        columns=DECISION_COLUMNS + (DETAIL_COLUMNS if with_details else []),
        rows=decision_rows(user, decisions, with_details),
        title_lines=title_lines,
        progress=progress,
    )
