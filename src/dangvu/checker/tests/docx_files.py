"""A minimal .docx (paragraphs and one table) built with the standard library, for tests."""

import io
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    body = "".join(_p(text) for text in paragraphs)
    if table:
        rows = "".join(
            "<w:tr>" + "".join(f"<w:tc>{_p(cell)}</w:tc>" for cell in row) + "</w:tr>"
            for row in table
        )
        body += f"<w:tbl>{rows}</w:tbl>"
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


REPORT_PARAGRAPHS = [
    "Nghị quyết số 71-NQ/TU ngày 29/8/2022.",
    "Cấp cơ sở 6.042/6.213 đảng viên sinh hoạt đạt tỷ lệ 96,7%.",
]
REPORT_TABLE = [
    ["Đơn vị", "Tổng số đảng viên", "Số tham gia", "Tỷ lệ"],
    ["Xã An Hòa", "1.245", "1.198", "96,2%"],
    ["Phường Bắc Sơn", "1.532", "1.406", "92,8%"],
]
