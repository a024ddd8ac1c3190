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


# ---------------------------------------------------------------- generalisation (heldout2)


def share_of(text, stated):
    found = [c for c in claims(text, "share") if c.stated == stated]
    assert len(found) == 1, [(c.kind, c.stated, c.explanation) for c in claims(text)]
    return found[0]


def values(claim):
    return [part["text"] for part in claim.parts]


@pytest.mark.parametrize(
    ("stated", "verdict"), [("52,6%", "inconsistent"), ("50,6%", "consistent")]
)
def test_siblings_share_the_base_named_with_another_word(stated, verdict):
    """ "đồng chí" counts the "đảng viên" of the sentence before; a sibling already checked
    as a share and the target in parentheses are not the base."""
    text = (
        "Đảng bộ tỉnh đã kết nạp 3.268 đảng viên, vượt 8,9% chỉ tiêu Nghị quyết Đại hội Đảng "
        "bộ tỉnh lần thứ XVII (3.000 đảng viên). Trong đó, người dân tộc thiểu số 1.847 đồng "
        f"chí, chiếm 56,5%; đảng viên nữ 1.655 đồng chí, chiếm {stated}."
    )
    assert values(share_of(text, "56,5%"))[:2] == ["3.268", "1.847"]
    claim = share_of(text, stated)
    assert values(claim)[:2] == ["3.268", "1.655"] and claim.verdict == verdict
    target = share_of(text, "8,9%")  # the target named 60 characters after "chỉ tiêu"
    assert target.verdict == "consistent" and values(target)[-1] == "3.000"


def test_sibling_counts_in_parentheses_after_the_first_share():
    text = (
        "Khảo sát tại 120 chi bộ, có 97 chi bộ (80,8%) xây dựng được nghị quyết sát thực tế, "
        "18 chi bộ (15%) còn chung chung và 5 chi bộ (4,3%) chưa xây dựng."
    )
    assert [share_of(text, s).verdict for s in ("80,8%", "15%", "4,3%")] == [
        "consistent",
        "consistent",
        "inconsistent",
    ]
    assert values(share_of(text, "15%"))[0] == "120"


def test_a_part_of_a_total_is_not_the_base_when_the_total_is_there():
    text = (
        "Toàn tỉnh có 1.846 chi bộ, trong đó có 1.203 chi bộ trực thuộc đảng ủy cơ sở. Có "
        "1.712 chi bộ sinh hoạt đúng quy định, đạt 92,7%; 1.390 chi bộ sinh hoạt chuyên đề, "
        "chiếm 75,9%."
    )
    claim = share_of(text, "75,9%")
    assert values(claim)[0] == "1.846" and claim.verdict == "inconsistent"
    assert not claims(text, "shares_sum")  # two shares of one base, not parts of a whole


def test_the_earlier_value_of_a_change_is_not_a_base():
    text = (
        "Năm 2025 kết nạp 50 đảng viên, đạt 94,3% chỉ tiêu (53 đảng viên); so với năm 2024 "
        "(44 đảng viên) tăng 13,6%. Đảng viên nữ 23 đồng chí, chiếm 46%; đảng viên là người "
        "dân tộc thiểu số 6 đồng chí, chiếm 12%."
    )
    assert values(share_of(text, "46%"))[0] == "50"
    assert values(share_of(text, "12%"))[:2] == ["50", "6"]


@pytest.mark.parametrize(
    ("text", "base"),
    [
        (
            "Kết luận 17 trường hợp, trong đó 15 đảng viên có vi phạm (88,2%), phải thi hành "
            "kỷ luật 9 đảng viên (chiếm 60% số vi phạm).",
            "15",
        ),
        (
            "Đảng bộ có 986 đảng viên, trong đó 952 đảng viên chính thức, 34 đảng viên dự bị. "
            "Số đảng viên được miễn sinh hoạt là 112 đồng chí, chiếm 11.36% tổng số đảng viên.",
            "986",
        ),
    ],
)
def test_a_base_named_after_the_percentage(text, base):
    claim = next(c for c in claims(text, "share") if c.stated in ("60%", "11.36%"))
    assert values(claim)[0] == base and claim.verdict == "consistent"


def test_a_part_of_another_shape_ends_the_list():
    """ "trong đó 15 đảng viên …, phải thi hành kỷ luật 9 đảng viên": 9 is a subset of the
    15, not a sibling: no total 17 ≠ 15 + 9."""
    text = (
        "Kết luận 17 trường hợp, trong đó 15 đảng viên có vi phạm (88,2%), phải thi hành kỷ "
        "luật 9 đảng viên."
    )
    assert not claims(text, "total")
    assert values(share_of(text, "88,2%"))[:2] == ["17", "15"]


def test_an_aside_of_what_is_left_out_is_skipped_before_the_parts():
    text = (
        "Tổng số đảng viên được đánh giá 1.418 đồng chí (không đánh giá 108 đồng chí miễn "
        "sinh hoạt), trong đó: hoàn thành xuất sắc 213 đồng chí, hoàn thành tốt 1.089 đồng "
        "chí, hoàn thành 103 đồng chí, không hoàn thành 14 đồng chí."
    )
    claim = only(text, "total")
    assert claim.verdict == "inconsistent" and claim.correct == "1.419"
    assert "108" not in values(claim)


def test_a_short_wordy_piece_continues_the_noun_of_a_part():
    text = "Hơn 1.900 chi bộ (gồm 1.287 chi bộ thôn, bản và 658 chi bộ tổ dân phố) có bí thư."
    claim = only(text, "total")
    assert claim.verdict == "consistent" and values(claim) == ["1.900", "1.287", "658"]


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        (
            "Kiểm tra 84 tổ chức đảng và 231 đảng viên (trong đó 97 đảng viên là cấp ủy viên),"
            " tăng 12,0% so với cùng kỳ năm 2024 (75 tổ chức đảng).",
            "75",
            "84",
        ),
        (
            "Thi hành kỷ luật 26 đảng viên (khiển trách 17, cảnh cáo 6, cách chức 1, khai trừ "
            "2), giảm 18,8% so với cùng kỳ (32 đảng viên).",
            "32",
            "26",
        ),
        (
            "Giám sát 52 tổ chức đảng và 146 đảng viên; so với cùng kỳ, số tổ chức đảng được "
            "giám sát giảm 13,3% (cùng kỳ 60 tổ chức).",
            "60",
            "52",
        ),
    ],
)
def test_a_change_compares_counts_of_the_same_thing(text, old, new):
    claim = only(text, "change")
    assert values(claim)[:2] == [old, new] and claim.verdict == "consistent"


def test_the_change_is_of_the_head_count_not_of_a_subgroup():
    text = (
        "Kết nạp 47 đảng viên mới; trong đó đảng viên nữ 21 đồng chí, chiếm 44,7%. So với "
        "năm 2024 (41 đảng viên), số kết nạp tăng 14,6%."
    )
    claim = only(text, "change")
    assert values(claim)[:2] == ["41", "47"] and claim.verdict == "consistent"


def test_overlapping_groups_after_trong_do_are_not_summed():
    text = (
        "Kết nạp 47 đảng viên, trong đó đảng viên nữ 21 đồng chí, chiếm 44,7%, đoàn viên "
        "thanh niên 38 đồng chí, chiếm 80,9%."
    )
    assert not claims(text, "shares_sum")
    assert [c.verdict for c in claims(text, "share")] == ["consistent", "consistent"]


def test_a_threshold_between_a_ratio_and_its_percentage_is_skipped():
    text = "Có 15/21 huyện có tỷ lệ đảng viên nữ kết nạp trên 45%, chiếm 71,4%."
    claim = only(text, "ratio")
    assert claim.stated == "71,4%" and claim.verdict == "consistent"
    assert not [c for c in claims(text) if c.verdict == "inconsistent"]


@pytest.mark.parametrize(
    ("stated", "verdict"), [("73,3%", "consistent"), ("75,3%", "inconsistent")]
)
def test_classes_add_up_to_an_unwritten_base(stated, verdict):
    text = (
        "Chi bộ có 34 đảng viên; miễn sinh hoạt 4 đồng chí. Kết quả đánh giá, xếp loại: 6 đồng "
        f"chí hoàn thành xuất sắc nhiệm vụ (20%), 22 đồng chí hoàn thành tốt nhiệm vụ ({stated}), "
        "2 đồng chí hoàn thành nhiệm vụ (6,7%)."
    )
    shares = claims(text, "share")
    assert [c.verdict for c in shares] == ["consistent", verdict, "consistent"]
    assert "= 30" in shares[1].explanation


def test_classes_that_disagree_with_their_sum_give_no_implied_base():
    text = (
        "Kết quả xếp loại: 6 đồng chí hoàn thành xuất sắc (25%), 22 đồng chí hoàn thành tốt "
        "(60%), 2 đồng chí hoàn thành (15%)."
    )
    assert not claims(text, "share")


def test_a_base_stated_twice_is_one_base():
    text = (
        "Giám sát 5 chi bộ; qua giám sát, 4/5 chi bộ thực hiện tốt, đạt 80%; 1 chi bộ còn hạn "
        "chế (20%)."
    )
    claim = share_of(text, "20%")
    assert values(claim)[:2] == ["5", "1"] and claim.verdict == "consistent"


def test_a_one_word_noun_matches_a_longer_one_in_the_same_sentence():
    claim = share_of("Tiếp nhận 18 đơn thư, giải quyết 16 đơn, đạt 88,9%.", "88,9%")
    assert values(claim)[:2] == ["18", "16"] and claim.verdict == "consistent"


def test_a_difference_against_the_total_not_its_last_part():
    text = (
        "Năm 2024 thi hành kỷ luật 31 đảng viên (khiển trách 19, cảnh cáo 8, cách chức 1, khai "
        "trừ 3), tăng 6 đảng viên so với năm 2023 (25 đảng viên)."
    )
    claim = only(text, "difference")
    assert values(claim)[:2] == ["25", "31"] and claim.verdict == "consistent"


# ---------------------------------------------------------------- generalisation (heldout3)


def test_the_whole_stated_in_the_paragraph_before():
    text = (
        "Toàn tỉnh còn 130 đảng bộ xã, phường với 3.962 chi bộ trực thuộc.\n"
        "Quý III có 3.815 chi bộ sinh hoạt đúng quy định, đạt 96,3%, tăng 2,1% so với quý II "
        "(3.736 chi bộ); có 2.907 chi bộ sinh hoạt chuyên đề, chiếm 73,4%."
    )
    assert values(share_of(text, "96,3%"))[:2] == ["3.962", "3.815"]  # also the change's value
    claim = share_of(text, "73,4%")
    assert values(claim)[:2] == ["3.962", "2.907"] and claim.verdict == "consistent"
    assert only(text, "change").verdict == "consistent"


def test_a_base_in_the_paragraph_before_must_be_the_only_one():
    text = (
        "Xã có 120 chi bộ; huyện có 980 chi bộ.\nCó 100 chi bộ sinh hoạt đúng quy định, đạt 83,3%."
    )
    assert not claims(text, "share")


def test_the_only_larger_count_of_the_clause_named_otherwise():
    text = "Chi bộ giới thiệu 4 quần chúng ưu tú, kết nạp 2 đồng chí, đạt 50%."
    claim = share_of(text, "50%")
    assert values(claim)[:2] == ["4", "2"] and claim.verdict == "consistent"
    # two larger counts: which one is meant is not said
    assert not claims("Có 12 chi bộ, 4 tổ đảng, kết nạp 2 đảng viên, đạt 50%.", "share")
    # but "đồng chí" are persons and "chi bộ" are not: the one larger count of persons
    claim = share_of("Có 12 chi bộ, 4 quần chúng ưu tú, kết nạp 2 đồng chí, đạt 50%.", "50%")
    assert values(claim)[:2] == ["4", "2"] and claim.verdict == "consistent"


