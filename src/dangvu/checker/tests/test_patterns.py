"""Each claim pattern, both ways (a figure that holds and one that does not)."""

from decimal import Decimal

import pytest

from dangvu.checker.checking import check_text


def claims(text, kind=None):
    found = check_text(text).claims
    return [c for c in found if kind is None or c.kind == kind]


def only(text, kind):
    found = claims(text, kind)
    assert len(found) == 1, [(c.kind, c.explanation) for c in claims(text)]
    return found[0]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Cấp thị xã có 941/968 lượt cán bộ chủ chốt đạt tỷ lệ 97,2%.", "consistent"),
        ("Cấp cơ sở 6.042/6.213 đảng viên sinh hoạt đạt tỷ lệ 96,7%.", "inconsistent"),
        ("Đã giải quyết được 61/73 vụ việc đạt 83,5%.", "truncated"),
        ("Có 3.456 trên tổng số 3.612 hộ đăng ký, chiếm 95,7%.", "consistent"),
        ("Có 3.456 trên tổng số 3.612 hộ đăng ký, chiếm 96,7%.", "inconsistent"),
        ("Số chi bộ đạt là 38/40, đạt 95%.", "consistent"),
        ("Tỷ lệ nộp đúng hạn đạt 94,14% (1.172/1.245).", "consistent"),
        ("Có 1.172/1.245 đảng viên nộp đúng hạn, đạt 94.14%.", "consistent"),
    ],
)
def test_ratio(text, verdict):
    assert only(text, "ratio").verdict == verdict


def test_inconsistent_ratio_gives_the_right_value_and_base():
    claim = only("Cấp cơ sở 6.042/6.213 đảng viên sinh hoạt đạt tỷ lệ 96,7%.", "ratio")
    assert claim.correct == "97,2%"
    assert claim.suggestion["base"] == 6245  # the smallest base that gives 96,7%
    assert Decimal(6042) * 100 / 6245 < Decimal("96.75")
    assert "tổng số phải là 6.245" in claim.explanation
    assert "không phải 96,7%" in claim.explanation


def test_truncated_is_a_separate_verdict_with_the_rounded_value():
    claim = only("Đã giải quyết được 61/73 vụ việc đạt 83,5%.", "ratio")
    assert claim.verdict == "truncated" and claim.correct == "83,6%"
    assert "cắt bớt" in claim.explanation


@pytest.mark.parametrize(
    ("stated", "verdict"),
    [("95,2%", "consistent"), ("95,1%", "truncated"), ("94,0%", "inconsistent")],
)
def test_count_with_a_base_stated_elsewhere(stated, verdict):
    text = (
        "Tổ chức 27 hội nghị giao ban, tổng số 354 lượt ý kiến phản ánh; đã trả lời 337 lượt "
        f"ý kiến, kiến nghị đạt {stated}."
    )
    claim = only(text, "share")
    assert claim.verdict == verdict
    assert [p["text"] for p in claim.parts[:2]] == ["354", "337"]


def test_a_base_not_stated_is_not_checkable():
    claim = only("Tỷ lệ cán bộ, đảng viên tham gia học tập đạt 96,1%.", "percent")
    assert claim.verdict == "unchecked"
    claim = only("Năm 2021 có 257 tập thể và 5.747 cá nhân đăng ký đạt tỷ lệ 97,2%.", "percent")
    assert claim.verdict == "unchecked"


def test_two_possible_bases_are_not_guessed():
    text = (
        "Hiện nay, 22 chi bộ cơ sở và 24 đảng bộ (có 221 chi bộ trực thuộc đảng bộ cơ sở) đã "
        "niêm yết; có 216 chi bộ đưa nội dung vào sinh hoạt (chiếm 88,1%)."
    )
    assert only(text, "percent").verdict == "unchecked"


SEED_002 = (
    "Năm 2016, cấp ủy, ủy ban kiểm tra các cấp thi hành kỷ luật 183 đảng viên, giảm 13,3%; năm "
    "2017 thi hành kỷ luật 155 đảng viên, giảm 14,4%; năm 2018 thi hành kỷ luật 135 đảng viên, "
    "giảm 13%."
)


def test_change_between_stated_values():
    first, second, third = claims(SEED_002, "change")
    assert first.verdict == "unchecked"  # 2015 is not stated
    assert second.verdict == "inconsistent" and second.correct == "15,3%"
    assert "Từ 183 xuống 155 là giảm 15,3%" in second.explanation
    assert third.verdict == "consistent"  # 155 → 135 is 12,9%, written 13%


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        (
            "Năm 2024 kết nạp 36 đảng viên mới, tăng 20% so với năm 2023 (30 đảng viên).",
            "consistent",
        ),
        (
            "Năm 2024 kết nạp 36 đảng viên mới, tăng 25% so với năm 2023 (30 đảng viên).",
            "inconsistent",
        ),
        ("Kết nạp 96 đảng viên, tăng từ 74 lên 96 (tăng 29,7%).", "consistent"),
        ("Kết nạp 96 đảng viên, tăng từ 74 lên 96 (giảm 29,7%).", "inconsistent"),
        ("Số đảng viên bị kỷ luật là 118 đồng chí, giảm 9,2% so với cùng kỳ.", "unchecked"),
    ],
)
def test_change_forms(text, verdict):
    assert only(text, "change").verdict == verdict


