"""Số định danh cá nhân (CCCD): 12 digits, checked and decoded.

Layout (Thông tư 07/2016/TT-BCA, Thông tư 59/2021/TT-BCA): 3 digits province of birth
registration + 1 century/sex digit + 2 digits of the birth year + 6 serial digits.
There is no check digit, so a well-formed number can still be wrong.
"""

import re
import unicodedata
from datetime import date
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils import timezone

from dangvu.vntext.search_keys import search_key

__all__ = ["CENTURY_SEX_DIGITS", "PROVINCE_CODES", "CccdFacts", "cccd_facts", "validate_cccd"]

CCCD_LENGTH = 12
OLD_CMND_LENGTH = 9

# Codes of the 63 provinces before the 2025 merger (the 34 merged provinces reuse some of
# them, so every code in use is here). The name is the one at the time of registration.
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

# Fourth digit -> (first year of the century, sex): even = nam, odd = nữ.
CENTURY_SEX_DIGITS: dict[str, tuple[int, str]] = {
    "0": (1900, "nam"),
    "1": (1900, "nu"),
    "2": (2000, "nam"),
    "3": (2000, "nu"),
    "4": (2100, "nam"),
    "5": (2100, "nu"),
    "6": (2200, "nam"),
    "7": (2200, "nu"),
    "8": (2300, "nam"),
    "9": (2300, "nu"),
}
GENDER_LABELS = {"nam": "nam", "nu": "nữ"}

_NAME = "số định danh cá nhân (CCCD)"
_NAME_START = "Số định danh cá nhân (CCCD)"
_HINT = "Hãy đối chiếu lại với thẻ căn cước."


class CccdFacts(NamedTuple):
    """What a CCCD number says about its holder."""

    province_code: str
    province_name: str
    century_start_year: int
    gender: str
    birth_year: int


def validate_cccd(
    value: str | None, *, birth_date: date | None = None, gender: str | None = None
) -> str:
    """Return the 12-digit CCCD without spaces, or raise ValidationError saying what to fix.

    With ``birth_date`` / ``gender`` ("nam" / "nu") the century/sex digit and the two
    year digits must agree with them. A number whose birth year is in the future is wrong.
    """
    digits = _clean_digits(value)
    facts = _decode(digits)
    errors = _consistency_errors(digits, facts, birth_date=birth_date, gender=gender)
    if errors:
        raise ValidationError(errors)
    return digits


def cccd_into(
    errors: dict, value: str, *, birth_date=None, gender: str | None = None
) -> str | None:
    """For services that gather every field's errors: the validated CCCD, or ``None`` with the
    reasons added to ``errors["cccd"]`` (``birth_date`` is used only if it is a date)."""
    try:
        return validate_cccd(
            value,
            birth_date=birth_date if isinstance(birth_date, date) else None,
            gender=gender,
        )
    except ValidationError as exc:
        errors.setdefault("cccd", []).extend(exc.messages)
        return None


def cccd_facts(value: str) -> CccdFacts:
    """Decode a CCCD (validated first): province, century, sex and birth year."""
    return _decode(validate_cccd(value))


def _clean_digits(value: str | None) -> str:
    """The digits of ``value`` with whitespace removed; raise on anything but 12 digits."""
    if value is not None and not isinstance(value, str):
        raise ValidationError(
            f"{_NAME_START} phải được nhập dạng văn bản (chuỗi 12 chữ số), không phải dạng số, "
            "để giữ các chữ số 0 ở đầu.",
            code="cccd_type",
        )
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value or ""))
    if not text:
        raise ValidationError(f"Chưa nhập {_NAME}; hãy nhập đủ 12 chữ số.", code="cccd_required")
    bad = sorted(set(re.sub(r"[0-9]", "", text)))
    if bad:
        shown = ", ".join(f"“{char}”" for char in bad)
        raise ValidationError(
            f"{_NAME_START} chỉ gồm các chữ số 0–9, nhưng có ký tự {shown}. "
            "Hãy nhập đúng 12 chữ số (chú ý chữ O và số 0).",
            code="cccd_digits",
        )
    if len(text) != CCCD_LENGTH:
        raise ValidationError(_length_message(text), code="cccd_length")
    return text