def test_the_earlier_value_in_parentheses_with_its_year():
    text = (
        "Trong năm, kết nạp 146 đảng viên, bằng 97,3% kế hoạch (150 đảng viên); trong tổng số "
        "đảng viên mới kết nạp có 88 đồng chí là công nhân, chiếm tỷ lệ 60,3%.\n"
        "So với năm 2024, số đảng viên kết nạp tăng 12,3% (năm 2024 kết nạp 130 đảng viên)."
    )
    claim = only(text, "change")
    assert values(claim)[:2] == ["130", "146"] and claim.verdict == "consistent"


def test_shares_of_parts_that_make_the_total_add_up_to_100():
    text = (
        "Thi hành kỷ luật 42 đảng viên, trong đó khiển trách 27 đồng chí (64,3%), cảnh cáo 10 "
        "đồng chí (23,8%), cách chức 2 đồng chí (4,8%), khai trừ 3 đồng chí (7,4%)."
    )
    claim = only(text, "shares_sum")
    assert claim.verdict == "inconsistent"
    # parts that do not make the total may overlap: no sum
    text = text.replace("khai trừ 3 đồng chí (7,4%)", "khai trừ 1 đồng chí (2,4%)")
    assert not claims(text, "shares_sum")


# ---------------------------------------------------------------- generalisation (heldout4)


@pytest.mark.parametrize(
    ("cell", "verdict"),
    [
        ("-14,3%", "consistent"),
        ("14,3", "consistent"),
        ("+14,3%", "inconsistent"),
        ("-20%", "inconsistent"),
    ],
)
def test_a_table_column_of_changes_between_two_year_columns(cell, verdict):
    text = (
        "Hình thức\tNăm 2024\tNăm 2025\tTăng, giảm (%)\n"
        f"Khiển trách\t21\t18\t{cell}\n"
        "Cảnh cáo\t9\t11\t+22,2%\n"
    )
    changes = claims(text, "change")
    assert [c.verdict for c in changes] == [verdict, "consistent"]
    assert values(changes[0])[:2] == ["21", "18"]
    assert not claims(text, "ratio")  # not a share of the two columns


def test_two_differences_stated_together():
    text = (
        "Năm 2025 biểu dương 156 tập thể, 412 cá nhân điển hình, tăng 24 tập thể và 57 cá nhân "
        "so với đợt trước (132 tập thể, 355 cá nhân)."
    )
    found = claims(text, "difference")
    assert [(values(c)[:2], c.verdict) for c in found] == [
        (["132", "156"], "consistent"),
        (["355", "412"], "consistent"),
    ]
    assert not claims(text, "total")  # the compared values are not parts of a total


def test_a_base_named_by_the_words_before_its_count():
    text = (
        "Tiếp nhận 1.254 ý kiến, kiến nghị; đã trả lời, giải quyết 1.189 ý kiến, đạt 94,8%, "
        "trong đó trả lời đúng hạn 1.102 ý kiến, chiếm 92,7% số đã trả lời."
    )
    claim = share_of(text, "92,7%")
    assert values(claim)[:2] == ["1.189", "1.102"] and claim.verdict == "consistent"


# ---------------------------------------------------------------- generalisation (heldout5)


def test_a_change_against_an_unstated_period_is_not_checkable():
    """ "tăng 8,2% so với cùng kỳ" names the point compared with but not its value: an
    earlier count of another clause or paragraph is not it."""
    text = (
        "Toàn Đảng bộ có 15.480 đảng viên.\n"
        "6 tháng đầu năm 2025, các cấp ủy kiểm tra 1.025 đảng viên, tăng 8,2% so với cùng kỳ; "
        "giám sát 1.342 đảng viên, giảm 3,1% so với cùng kỳ năm 2024."
    )
    assert {c.verdict for c in claims(text)} == {"unchecked"}


def test_a_change_against_a_named_year_uses_the_count_of_that_year():
    text = (
        "Năm 2024 kết nạp 41 đảng viên; năm 2025 kết nạp 47 đảng viên, tăng 14,6% so với năm 2024."
    )
    claim = only(text, "change")
    assert values(claim)[:2] == ["41", "47"] and claim.verdict == "consistent"


def test_a_percentage_before_its_count_in_parentheses():
    claim = share_of("Thu quỹ đảng phí 3.240.000 đồng, nộp cấp trên 30% (972.000 đồng).", "30%")
    assert values(claim)[:2] == ["3.240.000", "972.000"] and claim.verdict == "consistent"


@pytest.mark.parametrize(("stated", "found"), [("7,1%", "consistent"), ("12,5%", None)])
def test_a_base_that_names_several_counts(stated, found):
    """ "số chi bộ được kiểm tra, giám sát" is 24 + 18: a share of the sum when it agrees,
    else no guess at which count is meant (no wrong "không khớp")."""
    text = (
        "Kiểm tra 24 chi bộ, giám sát chuyên đề 18 chi bộ; kết luận 3 chi bộ có khuyết điểm, "
        f"chiếm {stated} số chi bộ được kiểm tra, giám sát."
    )
    shares = claims(text, "share")
    if found is None:
        assert not shares
    else:
        assert [c.verdict for c in shares] == [found]
        assert values(shares[0])[:3] == ["24", "18", "3"] and "= 42" in shares[0].explanation


# ---------------------------------------------------------------- generalisation (heldout6)


def test_a_table_base_column_chosen_by_the_rows_that_agree():
    text = (
        "Cấp\tSố vụ tiếp nhận\tThuộc thẩm quyền\tĐã giải quyết\tTỷ lệ giải quyết\n"
        "Tỉnh\t18\t12\t11\t91,7%\n"
        "Huyện\t64\t47\t43\t95,5%\n"
        "Cơ sở\t35\t30\t30\t100%\n"
    )
    ratios = claims(text, "ratio")
    assert [values(c)[:2] for c in ratios] == [["11", "12"], ["43", "47"], ["30", "30"]]
    assert [c.verdict for c in ratios] == ["consistent", "inconsistent", "consistent"]


def test_persons_counted_as_nguoi_are_the_members_counted_before():
    text = (
        "Đã kết nạp 7.964 đảng viên, trong đó người dân tộc thiểu số 4.981 người, chiếm 62,5%; "
        "đảng viên nữ 3.702 người, chiếm 48,5%."
    )
    claim = share_of(text, "48,5%")
    assert values(claim)[:2] == ["7.964", "3.702"] and claim.verdict == "inconsistent"
    assert not claims(text, "shares_sum")


def test_a_named_base_stated_in_parentheses_after_it():
    text = (
        "Toàn tỉnh có 1.200 đảng viên ở đô thị. Số đảng viên ở nông thôn là 31.240 người, chiếm "
        "55,1% tổng số đảng viên toàn tỉnh (56.710 người)."
    )
    claim = share_of(text, "55,1%")
    assert values(claim)[:2] == ["56.710", "31.240"] and claim.verdict == "consistent"


def test_an_inferred_base_far_off_the_percentage_gives_no_verdict():
    """ "Chi bộ có 32 đảng viên. … kết nạp 2 đảng viên, đạt 100%": 2/32 is 6%, sixteen times
    off: the base is more likely another one than the writer that wrong."""
    text = "Chi bộ có 32 đảng viên. Năm 2025 chi bộ kết nạp 2 đảng viên, đạt 100%."
    assert not [c for c in claims(text) if c.verdict == "inconsistent"]


def test_a_difference_against_a_year_whose_value_is_not_given():
    text = (
        "Đã kết nạp 7.964 đảng viên. Riêng năm 2025, toàn tỉnh kết nạp 1.652 đảng viên, tăng "
        "186 đảng viên so với năm 2024."
    )
    assert not claims(text, "difference")


@pytest.mark.parametrize(("cell", "verdict"), [("93,8", "consistent"), ("92,8", "inconsistent")])
def test_a_table_share_of_a_base_stated_before_the_table(cell, verdict):
    text = (
        "Chi bộ có 32 đảng viên (29 chính thức, 3 dự bị).\n"
        "Nội dung\tSố đảng viên thực hiện\tTỷ lệ (%)\n"
        "Học tập, quán triệt nghị quyết\t31\t96,9\n"
        "Đăng ký học tập và làm theo\t32\t100\n"
        f"Nộp đảng phí đúng hạn\t30\t{cell}\n"
    )
    ratios = claims(text, "ratio")
    assert [c.verdict for c in ratios] == ["consistent", "consistent", verdict]
    assert values(ratios[0]) == ["31", "32", "96,9"]


# ---------------------------------------------------------------- after heldout7 (seen)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (
            "Giai đoạn 2020 - 2025 kết nạp 6.318 đảng viên, bình quân mỗi năm kết nạp 1.264 "
            "đảng viên, đạt 105,3% chỉ tiêu Nghị quyết Đại hội (6.000 đảng viên).",
            "6.318",
        ),
        (  # the target is an average too: the average is the count
            "Bình quân mỗi năm kết nạp 261 đảng viên, đạt 102,4% chỉ tiêu bình quân (255 đảng "
            "viên).",
            "261",
        ),
    ],
)
def test_a_target_is_of_the_whole_count_unless_it_is_an_average(text, count):
    claim = only(text, "share")
    assert values(claim)[0] == count and claim.verdict == "consistent"


@pytest.mark.parametrize(("stated", "base"), [("21,7%", "23"), ("23,8%", "21")])
def test_a_share_under_a_ratio_is_of_its_numerator_or_its_base(stated, base):
    text = (
        "Năm 2024, có 21/23 chi bộ hoàn thành tốt nhiệm vụ trở lên (91,3%), trong đó 5 chi bộ "
        f"hoàn thành xuất sắc nhiệm vụ ({stated})."
    )
    claim = share_of(text, stated)
    assert values(claim)[0] == base and claim.verdict == "consistent"
    text = text.replace(stated, "30%")  # neither: which whole is meant is not said
    claim = share_of(text, "30%")
    assert claim.verdict == "unchecked" and "cả hai số của phân số" in claim.explanation


# ---------------------------------------------------- real reports (issue 7, real set 1)


def test_a_sibling_class_is_not_the_earlier_value_of_a_change():
    """ "(bằng 62,5% và tăng 1,5%)": the earlier value is not given; the count of the class
    listed before is not it."""
    text = (
        "Có 12 chi bộ đạt trong sạch, vững mạnh (bằng 30,0%); 25 chi bộ hoàn thành tốt "
        "nhiệm vụ (bằng 62,5% và tăng 1,5%)."
    )
    change = only(text, "change")
    assert change.verdict == "unchecked"
    assert not [c for c in claims(text) if c.verdict == "inconsistent"]


@pytest.mark.parametrize(("stated", "verdict"), [("10%", "consistent"), ("12%", "inconsistent")])
def test_the_difference_in_parentheses_gives_the_earlier_value(stated, verdict):
    text = f"Năm nay kỷ luật 45 đảng viên, giảm {stated} (giảm 5 đảng viên) so với cùng kỳ."
    change = only(text, "change")
    assert change.verdict == verdict
    assert change.computed == Decimal(-10)  # from 50 to 45
    assert claims(text, "difference") == []


def test_a_class_with_its_own_share_is_not_the_base_of_the_next_class():
    """The first share names a whole the text does not give; the next class's share is not
    of the first class's count."""
    text = (
        "Trong số đảng viên mới: đoàn viên 300 đồng chí, chiếm 60% tổng số đảng viên mới "
        "kết nạp; phụ nữ 200 đồng chí, chiếm 40%."
    )
    assert [c.verdict for c in claims(text) if c.stated in ("60%", "40%")] == ["unchecked"] * 2


def test_a_class_share_takes_the_whole_stated_before():
    text = (
        "Năm 2024, toàn huyện kết nạp 500 đảng viên.\n"
        "Trong số đảng viên mới: đoàn viên 300 đồng chí, chiếm 60% tổng số đảng viên mới "
        "kết nạp; phụ nữ 200 đồng chí, chiếm 40%."
    )
    shares = claims(text, "share")
    assert [(c.stated, c.verdict) for c in shares] == [("60%", "consistent"), ("40%", "consistent")]
    bases = {part["text"] for c in shares for part in c.parts if part["role"] == "tổng số"}
    assert bases == {"500"}


