"""Any text gives a report, never an exception; every span points into the text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from dangvu.checker.checking import check_text

PIECES = [
    "đảng viên",
    "chi bộ",
    "đạt",
    "tỷ lệ",
    "chiếm",
    "tăng",
    "giảm",
    "so với",
    "năm 2023",
    "trên",
    "hơn",
    "gồm",
    "trong đó",
    "(",
    ")",
    ",",
    ";",
    ".",
    ":",
    "/",
    "%",
    "\n",
    "\t",
    "tổng số",
    "xếp loại",
    "chỉ tiêu",
    "vượt",
    "từ",
    "lên",
    "xuống",
    "0",
    "12",
    "96,1",
    "2.229",
    "12.75",
    "6.042/6.213",
    "29/8/2022",
    "71-NQ/TU",
    "2020-2025",
    "khóa XIII",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=40))
def test_any_text_gives_a_report(pieces):
    report = check_text(" ".join(pieces))
    for claim in report.claims:
        assert 0 <= claim.start <= claim.anchor_start < claim.anchor_end <= len(report.text)
        assert claim.start < claim.end <= len(report.text)
        for part in claim.parts:
            assert report.text[part["start"] : part["end"]] == part["text"]
        assert claim.explanation
