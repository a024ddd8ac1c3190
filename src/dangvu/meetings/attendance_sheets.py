"""The attendance sheet of one meeting: an XLSX template for offices that collect attendance
on paper, and reading it back.

The template lists the cell's members on the meeting date (:mod:`.roster`): the expected ones
with a "Trạng thái" column restricted by a data-validation list (Có mặt / Vắng có lý do / Vắng
không lý do, pre-filled "Có mặt" or the recorded value) and a "Lý do" column; members excused
from party work are listed at the end, marked "Miễn sinh hoạt", and ignored when read back.

Reading checks every row (unknown member, member listed twice, unreadable status, missing
reason, expected member missing) and returns every problem with row, column, value and reason
in Vietnamese; the caller writes nothing unless the list is empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineError, CalamineWorkbook

from dangvu.vntext.formats import format_date
from dangvu.vntext.normalize import clean_text
from dangvu.vntext.search_keys import search_key

from .models import Meeting, Presence

HEADERS = ["STT", "Mã đảng viên", "Họ và tên", "Ghi chú", "Trạng thái", "Lý do"]
STATUS_TEXT = {
    Presence.PRESENT: "Có mặt",
    Presence.EXCUSED: "Vắng có lý do",
    Presence.UNEXCUSED: "Vắng không lý do",
}
EXEMPT_TEXT = "Miễn sinh hoạt"
_BY_KEY = {search_key(text): status for status, text in STATUS_TEXT.items()}
HEADER_SEARCH_ROWS = 10


@dataclass
class SheetError:
    row: int | None
    column: str
    value: str
    reason: str


def write_template(handle, meeting: Meeting, listed, recorded: dict) -> None:
    """``listed``: the roster entries; ``recorded``: ``{member_id: Attendance}`` if any."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Điểm danh"
    bold = Font(bold=True)
    sheet.append([f"ĐIỂM DANH SINH HOẠT CHI BỘ — {meeting.unit.name}"])
    sheet.append(
        [
            f"Buổi sinh hoạt {meeting.get_kind_display().lower()} ngày {format_date(meeting.date)}"
            f" (mã buổi {meeting.pk}, phiên bản {meeting.revision})"
        ]
    )
    sheet.append(
        [
            "Cột “Trạng thái”: chọn Có mặt / Vắng có lý do / Vắng không lý do; vắng có lý do thì "
            "ghi “Lý do”. Không sửa cột “Mã đảng viên”."
        ]
    )
    sheet.append(HEADERS)
    for cell in sheet[4]:
        cell.font = bold
    for row in sheet.iter_rows(min_row=1, max_row=2):
        row[0].font = bold
    widths = [6, 14, 30, 30, 20, 40]
    for letter, width in zip("ABCDEF", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    number = 0
    expected = [e for e in listed if e.expected]
    exempt = [e for e in listed if not e.expected]
    for entry in expected:
        number += 1
        row = recorded.get(entry.member.pk)
        status = Presence(row.status) if row and row.status in STATUS_TEXT else Presence.PRESENT
        sheet.append(
            [
                number,
                entry.member.pk,
                entry.member.full_name,
                "Đang sinh hoạt tạm thời nơi khác" if entry.away else "",
                STATUS_TEXT[status],
                row.reason if row else "",
            ]
        )
    last_expected = 4 + number
    for entry in exempt:
        number += 1
        sheet.append(
            [
                number,
                entry.member.pk,
                entry.member.full_name,
                "Miễn công tác và sinh hoạt — không tính",
                EXEMPT_TEXT,
                "",
            ]
        )
    if expected:
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(STATUS_TEXT.values()) + '"',
            allow_blank=False,
            showErrorMessage=True,
            errorTitle="Trạng thái không hợp lệ",
            error="Chọn Có mặt, Vắng có lý do hoặc Vắng không lý do.",
        )
        sheet.add_data_validation(validation)
        validation.add(f"E5:E{last_expected}")
    sheet.freeze_panes = "A5"
    workbook.save(handle)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value))


def read_sheet(stream, filename: str, listed) -> tuple[dict, list[SheetError]]:
    """``({member_id: (status, reason)}, errors)`` read from an uploaded template."""
    try:
        workbook = CalamineWorkbook.from_filelike(stream)
        rows = list(workbook.get_sheet_by_index(0).iter_rows())
    except (CalamineError, ValueError, OSError, IndexError):
        return {}, [
            SheetError(
                None,
                "",
                filename,
                "Không đọc được tệp Excel (.xlsx). Hãy mở bằng Excel, lưu lại dạng .xlsx rồi "
                "tải lên lại.",
            )
        ]
    header_at, columns = None, {}
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = [search_key(_text(v)) for v in row]
        if search_key("Mã đảng viên") in keys and search_key("Trạng thái") in keys:
            header_at = index
            columns = {k: i for i, k in enumerate(keys)}
            break
    if header_at is None:
        return {}, [
            SheetError(
                None,
                "",
                "",
                "Không thấy dòng tiêu đề có cột “Mã đảng viên” và “Trạng thái”. Hãy dùng mẫu "
                "điểm danh tải từ trang của buổi sinh hoạt.",
            )
        ]
    col_id = columns[search_key("Mã đảng viên")]
    col_status = columns[search_key("Trạng thái")]
    col_reason = columns.get(search_key("Lý do"))
    by_id = {e.member.pk: e for e in listed}
    entries: dict[int, tuple[int, str]] = {}
    seen_rows: dict[int, int] = {}
    errors: list[SheetError] = []
    for index, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        cells = list(row) + [None] * (len(HEADERS) + 1)
        raw_id = _text(cells[col_id])
        raw_status = _text(cells[col_status])
        reason = _text(cells[col_reason]) if col_reason is not None else ""
        if not raw_id and not raw_status and not reason:
            continue
        if not raw_id.isdigit():
            errors.append(SheetError(index, "Mã đảng viên", raw_id, "Mã đảng viên phải là số."))
            continue
        member_id = int(raw_id)
        entry = by_id.get(member_id)
        if entry is None:
            errors.append(
                SheetError(
                    index,
                    "Mã đảng viên",
                    raw_id,
                    "Không có đảng viên này trong danh sách sinh hoạt của chi bộ ngày họp.",
                )
            )
            continue
        if member_id in seen_rows:
            errors.append(
                SheetError(
                    index,
                    "Mã đảng viên",
                    raw_id,
                    f"{entry.member.full_name} đã có ở dòng {seen_rows[member_id]}.",
                )
            )
            continue
        seen_rows[member_id] = index
        if not entry.expected:
            continue  # excused from party work: listed, not counted
        status = _BY_KEY.get(search_key(raw_status))
        if status is None:
            errors.append(
                SheetError(
                    index,
                    "Trạng thái",
                    raw_status,
                    "Trạng thái phải là Có mặt, Vắng có lý do hoặc Vắng không lý do.",
                )
            )
            continue
        if status == Presence.EXCUSED and not reason:
            errors.append(SheetError(index, "Lý do", "", "Vắng có lý do thì phải ghi lý do."))
            continue
        if len(reason) > 200:
            errors.append(SheetError(index, "Lý do", reason[:40] + "…", "Lý do dài quá 200 ký tự."))
            continue
        entries[member_id] = (status, reason)
    for entry in listed:
        if entry.expected and entry.member.pk not in seen_rows:
            errors.append(
                SheetError(
                    None,
                    "Mã đảng viên",
                    str(entry.member.pk),
                    f"Thiếu dòng của {entry.member.full_name} (đảng viên phải dự buổi này).",
                )
            )
    return entries, errors