def test_a_subgroup_share_may_be_of_the_whole_its_group_is_a_share_of():
    text = (
        "Năm 2024 kết nạp 1.000 đảng viên.\n"
        "Có 400 đồng chí là công chức, viên chức, chiếm 40% (trong đó: công chức 150 đồng "
        "chí, chiếm 15%; viên chức 250 đồng chí, chiếm 25%)."
    )
    verdicts = {c.stated: c.verdict for c in claims(text, "share")}
    assert verdicts == {"40%": "consistent", "15%": "consistent", "25%": "consistent"}


def test_a_subgroup_share_of_its_group():
    text = (
        "Đảng bộ có 120 tổ chức cơ sở đảng. Có 80 tổ chức đạt trong sạch, vững mạnh (chiếm "
        "66,7%), trong đó có 20 tổ chức đạt trong sạch, vững mạnh tiêu biểu (chiếm 25%)."
    )
    verdicts = {c.stated: c.verdict for c in claims(text, "share")}
    assert verdicts == {"66,7%": "consistent", "25%": "consistent"}


def test_a_rounded_number_is_not_a_base():
    text = (
        "Năm 2023 kết nạp 1.200 đảng viên, nâng tổng số lên gần 52 nghìn đảng viên.\n"
        "Trong số đảng viên mới có 780 đồng chí là đoàn viên (chiếm 65%)."
    )
    assert only(text, "share").verdict == "consistent"


@pytest.mark.parametrize(("last", "verdict"), [("0,5%", "consistent"), ("1,5%", "inconsistent")])
def test_rating_classes_add_up_without_a_subgroup(last, verdict):
    """The classes of a rating add up to 100%; the subgroup after "trong đó" is not one."""
    text = (
        "Qua đánh giá năm 2024, tổ chức cơ sở đảng đạt trong sạch, vững mạnh chiếm 80,5% "
        "(trong đó, tiêu biểu chiếm 15,2%); hoàn thành tốt nhiệm vụ chiếm 15,3%; hoàn thành "
        f"nhiệm vụ chiếm 3,7%; yếu kém chiếm {last}."
    )
    claim = only(text, "shares_sum")
    assert claim.verdict == verdict
    assert [p["text"] for p in claim.parts] == ["80,5%", "15,3%", "3,7%", last]


def test_a_second_share_of_one_class_is_not_a_class():
    text = (
        "Đảng viên hoàn thành xuất sắc nhiệm vụ chiếm 12% tổng số đảng viên được đánh giá và "
        "chiếm 15,4% so với số đảng viên hoàn thành tốt nhiệm vụ; hoàn thành tốt nhiệm vụ chiếm "
        "78%; hoàn thành nhiệm vụ chiếm 9,5%; không hoàn thành nhiệm vụ chiếm 0,5%."
    )
    claim = only(text, "shares_sum")
    assert claim.verdict == "consistent"
    assert "15,4%" not in [p["text"] for p in claim.parts]


def test_classes_named_by_their_count_alone_are_in_the_whole():
    text = (
        "Qua đánh giá, xếp loại, có 10 chi bộ hoàn thành xuất sắc nhiệm vụ (bằng 12,5%); 50 "
        "chi bộ hoàn thành tốt nhiệm vụ (bằng 62,5%); 15 chi bộ hoàn thành nhiệm vụ (bằng "
        "18,75%); 4 chi bộ hoàn thành nhiệm vụ nhưng còn hạn chế và 1 chi bộ không hoàn thành "
        "nhiệm vụ."
    )
    assert claims(text, "shares_sum") == []  # 12,5 + 62,5 + 18,75 leaves out two classes
    assert [c.verdict for c in claims(text, "share")] == ["consistent"] * 3  # of 80


def test_rating_shares_of_two_wholes_do_not_add_up():
    text = "Có 100% chi bộ hoàn thành nhiệm vụ, 95% đảng viên hoàn thành tốt nhiệm vụ."
    assert claims(text, "shares_sum") == []


@pytest.mark.parametrize(("last", "verdict"), [("2", "consistent"), ("3", "inconsistent")])
def test_a_change_between_a_total_and_its_list(last, verdict):
    text = (
        "Các cấp ủy đã kỷ luật 40 đảng viên, giảm 20% (giảm 10 đảng viên) bằng các hình "
        f"thức: khiển trách 25, cảnh cáo 10, cách chức 3, khai trừ {last} đảng viên."
    )
    assert only(text, "total").verdict == verdict
    assert only(text, "change").verdict == "consistent"


def test_a_change_in_parentheses_before_the_list_and_inside_a_part():
    text = (
        "Toàn Đảng bộ có 120 tổ chức cơ sở đảng (tăng 5 tổ chức so với năm 2023), trong đó, "
        "có 45 đảng bộ cơ sở (tăng 02), 75 chi bộ cơ sở (tăng 3)."
    )
    total = only(text, "total")
    assert total.verdict == "consistent"
    assert [p["text"] for p in total.parts] == ["120", "45", "75"]


def test_a_count_larger_than_the_total_is_not_its_part():
    text = (
        "Đã thi hành kỷ luật 12 tổ chức đảng, với hình thức: khiển trách 9, cảnh cáo 3; kỷ luật "
        "450 đảng viên vi phạm, với hình thức: khiển trách 300 đảng viên, cảnh cáo 120 đảng "
        "viên, cách chức 10 đảng viên, khai trừ 20 đảng viên."
    )
    verdicts = {c.stated: c.verdict for c in claims(text, "total")}
    assert verdicts == {"12": "consistent", "450": "consistent"}


@pytest.mark.parametrize(
    ("stated", "verdict"), [("62,5%", "consistent"), ("64,1%", "inconsistent")]
)
def test_a_count_named_by_an_abbreviation_the_text_defines(stated, verdict):
    text = (
        "Năm 2024, Đảng bộ có 320 tổ chức cơ sở đảng (TCCSĐ). Qua đánh giá có 200 TCCSĐ hoàn "
        f"thành tốt nhiệm vụ (chiếm {stated})."
    )
    share = only(text, "share")
    assert share.verdict == verdict
    assert [p["text"] for p in share.parts if p["role"] == "tổng số"] == ["320"]


@pytest.mark.parametrize(
    ("stated", "verdict", "base"),
    [("92,1%", "consistent", "380"), ("87,5%", "consistent", "400"), ("70%", None, None)],
)
def test_a_share_of_a_fraction_without_percentage(stated, verdict, base):
    """ "380 trong tổng số 400 … được đánh giá": a later share is of the evaluated ones or
    of all — the one it agrees with; when it agrees with neither it is not checked."""
    text = (
        "Năm 2024 có 380 trong tổng số 400 tổ chức cơ sở đảng (TCCSĐ) được đánh giá.\n"
        f"Qua đánh giá, có 350 TCCSĐ hoàn thành tốt nhiệm vụ, đạt {stated}."
    )
    shares = claims(text, "share")
    if verdict is None:
        assert shares == []
        assert [c.verdict for c in claims(text)] == ["unchecked"]
    else:
        assert [c.verdict for c in shares] == [verdict]
        assert [p["text"] for p in shares[0].parts if p["role"] == "tổng số"] == [base]


@pytest.mark.parametrize(("stated", "verdict"), [("40%", "consistent"), ("44%", "inconsistent")])
def test_discipline_forms_written_before_their_counts_are_shares_of_the_total(stated, verdict):
    text = (
        "Năm qua, toàn huyện thi hành kỷ luật 50 đảng viên.\n"
        f"Hình thức kỷ luật đảng viên: khiển trách 20 (chiếm {stated}), cảnh cáo 18 (36%), "
        "cách chức 2 (4%), khai trừ 10 (20%).\n"
        "Các vi phạm chủ yếu: tham nhũng: 6 (10,5%); lối sống: 9 (15,8%)."
    )
    shares = claims(text, "share")
    assert [c.verdict for c in shares] == [verdict, "consistent", "consistent", "consistent"]
    assert {p["text"] for c in shares for p in c.parts if p["role"] == "tổng số"} == {"50"}
    # the violations are counted by case, of a whole the text does not give
    assert [c.verdict for c in claims(text) if c.stated in ("10,5%", "15,8%")] == ["unchecked"] * 2


@pytest.mark.parametrize(("part", "verdict"), [("250", "consistent"), ("260", "inconsistent")])
def test_a_total_with_its_own_share_before_its_list(part, verdict):
    """ "400 đồng chí, chiếm 40% tổng số … (trong đó: cán bộ, công chức 150 …, chiếm 15%;
    …)": the total against its parts, its share and its parts' shares of the whole."""
    text = (
        "Năm 2024 kết nạp 1.000 đảng viên.\n"
        "Cán bộ, viên chức 400 đồng chí, chiếm 40% tổng số đảng viên mới kết nạp (trong đó: "
        f"cán bộ, công chức là 150 đồng chí, chiếm 15%; viên chức là {part} đồng chí, chiếm "
        "25%)."
    )
    assert only(text, "total").verdict == verdict
    shares = {c.stated: c.verdict for c in claims(text, "share")}
    assert shares["40%"] == "consistent" and shares["15%"] == "consistent"


# ---------------------------------------------------- real reports (issue 7, real set 2)


def test_the_shares_of_a_count_measured_against_its_plan():
    """ "300/600 …, đạt 50% kế hoạch": 600 is the plan; the later shares are of 300."""
    text = (
        "Nghị quyết đề ra chỉ tiêu kết nạp đảng viên mới là 600 đồng chí.\n"
        "Nửa nhiệm kỳ đã kết nạp được 300/600 đảng viên, đạt 50% kế hoạch; trong đó, "
        "đảng viên nữ 150 đồng chí (chiếm 50%). Về trình độ: trung học phổ thông 270 đồng "
        "chí (chiếm 90%)."
    )
    assert [c.kind for c in claims(text) if c.stated == "50%" and c.kind != "share"] == ["ratio"]
    shares = claims(text, "share")
    assert [c.verdict for c in shares] == ["consistent", "consistent"]
    assert {p["text"] for c in shares for p in c.parts if p["role"] == "tổng số"} == {"300"}


def test_a_stated_target_is_not_a_base():
    text = (
        "Nghị quyết đề ra chỉ tiêu kết nạp mỗi năm là 500 đảng viên; năm qua kết nạp 240 đảng "
        "viên. Trong số đảng viên mới có 120 đồng chí là nữ (chiếm 50%)."
    )
    share = only(text, "share")
    assert share.verdict == "consistent"
    assert [p["text"] for p in share.parts if p["role"] == "tổng số"] == ["240"]


def test_people_counted_with_a_verb_after_them():
    text = (
        "Năm 2021 kết nạp 120 đảng viên mới. Trình độ của đảng viên mới có 30 người tốt "
        "nghiệp trung cấp, chiếm 25%; 72 người tốt nghiệp đại học, chiếm 60%."
    )
    assert [c.verdict for c in claims(text, "share")] == ["consistent", "consistent"]


@pytest.mark.parametrize(
    "text",
    [
        "Có 30 huyện có tỷ lệ nữ tham gia cấp ủy dưới 20%, trong đó có 6 huyện dưới 12%.",
        "Có 18 đại hội đã bầu cấp ủy, trong đó có 7 đại hội có tỷ lệ nữ cao hơn quy định 15%.",
        "Có 40 huyện có tỷ lệ nữ từ 20% trở lên (tăng 6 huyện so với nhiệm kỳ trước), cao nhất "
        "là huyện A với tỷ lệ 31,5%.",
    ],
)
def test_a_bound_or_a_named_unit_rate_is_not_a_share_of_a_count(text):
    assert [c for c in claims(text) if c.verdict == "inconsistent"] == []


@pytest.mark.parametrize(("last", "verdict"), [("312", "consistent"), ("321", "inconsistent")])
def test_parts_named_before_their_counts_with_commas_in_the_names(last, verdict):
    text = (
        "Năm qua đã tiếp nhận 620 lượt đơn tố cáo, phản ánh, kiến nghị, trong đó: xem xét, "
        f"giải quyết 308 đơn; đơn trùng, đơn mạo danh, nặc danh, lưu theo quy định {last} đơn."
    )
    assert only(text, "total").verdict == verdict


