"""Reading a member table from XLSX or CSV, row by row (bounded memory)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from python_calamine import CalamineError, CalamineWorkbook

from .member_columns import BY_FIELD, REQUIRED, Column, column_for

HEADER_SEARCH_ROWS = 15
MIN_KNOWN_HEADERS = 3


class ImportFileError(Exception):
    """The file cannot be read as a member table; the message says why, in Vietnamese."""


@dataclass
class Table:
    header_row: int
    columns: dict[int, Column]
    headers: dict[str, str]  # field → header as written in the file
    unknown: list[str] = field(default_factory=list)
    rows: Iterator[tuple[int, dict]] = field(default_factory=lambda: iter(()))


def _raw_rows(stream, filename: str) -> Iterator[tuple]:
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")):
        # python-calamine (Rust) reads cells several times faster than openpyxl
        try:
            workbook = CalamineWorkbook.from_filelike(stream)
            sheet = workbook.get_sheet_by_index(0)
        except (CalamineError, ValueError, OSError, IndexError) as exc:
            raise ImportFileError(
                f"Tệp “{filename}” không phải tệp Excel (.xlsx) hợp lệ hoặc đã hỏng. Hãy mở "
                "bằng Excel, lưu lại dạng .xlsx rồi tải lên lại."
            ) from exc
        yield from (tuple(row) for row in sheet.iter_rows())
    elif name.endswith(".csv"):
        data = stream.read()
        text = None
        for encoding in ("utf-8-sig", "cp1258", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        if text is None:
            raise ImportFileError("Không đọc được bảng mã của tệp CSV; hãy lưu lại dạng UTF-8.")
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        yield from (tuple(row) for row in csv.reader(io.StringIO(text), dialect))
    else:
        raise ImportFileError(
            f"Tệp “{filename}” không phải .xlsx hoặc .csv. Hãy xuất danh sách ra Excel (.xlsx) "
            "hoặc CSV rồi tải lên lại."
        )


def read_table(stream, filename: str) -> Table:
    raw = enumerate(_raw_rows(stream, filename), start=1)
    buffered: list[tuple[int, tuple]] = []
    header_at = None
    for number, row in raw:
        buffered.append((number, row))
        known = [c for c in (column_for(v) for v in row) if c is not None]
        if len(known) >= MIN_KNOWN_HEADERS:
            header_at = number
            break
        if number >= HEADER_SEARCH_ROWS:
            break
    if not buffered:
        raise ImportFileError("Tệp trống: không có dòng nào.")
    if header_at is None:
        wanted = ", ".join(BY_FIELD[f].header for f in REQUIRED)
        raise ImportFileError(
            f"Không tìm thấy dòng tiêu đề trong {HEADER_SEARCH_ROWS} dòng đầu. Bảng cần có các "
            f"cột: {wanted}."
        )
    header = buffered[-1][1]
    columns: dict[int, Column] = {}
    headers: dict[str, str] = {}
    unknown: list[str] = []
    for index, value in enumerate(header):
        column = column_for(value)
        if column is None:
            if value not in (None, ""):
                unknown.append(str(value))
            continue
        if column.field in headers:
            raise ImportFileError(
                f"Hai cột “{headers[column.field]}” và “{value}” cùng là {column.header}; "
                "hãy xóa một cột."
            )
        columns[index] = column
        headers[column.field] = str(value).strip()
    missing = [BY_FIELD[f].header for f in REQUIRED if f not in headers]
    if missing:
        raise ImportFileError("Thiếu cột bắt buộc: " + ", ".join(missing) + ".")

    def rows() -> Iterator[tuple[int, dict]]:
        for number, row in raw:
            if not any(v not in (None, "") for v in row):
                continue
            yield number, {columns[i].field: v for i, v in enumerate(row) if i in columns}

    return Table(
        header_row=header_at, columns=columns, headers=headers, unknown=unknown, rows=rows()
    )
