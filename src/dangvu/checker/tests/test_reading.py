"""Reading uploads: .docx paragraphs and tables in order, .txt encodings, refusals."""

import unicodedata

import pytest

from dangvu.checker.checking import check_text
from dangvu.checker.reading import UnreadableFile, read_upload

from .docx_files import REPORT_PARAGRAPHS, REPORT_TABLE, docx_bytes


def test_docx_paragraphs_and_tables_in_order():
    text = read_upload("bao-cao.docx", docx_bytes(REPORT_PARAGRAPHS, REPORT_TABLE))
    lines = text.split("\n")
    assert lines[:2] == REPORT_PARAGRAPHS
    assert lines[2] == "Đơn vị\tTổng số đảng viên\tSố tham gia\tTỷ lệ"
    assert lines[4] == "Phường Bắc Sơn\t1.532\t1.406\t92,8%"


def test_docx_tables_are_checked():
    report = check_text(read_upload("x.docx", docx_bytes(REPORT_PARAGRAPHS, REPORT_TABLE)))
    got = [(c.stated, c.verdict) for c in report.claims]
    assert got == [("96,7%", "inconsistent"), ("96,2%", "consistent"), ("92,8%", "inconsistent")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_txt_encodings(encoding):
    text = "Đạt 96,1%"  # Windows-1258 holds "ạ" as "a" plus a combining dot below
    data = unicodedata.normalize("NFD", text).encode(encoding)
    assert unicodedata.normalize("NFC", read_upload("a.txt", data)) == text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.doc", b"\xd0\xcf\x11\xe0", "lưu lại thành .docx"),
        ("a.pdf", b"%PDF", "Chỉ nhận tệp .txt hoặc .docx"),
        ("a.docx", b"not a zip", "bị hỏng"),
    ],
)
def test_refused_files_say_why(name, data, message):
    with pytest.raises(UnreadableFile, match=message):
        read_upload(name, data)