def _length_message(text: str) -> str:
    """Why a string of digits has the wrong length, and what to do."""
    message = f"{_NAME_START} phải có đúng 12 chữ số, số vừa nhập có {len(text)} chữ số."
    if len(text) == OLD_CMND_LENGTH:
        return f"{message} Số 9 chữ số là CMND cũ: hãy nhập vào ô Số CMND cũ."
    if len(text) == CCCD_LENGTH - 1 and not text.startswith("0"):
        return f"{message} Có thể đã mất chữ số 0 ở đầu (hay gặp khi chép từ Excel)."
    return f"{message} {_HINT}"


def _decode(digits: str) -> CccdFacts:
    """Facts of a well-formed 12-digit string; raise if the province code is unknown."""
    code = digits[:3]
    if code not in PROVINCE_CODES:
        raise ValidationError(
            f"Ba chữ số đầu “{code}” của {_NAME} không phải mã tỉnh, thành phố nơi đăng ký "
            f"khai sinh; mã hợp lệ từ 001 (Hà Nội) đến 096 (Cà Mau). {_HINT}",
            code="cccd_province",
        )
    century, sex = CENTURY_SEX_DIGITS[digits[3]]
    return CccdFacts(
        province_code=code,
        province_name=PROVINCE_CODES[code],
        century_start_year=century,
        gender=sex,
        birth_year=century + int(digits[4:6]),
    )


def _consistency_errors(
    digits: str, facts: CccdFacts, *, birth_date: date | None, gender: str | None
) -> list[ValidationError]:
    """Disagreements between the number, today, the birth date and the gender."""
    errors: list[ValidationError] = []
    century_digit, year_digits = digits[3], digits[4:6]
    if facts.birth_year > timezone.localdate().year:
        errors.append(
            ValidationError(
                f"Các chữ số thứ 4–6 “{digits[3:6]}” của {_NAME} cho năm sinh "
                f"{facts.birth_year}, là năm chưa tới. {_HINT}",
                code="cccd_future",
            )
        )
    if birth_date is not None:
        year = birth_date.year
        if year - year % 100 != facts.century_start_year:
            errors.append(
                ValidationError(
                    f"Chữ số thứ 4 của {_NAME} là “{century_digit}”, nghĩa là sinh trong các năm "
                    f"{facts.century_start_year}–{facts.century_start_year + 99}, nhưng năm sinh "
                    f"là {year}. Hãy kiểm tra lại {_NAME} hoặc ngày sinh.",
                    code="cccd_century",
                )
            )
        if int(year_digits) != year % 100:
            errors.append(
                ValidationError(
                    f"Chữ số thứ 5–6 của {_NAME} là “{year_digits}”, nhưng năm sinh là {year} "
                    f"(phải là {year % 100:02d}). Hãy kiểm tra lại {_NAME} hoặc ngày sinh.",
                    code="cccd_birth_year",
                )
            )
    expected = _gender_key(gender)
    if expected is not None and expected != facts.gender:
        errors.append(
            ValidationError(
                f"Chữ số thứ 4 của {_NAME} là “{century_digit}”, dành cho người "
                f"{GENDER_LABELS[facts.gender]}, nhưng giới tính đang chọn là "
                f"{GENDER_LABELS[expected]}. Hãy kiểm tra lại {_NAME} hoặc giới tính.",
                code="cccd_gender",
            )
        )
    return errors


def _gender_key(gender: str | None) -> str | None:
    """ "nam" / "nu" from "nam", "nu", "Nữ"...; None when not given."""
    if not gender:
        return None
    key = search_key(gender)
    if key not in GENDER_LABELS:
        raise ValueError(f"gender phải là 'nam' hoặc 'nu', không phải {gender!r}")
    return key
