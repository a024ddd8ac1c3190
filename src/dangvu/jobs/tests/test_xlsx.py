"""Streaming XLSX: headers, text that looks like numbers, real dates, bounded memory."""

import tracemalloc
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from urllib.parse import quote

from openpyxl import load_workbook

from dangvu.jobs.xlsx import Column, write_xlsx, xlsx_response

COLUMNS = [
    Column("Họ và tên", 28),
    Column("Số định danh cá nhân", 16),
    Column("Sinh ngày", 12, "date"),
    Column("Tuổi đảng", 10, "int"),
    Column("Tỷ lệ", 10, "decimal"),
]


def member_rows(count: int):
    for i in range(count):
        yield [
            f"Nguyễn Văn Số {i}",
            f"{i:012d}",
            date(1950 + i % 50, 1 + i % 12, 1 + i % 28),
            i % 60,
            Decimal("96.1"),
        ]


def test_round_trip():
    buffer = BytesIO()
    seen = []
    rows = [
        ["Lê Thị Bình", "001234567890", date(1985, 3, 9), 12, Decimal("97.25")],
        ['=HYPERLINK("http://x")', 1234, datetime(2001, 2, 3, 10, 0), 3.0, 5],
        [None, "", None, None, None],
    ]
    written = write_xlsx(
        buffer,
        sheet_title="Đảng viên: tháng 7/2025",
        columns=COLUMNS,
        rows=rows,
        title_lines=["DANH SÁCH ĐẢNG VIÊN", "DỮ LIỆU MÔ PHỎNG"],
        progress=seen.append,
    )
    assert written == 3 and seen == [3]
    buffer.seek(0)
    workbook = load_workbook(buffer)
    sheet = workbook.active
    assert sheet.title == "Đảng viên  tháng 7 2025"
    assert sheet["A1"].value == "DANH SÁCH ĐẢNG VIÊN" and sheet["A1"].font.b
    assert sheet["A2"].value == "DỮ LIỆU MÔ PHỎNG"
    assert [c.value for c in sheet[3]] == [c.header for c in COLUMNS]
    assert all(c.font.b for c in sheet[3])
    assert sheet.freeze_panes == "A4"
    assert sheet.column_dimensions["A"].width == 28
    cccd = sheet["B4"]
    assert cccd.value == "001234567890" and cccd.data_type == "s" and cccd.number_format == "@"
    assert sheet["B5"].value == "1234" and sheet["B5"].data_type == "s"
    born = sheet["C4"]
    assert born.is_date and born.value == datetime(1985, 3, 9)
    assert born.number_format == "dd/mm/yyyy"
    assert sheet["C5"].value == datetime(2001, 2, 3)  # a datetime becomes its day
    assert sheet["D4"].value == 12 and sheet["D5"].value == 3
    assert sheet["E4"].value == 97.25
    assert sheet["A5"].value == '=HYPERLINK("http://x")' and sheet["A5"].data_type == "s"
    assert [c.value for c in sheet[6]] == [None] * 5


def test_fifty_thousand_rows_in_bounded_memory(tmp_path):
    target = tmp_path / "lon.xlsx"
    seen = []
    tracemalloc.start()
    try:
        written = write_xlsx(  # three columns: tracemalloc slows every allocation
            str(target),
            sheet_title="Đảng viên",
            columns=COLUMNS[:3],
            rows=(row[:3] for row in member_rows(50_000)),
            progress=seen.append,
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert written == 50_000
    assert seen[-1] == 50_000 and len(seen) == 101
    assert peak < 60 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
    sheet = load_workbook(target, read_only=True).active
    rows = sheet.iter_rows(values_only=True)
    assert next(rows) == tuple(c.header for c in COLUMNS[:3])
    first = next(rows)
    assert first[1] == "000000000000" and first[2] == datetime(1950, 1, 1)
    assert sum(1 for _ in rows) == 49_999


def test_xlsx_response_is_a_file_with_a_vietnamese_name():
    filename = "Đảng viên xã An Hòa.xlsx"
    response = xlsx_response(
        filename,
        lambda handle: write_xlsx(
            handle, sheet_title="Đảng viên", columns=COLUMNS, rows=member_rows(10)
        ),
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"dang-vien-xa-an-hoa.xlsx\"; filename*=UTF-8''{quote(filename)}"
    )
    temporary = Path(response.file_to_stream.name)
    content = b"".join(response.streaming_content)
    response.file_to_stream.close()  # what closing the response does
    assert not temporary.exists()
    sheet = load_workbook(BytesIO(content)).active
    assert sheet.max_row == 11