def test_a_comparison_aside_before_the_list():
    text = (
        "Năm qua kỷ luật 17 đảng viên (tương đương so với cùng kỳ), trong đó: Ban Thường vụ "
        "quyết định 01 trường hợp, Ủy ban Kiểm tra quyết định 04 trường hợp, các đảng ủy cơ sở "
        "và chi bộ quyết định 12 trường hợp."
    )
    assert only(text, "total").verdict == "consistent"


def test_a_class_with_its_own_rate_is_not_the_base_of_the_next():
    text = (
        "Đã bầu 500 ủy viên; trong tổng số 500 đồng chí có 150 đồng chí tham gia lần đầu, đạt "
        "30%.\n"
        "Độ tuổi bình quân cấp ủy là 49,5 tuổi.\n"
        "Số cán bộ nữ tham gia cấp ủy là 80 đồng chí, đạt 16%."
    )
    assert [c.verdict for c in claims(text, "share")] == ["consistent"] * 2


@pytest.mark.parametrize(("last", "verdict"), [("12%", "consistent"), ("14%", "inconsistent")])
def test_rating_classes_written_as_ratios_add_up(last, verdict):
    text = (
        "Qua đánh giá, có 20/50 chi, đảng bộ cơ sở đạt trong sạch vững mạnh, bằng 40%; 24/50 "
        "chi, đảng bộ hoàn thành tốt nhiệm vụ, bằng 48%; hoàn thành nhiệm vụ 6/50 chi, đảng "
        f"bộ, bằng {last}; đảng viên hoàn thành xuất sắc nhiệm vụ chiếm 12,8%."
    )
    total = only(text, "shares_sum")
    assert total.verdict == verdict
    assert [p["text"] for p in total.parts] == ["40%", "48%", last]


def test_rating_ratios_over_two_bases_do_not_add_up():
    # dangvu's own yearly report writes the members' and the organisations' ratings side by side
    text = (
        "1.720/1.870 đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên, đạt 92,0%; "
        "121/132 tổ chức đảng được xếp loại hoàn thành tốt nhiệm vụ trở lên, đạt 91,7%."
    )
    assert claims(text, "shares_sum") == []
    assert [c.verdict for c in claims(text, "ratio")] == ["consistent"] * 2


def test_shares_of_100_percent_are_not_classes():
    text = (
        "Năm tới Đảng ủy đề ra các chỉ tiêu như: bảo đảm 100% đảng viên được học tập nghị quyết; "
        "100% đảng viên hoàn thành nhiệm vụ trở lên; 8/8 chi bộ hoàn thành tốt nhiệm vụ; 100% "
        "gia đình đảng viên đạt gia đình văn hóa."
    )
    assert claims(text, "shares_sum") == []


def test_subgroups_after_trong_do_run_to_the_end_of_the_clause():
    text = (
        "Xếp loại đảng viên: 950/1.000 đồng chí hoàn thành tốt nhiệm vụ trở lên (95%), trong "
        "đó hoàn thành xuất sắc nhiệm vụ 150 đồng chí (15%), hoàn thành tốt nhiệm vụ 800 đồng "
        "chí (80%)."
    )
    assert claims(text, "shares_sum") == []


@pytest.mark.parametrize(("stated", "verdict"), [("15", "consistent"), ("17", "inconsistent")])
def test_a_difference_with_the_year_it_is_compared_with(stated, verdict):
    text = (
        "Trong năm 2022, toàn huyện kết nạp 80 đảng viên mới. Trong đó, đảng viên nữ có 40 "
        "người, chiếm 50%; đoàn viên có 60 người, chiếm 75%; dân tộc thiểu số có 20 người, "
        "chiếm 25%.\n"
        "Năm 2023, toàn đảng bộ phấn đấu kết nạp 95 đảng viên mới, tăng "
        f"{stated} đảng viên so với năm 2022."
    )
    assert only(text, "difference").verdict == verdict
    # 80 is still the whole of 2022's shares; the groups overlap, their sum is no claim
    assert [c.verdict for c in claims(text, "share")] == ["consistent"] * 3
    assert claims(text, "shares_sum") == []


# ---------------------------------------------------- real reports (issue 7, real set 3)


@pytest.mark.parametrize(("last", "verdict"), [("30", "consistent"), ("31", "inconsistent")])
def test_parts_listed_by_the_next_sentence(last, verdict):
    text = (
        "Đợt này có 48 đảng viên được trao tặng Huy hiệu Đảng. Trong đó, có 6 đồng chí nhận "
        "Huy hiệu 60 năm tuổi Đảng; 12 đồng chí nhận Huy hiệu 50 năm tuổi Đảng và "
        f"{last} đồng chí nhận Huy hiệu 30 năm tuổi Đảng."
    )
    total = only(text, "total")
    assert total.verdict == verdict
    assert [p["text"] for p in total.parts] == ["48", "6", "12", last]


def test_a_total_opening_its_sentence_with_trong():
    text = (
        "Trong 20 đảng viên được tặng Huy hiệu Đảng đợt này có 2 đảng viên nhận Huy hiệu 55 "
        "năm; 3 đảng viên nhận Huy hiệu 40 năm và 15 đảng viên nhận Huy hiệu 30 năm tuổi Đảng."
    )
    assert only(text, "total").verdict == "consistent"


def test_a_list_after_trong_dot_nay():
    text = (
        "Ban Thường vụ quyết định trao tặng Huy hiệu Đảng cho 100 đảng viên.\n"
        "Trong đợt trao huy hiệu lần này, có 10 đồng chí nhận Huy hiệu 70 năm tuổi Đảng; 40 "
        "đồng chí nhận Huy hiệu 50 năm tuổi Đảng và 50 đồng chí nhận Huy hiệu 30 năm tuổi Đảng."
    )
    assert only(text, "total").verdict == "consistent"


def test_a_rate_against_plan_before_the_parts():
    text = (
        "Từ đầu năm, đảng bộ xã đã kết nạp được 7 đảng viên mới đạt 100% kế hoạch, trong đó có "
        "4 đảng viên chi bộ nông thôn, 3 đảng viên chi bộ giáo dục."
    )
    assert only(text, "total").verdict == "consistent"
    assert [c for c in claims(text) if c.verdict == "inconsistent"] == []


def test_the_rate_of_a_subject_named_after_the_count():
    text = (
        "Với 37 đảng viên, được chia làm 2 tổ, hằng năm chi bộ đều hoàn thành tốt nhiệm vụ, số "
        "đảng viên hoàn thành tốt nhiệm vụ đạt 100%."
    )
    assert [c.verdict for c in claims(text)] == ["unchecked"]


def test_parts_listed_after_cu_the():
    text = (
        "Trong 6 tháng, cấp ủy các cấp đã thi hành kỷ luật 1.200 đảng viên.\n"
        "Cụ thể, có 900 đảng viên bị khiển trách; 200 đảng viên bị cảnh cáo; 40 đảng viên bị "
        "cách chức và 60 đảng viên bị khai trừ khỏi Đảng."
    )
    assert only(text, "total").verdict == "consistent"


# ---------------------------------------------------- real reports (issue 7, real set 4)


def test_a_rate_in_a_list_of_rates_against_plans():
    text = (
        "Trong đó có 3 đảng bộ đạt trên 50% chỉ tiêu, gồm: Đảng bộ Công an kết nạp 22 đảng "
        "viên, đạt 110% chỉ tiêu được giao; Đảng bộ huyện A kết nạp 40 đảng viên, đạt 50%; "
        "Đảng bộ Quân sự kết nạp 6 đảng viên, đạt 60%."
    )
    assert [c for c in claims(text) if c.verdict == "inconsistent"] == []


def test_a_rounded_count_has_no_exact_share():
    text = (
        "Đảng bộ có 3.100 đảng viên, trong đó đảng viên dân tộc thiểu số có trên 2.900 đồng "
        "chí, chiếm tỷ lệ 91,5%."
    )
    assert [c for c in claims(text) if c.verdict == "inconsistent"] == []


def test_a_named_base_with_its_qualifier():
    text = (
        "Cấp ủy đã thi hành kỷ luật 1.500 đảng viên, có 30 đảng viên thực hiện quyền khiếu "
        "nại kỷ luật; qua giải quyết, đã chuẩn y 24 đảng viên, giảm hình thức kỷ luật 3 đảng "
        "viên, xoá hình thức "
        "kỷ luật 3 đảng viên (chiếm tỷ lệ 10% so với tổng số đảng viên khiếu nại)."
    )
    share = only(text, "share")
    assert share.verdict == "consistent"
    assert [p["text"] for p in share.parts if p["role"] == "tổng số"] == ["30"]


def test_a_sibling_class_is_not_the_base_of_the_next():
    text = (
        "Có 10 đảng viên khiếu nại; qua giải quyết, đã chuẩn y hình thức kỷ luật đối với 6 "
        "đảng viên, xoá hình thức kỷ luật 4 đảng viên (chiếm tỷ lệ 40%)."
    )
    assert [c for c in claims(text) if c.verdict == "inconsistent"] == []


def test_parts_of_the_measure_the_total_names():
    text = (
        "Có 250 đảng viên được kiểm tra, trong đó Ban Thường vụ kiểm tra 70, giám sát 30 đảng "
        "viên, cấp ủy cơ sở kiểm tra 180, giám sát 90 đảng viên."
    )
    total = only(text, "total")
    assert total.verdict == "consistent"
    assert [p["text"] for p in total.parts] == ["250", "70", "180"]


def test_an_attribute_of_a_part_is_not_a_part():
    text = (
        "Toàn tỉnh có 300 tổ chức cơ sở đảng (trong đó: 120 đảng bộ cơ sở, với 900 chi bộ "
        "trực thuộc và 180 chi bộ cơ sở)."
    )
    total = only(text, "total")
    assert total.verdict == "consistent"


def test_a_parenthesized_share_before_the_list():
    text = (
        "Có 30 đảng viên khiếu nại kỷ luật (chiếm tỷ lệ 2% tổng số đảng viên bị kỷ luật), "
        "trong đó có 22 trường hợp khiếu nại về nội dung và hình thức kỷ luật, 8 trường hợp "
        "khiếu nại về quy trình."
    )
    assert only(text, "total").verdict == "consistent"


def test_a_sentence_with_two_totals_before_the_list_is_not_checked():
    text = (
        "Đợt này có 500 đảng viên được trao tặng Huy hiệu Đảng và 12 trường hợp được truy tặng. "
        "Trong đó, nhận Huy hiệu 60 năm tuổi Đảng có 10 đồng chí; nhận Huy hiệu 50 năm tuổi Đảng "
        "có 8 đồng chí."
    )
    assert claims(text, "total") == []


# ---------------------------------------------------- real reports (issue 7, real set 5)


def test_bounds_and_targets_are_not_classes_of_a_sum():
    text = (
        "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt 96,2% (chỉ tiêu Nghị quyết là 95%), trong "
        "đó hoàn thành xuất sắc nhiệm vụ đạt 13,1%. Hằng năm, chi bộ đạt trong sạch, vững "
        "mạnh đạt trên 90%; đảng viên hoàn thành tốt nhiệm vụ đạt 92,4%, theo Nghị quyết 90% "
        "trở lên."
    )
    assert [c for c in claims(text) if c.verdict == "inconsistent"] == []


def test_an_age_bound_is_not_a_count():
    text = "Năm 2023 kết nạp 140 đảng viên, độ tuổi 30 trở xuống chiếm 52,1%."
    assert [c for c in claims(text) if c.verdict == "inconsistent"] == []


def test_a_trong_do_list_over_semicolons():
    text = (
        "Đảng bộ huyện có 60 tổ chức cơ sở đảng, trong đó có 20 đảng bộ xã, thị trấn; 5 đảng bộ "
        "khối cơ quan, doanh nghiệp; 35 chi bộ cơ sở với trên 2.000 đảng viên."
    )
    assert only(text, "total").verdict == "consistent"


