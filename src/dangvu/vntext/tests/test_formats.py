import dataclasses
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.vntext.formats import (
    Ratio,
    format_change,
    format_count,
    format_date,
    format_date_dash,
    format_date_long,
    format_number,
    format_percent,
    parse_vn_number,
    percent_change,
    ratio,
)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (2229, 0, "2.229"),
        (12446, 0, "12.446"),
        (6042, 0, "6.042"),
        (968, 0, "968"),
        (1234567, 0, "1.234.567"),
        (Decimal("96.1"), 1, "96,1"),
        (Decimal("96.15"), 1, "96,2"),  # half-up, not banker's rounding
        (Decimal("96.25"), 1, "96,3"),
        (96.1, 1, "96,1"),
        (2.675, 2, "2,68"),  # from the float's decimal text, not its binary value
        (Decimal("1234.5"), 1, "1.234,5"),
        (Decimal("1234.5"), 0, "1.235"),
        (-1234.5, 1, "-1.234,5"),
        (Decimal("-0.04"), 1, "0,0"),
        (0, 2, "0,00"),
        (None, 0, ""),
    ],
)
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_format_number_truncate_option():
    assert format_number(Decimal("83.56"), 1, rounding="truncate") == "83,5"


def test_format_percent_follows_the_rounding_setting(settings):
    assert format_percent(Decimal("96.1")) == "96,1%"
    assert format_percent(Decimal("83.5616")) == "83,6%"
    settings.DANGVU_ROUNDING = "truncate"
    assert format_percent(Decimal("83.5616")) == "83,5%"
    assert format_percent(Decimal("83.5616"), rounding="half_up") == "83,6%"
    assert format_percent(None) == ""
    assert format_percent(100, 0) == "100%"


@pytest.mark.parametrize(
    ("numerator", "denominator", "half_up", "truncated", "text"),
    [
        (941, 968, Decimal("97.2"), Decimal("97.2"), "941/968 (97,2%)"),
        # The seed report wrote 95,1% (truncated); dangvu rounds half-up by default.
        (337, 354, Decimal("95.2"), Decimal("95.1"), "337/354 (95,2%)"),
        # The seed wrote 83,5% for 61/73 = 83,56%: a truncation.
        (61, 73, Decimal("83.6"), Decimal("83.5"), "61/73 (83,6%)"),
        # The seed wrote 96,7% next to 6.042/6.213, but the ratio is 97,25%.
        (6042, 6213, Decimal("97.2"), Decimal("97.2"), "6.042/6.213 (97,2%)"),
        (968, 968, Decimal("100.0"), Decimal("100.0"), "968/968 (100,0%)"),
    ],
)
def test_ratios_from_the_seed_reports(settings, numerator, denominator, half_up, truncated, text):
    share = ratio(numerator, denominator)
    assert share.percent() == half_up
    assert share.percent(rounding="truncate") == truncated
    assert share.text() == text
    assert str(share) == text
    settings.DANGVU_ROUNDING = "truncate"
    assert share.percent() == truncated


def test_ratio_61_73_written_like_the_seed_when_truncating(settings):
    settings.DANGVU_ROUNDING = "truncate"
    assert ratio(61, 73).text() == "61/73 (83,5%)"


def test_ratio_decimals_and_zero_denominator():
    assert ratio(941, 968).percent(2) == Decimal("97.21")
    assert ratio(941, 968).text(0) == "941/968 (97%)"
    empty = ratio(941, 0)
    assert empty.percent() is None
    assert empty.text() == "941/0 (—)"
    assert str(ratio(0, 0)) == "0/0 (—)"


