"""Template filters for Vietnamese formats; a builtin, so no ``{% load %}`` is needed.

{{ 2229|vn_number }} -> 2.229 · {{ 96.14|vn_percent }} -> 96,1% · {{ d|vn_date }} ->
06/09/2023 · {{ d|vn_date_long }} -> ngày 06 tháng 9 năm 2023 · {{ d|vn_date_dash }} ->
6-9-2023 · {{ 4|vn_count }} -> 04 · {% vn_ratio 941 968 %} -> 941/968 (97,2%) ·
{{ name|search_key }} -> nguyen van an. Values that cannot be formatted come back as given.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django import template

from dangvu.vntext import formats
from dangvu.vntext import search_keys as keys

register = template.Library()

_NUMBER_ERRORS = (TypeError, ValueError, ArithmeticError)


@register.filter
def vn_number(value: Any, decimals: Any = 0) -> Any:
    """2229 -> "2.229"; with an argument, that many decimals (96.14|vn_number:1 -> "96,1")."""
    try:
        return formats.format_number(value, int(decimals))
    except _NUMBER_ERRORS:
        return value


@register.filter
def vn_percent(value: Any, decimals: Any = 1) -> Any:
    """96.14 -> "96,1%" (the value is already a percentage)."""
    try:
        return formats.format_percent(value, int(decimals))
    except _NUMBER_ERRORS:
        return value


@register.filter
def vn_count(value: Any, width: Any = 2) -> Any:
    """4 -> "04"."""
    try:
        return formats.format_count(None if value is None else int(value), int(width))
    except _NUMBER_ERRORS:
        return value


@register.filter
def vn_date(value: Any) -> Any:
    """date -> "06/09/2023"."""
    return _date_filter(formats.format_date, value)


@register.filter
def vn_date_long(value: Any) -> Any:
    """date -> "ngày 06 tháng 9 năm 2023"."""
    return _date_filter(formats.format_date_long, value)


@register.filter
def vn_date_dash(value: Any) -> Any:
    """date -> "12-4-2016"."""
    return _date_filter(formats.format_date_dash, value)


@register.filter(name="search_key")
def search_key(value: Any) -> str:
    """Accent-free lowercase key ("Nguyễn Văn An" -> "nguyen van an")."""
    return keys.search_key(None if value is None else str(value))


@register.simple_tag
def vn_ratio(numerator: Any, denominator: Any, decimals: Any = 1) -> str:
    """{% vn_ratio 941 968 %} -> "941/968 (97,2%)"; empty if a figure is missing."""
    if numerator is None or denominator is None or numerator == "" or denominator == "":
        return ""
    try:
        return formats.ratio(_figure(numerator), _figure(denominator)).text(int(decimals))
    except _NUMBER_ERRORS:
        return ""


def _figure(value: Any) -> int | Decimal:
    """An int or Decimal from a template value (strings as written by Vietnamese users)."""
    if isinstance(value, int | Decimal):
        return value
    if isinstance(value, str):
        return formats.parse_vn_number(value)
    return Decimal(str(value))


def _date_filter(formatter: Callable[[date | None], str], value: Any) -> Any:
    """Apply ``formatter`` to dates; None -> ""; anything else unchanged."""
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return formatter(value)
    return value