def test_a_target_restated_in_parentheses():
    text = (
        "Năm 2023 kết nạp được 150 quần chúng ưu tú vào Đảng, đạt 125% chỉ tiêu (chỉ tiêu "
        "năm 2023 là 120)."
    )
    assert only(text, "share").verdict == "consistent"


@pytest.mark.parametrize(("stated", "verdict"), [("34%", "consistent"), ("35%", "inconsistent")])
def test_a_class_with_a_rounded_share_is_not_the_next_class_base(stated, verdict):
    text = (
        "Đảng bộ huyện có 50 tổ chức cơ sở đảng. Qua đánh giá có 30 tổ chức cơ sở đảng đạt "
        "trong sạch vững mạnh, chiếm gần 60%. Có 17 tổ chức hoàn thành tốt nhiệm vụ, tỷ lệ "
        f"{stated}."
    )
    # ("chiếm gần 60%" is now checked too, as a bound: 30/50 = 60%)
    share = share_of(text, stated)
    assert share.verdict == verdict
    assert [p["text"] for p in share.parts if p["role"] == "tổng số"] == ["50"]


# ---------------------------------------------------------------- a guessed pairing is no flag
# "Không khớp" only where the text ties the numbers together; where the pairing is a guess the
# claim is not checkable (or consistent, when it adds up), with the reason why (Claim.doubt).


def test_overlapping_groups_of_people_after_trong_do_are_not_flagged():
    claim = only("Chi bộ có 40 đảng viên, trong đó 25 đảng viên nữ, 20 đảng viên trẻ.", "total")
    assert claim.verdict == "unchecked"
    assert "có thể trùng nhau" in claim.explanation and "25 + 20 = 45" in claim.explanation
    assert claim.doubt and claim.correct == "" and claim.suggestion is None


def test_exclusive_classes_after_trong_do_are_still_flagged():
    text = "Năm qua kỷ luật 12 đảng viên, trong đó khiển trách 8 đảng viên, cảnh cáo 6 đảng viên."
    claim = only(text, "total")
    assert claim.verdict == "inconsistent" and claim.doubt == ""


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # the parts in parentheses right after their total: a closed list
        (
            "Toàn huyện có 50 tổ chức cơ sở đảng (gồm 20 đảng bộ xã, 12 đảng bộ cơ quan).",
            "inconsistent",
        ),
        # the list is cut short by a piece of another shape: its end is a guess
        (
            "Toàn huyện có 50 tổ chức cơ sở đảng, gồm 20 đảng bộ xã, 12 đảng bộ cơ quan, đã giải "
            "quyết 2/2 đơn.",
            "unchecked",
        ),
    ],
)
def test_a_total_is_flagged_only_against_a_closed_list(text, verdict):
    claim = only(text, "total")
    assert claim.verdict == verdict
    if verdict == "unchecked":
        assert "phần của cùng một tổng" in claim.explanation


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # nothing says the first quarter is what the second is compared with
        ("Quý I kết nạp 40 đảng viên. Quý II kết nạp 52 đảng viên, tăng 20%.", "unchecked"),
        # each value with its own year: the change is between them
        ("Năm 2023 kết nạp 40 đảng viên. Năm 2024 kết nạp 52 đảng viên, tăng 20%.", "inconsistent"),
        # the compared value stated, and the subject names the verb of the current one
        (
            "Năm nay kết nạp 52 đảng viên. So với năm trước (40 đảng viên), số kết nạp tăng 20%.",
            "inconsistent",
        ),
    ],
)
def test_a_change_is_flagged_only_when_its_earlier_value_is_named(text, verdict):
    claim = only(text, "change")
    assert claim.verdict == verdict
    if verdict == "unchecked":
        assert "kỳ trước" in claim.explanation and "30,0%" in claim.explanation


def test_a_base_from_the_paragraph_before_is_not_flagged_alone():
    text = "Đảng bộ xã có 250 đảng viên.\nNăm nay có 120 đảng viên được khen thưởng, chiếm 52%."
    claim = only(text, "share")
    assert claim.verdict == "unchecked" and "tổng số (cơ số)" in claim.explanation


def test_a_guessed_base_another_share_agrees_with_is_flagged():
    text = (
        "Đảng bộ xã có 250 đảng viên.\nNăm nay có 120 đảng viên được khen thưởng, chiếm 52%; 100 "
        "đảng viên được tặng giấy khen, chiếm 40%."
    )
    found = claims(text, "share")
    assert [c.verdict for c in found] == ["inconsistent", "consistent"]
    assert found[0].correct == "48,0%"


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # each share named by its own class: disjoint classes
        (
            "Năm 2024, có 60% chi bộ đạt trong sạch vững mạnh, 35% hoàn thành tốt nhiệm vụ và "
            "10% yếu kém.",
            "inconsistent",
        ),
        # "… trở lên" holds the classes above it: they overlap
        (
            "Năm 2024, có 60% chi bộ hoàn thành tốt nhiệm vụ trở lên, 30% hoàn thành xuất sắc "
            "nhiệm vụ và 15% hoàn thành nhiệm vụ.",
            "unchecked",
        ),
        # a class named twice: not one list of classes
        (
            "Năm 2024, có 60% chi bộ đạt trong sạch vững mạnh, 35% chi bộ trong sạch vững mạnh "
            "và 10% yếu kém.",
            "unchecked",
        ),
    ],
)
def test_rating_shares_are_flagged_only_as_named_disjoint_classes(text, verdict):
    claim = only(text, "shares_sum")
    assert claim.verdict == verdict
    if verdict == "unchecked":
        assert "không trùng nhau" in claim.explanation


def test_a_table_rate_over_a_guessed_column_no_row_bears_out_is_not_flagged():
    text = (
        "Đơn vị\tSố đơn nhận\tSố đơn đủ điều kiện\tĐã giải quyết\tTỷ lệ (%)\n"
        "Xã A\t40\t30\t20\t25,0\n"
        "Xã B\t50\t40\t10\t80,0\n"
    )
    found = claims(text, "ratio")
    assert [c.verdict for c in found] == ["unchecked", "unchecked"]
    assert "cột nào là tổng số" in found[0].explanation


# ---------------------------------------------------- real reports (issue 7, real set 7)


def test_a_count_of_persons_is_of_a_base_of_persons():
    text = (
        "Toàn huyện có 120 đại biểu dự đại hội.\n"
        "Đại biểu nam có 80 người, chiếm 66,67%; đại biểu nữ có 40 người, chiếm 34,33%."
    )
    verdicts = [c.verdict for c in claims(text, "share")]
    # 80/120 = 66,67% in the same sentence bears the guessed base out: 40/120 = 33,33%
    assert verdicts == ["consistent", "inconsistent"]
    # a share of another sentence does not: it may be of another whole
    text = text.replace("66,67%; đại biểu", "66,67%. Đại biểu")
    assert [c.verdict for c in claims(text, "share")] == ["consistent", "unchecked"]


def test_a_fraction_is_not_the_base_of_a_later_count_of_its_own():
    text = "Hội nghị (ngày 12/5) có 400 người tham dự, trong đó 180 người là phụ nữ (tỷ lệ 45%)."
    assert [c.kind for c in claims(text) if c.stated == "45%"] == ["share"]
    assert claims(text, "ratio") == []


def test_a_share_in_parentheses_about_another_term_is_not_of_this_terms_whole():
    text = (
        "Tổng số đại biểu là 300 người; trong đó nữ 90 người (tỉ lệ 30%), cao hơn so với khóa "
        "trước (khóa trước có 70 người, tỉ lệ 25%)."
    )
    found = {c.stated: c.verdict for c in claims(text) if c.stated.endswith("%")}
    assert found["30%"] == "consistent"
    assert found["25%"] == "unchecked"  # 70/300 is not what 25% is of


def test_a_change_right_after_a_rate_is_a_change_of_the_rate():
    text = "Đại biểu ngoài Đảng có 12 người (tỉ lệ 4%), giảm 1,5% so với khóa trước (có 20 người)."
    change = only(text, "change")
    assert change.verdict == "unchecked"


def test_a_share_another_stated_whole_agrees_with_is_not_flagged():
    text = (
        "Khóa này có 800 ứng viên, khóa trước có 820 ứng viên. Số tái ứng cử là 200 người, chiếm "
        "25%, khóa trước có 150 người, chiếm 18,29%."
    )
    verdicts = {c.stated: c.verdict for c in claims(text, "share")}
    assert "inconsistent" not in verdicts.values()


def test_a_part_with_its_own_list_after_voi_ends_the_outer_list():
    text = (
        "Năm qua tiếp nhận 900 đơn, trong đó có 600 đơn đủ điều kiện xử lý với 100 đơn khiếu nại, "
        "50 đơn tố cáo và 450 đơn kiến nghị."
    )
    assert [c.verdict for c in claims(text, "total") if c.stated == "900"] in ([], ["unchecked"])


def test_a_difference_against_the_value_of_six_months_of_last_year():
    text = (
        "6 tháng đầu năm tiếp nhận 300 đơn (tồn kỳ trước 20 đơn, tiếp nhận mới 280 đơn), so với "
        "cùng kỳ tăng 40 đơn (6 tháng đầu năm 2023 tiếp nhận 260 đơn)."
    )
    claim = only(text, "difference")
    assert claim.verdict == "consistent"
    assert [p["text"] for p in claim.parts][:2] == ["260", "300"]


def test_a_difference_is_not_a_base():
    text = (
        "Có 500 đại biểu trúng cử, ít hơn so với dự kiến 20 người; đại biểu trẻ 15 người (tỉ lệ "
        "3%)."
    )
    share = only(text, "share")
    assert share.verdict == "consistent"
    assert [p["text"] for p in share.parts if p["role"] == "tổng số"] == ["500"]


# ---------------------------------------------------- real reports (issue 7, real set 8)


def test_a_share_of_a_subgroup_after_a_fraction_is_not_the_fraction():
    text = (
        "Tỉnh bầu đủ 60 đại biểu trên tổng số 100 người ứng cử, trong đó, 15 đại biểu nữ "
        "(25%), 9 đại biểu trẻ (15%)."
    )
    assert claims(text, "ratio") == []
    assert [c.verdict for c in claims(text, "share")] == ["consistent", "consistent"]


def test_the_rate_of_a_subject_named_after_va_is_not_the_counts():
    text = "Có 40 người trúng cử (12 nữ) và người có số phiếu cao nhất là 91,25%."
    assert [c.verdict for c in claims(text) if c.stated == "91,25%"] == ["unchecked"]


def test_parts_adding_up_to_another_count_of_the_sentence_are_not_flagged():
    text = "Kết quả có 30 đại biểu trúng cử trong tổng số 45 người ứng cử (12 nữ, 18 nam)."
    total = only(text, "total")
    # (the parts after the fraction add up to its numerator: they are of the 30, not flagged)
    assert total.verdict == "consistent" and total.stated == "30"


def test_a_share_against_neither_number_of_a_fraction_is_not_flagged():
    text = (
        "Cả huyện có 30/40 xã (75%) đạt chuẩn nông thôn mới; có 12 xã (35%) đạt chuẩn nông "
        "thôn mới nâng cao."
    )
    share = only(text, "share")
    assert share.verdict == "unchecked" and "cả hai số của phân số" in share.explanation


def test_a_truncated_share_on_a_guessed_base_is_not_checked():
    text = "Xã có 60 hộ.\nNăm nay có 25 hộ đạt gia đình văn hóa, chiếm 41%."
    share = only(text, "share")
    assert share.verdict == "unchecked"  # 25/60 = 41,67%, "41%" only if cut, on a guess


def test_a_comparison_with_last_year_is_not_a_share_of_the_count():
    text = (
        "Cấp ủy thi hành kỷ luật 80 đảng viên, bằng 60% so với cùng kỳ; trong đó có 20 cấp ủy "
        "viên, chiếm 25% tổng số đảng viên bị kỷ luật."
    )
    assert [c.verdict for c in claims(text, "share")] == ["consistent"]


# ---------------------------------------------------- real reports (issue 7, real set 9)


