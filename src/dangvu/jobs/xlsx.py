"""Streaming XLSX: any number of rows in bounded memory (openpyxl's write-only mode).

    columns = [Column("Họ và tên", 28), Column("Số định danh cá nhân", 16),
               Column("Sinh ngày", 12, "date"), Column("Tuổi đảng", 10, "int")]
    write_xlsx(handle, sheet_title="Đảng viên", columns=columns, rows=rows,
               title_lines=["DANH SÁCH ĐẢNG VIÊN", "DỮ LIỆU MÔ PHỎNG"])

Text columns stay text even when they look like numbers (a CCCD "001234567890" keeps its
leading zero; Excel shows it as text, format "@") and never become formulas (a value
starting with "=" is written as a string). Dates are real dates shown as dd/mm/yyyy.
"""

from __future__ import annotations

import math
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any, Literal

from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dangvu.vntext.formats import format_date

from .file_names import content_disposition

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd/mm/yyyy"
TEXT_FORMAT = "@"
NUMBER_FORMATS = {"int": "#,##0", "decimal": "#,##0.0#"}
PROGRESS_EVERY = 500
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

Kind = Literal["text", "date", "int", "decimal"]


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 15
    kind: Kind = "text"
    number_format: str = ""  # overrides the kind's format, e.g. "0.0" for a percentage

    def __post_init__(self):
        if self.kind not in ("text", "date", "int", "decimal"):
            raise ValueError(f"Kiểu cột không hợp lệ: {self.kind!r}.")


@dataclass(frozen=True)
class SheetSpec:
    """One sheet of a workbook: a title, bold title lines, the header and the rows."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    title_lines: Sequence[str] = ()


def write_xlsx(
    target: str | IO[bytes],
    *,
    sheet_title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    title_lines: Sequence[str] = (),
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write one sheet to ``target`` (a path or a binary file) and return the rows written.

    Each row is a sequence of values in the order of ``columns``. ``progress(n)`` is called
    every few hundred rows and once at the end with the number of rows written so far.
    """
    spec = SheetSpec(title=sheet_title, columns=columns, rows=rows, title_lines=title_lines)
    return write_workbook(target, [spec], progress=progress)


def write_workbook(
    target: str | IO[bytes],
    sheets: Sequence[SheetSpec],
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write several sheets (streamed, bounded memory); returns the rows written in all."""
    workbook = Workbook(write_only=True)
    written = 0
    for spec in sheets:
        written = _write_sheet(workbook, spec, written, progress)
    if progress is not None:
        progress(written)
    workbook.save(target)
    return written


def _write_sheet(workbook, spec: SheetSpec, written: int, progress) -> int:
    sheet = workbook.create_sheet(title=_sheet_title(spec.title))
    columns = spec.columns
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    header_row = len(spec.title_lines) + 1
    sheet.freeze_panes = f"A{header_row + 1}"
    bold = Font(bold=True)
    for line in spec.title_lines:
        cell = WriteOnlyCell(sheet, value=_clean_text(line))
        cell.font = bold
        sheet.append([cell])
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=_clean_text(column.header))
        cell.font = bold
        header.append(cell)
    sheet.append(header)

    formats = [column.number_format or _default_format(column.kind) for column in columns]
    converters = [_CONVERTERS[column.kind] for column in columns]
    kinds = [column.kind for column in columns]
    for row in spec.rows:
        cells = []
        for value, kind, convert, number_format in zip(
            row, kinds, converters, formats, strict=True
        ):
            value = convert(value)
            cell = WriteOnlyCell(sheet, value=value)
            if kind == "text" and value is not None:
                cell.data_type = "s"  # "=1+1" is text, never a formula
            cell.number_format = number_format
            cells.append(cell)
        sheet.append(cells)
        written += 1
        if progress is not None and written % PROGRESS_EVERY == 0:
            progress(written)
    return written


def xlsx_response(filename: str, writer_fn: Callable[[IO[bytes]], Any]) -> FileResponse:
    """Download an XLSX built by ``writer_fn(handle)`` (e.g. a :func:`write_xlsx` call) in a
    temporary file, so memory stays bounded; the user gets it as ``filename`` (Vietnamese
    names kept through RFC 5987 ``filename*``). The file is deleted when sent."""
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - the response closes it
    try:
        writer_fn(handle)
        handle.flush()
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    response = FileResponse(handle, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    return response


def _default_format(kind: Kind) -> str:
    if kind == "text":
        return TEXT_FORMAT
    if kind == "date":
        return DATE_FORMAT
    return NUMBER_FORMATS[kind]


def _sheet_title(title: str) -> str:
    return _SHEET_FORBIDDEN.sub(" ", title).strip()[:31] or "Sheet1"


def _clean_text(value: Any) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _to_text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return format_date(value)
    return _clean_text(value)


def _to_date(value: Any) -> date | str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return value
    return _clean_text(value)  # already written out ("không rõ"): keep as text


def _to_int(value: Any) -> int | str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        whole = value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)
        return int(value) if whole and value == int(value) else value
    return _clean_text(value)


def _to_decimal(value: Any) -> Decimal | int | float | str | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    return _clean_text(value)


_CONVERTERS = {"text": _to_text, "date": _to_date, "int": _to_int, "decimal": _to_decimal}
