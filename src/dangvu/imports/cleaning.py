"""Turning one raw cell into a clean value, or a Vietnamese reason why it cannot be."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from dangvu.vntext.normalize import clean_text
from dangvu.vntext.search_keys import search_key

from .member_columns import Column

EXCEL_EPOCH = date(1899, 12, 30)
DATE_PATTERNS = (
    re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$"),  # dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy
)
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
GENDERS = {"nam": "nam", "m": "nam", "male": "nam", "nu": "nu", "f": "nu", "female": "nu"}
STATUSES = {
    "chinh thuc": "chinh_thuc",
    "dang vien chinh thuc": "chinh_thuc",
    "du bi": "du_bi",
    "dang vien du bi": "du_bi",
    "mien sinh hoat": "mien_sinh_hoat",
    "mien cong tac va sinh hoat": "mien_sinh_hoat",
    "mien cong tac sinh hoat": "mien_sinh_hoat",
    "da chuyen di": "chuyen_di",
    "chuyen di": "chuyen_di",
    "chuyen sinh hoat di": "chuyen_di",
    "tu tran": "tu_tran",
    "da mat": "tu_tran",
    "tu tran da mat": "tu_tran",
    "xoa ten": "xoa_ten",
    "khai tru": "khai_tru",
    "ra khoi dang": "ra_khoi_dang",
    "xin ra khoi dang": "ra_khoi_dang",
}
THEORY = {
    "": "",
    "so cap": "so_cap",
    "trung cap": "trung_cap",
    "cao cap": "cao_cap",
    "cu nhan": "cu_nhan",
    "chua qua dao tao": "",
}


def _digits_from_number(value, width: int) -> str | None:
    """An identifier Excel turned into a number: put back the lost leading zeros."""
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    text = str(value)
    if not text.isdigit() or len(text) > width:
        return None
    return text.zfill(width) if len(text) >= width - 3 else None


def clean_date(value) -> tuple[date | None, str | None]:
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 80000:  # an Excel serial day number
            return EXCEL_EPOCH + timedelta(days=int(value)), None
        return None, "không phải ngày (dd/mm/yyyy)"
    if value.__class__ is str:
        return _date_from_text(value)
    return _date_from_text.__wrapped__(str(value))


@lru_cache(maxsize=8192)
def _date_from_text(value: str) -> tuple[date | None, str | None]:
    """A date written as text (files repeat the same dates: each is parsed once)."""
    text = clean_text(value).replace(" ", "")
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return date(year, month, day), None
            except ValueError:
                return None, f"ngày {text} không tồn tại"
    match = ISO.match(text)
    if match:
        try:
            return date(*(int(g) for g in match.groups())), None
        except ValueError:
            return None, f"ngày {text} không tồn tại"
    return None, "không đọc được ngày; hãy ghi theo dạng dd/mm/yyyy"


def clean_value(column: Column, value) -> tuple[object, str | None]:
    """(clean value, None) or (None, reason). Empty cells give ("", None) or (None, None)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return (None if column.kind == "date" else ""), None
    kind = column.kind
    if kind == "date":
        return clean_date(value)
    if kind == "id":
        if isinstance(value, int | float) and not isinstance(value, bool):
            width = 12 if column.field == "cccd" else (9 if len(str(int(value))) <= 9 else 12)
            digits = _digits_from_number(value, width)
            if digits is None:
                return None, "không phải dãy số định danh"
            return digits, None
        text = re.sub(r"[\s'’.\-]", "", clean_text(str(value)))
        return text, None
    if kind == "card":
        if isinstance(value, float) and not value.is_integer():
            whole, fraction = divmod(round(value * 1_000_000), 1_000_000)
            return f"{int(whole):02d}.{int(fraction):06d}", None
        if isinstance(value, int | float) and not isinstance(value, bool):
            digits = _digits_from_number(value, 12)
            return (digits, None) if digits else (None, "số thẻ không đúng dạng")
        text = re.sub(r"[\s'’]", "", clean_text(str(value)))
        if re.fullmatch(r"\d{12}|\d{2}\.\d{6}", text):
            return text, None
        if re.fullmatch(r"\d{1,2}\.\d{1,6}", text):  # "1.23456" typed without zeros
            head, tail = text.split(".")
            return f"{int(head):02d}.{tail.ljust(6, '0')}", None
        return None, "số thẻ phải có 12 chữ số (thẻ mới) hoặc dạng NN.NNNNNN (thẻ cũ)"
    if kind in ("gender", "status", "theory") and value.__class__ is str:
        return _choice(kind, value)
    return _text_value(kind, value)


@lru_cache(maxsize=1024)
def _choice(kind: str, value: str) -> tuple[object, str | None]:
    """Gender, status and theory level: a handful of spellings, each looked up once."""
    return _text_value(kind, value)


def _text_value(kind: str, value) -> tuple[object, str | None]:
    text = clean_text(str(value))
    if kind == "gender":
        gender = GENDERS.get(search_key(text))
        return (gender, None) if gender else (None, "giới tính phải là Nam hoặc Nữ")
    if kind == "status":
        status = STATUSES.get(search_key(text))
        if status is None:
            return None, (
                "trạng thái không rõ; dùng: Chính thức, Dự bị, Miễn sinh hoạt, "
                "Đã chuyển đi, Từ trần, Xóa tên, Khai trừ, Ra khỏi Đảng"
            )
        return status, None
    if kind == "theory":
        level = THEORY.get(search_key(text))
        return (
            (level, None)
            if level is not None
            else (None, "lý luận chính trị: Sơ cấp, Trung cấp, Cao cấp, Cử nhân hoặc để trống")
        )
    return text, None