def test_a_last_part_described_with_va_ends_the_list():
    text = (
        "Hội nghị có 300 đại biểu, trong đó có 250 đại biểu chính thức do cơ sở bầu, 20 đại biểu "
        "được chỉ định, 30 đại biểu là ủy viên chính thức và ủy viên dự khuyết."
    )
    assert only(text, "total").verdict == "consistent"


def test_an_uncounted_part_after_va_makes_a_short_sum_unchecked():
    text = (
        "Huyện có 50 chi bộ, gồm 20 chi bộ nông thôn, 12 chi bộ cơ quan và các chi bộ doanh nghiệp."
    )
    assert only(text, "total").verdict == "unchecked"


def test_the_count_named_with_the_same_word_is_the_base():
    text = (
        "Danh sách có 60 người ứng cử để bầu ra 40 đại biểu. Trong đó nữ 24 người, chiếm 40%; "
        "trẻ tuổi 15 người, chiếm 25%."
    )
    assert [c.verdict for c in claims(text, "share")] == ["consistent", "consistent"]


def test_a_rate_each_member_reached_is_not_the_fractions():
    text = "Có 48/50 người có số phiếu tín nhiệm đạt 100%."
    assert claims(text, "ratio") == []


# ---------------------------------------------------- real reports (issue 7, real set 10)


def test_trong_do_before_a_colon_after_an_aside_makes_the_list_open():
    text = (
        "Xã có 500 đảng viên (chiếm khoảng 5% dân số), trong đó có: 40 đảng viên dự bị, 200 "
        "đảng viên nữ."
    )
    assert only(text, "total").verdict == "unchecked"


def test_a_share_of_another_thing_does_not_make_a_count_a_sibling_class():
    text = (
        "Huyện có 2.000 đảng viên (chiếm khoảng 4% dân số).\n"
        "Có 1.500 đảng viên đang công tác, chiếm 75%."
    )
    share = only(text, "share")
    assert share.verdict == "consistent"
    assert [p["text"] for p in share.parts if p["role"] == "tổng số"] == ["2.000"]


def test_a_count_of_another_thing_is_not_the_share_of_the_named_whole():
    text = (
        "Năm nay toàn xã có 480 hộ đăng ký danh hiệu hộ sản xuất giỏi 3 cấp, chiếm 60% tổng số "
        "hộ nông dân."
    )
    assert [c for c in claims(text) if c.verdict == "inconsistent"] == []


# ------------------------------------------- real reports (issue 7, shapes still missed)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # the fraction of the two values: this period's over the earlier one
        ("Qua 3 năm, số vụ cháy giảm 12,5% (140/160 vụ).", "consistent"),
        ("Qua 3 năm, số vụ cháy giảm 15,5% (140/160 vụ).", "inconsistent"),
        ("Số hộ tham gia tăng 20% (300/250 hộ) so với năm trước.", "consistent"),
    ],
)
def test_a_change_written_with_the_fraction_of_its_two_values(text, verdict):
    assert only(text, "change").verdict == verdict


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Huyện đã hòa giải thành 410/500 vụ việc, đạt hơn 81,5%.", "consistent"),
        ("Huyện đã hòa giải thành 410/500 vụ việc, đạt hơn 83,5%.", "inconsistent"),
        ("Có 14/21 xã đạt chuẩn, chiếm tỷ lệ gần 67%.", "consistent"),
        ("Có 14/21 xã đạt chuẩn, chiếm tỷ lệ gần 60%.", "inconsistent"),
    ],
)
def test_a_rate_written_as_a_bound_is_checked_as_one(text, verdict):
    assert only(text, "ratio").verdict == verdict


def test_a_rate_written_as_a_bound_of_a_base_stated_before():
    text = "Năm nay tiếp nhận 1.200 tin báo, đã giải quyết 1.000 tin (đạt hơn 83,3%)."
    assert only(text, "share").verdict == "consistent"


def test_dc_counts_comrades_of_a_base_of_persons():
    text = (
        "Lớp có 40 học viên theo học, gồm khối xã: 25 đ/c, khối cơ quan: 15 đ/c. "
        "Kết quả, loại giỏi 30 đ/c chiếm 75%, loại khá 10 đ/c chiếm 25%."
    )
    found = claims(text)
    assert only(text, "total").verdict == "consistent"
    assert [c.verdict for c in found if c.kind == "share"] == ["consistent", "consistent"]


def test_a_bounded_share_after_a_change_is_not_the_changes():
    text = (
        "Cả vùng có 90 huyện thuộc 12 tỉnh được công nhận đạt chuẩn, tăng 15 huyện so cuối "
        "năm trước và chiếm khoảng 30% tổng số huyện của cả nước."
    )
    assert [c for c in claims(text) if c.verdict == "inconsistent"] == []


@pytest.mark.parametrize(("last", "verdict"), [("2.100", "consistent"), ("2.010", "inconsistent")])
def test_parts_named_before_their_rate_and_count_after_voi(last, verdict):
    text = (
        "Toàn tỉnh còn 10.000 hộ nghèo phân theo vùng như sau: vùng núi và biên giới 12,5% với "
        f"5.400 hộ; vùng đồng bằng 2,1% với 2.500 hộ; vùng ven biển và hải đảo 4,2% với {last} hộ."
    )
    assert only(text, "total").verdict == verdict


@pytest.mark.parametrize(
    ("stated", "verdict"), [("6,25%", "consistent"), ("7,25%", "inconsistent")]
)
def test_a_count_written_in_words(stated, verdict):
    text = (
        f"Trong tổng số 48 đại biểu trúng cử, nữ có 12 đại biểu, chiếm tỷ lệ 25%; tái cử có ba "
        f"đại biểu, chiếm tỷ lệ {stated}."
    )
    assert share_of(text, stated).verdict == verdict


def test_number_words_that_are_no_counts():
    for text in (
        "Trong năm đảng viên của chi bộ đều hoàn thành nhiệm vụ, đạt 100%.",
        "Lần thứ ba đại biểu được bầu lại, tỷ lệ 60%.",
    ):
        assert [c for c in claims(text) if c.kind != "percent"] == []


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # the next sentence, after "Trong đó", names both kinds of grassroots organisation
        (
            "Năm 2024, huyện có 52 tổ chức cơ sở đảng. Trong đó có 30 đảng bộ cơ sở và 20 chi "
            "bộ cơ sở.",
            "inconsistent",
        ),
        (
            "Năm 2024, huyện có 50 tổ chức cơ sở đảng. Trong đó có 30 đảng bộ cơ sở và 20 chi "
            "bộ cơ sở.",
            "consistent",
        ),
        ("Lớp có 60 học viên, trong đó 35 nam và 24 nữ.", "inconsistent"),
        # every form of discipline of a member is named
        (
            "Năm qua kỷ luật 40 đảng viên, trong đó khiển trách 25 đảng viên, cảnh cáo 9 đảng "
            "viên, cách chức 2 đảng viên, khai trừ 3 đảng viên.",
            "inconsistent",
        ),
        # some forms only: the others may make up the rest
        (
            "Năm qua kỷ luật 40 đảng viên, trong đó khiển trách 25 đảng viên, cảnh cáo 9 đảng "
            "viên, khai trừ 3 đảng viên.",
            "unchecked",
        ),
        # groups that may overlap, not a closed set
        (
            "Chi bộ có 45 đảng viên, trong đó 20 đảng viên nữ và 24 đảng viên là cán bộ.",
            "unchecked",
        ),
    ],
)
def test_a_list_after_trong_do_naming_a_closed_set_is_the_whole(text, verdict):
    assert only(text, "total").verdict == verdict


@pytest.mark.parametrize(("stated", "verdict"), [("20%", "consistent"), ("18%", "inconsistent")])
def test_a_count_named_before_it_and_the_whole_written_as_the_share_names_it(stated, verdict):
    text = (
        "Năm nay kết nạp 900 đoàn viên, nâng tổng số đoàn viên toàn huyện lên 10.000/12.500 "
        f"thanh niên. Trong đó đoàn viên ưu tú 2.000, đạt {stated} so với tổng số đoàn viên."
    )
    claim = share_of(text, stated)
    assert claim.verdict == verdict
    assert [p["text"] for p in claim.parts if p["role"] == "tổng số"] == ["10.000"]


@pytest.mark.parametrize(
    ("total", "verdict"),
    [("14", "consistent"), ("16", "consistent"), ("15", "unchecked")],
)
def test_a_list_of_fractions_is_checked_on_its_numerators_or_its_denominators(total, verdict):
    text = (
        f"Nhiệm kỳ qua có {total} chỉ tiêu hoàn thành; trong đó, nông nghiệp 5/6 chỉ tiêu; giáo "
        "dục 6/7 chỉ tiêu và an ninh 3/3 chỉ tiêu."
    )
    assert only(text, "total").verdict == verdict


@pytest.mark.parametrize(
    ("stated", "verdict"),
    [
        ("5,0%", "consistent"),  # 45,0% − 40,0% = 5 points
        ("12,5%", "consistent"),  # or 45/40 − 1 = 12,5%, relative to itself
        ("7,0%", "inconsistent"),
    ],
)
def test_a_change_of_a_rate_against_the_earlier_rate_named_after_so_voi(stated, verdict):
    text = (
        "Có 360 người ứng cử là nữ, chiếm tỷ lệ 45,0%. So với con số 320 người trong 800 người "
        f"ứng cử của khóa trước, thì tỷ lệ này đã tăng {stated}."
    )
    assert only(text, "change").verdict == verdict


def test_a_rate_that_rose_to_is_not_a_change_in_points():
    text = "Tỷ lệ nữ chiếm 45,0%; so với khóa trước là 40,0%, tỷ lệ này tăng lên 45,0%."
    assert [c for c in claims(text) if c.verdict == "inconsistent"] == []


# ------------------------------------------- real reports (issue 7, real set 12)


@pytest.mark.parametrize(("stated", "verdict"), [("-20%", "consistent"), ("-25%", "inconsistent")])
def test_a_difference_with_its_rate_in_parentheses(stated, verdict):
    text = (
        "Trong quý, toàn tỉnh xảy ra 40 vụ cháy, làm chết 12 người, làm bị thương 30 người. So "
        f"với cùng kỳ giảm 10 vụ ({stated}), giảm 3 người chết (-20%), tăng 5 người bị thương "
        "(+20%)."
    )
    found = claims(text, "change")
    assert [c.verdict for c in found] == [verdict, "consistent", "consistent"]


def test_a_difference_whose_count_is_not_named_is_not_checked():
    text = "So với cùng kỳ giảm 10 vụ (-25%), giảm 3 người chết (-20%)."
    assert {c.verdict for c in claims(text)} == {"unchecked"}


def test_a_share_of_another_thing_named_with_so_does_not_make_a_sibling():
    text = (
        "Toàn huyện có 400 công chức cấp xã, đạt tỷ lệ 95% số vị trí được giao. Trong đó, 300 "
        "người có trình độ đại học, đạt tỷ lệ 75%; trình độ cao đẳng 100 người, chiếm 25%."
    )
    assert [c.verdict for c in claims(text, "share")] == ["consistent", "consistent"]


@pytest.mark.parametrize(("last", "verdict"), [("150", "consistent"), ("160", "inconsistent")])
def test_a_total_with_its_own_share_and_parts_of_both_shapes_in_the_next_sentence(last, verdict):
    text = (
        "Toàn huyện có 500 cán bộ cấp xã, đạt tỷ lệ 95% số được giao. Trong đó, 300 người có "
        f"trình độ đại học, đạt 60%; trình độ cao đẳng 50 người, chiếm 10% và trình độ trung cấp "
        f"{last} người, chiếm 30%."
    )
    assert only(text, "total").verdict == verdict


@pytest.mark.parametrize(
    ("parts", "verdict"),
    [
        ("1.200 cán bộ và 1.100 công chức", "consistent"),
        ("1.200 cán bộ và 1.000 công chức", "unchecked"),
    ],
)
def test_the_parts_of_a_fraction_may_be_of_its_numerator(parts, verdict):
    text = f"Toàn tỉnh đã bố trí 2.300/2.500 cán bộ, công chức, trong đó có {parts}."
    assert only(text, "total").verdict == verdict


