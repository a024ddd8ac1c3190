"""Numbers that are not figures never become claims, and are recognised by kind."""

import pytest

from dangvu.checker.checking import check_text
from dangvu.checker.non_figures import covered, non_figure_spans


@pytest.mark.parametrize(
    ("text", "piece", "kind"),
    [
        ("ngày 29/8/2022 của Tỉnh ủy", "29/8/2022", "date"),
        ("ngày 12-4-2016, Tỉnh ủy", "12-4-2016", "date"),
        ("bế giảng (tháng 8/2023)", "8/2023", "date"),
        ("ngày 28 tháng 11 năm 2024", "28 tháng 11 năm 2024", "date"),
        ("nhiệm kỳ 2020-2025", "2020-2025", "term"),
        ("giai đoạn 2021 - 2025", "2021 - 2025", "term"),
        ("lớp Sơ cấp khóa 10", "10", "term"),
        ("Nghị quyết số 71-NQ/TU về", "71-NQ/TU", "symbol"),
        ("Chỉ thị 05-CT/TW của Bộ Chính trị", "05-CT/TW", "symbol"),
        ("Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ-CP", "decree"),
        ("NQ số 18, 19 của Trung ương", "18, 19", "number_label"),
        ("Đại hội lần thứ 15", "15", "number_label"),
        ("điện thoại 0912.345.678", "0912.345.678", "phone"),
        ("gọi 0222 3864 555 để", "0222 3864 555", "phone"),
        ("đính kèm bao-cao-2024.docx", "bao-cao-2024.docx", "file"),
        ("09/01/2024 - 06:25", "06:25", "time"),
        ("bắt đầu lúc 7h30", "7h30", "time"),
        ("06/09/2023 13:46 Số lượt xem: 107", "107", "counter"),
        ("Tổng lượt truy cập: 81746591", "81746591", "counter"),
        ("327 Go top", "327", "furniture"),
        ("Năm 2017 thi hành kỷ luật", "2017", "year"),
        ("Chỉ thị số 10 của Ban Bí thư", "10", "number_label"),
    ],
)
def test_each_kind_is_recognised(text, piece, kind):
    start = text.index(piece)
    spans = non_figure_spans(text)
    found = covered(spans, start, start + len(piece))
    assert found is not None, f"{piece!r} not covered in {text!r}"
    assert any(
        s.kind == kind and s.start <= start and start + len(piece) <= s.end for s in spans
    ), [(s.kind, text[s.start : s.end]) for s in spans]


def test_counts_are_not_non_figures():
    text = "tổng số 354 lượt ý kiến; có 216 chi bộ; trong số 50 đảng viên"
    spans = non_figure_spans(text)
    for piece in ("354", "216", "50"):
        start = text.index(piece)
        assert covered(spans, start, start + len(piece)) is None, piece


@pytest.mark.parametrize(
    "text",
    [
        "Nghị quyết số 71-NQ/TU ngày 29/8/2022 của Ban Chấp hành Đảng bộ tỉnh khóa XX, đạt 95%.",
        "Ngày 12-4-2016, Tỉnh ủy ban hành NQ số 02; giai đoạn 2016-2020 tăng 5%.",
        "Thứ Hai, 14/10/2024 - 09:15 | 2.315 lượt xem. Chỉ thị 05-CT/TW, giảm 3%.",
        "Liên hệ 0912.345.678 (tệp bao-cao-2024.docx), nhiệm kỳ 2020 - 2025 (chiếm 30%).",
        "Năm 2016 có 12/2016 ... tháng 8/2023, khóa 10, lần thứ 15: 12/3/2024 đạt 80%.",
    ],
)
def test_dates_symbols_years_feed_no_claim(text):
    report = check_text(text)
    spans = non_figure_spans(report.text)
    for claim in report.claims:
        for part in claim.parts:
            if part["role"] in ("tỷ lệ nêu", "mức tăng/giảm nêu"):
                continue
            assert covered(spans, part["start"], part["end"]) is None, part
        assert claim.verdict == "unchecked", claim.explanation


def test_seed_articles_without_figures_give_no_claims():
    from dangvu.checker.evaluation import CORPUS

    for name in ("dev/seed_001.txt", "heldout/seed_000.txt", "heldout/seed_003.txt"):
        assert check_text((CORPUS / name).read_text(encoding="utf-8")).claims == [], name


@pytest.mark.parametrize("text", ["người dân tộc thiểu số 6 đồng chí", "đa số 12 chi bộ"])
def test_thieu_so_and_da_so_are_words_not_number_labels(text):
    """ "dân tộc thiểu số 6 đồng chí": the 6 is a count, not "số 6"."""
    start = text.index(next(ch for ch in text if ch.isdigit()))
    assert covered(non_figure_spans(text), start, start + 1) is None


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Trong 6 tháng đầu năm, kết nạp 40 đảng viên.", "6"),
        ("Có 230 đồng chí tuổi đời từ 18 đến 30 tuổi (chiếm 58%).", "30"),
        ("Có 230 đồng chí tuổi đời từ 18 đến 30 tuổi (chiếm 58%).", "18"),
        ("41 đảng viên hoàn thành xuất sắc nhiệm vụ 5 năm liền.", "5"),
    ],
)
def test_durations_and_ages_are_not_figures(text, number):
    start = text.index(f" {number} ") + 1
    assert covered(non_figure_spans(text), start, start + len(number)) is not None


def test_an_average_age_is_not_a_figure():
    text = "Độ tuổi bình quân cấp ủy là 48,75 tuổi."
    start = text.index("48,75")
    assert covered(non_figure_spans(text), start, start + 5) is not None


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Có 7 đồng chí nhận Huy hiệu 60 năm tuổi Đảng.", "60"),
        ("Trao Huy hiệu 60 năm, 50 năm và 30 năm tuổi Đảng cho 58 đồng chí.", "50"),
        ("Nhân dịp kỷ niệm 135 năm ngày sinh Chủ tịch Hồ Chí Minh.", "135"),
        ("Nhân kỷ niệm 70 năm Cách mạng Tháng Tám.", "70"),
    ],
)
def test_award_names_and_anniversaries_are_not_figures(text, number):
    start = text.index(f" {number} ") + 1
    assert covered(non_figure_spans(text), start, start + len(number)) is not None


def test_an_iso_date_is_not_a_figure():
    text = " date 2024-05-17 Theo quyết định, đợt này có 21 đảng viên."
    start = text.index("05")
    assert covered(non_figure_spans(text), start, start + 2) is not None
