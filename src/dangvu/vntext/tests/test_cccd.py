from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dangvu.vntext.cccd import PROVINCE_CODES, CccdFacts, cccd_facts, cccd_into, validate_cccd


def codes_of(excinfo) -> list[str]:
    return [error.code for error in excinfo.value.error_list]


def test_province_codes_are_the_63_provinces():
    assert len(PROVINCE_CODES) == 63
    assert all(len(code) == 3 and code.isdigit() for code in PROVINCE_CODES)
    assert PROVINCE_CODES["001"] == "Hà Nội"
    assert PROVINCE_CODES["027"] == "Bắc Ninh"
    assert PROVINCE_CODES["038"] == "Thanh Hóa"
    assert PROVINCE_CODES["079"] == "Hồ Chí Minh"
    assert PROVINCE_CODES["096"] == "Cà Mau"
    for unused in ("000", "003", "005", "047", "090", "097", "099"):
        assert unused not in PROVINCE_CODES


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("001085012345", "001085012345"),
        (" 001 085 012 345 ", "001085012345"),
        ("001\u00a0085012345", "001085012345"),
        ("００１０８５０１２３４５", "001085012345"),  # full-width digits from some keyboards
    ],
)
def test_valid_numbers_come_back_clean(typed, cleaned):
    assert validate_cccd(typed) == cleaned


def test_facts():
    assert cccd_facts("001085012345") == CccdFacts(
        province_code="001",
        province_name="Hà Nội",
        century_start_year=1900,
        gender="nam",
        birth_year=1985,
    )
    facts = cccd_facts("079302009988")
    assert (facts.province_name, facts.gender, facts.birth_year) == ("Hồ Chí Minh", "nu", 2002)
    assert cccd_facts("027190001234").gender == "nu"
    assert cccd_facts("027190001234").birth_year == 1990


def test_integers_are_refused_because_leading_zeros_are_lost():
    with pytest.raises(ValidationError) as excinfo:
        validate_cccd(1085012345)  # type: ignore[arg-type]
    assert codes_of(excinfo) == ["cccd_type"]
    assert "số 0 ở đầu" in excinfo.value.messages[0]


@pytest.mark.parametrize(
    ("typed", "code", "hint"),
    [
        ("", "cccd_required", "12 chữ số"),
        (None, "cccd_required", "12 chữ số"),
        ("00108501234O", "cccd_digits", "chữ O và số 0"),
        ("001-085-012345", "cccd_digits", "“-”"),
        ("0010850123456", "cccd_length", "có 13 chữ số"),
        ("123456789", "cccd_length", "CMND cũ"),
        ("1085012345", "cccd_length", "có 10 chữ số"),
        ("27190001234", "cccd_length", "mất chữ số 0 ở đầu"),
        ("003085012345", "cccd_province", "“003”"),
        ("097085012345", "cccd_province", "001 (Hà Nội) đến 096 (Cà Mau)"),
    ],
)
def test_malformed_numbers_say_what_to_fix(typed, code, hint):
    with pytest.raises(ValidationError) as excinfo:
        validate_cccd(typed)
    assert codes_of(excinfo) == [code]
    assert hint in excinfo.value.messages[0]


@pytest.mark.parametrize(
    ("number", "birth_date", "gender"),
    [
        ("001085012345", date(1985, 6, 1), "nam"),
        ("027190001234", date(1990, 2, 3), "nu"),
        ("079302009988", date(2002, 9, 2), "nữ"),
        ("038201004567", date(2001, 12, 31), "Nam"),
    ],
)
def test_consistent_with_birth_date_and_gender(number, birth_date, gender):
    assert validate_cccd(number, birth_date=birth_date, gender=gender) == number


def test_century_digit_must_match_the_birth_year():
    # Digit 2 means born 2000-2099, but the member was born in 1985.
    with pytest.raises(ValidationError) as excinfo:
        validate_cccd("001285012345", birth_date=date(1985, 1, 1))
    assert "cccd_century" in codes_of(excinfo)
    assert "2000–2099" in " ".join(excinfo.value.messages)


def test_year_digits_must_match_the_birth_year():
    with pytest.raises(ValidationError) as excinfo:
        validate_cccd("001085012345", birth_date=date(1986, 1, 1))
    assert codes_of(excinfo) == ["cccd_birth_year"]
    assert "phải là 86" in excinfo.value.messages[0]


def test_sex_digit_must_match_the_gender():
    with pytest.raises(ValidationError) as excinfo:
        validate_cccd("001085012345", gender="nu")
    assert codes_of(excinfo) == ["cccd_gender"]
    assert "nữ" in excinfo.value.messages[0]
    with pytest.raises(ValidationError):
        validate_cccd("027190001234", gender="nam")


def test_all_disagreements_are_reported_together():
    with pytest.raises(ValidationError) as excinfo:
        validate_cccd("001185012345", birth_date=date(2003, 5, 5), gender="nam")
    assert codes_of(excinfo) == ["cccd_century", "cccd_birth_year", "cccd_gender"]


def test_birth_year_in_the_future_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        validate_cccd("001245012345")  # digit 2 + "45": born 2045
    assert codes_of(excinfo) == ["cccd_future"]


def test_unknown_gender_value_is_a_programming_error():
    with pytest.raises(ValueError, match="nam"):
        validate_cccd("001085012345", gender="male")


@pytest.mark.parametrize(
    ("number", "century", "gender"),
    [
        ("001085012345", 1900, "nam"),
        ("001185012345", 1900, "nu"),
        ("001205012345", 2000, "nam"),
        ("001305012345", 2000, "nu"),
    ],
)
def test_century_sex_digit_table(number, century, gender):
    facts = cccd_facts(number)
    assert (facts.century_start_year, facts.gender) == (century, gender)


@pytest.mark.parametrize("digit", ["4", "5", "6", "7", "8", "9"])
def test_century_digits_after_2099_cannot_be_a_living_person(digit):
    # Thông tư 07/2016/TT-BCA: 4/5 = 2100s, 6/7 = 2200s, 8/9 = 2300s (not the 1800s).
    with pytest.raises(ValidationError) as excinfo:
        validate_cccd(f"001{digit}90012345", birth_date=date(1890, 1, 1))
    assert codes_of(excinfo) == ["cccd_future", "cccd_century"]


def test_cccd_into_gathers_the_reasons_with_the_other_fields():
    errors = {"ten": ["Thiếu tên."]}
    assert cccd_into(errors, " 001 080 001234 ", birth_date=date(1980, 3, 12), gender="nam") == (
        "001080001234"
    )
    assert list(errors) == ["ten"]
    assert cccd_into(errors, "001080001234", birth_date=date(1990, 1, 1), gender="nam") is None
    assert errors["cccd"] and list(errors) == ["ten", "cccd"]
    # a birth date that is not (yet) a date is ignored, not an error of its own
    assert cccd_into({}, "001080001234", birth_date="12/03/19", gender=None) == "001080001234"