def test_the_levels_of_an_attribute_add_up_to_100():
    text = (
        "Về trình độ chuyên môn, trung cấp 20,5%, cao đẳng 4,5%, đại học 70%, chưa qua đào tạo 5%."
    )
    assert only(text, "shares_sum").verdict == "consistent"


@pytest.mark.parametrize(("last", "verdict"), [("50", "consistent"), ("52", "inconsistent")])
def test_a_heading_line_whose_total_the_next_line_lists(last, verdict):
    text = (
        "Huyện xảy ra 120 vụ vi phạm trong 6 tháng\n"
        f"Trong đó, 40 vụ vi phạm giao thông, 30 vụ trộm cắp, {last} vụ khác, làm 5 người bị "
        "thương."
    )
    assert only(text, "total").verdict == verdict


# ------------------------------------------- real reports (issue 7, real set 13)


@pytest.mark.parametrize(("stated", "verdict"), [("40%", "consistent"), ("44%", "inconsistent")])
def test_a_difference_with_its_bare_rate_and_cases(stated, verdict):
    text = (
        "Đến nay có 70 doanh nghiệp tạm ngừng hoạt động, tăng 20 trường hợp so với cùng kỳ "
        f"({stated}); riêng doanh nghiệp giải thể có 30 trường hợp, giảm 20 trường hợp (40%)."
    )
    assert [c.verdict for c in claims(text, "change")] == [verdict, "consistent"]


def test_a_count_with_its_own_share_is_no_whole_of_a_share_written_like_it():
    text = (
        "Tỷ lệ số xã đạt chuẩn năm 2025 đạt 40% (10 xã), trong đó: tỷ lệ xã đạt chuẩn nâng cao "
        "8% (2 xã)."
    )
    assert [c for c in claims(text) if c.verdict == "inconsistent"] == []


def test_counts_in_words_beside_counts_in_digits():
    text = (
        "Tỉnh có 40 học sinh đoạt giải (bảy giải Nhất, 13 giải Nhì, 20 giải Ba); huyện có 5 thí "
        "sinh đạt giải, trong đó có 4 thí sinh nữ và một thí sinh nam."
    )
    assert [c.verdict for c in claims(text, "total")] == ["consistent", "consistent"]


def test_a_city_named_phong_is_no_room_label():
    text = (
        "Hà Nội 40 học sinh (10 giải Nhất, 30 giải Nhì); Hải Phòng 30 học sinh (12 giải Nhất, "
        "18 giải Nhì)."
    )
    assert [c.verdict for c in claims(text, "total")] == ["consistent", "consistent"]


def test_an_abbreviation_after_the_total_is_no_list():
    text = "Đảng bộ có 120 tổ chức cơ sở đảng (TCCSĐ), trong đó có 70 chi bộ và 50 đảng bộ cơ sở."
    assert only(text, "total").verdict == "consistent"


def test_a_ratio_then_its_parts_in_brackets_after_trong_do():
    text = (
        "Tỉnh có 40/50 em dự thi đạt giải, chiếm tỷ lệ 80%(trong đó có 5 giải nhất, 15 giải nhì, "
        "20 giải ba)."
    )
    assert only(text, "total").verdict == "consistent"


@pytest.mark.parametrize(("last", "verdict"), [("1", "consistent"), ("2", "inconsistent")])
def test_parts_named_with_their_count_in_brackets(last, verdict):
    text = (
        "Tỉnh giành 10 giải Nhất ở các môn: Toán (4 giải), Vật lý (3 giải), Hóa học (2 giải), "
        f"Sinh học ({last} giải)."
    )
    assert only(text, "total").verdict == verdict


# ------------------------------------------- real reports (issue 7, real set 14)


def test_a_rate_against_the_plan_written_kh_is_no_share_of_the_total():
    text = (
        "Năm nay xuất khẩu đạt 300 triệu USD, vượt 10% kế hoạch (KH). Trong đó, nông sản 100 "
        "triệu USD, đạt 95% KH; thủy sản 200 triệu USD, đạt 104% KH."
    )
    assert [c for c in claims(text) if c.verdict == "inconsistent"] == []


# ------------------------------------------------ real set 16 and set 15's known misses


@pytest.mark.parametrize(
    ("whole", "verdict"),
    [
        ("120", "consistent"),  # 20 + 50 + 50 = 120 and 8 + 30 + 12 = 50
        ("118", "inconsistent"),  # the numerators add up, the denominators do not
    ],
)
def test_a_fraction_total_is_checked_on_its_denominators_too(whole, verdict):
    text = (
        f"Toàn huyện có 50/{whole} trường đạt chuẩn quốc gia (trong đó có 8/20 trường mầm non, "
        "30/50 trường tiểu học và 12/50 trường trung học cơ sở)."
    )
    total = only(text, "total")
    assert total.verdict == verdict
    if verdict == "inconsistent":
        assert total.computed == 120


def test_the_rate_of_each_counted_unit_is_no_rate_of_the_fraction():
    text = "Toàn tỉnh có 150/200 xã, phường có cử tri đi bầu đạt tỷ lệ 100%."
    ratio = only(text, "ratio")
    assert ratio.verdict == "unchecked" and "từng đơn vị" in ratio.doubt


@pytest.mark.parametrize(("stated", "verdict"), [("75%", "consistent"), ("70%", "inconsistent")])
def test_a_rate_after_a_comma_is_the_fraction_s_own(stated, verdict):
    text = f"Toàn huyện có 150/200 hộ có nhà tiêu hợp vệ sinh, đạt tỷ lệ {stated}."
    assert only(text, "ratio").verdict == verdict


@pytest.mark.parametrize(
    ("stated", "verdict"), [("+2,50%", "consistent"), ("+2,70%", "inconsistent")]
)
def test_a_difference_of_the_number_of_a_named_count(stated, verdict):
    text = (
        "Toàn tỉnh phát hiện 900 vụ; khám phá 820 vụ; bắt giữ 1.400 đối tượng. So với năm trước, "
        f"tăng 50 vụ phát hiện (+5,88%), tăng 20 số vụ khám phá ({stated})."
    )
    changes = {c.stated: c.verdict for c in claims(text, "change")}
    assert changes == {"tăng 5,88%": "consistent", f"tăng {stated[1:]}": verdict}


@pytest.mark.parametrize(("total", "verdict"), [("300", "consistent"), ("310", "unchecked")])
def test_parts_in_the_next_paragraph_written_as_counts_out_of_a_whole(total, verdict):
    text = (
        f"Đến hết năm học, cả tỉnh có {total} trường đạt chuẩn quốc gia.\n\nTrong đó, cấp tiểu "
        "học có 180 trường đạt chuẩn trong tổng số 200 trường (chiếm tỷ lệ 90%); cấp THCS có 100 "
        "trường đạt chuẩn trong tổng số 125 trường (chiếm tỷ lệ 80%); cấp THPT có 20 trong tổng "
        "số 40 trường (chiếm tỷ lệ 50%)."
    )
    assert only(text, "total").verdict == verdict


@pytest.mark.parametrize(
    ("stated", "verdict"), [("99,2%", "consistent"), ("98,2%", "inconsistent")]
)
def test_values_given_after_their_label_count_what_the_label_names(stated, verdict):
    text = (
        "Cụ thể, tổng số cử tri của tỉnh là: 1.250.000; số cử tri đã tham gia bỏ phiếu là: "
        f"1.240.000 (đạt tỉ lệ {stated})."
    )
    assert only(text, "share").verdict == verdict


@pytest.mark.parametrize(
    "first",
    [
        "Tổng số cử tri trong danh sách là 1.250.000 người; số cử tri đã tham gia bỏ phiếu là "
        "1.240.000 người.",
        "Tổng số cử tri của tỉnh là 1.250.000 người; đã có 1.240.000 cử tri tham gia bỏ phiếu.",
    ],
)
@pytest.mark.parametrize(
    ("stated", "verdict"), [("99,2%", "consistent"), ("98,2%", "inconsistent")]
)
def test_a_rate_named_by_its_subject_in_the_next_sentence(first, stated, verdict):
    text = f"{first} Tỉ lệ cử tri tham gia bỏ phiếu đạt {stated}."
    assert only(text, "share").verdict == verdict


def test_a_rate_named_by_its_subject_needs_a_stated_total():
    text = (
        "Có 1.250.000 cử tri; 1.240.000 cử tri tham gia bỏ phiếu. Tỉ lệ cử tri tham gia bỏ "
        "phiếu đạt 98,2%."
    )
    assert [c for c in claims(text) if c.verdict == "inconsistent"] == []


@pytest.mark.parametrize(("stated", "verdict"), [("90%", "consistent"), ("95%", "unchecked")])
def test_a_target_stated_sentences_before_its_rate(stated, verdict):
    text = (
        "Huyện xác định chỉ tiêu của nhiệm kỳ là kết nạp 200 đảng viên mới trở lên. Các chi bộ "
        "đã xây dựng kế hoạch phù hợp. Đến nay, huyện kết nạp được 180 đảng viên mới (trong đó "
        f"50 đảng viên nữ), đạt {stated} chỉ tiêu."
    )
    claim = only(text, "share")
    assert claim.verdict == verdict  # in another sentence: a wrong rate is not flagged
    assert values(claim)[:1] == ["180"]


# ------------------------------------------------ real sets 16–17's known misses (round 18)


@pytest.mark.parametrize(("net", "verdict"), [("390", "consistent"), ("400", "inconsistent")])
def test_a_net_change_from_joins_and_exits(net, verdict):
    text = (
        "Trong năm, các cơ sở hội phát triển mới 520 hội viên, củng cố đưa ra khỏi tổ chức 130 "
        f"hội viên (do chuyển nơi ở), như vậy toàn huyện tăng {net} hội viên."
    )
    claim = only(text, "difference")
    assert claim.verdict == verdict
    assert claim.computed == 390


def test_a_net_change_compared_with_last_year_is_not_flagged():
    text = (
        "Năm nay, Đảng bộ kết nạp mới 75 đảng viên, xóa tên 5 đảng viên, tăng 12 đảng viên so "
        "với năm trước."
    )
    assert [c for c in claims(text) if c.verdict == "inconsistent"] == []


@pytest.mark.parametrize(("total", "verdict"), [("9", "consistent"), ("10", "inconsistent")])
def test_parts_after_a_lead_in_naming_the_forms(total, verdict):
    text = (
        f"Trong kỳ, toàn Đảng bộ có {total} đảng viên bị thi hành kỷ luật, với hình thức khiển "
        "trách 4, cảnh cáo 3, cách chức 2 (trong đó, Ủy ban Kiểm tra cảnh cáo 1)."
    )
    claim = only(text, "total")
    assert claim.verdict == verdict
    assert [p["text"] for p in claim.parts] == [total, "4", "3", "2"]


@pytest.mark.parametrize(("last", "verdict"), [("1", "consistent"), ("2", "unchecked")])
def test_parts_in_the_next_sentence_after_qua_phan_loai(last, verdict):
    text = (
        "Trong 6 tháng, Ủy ban Kiểm tra tiếp nhận 8 đơn thư (có 3 đơn không ký tên). Qua phân "
        f"loại, đã chuyển cơ quan có thẩm quyền 5 đơn, lưu 2 đơn, trả lại {last} đơn."
    )
    assert only(text, "total").verdict == verdict


@pytest.mark.parametrize(("total", "verdict"), [("30", "consistent"), ("31", "inconsistent")])
def test_a_list_after_a_count_of_another_thing_is_of_the_count_it_names(total, verdict):
    text = (
        f"Đến cuối năm, Đảng bộ huyện có {total} tổ chức cơ sở đảng trực thuộc với tổng số 1.250 "
        "đảng viên (gồm: 12 đảng bộ cơ sở với 95 chi bộ trực thuộc và 18 chi bộ cơ sở)."
    )
    claim = only(text, "total")
    assert claim.verdict == verdict
    assert [p["text"] for p in claim.parts] == [total, "12", "18"]


