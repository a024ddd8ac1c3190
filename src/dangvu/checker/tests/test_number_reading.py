"""vntext.formats.numbers_in_text: Vietnamese and English number formats in running text."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.vntext.formats import format_number, numbers_in_text


def values(text):
    return [(n.text, n.value, n.decimals) for n in numbers_in_text(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.229 học viên", [("2.229", Decimal(2229), 0)]),
        ("đạt 96,1%", [("96,1", Decimal("96.1"), 1)]),
        ("12.446.000 đồng", [("12.446.000", Decimal(12446000), 0)]),
        ("tăng 12.75%", [("12.75", Decimal("12.75"), 2)]),
        (
            "1.234,5 và 1,234.5",
            [("1.234,5", Decimal("1234.5"), 1), ("1,234.5", Decimal("1234.5"), 1)],
        ),
        ("183 đảng viên, giảm", [("183", Decimal(183), 0)]),
        ("hết 2.229. Sau", [("2.229", Decimal(2229), 0)]),
        ("B52 và 4G", []),
        ("0.5%", [("0.5", Decimal("0.5"), 1)]),
    ],
)
def test_numbers_in_text(text, expected):
    assert values(text) == expected


def test_spans_point_into_the_text():
    text = "Cấp cơ sở 6.042/6.213 đảng viên, đạt 96,7%"
    for number in numbers_in_text(text):
        assert text[number.start : number.end] == number.text


@given(st.integers(min_value=0, max_value=10**12))
def test_vietnamese_grouped_integers_read_back(n):
    written = format_number(n)
    [found] = numbers_in_text(f"có {written} đảng viên")
    assert found.value == n and found.decimals == 0


@given(st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False))
def test_vietnamese_percentages_read_back(value):
    written = format_number(value, 1)
    [found] = numbers_in_text(f"đạt {written}%")
    assert found.value == value and found.decimals == 1


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=99))
def test_english_two_decimals_are_not_thousands(whole, cents):
    [found] = numbers_in_text(f"tăng {whole}.{cents:02d}%")
    assert found.value == Decimal(f"{whole}.{cents:02d}") and found.decimals == 2
