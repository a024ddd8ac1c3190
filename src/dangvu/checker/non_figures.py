"""Numbers in a report that are not figures: dates, years and terms, document symbols,
decree numbers, phone numbers, file names, ordinals, times, durations and ages, view
counters, page furniture.

:func:`non_figure_spans` gives the spans (in the text it is given) that the claim finder must
never read as counts or percentages. Document symbols come from
:func:`dangvu.documents.symbols.parse_symbols`, the one place that knows their shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dangvu.documents.symbols import parse_symbols

KINDS = {
    "date": "ngày tháng",
    "year": "năm",
    "term": "nhiệm kỳ, giai đoạn",
    "symbol": "số, ký hiệu văn bản",
    "decree": "số văn bản pháp luật",
    "number_label": "số hiệu (số 02, lần thứ 3)",
    "phone": "số điện thoại",
    "file": "tên tệp",
    "time": "giờ",
    "duration": "khoảng thời gian (6 tháng, 5 năm liền)",
    "age": "tuổi",
    "counter": "bộ đếm lượt xem",
    "furniture": "thành phần trang web",
}


@dataclass(frozen=True)
class NonFigure:
    start: int
    end: int
    kind: str  # a key of KINDS

    @property
    def label(self) -> str:
        return KINDS[self.kind]


_D = r"\d{1,2}"
_Y = r"(?:1[89]\d\d|20\d\d|2100)"
_SEP = r"\s*[/.\-]\s*"
_I = re.IGNORECASE

# (kind, pattern): the whole match is a non-figure
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("file", re.compile(r"[\w\-.]+\.(?:docx?|xlsx?|pdf|txt|jpe?g|png|pptx?|zip|rar)\b", _I)),
    ("date", re.compile(rf"(?<![\d/.,])\b{_D}{_SEP}{_D}{_SEP}(?:{_Y}|\d\d)\b(?![/.,]\d)")),
    (
        "date",
        re.compile(
            rf"\bngày\s+{_D}(?:\s+tháng\s+{_D}(?:\s+năm\s+{_Y})?|\s*[/.\-]\s*{_D}"
            rf"(?:{_SEP}{_Y})?)",
            _I,
        ),
    ),
    ("date", re.compile(rf"\btháng\s+{_D}(?:\s*(?:[/.\-]|năm)\s*{_Y})?", _I)),
    ("date", re.compile(rf"\b(?:quý|học kỳ|đợt)\s+(?:\d|[IVX]+)(?:\s*[/.\-]\s*{_Y})?", _I)),
    ("date", re.compile(rf"(?<![\d/.,])\b{_D}/{_Y}\b")),  # "8/2023"
    ("date", re.compile(rf"\b{_Y}-\d{{1,2}}(?:-\d{{1,2}})?\b")),  # "2024-05-17", "2023-11"
    ("term", re.compile(rf"\b{_Y}\s*(?:-|–|—|đến|tới)\s*{_Y}\b", _I)),
    (
        "term",
        re.compile(r"\b(?:nhiệm kỳ|khóa|khoá|giai đoạn)\s+(?:\d{1,4}|[IVXLC]+)\b", _I),
    ),
    (
        "decree",
        re.compile(r"\b\d{1,5}\s*/\s*" + _Y + r"(?:\s*/\s*[A-ZĐa-zđ0-9\-]+)+", _I),
    ),
    (
        "decree",
        re.compile(r"\b\d{1,5}\s*/\s*[A-ZĐ]{1,6}(?:-[A-ZĐ]{1,8})+\b"),
    ),
    (
        "number_label",
        re.compile(
            r"\b(?:(?<!tổng\s)(?<!trong\s)(?<!thiểu\s)(?<!đa\s)số|"
            r"lần thứ|thứ|hạng|điều|khoản|mục|phần|chương|bước|"
            r"tiêu chí|"
            # ("Hải Phòng 57 học sinh": the city, not a room)
            r"trung ương|phiên|kỳ họp|tập|quyển|(?<!hải\s)phòng|tổ|ấp|khu phố|thôn|xóm|đội|"
            r"chỉ thị|nghị quyết|nghị định|thông tư|"
            r"chương trình hành động|đại hội|hội nghị trung ương|top|mã)"
            r"\s*:?\s*\d+(?:\s*(?:,|và|-)\s*\d+\b(?!\s*%))*",
            _I,
        ),
    ),
    ("phone", re.compile(r"(?<!\d)(?:\+84|0)(?:[\s.\-]?\d){8,10}(?!\d)")),
    ("phone", re.compile(r"\b(?:điện thoại|đt|sđt|hotline|fax)\s*:?\s*[\d\s.\-()+]{6,}", _I)),
    ("time", re.compile(r"\b\d{1,2}\s*(?::|giờ|h)\s*\d{2}(?:\s*(?::|phút)\s*\d{2})?\b", _I)),
    ("time", re.compile(r"\b\d{1,2}\s*(?:giờ|h)\b(?!\s*\w)", _I)),
    ("time", re.compile(r"\b\d+\s*(?:phút|giây)\s+trước\b|\bcách đây\s+\d+\s+\w+", _I)),
    # "6 tháng đầu năm", "trong 9 tháng", "5 năm liền": a span of time, not a count
    ("duration", re.compile(r"\b\d{1,2}\s+tháng\b(?!\s+tuổi)", _I)),
    (
        "duration",
        re.compile(
            r"\b\d{1,2}\s+năm\s+(?:liền|liên tục|qua|gần đây|trở lại đây|tới|đầu|cuối)\b"
            r"|\b(?:trong|sau|qua|suốt)\s+\d{1,2}\s+(?:năm|tuần|ngày)\b",
            _I,
        ),
    ),
    # "Huy hiệu 30 năm tuổi Đảng", "Huy hiệu 60 năm, 50 năm … và 30 năm tuổi Đảng", "kỷ niệm
    # 133 năm ngày sinh", "64 năm Cách mạng Tháng Tám": the name of an award or an anniversary
    (
        "duration",
        re.compile(
            r"\b\d{1,3}\s+năm(?:\s*(?:,|và)\s*\d{1,3}\s+năm)*\s+tuổi\s+đảng\b"
            r"|\bhuy hiệu(?:\s+đảng)?\s+\d{1,3}\s+năm(?:\s*(?:,|và)\s*\d{1,3}\s+năm)*"
            r"|\b(?:kỷ niệm\s+)?\d{1,3}\s+năm\s+(?:ngày|cách mạng|quốc khánh|thành lập|"
            r"truyền thống|thực hiện|chiến thắng|giải phóng)\b",
            _I,
        ),
    ),
    # "độ tuổi 30 trở xuống": an age bound
    # (not "trẻ tuổi 29 người": a count of persons named by an age group)
    (
        "age",
        re.compile(
            r"\b(?:độ tuổi|tuổi đời|tuổi)\s+(?:từ\s+|dưới\s+|trên\s+)?\d{1,3}\b"
            r"(?!\s+(?:người|đồng chí|đảng viên|đại biểu|ứng viên)\b)",
            _I,
        ),
    ),
    # "tuổi đời từ 18 đến 30 tuổi", "dưới 35 tuổi": an age, not a count
    (
        "age",
        re.compile(
            r"\b\d{1,3}(?:,\d+)?(?:\s*(?:-|–|đến|tới)\s*\d{1,3})?\s+tuổi\b(?!\s+(?:Đảng|đảng))",
            _I,
        ),
    ),
    (
        "counter",
        re.compile(
            r"(?:lượt xem|lượt truy cập|số lượt xem|lượt đọc|lượt thích|bình luận|người "
            r"trực tuyến|khách|thành viên|đang truy cập|hôm nay|hôm qua|tuần này|tháng này|"
            r"tổng|trực tuyến)\s*:?\s*\d[\d.,]*(?!\s*%)(?=\s*$)",
            _I | re.MULTILINE,
        ),
    ),
    ("counter", re.compile(r"(?:lượt xem|lượt truy cập|lượt đọc)\s*:?\s*\d[\d.,]*", _I)),
    ("furniture", re.compile(r"^\s*\d+\s+(?:go top|lên đầu|chia sẻ|bình luận)\b.*$", _I | re.M)),
    ("furniture", re.compile(r"^.*(?:thống kê truy cập|người trực tuyến).*$", _I | re.M)),
    ("year", re.compile(rf"\b(?:năm|niên khóa|niên độ|từ|đến|trước|sau)\s+{_Y}\b", _I)),
    ("year", re.compile(rf"(?<![\d.,/])\b{_Y}\b(?!\s*[.,]\d|\s*%)")),
]


def non_figure_spans(text: str) -> list[NonFigure]:
    """Every non-figure in ``text``, sorted by start (overlaps kept: callers ask
    :func:`covered` whether a number lies inside one)."""
    found = [NonFigure(s.start, s.end, "symbol") for s in parse_symbols(text)]
    for kind, pattern in _PATTERNS:
        found.extend(NonFigure(m.start(), m.end(), kind) for m in pattern.finditer(text))
    return sorted(found, key=lambda f: (f.start, -f.end))


def covered(spans: list[NonFigure], start: int, end: int) -> NonFigure | None:
    """The non-figure that contains [start, end), or None."""
    for span in spans:
        if span.start <= start and end <= span.end:
            return span
        if span.start >= end:
            break
    return None