def test_difference_in_units():
    ok = "Năm 2024 thi hành kỷ luật 5 đảng viên, giảm 3 đảng viên so với năm 2023 (8 đảng viên)."
    bad = ok.replace("giảm 3", "giảm 4")
    assert only(ok, "difference").verdict == "consistent"
    assert only(bad, "difference").verdict == "inconsistent"


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        (
            "duy trì trên 200 mô hình hay, cách làm hiệu quả (89 tập thể, 135 cá nhân).",
            "consistent",
        ),
        (
            "duy trì trên 200 mô hình hay, cách làm hiệu quả (89 tập thể, 105 cá nhân).",
            "inconsistent",
        ),
        ("có 42 tổ chức cơ sở đảng, gồm 17 đảng bộ cơ sở và 25 chi bộ cơ sở.", "consistent"),
        ("có 46 tổ chức cơ sở đảng, gồm 22 chi bộ cơ sở và 25 đảng bộ.", "inconsistent"),
        ("kỷ luật 6 đảng viên (khiển trách 4, cảnh cáo 1, cách chức 1).", "consistent"),
        ("có 1.124 chi bộ, trong đó 865 chi bộ nông thôn và 203 chi bộ cơ quan.", "unchecked"),
        ("có 1.124 chi bộ, trong đó 965 chi bộ nông thôn và 203 chi bộ cơ quan.", "inconsistent"),
        ("hơn 50 đảng viên (30 nam, 15 nữ).", "inconsistent"),
        ("gần 50 đảng viên (30 nam, 18 nữ).", "consistent"),
    ],
)
def test_total_against_parts(text, verdict):
    assert only(text, "total").verdict == verdict


def test_no_total_without_a_list_of_parts():
    assert claims("Hiện nay, 22 chi bộ cơ sở và 24 đảng bộ (có 221 chi bộ trực thuộc).") == []


def test_parts_give_the_base_of_their_shares():
    text = (
        "Đảng bộ có 1.245 đảng viên (trong đó 412 đảng viên nữ, chiếm 33,1%; 87 đảng viên dân "
        "tộc, chiếm 7,5%)."
    )
    first, second = claims(text, "share")
    assert first.verdict == "consistent"
    assert second.verdict == "inconsistent" and second.correct == "7,0%"


@pytest.mark.parametrize(
    ("shares", "verdict"),
    [("15,2%, 78,5%, 6,3%", "consistent"), ("15,2%, 78,5%, 8,3%", "inconsistent")],
)
def test_shares_add_to_100(shares, verdict):
    a, b, c = shares.split(", ")
    text = (
        f"Kết quả xếp loại: hoàn thành xuất sắc nhiệm vụ {a}, hoàn thành tốt nhiệm vụ {b}, "
        f"hoàn thành nhiệm vụ {c}."
    )
    assert only(text, "shares_sum").verdict == verdict


def test_overlapping_groups_need_not_add_to_100():
    text = "Cơ cấu cấp ủy: nữ chiếm 18,5%, trẻ dưới 40 tuổi chiếm 22,3%, dân tộc chiếm 9,6%."
    assert claims(text, "shares_sum") == []


def test_target_base_after_the_percentage():
    ok = "Kết nạp được 512 đảng viên, đạt 102,4% chỉ tiêu nghị quyết (500 đảng viên)."
    assert only(ok, "share").verdict == "consistent"
    assert only(ok.replace("102,4", "104,2"), "share").verdict == "inconsistent"
    no_target = "Đảng bộ có 412 đảng viên; trong năm kết nạp 11 đảng viên mới, đạt 110% chỉ tiêu."
    assert only(no_target, "percent").verdict == "unchecked"


TABLE = (
    "Đơn vị\tTổng số đảng viên\tSố tham gia\tTỷ lệ\n"
    "Xã An Hòa\t1.245\t1.198\t96,2%\n"
    "Phường Bắc Sơn\t1.532\t1.406\t92,8%\n"
    "Tổng cộng\t2.777\t2.604\t93,8%"
)


def test_table_rates_and_total_row():
    found = claims(TABLE)
    verdicts = [(c.kind, c.stated, c.verdict) for c in found]
    assert ("ratio", "96,2%", "consistent") in verdicts
    assert ("ratio", "92,8%", "inconsistent") in verdicts  # 1.406/1.532 = 91,8%
    assert ("total", "2.777", "consistent") in verdicts
    assert ("total", "2.604", "consistent") in verdicts
    assert ("ratio", "93,8%", "consistent") in verdicts
    bad = claims(TABLE.replace("2.604", "2.614"))
    assert ("total", "2.614", "inconsistent") in [(c.kind, c.stated, c.verdict) for c in bad]


def test_spans_and_parts_point_into_the_normalised_text():
    import unicodedata

    text = unicodedata.normalize("NFD", "Cấp cơ sở 6.042/6.213 đảng viên đạt tỷ lệ 96,7%.")
    report = check_text(text)
    [claim] = report.claims
    assert report.text[claim.anchor_start : claim.anchor_end] == "96,7%"
    assert [report.text[p["start"] : p["end"]] for p in claim.parts] == ["6.042", "6.213", "96,7%"]