def test_ratio_is_frozen_and_rejects_unknown_rounding():
    share = Ratio(numerator=1, denominator=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        share.numerator = 2  # type: ignore[misc]
    with pytest.raises(ValueError, match="half_up"):
        share.percent(rounding="bankers")


def test_percent_change_and_its_text():
    # Seed: 183 kỷ luật in 2016, 155 in 2017. (The seed's "giảm 14,4%" does not follow.)
    assert percent_change(183, 155) == Decimal("-15.3")
    assert format_change(183, 155) == "giảm 15,3%"
    assert percent_change(100, 104) == Decimal("4.0")
    assert format_change(100, 104) == "tăng 4,0%"
    assert format_change(155, 135) == "giảm 12,9%"
    assert format_change(37, 37) == "không đổi"
    assert percent_change(0, 5) is None
    assert format_change(0, 5) == "tăng từ 0 lên 5"


def test_percent_change_rounding(settings):
    # 61 -> 10 is -83.606...%
    assert percent_change(61, 10) == Decimal("-83.6")
    settings.DANGVU_ROUNDING = "truncate"
    assert percent_change(73, 12) == Decimal("-83.5")  # -83.56 truncated toward zero


@pytest.mark.parametrize(
    ("d", "short", "long", "dash"),
    [
        (date(2023, 9, 6), "06/09/2023", "ngày 06 tháng 9 năm 2023", "6-9-2023"),
        (date(2023, 2, 15), "15/02/2023", "ngày 15 tháng 02 năm 2023", "15-2-2023"),
        (date(2016, 4, 12), "12/04/2016", "ngày 12 tháng 4 năm 2016", "12-4-2016"),
        (date(2021, 1, 5), "05/01/2021", "ngày 05 tháng 01 năm 2021", "5-1-2021"),
        (date(2022, 3, 1), "01/03/2022", "ngày 01 tháng 3 năm 2022", "1-3-2022"),
        (date(2018, 12, 22), "22/12/2018", "ngày 22 tháng 12 năm 2018", "22-12-2018"),
    ],
)
def test_dates(d, short, long, dash):
    assert format_date(d) == short
    assert format_date_long(d) == long
    assert format_date_dash(d) == dash


def test_dates_none_and_aware_datetime_in_local_time():
    assert format_date(None) == format_date_long(None) == format_date_dash(None) == ""
    # 20:00 UTC on 1 Sep is already 2 Sep (Quốc khánh) in Asia/Ho_Chi_Minh.
    moment = datetime(2023, 9, 1, 20, 0, tzinfo=UTC)
    assert format_date(moment) == "02/09/2023"
    assert format_date(datetime(2023, 9, 1, 20, 0)) == "01/09/2023"


@pytest.mark.parametrize(
    ("n", "width", "expected"),
    [(4, 2, "04"), (0, 2, "00"), (27, 2, "27"), (3, 3, "003"), (6042, 2, "6.042"), (None, 2, "")],
)
def test_format_count(n, width, expected):
    assert format_count(n, width) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.229", Decimal("2229")),
        ("12.446", Decimal("12446")),
        ("6.042", Decimal("6042")),
        ("12.446.000", Decimal("12446000")),
        ("96,1", Decimal("96.1")),
        ("1.234,5", Decimal("1234.5")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("12.75", Decimal("12.75")),
        ("0.123", Decimal("0.123")),
        ("1234.567", Decimal("1234.567")),
        ("1,234.5", Decimal("1234.5")),
        ("1,234,567", Decimal("1234567")),
        ("-2.229", Decimal("-2229")),
        (" 96,1% ", Decimal("96.1")),
        ("2 229", Decimal("2229")),
        ("941", Decimal("941")),
        (Decimal("1.5"), Decimal("1.5")),
        (7, Decimal("7")),
    ],
)
def test_parse_vn_number(text, expected):
    assert parse_vn_number(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "5,", "1,23,4", "12.34.567", "1.234,5.6"])
def test_parse_vn_number_rejects(text):
    with pytest.raises(ValueError, match="Không đọc được số"):
        parse_vn_number(text)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_integers_round_trip(n):
    assert parse_vn_number(format_number(n)) == n


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
    st.integers(min_value=2, max_value=4),
)
def test_decimals_round_trip(value, decimals):
    assert parse_vn_number(format_number(value, decimals)) == value
