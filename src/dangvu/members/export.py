"""XLSX export of any member list, in the list's order, with bounded memory.

The columns are the national clean-up template's (so the file re-imports into dangvu);
sensitive columns are filled only for members inside the user's "sensitive" scope.
"""

from __future__ import annotations

import tempfile
from datetime import date

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for

from .lifecycle import Status
from .models import PartyCard, TheoryLevel
from .selectors import period_on

STATUS_LABELS = {
    Status.PROBATIONARY: "Dự bị",
    Status.OFFICIAL: "Chính thức",
    Status.EXCUSED: "Miễn sinh hoạt",
    Status.LEFT: "Ra khỏi Đảng",
    Status.DEAD: "Từ trần",
}
COLUMNS = [  # (header, kind, getter)
    ("Họ và tên", "text", lambda m, x: m.full_name),
    ("Tên gọi khác", "text", lambda m, x: m.other_name),
    ("Giới tính", "text", lambda m, x: m.get_gender_display()),
    ("Sinh ngày", "date", lambda m, x: m.birth_date),
    ("Dân tộc", "sensitive", lambda m, x: m.ethnicity),
    ("Tôn giáo", "sensitive", lambda m, x: m.religion),
    ("Số định danh cá nhân", "text", lambda m, x: m.cccd),
    ("Số CMND cũ", "text", lambda m, x: m.old_cmnd),
    ("Số thẻ Đảng (12 số)", "text", lambda m, x: x["card"]),
    ("Số thẻ cũ", "text", lambda m, x: x["old_card"]),
    ("Tổ chức Đảng đang sinh hoạt", "text", lambda m, x: m.unit.name if m.unit_id else ""),
    ("Nơi đăng ký khai sinh", "text", lambda m, x: m.birth_registration_place),
    ("Quê quán", "text", lambda m, x: m.hometown),
    ("Thường trú", "text", lambda m, x: m.permanent_address),
    ("Ngày vào Đảng", "date", lambda m, x: m.party_since),
    ("Ngày vào Đảng chính thức", "date", lambda m, x: m.official_date),
    ("Trạng thái", "text", lambda m, x: STATUS_LABELS.get(x["status"], "")),
    ("Ngày rời khỏi / Ngày mất / Ngày miễn sinh hoạt", "date", lambda m, x: x["left_on"]),
    (
        "Lý luận chính trị",
        "text",
        lambda m, x: TheoryLevel(m.theory_level).label if m.theory_level else "",
    ),
    ("Nghề nghiệp", "text", lambda m, x: m.occupation),
    ("Chức vụ", "text", lambda m, x: m.position),
]


def write_members(members, user, target, *, title: str = "", chunk: int = 2000) -> int:
    """Write the queryset's members to ``target`` (a path or binary file); returns the count."""
    sensitive = scope_for(user, permissions.SEE_SENSITIVE)
    show_sensitive = not sensitive.is_empty
    columns = [c for c in COLUMNS if show_sensitive or c[1] != "sensitive"]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Đảng viên")
    if title:
        sheet.append([title])
    bold = Font(bold=True)
    header = []
    for text, _, _ in columns:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    today = date.today()
    written = 0
    page: list = []

    def flush():
        ids = [m.pk for m in page]
        periods = {p.member_id: p for p in period_on(today).filter(member_id__in=ids)}
        cards: dict[int, dict] = {}
        for member_id, number, regime in PartyCard.objects.filter(member_id__in=ids).values_list(
            "member_id", "number", "regime"
        ):
            cards.setdefault(member_id, {})["card" if regime == "moi" else "old_card"] = number
        for member in page:
            period = periods.get(member.pk)
            extra = {
                "status": period.status if period else "",
                "left_on": period.start
                if period and period.status not in (Status.PROBATIONARY, Status.OFFICIAL)
                else None,
                "card": cards.get(member.pk, {}).get("card", ""),
                "old_card": cards.get(member.pk, {}).get("old_card", ""),
            }
            allowed = member.unit_id is not None and sensitive.covers(member.unit.path)
            row = []
            for _, kind, getter in columns:
                value = getter(member, extra)
                if kind == "sensitive" and not allowed:
                    value = ""
                cell = WriteOnlyCell(sheet, value=value if value not in (None,) else None)
                if kind == "date" and value:
                    cell.number_format = "dd/mm/yyyy"
                elif kind in ("text", "sensitive"):
                    cell.number_format = "@"
                row.append(cell)
            sheet.append(row)

    for member in members.select_related("unit").iterator(chunk_size=chunk):
        page.append(member)
        if len(page) >= chunk:
            flush()
            written += len(page)
            page = []
    if page:
        flush()
        written += len(page)
    workbook.save(target)
    return written


def xlsx_response(members, user, filename: str, *, title: str = "") -> FileResponse:
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    write_members(members, user, handle, title=title)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