@pytest.mark.parametrize(("stated", "verdict"), [("30%", "consistent"), ("31%", "inconsistent")])
def test_a_share_of_the_named_whole_stated_in_another_paragraph(stated, verdict):
    text = (
        "Hội Cựu chiến binh khối có 60 hội viên tham gia công tác chính quyền, đoàn thể, chiếm "
        f"{stated} tổng số hội viên. Trong đó, có 40 hội viên là trưởng phòng.\n\n"
        "Toàn hội có 200 hội viên, trong đó có 150 đảng viên, chiếm 75%."
    )
    shares = {c.stated: c.verdict for c in claims(text, "share")}
    assert shares == {stated: verdict, "75%": "consistent"}


def test_a_named_whole_stated_twice_elsewhere_is_not_guessed():
    text = (
        "Hội có 60 hội viên tham gia công tác chính quyền, chiếm 31% tổng số hội viên.\n\n"
        "Toàn hội có 200 hội viên.\n\nToàn huyện có 900 hội viên."
    )
    assert [c for c in claims(text) if c.verdict == "inconsistent"] == []


@pytest.mark.parametrize(("stated", "verdict"), [("99,0%", "consistent"), ("98,0%", "unchecked")])
def test_a_rate_named_by_its_verb_against_the_one_larger_count(stated, verdict):
    text = (
        "Năm nay, toàn tỉnh có 12.000 thí sinh dự thi tốt nghiệp. Kết quả có 11.880 thí sinh đỗ "
        f"tốt nghiệp. Tỷ lệ đỗ đạt {stated}."
    )
    claim = only(text, "share")
    assert claim.verdict == verdict  # no "tổng số": the base is a guess, not flagged
    assert values(claim)[:2] == ["11.880", "12.000"]


@pytest.mark.parametrize(
    ("words", "stated", "verdict"),
    [
        ("được tiêm chủng", "95,5%", "consistent"),
        ("được tiêm chủng", "96,5%", "inconsistent"),
        ("hoàn thành", "96,5%", "unchecked"),  # the next sentence does not name it
    ],
)
def test_a_rate_detailed_by_the_fraction_of_the_next_sentence(words, stated, verdict):
    text = (
        f"Tỷ lệ trẻ {words} đầy đủ đạt {stated}. Cụ thể, có 1.910/2.000 trẻ được tiêm chủng "
        "đủ các mũi theo quy định."
    )
    assert only(text, "ratio").verdict == verdict


@pytest.mark.parametrize(("stated", "verdict"), [("87,5%", "consistent"), ("88,5%", "unchecked")])
def test_a_rate_named_by_its_verb_opening_a_clause_after_a_semicolon(stated, verdict):
    text = (
        "Trong quý, toàn tỉnh phát hiện 480 vụ; điều tra làm rõ 420 vụ; bắt 600 đối tượng; tỷ "
        f"lệ điều tra làm rõ đạt {stated}; triệt xóa 12 ổ nhóm."
    )
    claim = only(text, "share")
    assert claim.verdict == verdict
    assert values(claim)[:2] == ["420", "480"]


@pytest.mark.parametrize(
    ("stated", "verdict"), [("14,3%", "consistent"), ("15,3%", "inconsistent")]
)
def test_a_difference_in_cases_is_of_the_count_of_cases_not_of_an_amount(stated, verdict):
    text = (
        "Qua kiểm tra, phát hiện và xử lý 1.200 trường hợp vi phạm, phạt tiền 3,5 tỷ đồng, tăng "
        f"150 trường hợp so với cùng kỳ năm trước (tăng {stated})."
    )
    claim = only(text, "change")
    assert claim.verdict == verdict
    assert values(claim)[0] == "1.200"


@pytest.mark.parametrize(
    ("stated", "verdict"),
    [
        ("0,8%", "consistent"),  # 4,3 − 3,5 points
        ("18,6%", "consistent"),  # or relative to itself
        ("1,8%", "inconsistent"),
    ],
)
def test_a_change_of_a_rate_against_the_earlier_rate_in_brackets(stated, verdict):
    text = f"Đến cuối năm, tỷ lệ hộ nghèo của huyện còn 3,5%, giảm {stated} so với năm 2022 (4,3%)."
    assert only(text, "change").verdict == verdict


@pytest.mark.parametrize(
    ("stated", "verdict"), [("116,7%", "consistent"), ("106,7%", "inconsistent")]
)
def test_a_target_given_in_brackets_after_a_verb(stated, verdict):
    text = (
        f"Năm 2023, Đảng bộ kết nạp 350 đảng viên mới, đạt {stated} chỉ tiêu (chỉ tiêu giao 300 "
        "đảng viên)."
    )
    assert only(text, "share").verdict == verdict


@pytest.mark.parametrize(
    ("rate", "verdict"),
    [
        ("(giảm 21,9%)", "consistent"),  # 350 / (1.250 + 350)
        ("(giảm 25,9%)", "inconsistent"),
        (", tỷ lệ giảm 21,9%", "consistent"),
        (", tỷ lệ giảm 28%", "inconsistent"),  # 350 / 1.250: of the wrong base
        (", tỷ lệ giảm 0,5%", "unchecked"),  # far off: maybe the rate's change in points
    ],
)
def test_a_difference_and_its_rate_after_the_compared_year(rate, verdict):
    text = f"Năm 2023, toàn tỉnh có 1.250 hộ nghèo, giảm 350 hộ so với năm 2022{rate}."
    assert only(text, "change").verdict == verdict


@pytest.mark.parametrize(("stated", "verdict"), [("400", "consistent"), ("300", "inconsistent")])
def test_what_remains_named_by_its_first_word(stated, verdict):
    text = (
        f"Năm 2022, toàn huyện có 1.600 hộ nghèo; đến cuối năm 2023 còn 1.200 hộ, giảm {stated} hộ."
    )
    assert only(text, "difference").verdict == verdict


@pytest.mark.parametrize(("stated", "verdict"), [("1%", "consistent"), ("1,5%", "inconsistent")])
def test_a_change_after_a_rate_going_from_one_value_to_another(stated, verdict):
    text = (
        "Trong năm, số hộ nghèo giảm từ 2.400 hộ xuống còn 1.900 hộ, tỷ lệ hộ nghèo giảm từ 4,8% "
        f"xuống còn 3,8%, giảm {stated}."
    )
    claim = only(text, "change")
    assert claim.verdict == verdict
    assert values(claim)[:2] == ["4,8%", "3,8%"]  # the rates, not the counts


@pytest.mark.parametrize(
    ("stated", "verdict"), [("11,7%", "consistent"), ("12,7%", "inconsistent")]
)
def test_a_difference_whose_subject_names_one_of_two_counts(stated, verdict):
    text = (
        "Lực lượng chức năng đã phát hiện, lập biên bản 2.345 vụ vi phạm hành chính, xử phạt "
        "2.100 vụ, thu nộp ngân sách 5,2 tỷ đồng. So với cùng kỳ năm 2022, số vụ vi phạm tăng "
        f"245 vụ (tăng {stated})."
    )
    claim = only(text, "change")
    assert claim.verdict == verdict
    assert values(claim)[0] == "2.345"


def test_a_rate_that_is_the_rest_of_the_whole_is_not_flagged():
    text = (
        "Cả nước có 18.432 thí sinh bị trượt tốt nghiệp trên tổng số 1.012.398 thí sinh dự thi, "
        "tỷ lệ đỗ tốt nghiệp đạt 98,18%."
    )
    claim = only(text, "ratio")
    assert claim.verdict == "unchecked" and "phần còn lại" in claim.doubt


@pytest.mark.parametrize(
    ("rate", "verdict"), [("[22,50%]", "consistent"), ("[26,50%]", "inconsistent")]
)
def test_a_difference_with_its_rate_in_square_brackets(rate, verdict):
    # 360 / (1.240 + 360) = 22,5%: the rate of the fall, not a share of the 1.240
    text = f"Trong quý, các cấp đã tiếp 1.240 lượt công dân, giảm 360 lượt so cùng kỳ {rate}."
    assert only(text, "change").verdict == verdict
    assert not claims(text, "share") and not claims(text, "ratio")


@pytest.mark.parametrize(("rate", "verdict"), [("25%", "consistent"), ("35%", "unchecked")])
def test_a_bracketed_difference_after_a_list_is_the_change_of_its_total(rate, verdict):
    # 150 / (450 + 150) = 25%; the 150 in brackets is no part of the 450
    text = (
        "Cấp huyện tiếp 450 lượt, trong đó: khiếu nại 30 lượt, tố cáo 20 lượt, loại khác 400 "
        f"lượt [giảm 150 lượt = {rate} so cùng kỳ]."
    )
    assert only(text, "change").verdict == verdict
    assert not claims(text, "share")
    total = only(text, "total")
    assert total.verdict == "consistent"
    assert [p["text"] for p in total.parts if p["role"] == "thành phần"] == ["30", "20", "400"]


def test_a_bracketed_rate_of_a_difference_after_a_share_may_be_points():
    # 300 / 2.400 = 12,5% as a relative fall, but 10% − 8,75% = 1,25 points: either reading
    text = (
        "Theo kết quả rà soát, tổng số hộ nghèo còn 2.100/24.000 hộ, chiếm tỷ lệ 8,75%, giảm 300 "
        "hộ nghèo (1,25%) so với đầu năm."
    )
    claim = only(text, "change")
    assert claim.verdict == "unchecked" and claim.doubt


@pytest.mark.parametrize(
    ("lead", "verdict"),
    [("Trong quý, cấp xã giảm", "unchecked"), ("So với cùng kỳ năm 2022, giảm", "inconsistent")],
)
def test_a_difference_and_its_rate_after_a_count_of_the_sentence_before(lead, verdict):
    # 360 / (1.600 + 360) = 18,4%: with a subject of its own the sentence may be about another
    # count, so the 1.600 is a guess; a sentence that only compares goes on from the one before
    text = f"Năm 2023, cả tỉnh có 1.600 lượt công dân đến các cơ quan. {lead} 360 lượt (22,50%)."
    assert only(text, "change").verdict == verdict


@pytest.mark.parametrize(("stated", "verdict"), [("64%", "consistent"), ("64,5%", "inconsistent")])
def test_the_classes_of_a_make_up_add_up_to_the_persons_counted_before(stated, verdict):
    # 640 + 350 + 10 = 1.000 nhân khẩu: the whole of every share of the make-up
    text = (
        "Thôn có 215 hộ với 1.000 nhân khẩu. Cơ cấu dân tộc: dân tộc Tày 640 người, chiếm "
        f"{stated}; dân tộc Kinh 350 người, chiếm 35%; dân tộc khác 10 người, chiếm 1%."
    )
    shares = claims(text, "share")
    assert [c.verdict for c in shares] == [verdict, "consistent", "consistent"]
    assert all(c.parts[0]["text"] == "1.000" for c in shares)


@pytest.mark.parametrize(("stated", "verdict"), [("2,5%", "consistent"), ("0.25%", "inconsistent")])
def test_list_lines_of_labelled_counts_adding_up_to_the_line_before(stated, verdict):
    # 390 + 10 = 400 phiếu thu về: the whole of both rates (10/400 = 2,5%)
    text = (
        "- Kết quả kiểm phiếu:\n"
        "+ Số phiếu phát ra: 400 + Số phiếu thu về: 400\n"
        "+ Số phiếu hợp lệ: 390 + Đạt tỷ lệ: 97,5 %\n"
        f"+ Phiếu không hợp lệ: 10 + Đạt tỷ lệ: {stated}\n"
    )
    shares = claims(text, "share")
    assert [c.verdict for c in shares] == ["consistent", verdict]
    assert shares[1].parts[0]["text"] == "400"


@pytest.mark.parametrize(
    ("stated", "verdict"), [("37,50  %", "consistent"), ("36,50  %", "inconsistent")]
)
def test_a_rate_with_two_spaces_before_its_percent_sign(stated, verdict):
    assert only(f"* Đại biểu nữ:      09/24 vị chiếm     {stated};", "ratio").verdict == verdict
