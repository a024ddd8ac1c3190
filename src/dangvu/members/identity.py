"""Identity checks shared by every record of a person (a member, a candidate for admission).

Services that gather every field's errors call :func:`check_name_gender_birth` and
:func:`check_cccd` on the record as it will be (``merged``: the current values updated with
the new ones) and raise one ``ValidationError(errors)`` at the end.
"""

from __future__ import annotations

from datetime import date

from dangvu.accounts.scopes import today
from dangvu.vntext.cccd import cccd_into

from .models import Gender


def check_name_gender_birth(errors: dict[str, list[str]], merged: dict) -> bool:
    """A given name, a gender and a birth date not in the future; True when the birth date
    passed (so that a caller may check it further, e.g. a minimum age)."""
    if not merged.get("ten"):
        errors.setdefault("ten", []).append("Thiếu tên.")
    if merged.get("gender") not in Gender.values:
        errors.setdefault("gender", []).append("Giới tính phải là Nam hoặc Nữ.")
    birth = merged.get("birth_date")
    if not isinstance(birth, date):
        errors.setdefault("birth_date", []).append("Thiếu ngày sinh (dd/mm/yyyy).")
        return False
    if birth > today():
        errors.setdefault("birth_date", []).append("Ngày sinh ở tương lai.")
        return False
    return True


def check_cccd(errors: dict[str, list[str]], merged: dict, cleaned: dict) -> str | None:
    """The record's CCCD validated against its birth date and gender (stored back in
    ``cleaned`` when it is being changed); None when there is none or it is wrong. Whether
    another record holds it is the caller's check."""
    cccd = merged.get("cccd") and cccd_into(
        errors, merged["cccd"], birth_date=merged.get("birth_date"), gender=merged.get("gender")
    )
    if cccd and "cccd" in cleaned:
        cleaned["cccd"] = cccd
    return cccd or None
