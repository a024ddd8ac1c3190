"""Text from what a user hands in: pasted text, a .txt file (UTF-8, UTF-16 or Windows-1258)
or a .docx file, whose paragraphs and tables are read in document order with the standard
library (a .docx is a zip of XML). A table row becomes one line with its cells separated by
tabs, which is how :func:`dangvu.checker.extraction.find_tables` recognises a table — the
same as a table pasted from Word.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

MAX_BYTES = 10 * 1024 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class UnreadableFile(ValueError):
    """The file cannot be read; the message says why, in Vietnamese."""


def read_upload(name: str, data: bytes) -> str:
    """The text of an uploaded .txt or .docx file."""
    if len(data) > MAX_BYTES:
        raise UnreadableFile("Tệp lớn hơn 10 MB; hãy chia nhỏ báo cáo.")
    lower = (name or "").lower()
    if lower.endswith(".docx"):
        return docx_text(data)
    if lower.endswith(".txt"):
        return plain_text(data)
    if lower.endswith(".doc"):
        raise UnreadableFile(
            "Tệp .doc (Word 97-2003) không đọc được; hãy lưu lại thành .docx rồi tải lên."
        )
    raise UnreadableFile("Chỉ nhận tệp .txt hoặc .docx.")


def plain_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("Không đọc được bảng mã của tệp; hãy lưu tệp dạng UTF-8.")


def docx_text(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
        root = ElementTree.fromstring(xml)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise UnreadableFile("Tệp .docx bị hỏng hoặc không phải tệp Word.") from exc
    body = root.find(f"{_W}body")
    if body is None:
        return ""
    lines: list[str] = []
    for block in body:
        if block.tag == f"{_W}p":
            lines.append(_paragraph(block))
        elif block.tag == f"{_W}tbl":
            lines.extend(_table(block))
    return "\n".join(lines)


def _paragraph(element) -> str:
    pieces = []
    for node in element.iter():
        if node.tag == f"{_W}t":
            pieces.append(node.text or "")
        elif node.tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            pieces.append(" ")  # a tab inside a paragraph is not a table cell
    return "".join(pieces)


def _table(element) -> list[str]:
    rows = []
    for row in element.iter(f"{_W}tr"):
        cells = []
        for cell in row.findall(f"{_W}tc"):
            text = " ".join(_paragraph(p) for p in cell.iter(f"{_W}p")).strip()
            cells.append(text.replace("\t", " "))
        rows.append("\t".join(cells))
    return rows
