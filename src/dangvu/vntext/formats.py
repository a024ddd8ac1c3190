"""Vietnamese number, percentage, ratio and date formats (2.229 · 96,1% · 06/09/2023)."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from django.conf import settings
from django.utils import timezone

__all__ = [
    "NumberInText",
    "Ratio",
    "format_change",
    "format_count",
    "format_date",
    "format_date_dash",
    "format_date_long",
    "format_number",
    "format_percent",
    "numbers_in_text",
    "parse_vn_number",
    "percent_change",
    "ratio",
]

Number = Decimal | int | float
ROUNDING_MODES = {"half_up": ROUND_HALF_UP, "truncate": ROUND_DOWN}
NO_PERCENT = "—"

_PRECISION = 60


def format_number(
    value: Number | str | None, decimals: int = 0, *, rounding: str = "half_up"
) -> str:
    """ "2.229", "12.446", "96,1": dot between thousands, comma before decimals; None -> ""."""
    if value is None:
        return ""
    if type(value) is int and decimals == 0:  # most figures: a count (a dashboard has thousands)
        text = f"{abs(value):,}".replace(",", ".")
        return f"-{text}" if value < 0 else text
    number = _to_decimal(value)
    if not number.is_finite():
        return ""
    with localcontext() as context:
        context.prec = _PRECISION
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=_rounding(rounding))
    whole, _, fraction = f"{abs(number):f}".partition(".")
    text = f"{int(whole):,}".replace(",", ".")
    if fraction:
        text = f"{text},{fraction}"
    return f"-{text}" if number < 0 else text


def format_percent(
    value: Number | str | None, decimals: int = 1, *, rounding: str | None = None
) -> str:
    """ "96,1%" for 96.1 (the value is already a percentage); rounding as DANGVU_ROUNDING."""
    if value is None:
        return ""
    text = format_number(value, decimals, rounding=_rounding_name(rounding))
    return f"{text}%" if text else ""


def format_count(n: int | None, width: int = 2) -> str:
    """Small counts with leading zeros, as in "04 đợt"; large ones as format_number."""
    if n is None:
        return ""
    if 0 <= n < 1000:
        return f"{n:0{width}d}"
    return format_number(n)


def format_date(d: date | None) -> str:
    """ "06/09/2023" (dd/mm/yyyy, for tables)."""
    if d is None:
        return ""
    d = _local_date(d)
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_date_long(d: date | None) -> str:
    """ "ngày 06 tháng 9 năm 2023": leading zero on days 1-9 and months 1-2 (NĐ 30/2020)."""
    if d is None:
        return ""
    d = _local_date(d)
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def format_date_dash(d: date | None) -> str:
    """ "12-4-2016", the form used in running text ("ngày 12-4-2016")."""
    if d is None:
        return ""
    d = _local_date(d)
    return f"{d.day}-{d.month}-{d.year}"


@dataclass(frozen=True)
class Ratio:
    """A count out of a total, e.g. 941/968 cán bộ chủ chốt."""

    numerator: int | Decimal
    denominator: int | Decimal

    def percent(self, decimals: int = 1, rounding: str | None = None) -> Decimal | None:
        """The percentage rounded to ``decimals`` (None when the denominator is 0)."""
        if self.denominator == 0:
            return None
        with localcontext() as context:
            context.prec = _PRECISION
            exact = Decimal(self.numerator) * 100 / Decimal(self.denominator)
            return exact.quantize(Decimal(1).scaleb(-decimals), rounding=_rounding(rounding))

    def percent_text(self, decimals: int = 1) -> str:
        """ "97,2%"; "—" when the denominator is 0."""
        percent = self.percent(decimals)
        return NO_PERCENT if percent is None else format_percent(percent, decimals)

    def text(self, decimals: int = 1) -> str:
        """ "941/968 (97,2%)"; "941/0 (—)" when the denominator is 0."""
        shown = self.percent_text(decimals)
        return f"{format_number(self.numerator)}/{format_number(self.denominator)} ({shown})"

    def __str__(self) -> str:
        return self.text()


def ratio(numerator: int | Decimal, denominator: int | Decimal) -> Ratio:
    """Build a Ratio: ``ratio(941, 968).text()`` -> "941/968 (97,2%)"."""
    return Ratio(numerator=numerator, denominator=denominator)


def percent_change(
    old: Number, new: Number, decimals: int = 1, *, rounding: str | None = None
) -> Decimal | None:
    """Signed percent change from ``old`` to ``new`` (183 -> 155: -15.3); None if old is 0."""
    if old == 0:
        return None
    with localcontext() as context:
        context.prec = _PRECISION
        exact = (_to_decimal(new) - _to_decimal(old)) * 100 / abs(_to_decimal(old))
        return exact.quantize(Decimal(1).scaleb(-decimals), rounding=_rounding(rounding))


def format_change(old: Number, new: Number, decimals: int = 1) -> str:
    """ "giảm 15,3%", "tăng 4,0%" or "không đổi" (only when the figures are equal)."""
    if old == new:
        return "không đổi"
    change = percent_change(old, new, decimals)
    if change is None:
        return (
            f"tăng từ 0 lên {format_number(new)}"
            if new > 0
            else f"giảm từ 0 xuống {format_number(new)}"
        )
    word = "tăng" if new > old else "giảm"
    return f"{word} {format_percent(abs(change), decimals)}"


def parse_vn_number(text: str | Number) -> Decimal:
    """Read "2.229", "12.446", "96,1", "1.234,5" (also "1,234.5", "12.75", "96,1%").

    A single dot followed by exactly three digits is a thousands separator ("2.229" is
    2229); any other single dot is a decimal point ("12.75"). A single comma is always a
    decimal comma. Raises ValueError for anything else.
    """
    if isinstance(text, (Decimal, int, float)):
        return _to_decimal(text)
    raw = text
    text = re.sub(r"\s+", "", text).removesuffix("%")
    sign = ""
    if text[:1] in ("-", "+", "−"):
        sign, text = ("-" if text[0] != "+" else ""), text[1:]
    plain = _plain_digits(text)
    if plain is None:
        raise ValueError(f"Không đọc được số {raw!r}; hãy viết như 2.229 hoặc 96,1.")
    return Decimal(sign + plain)


@dataclass(frozen=True)
class NumberInText:
    """A number written in running text: its span, as written, its value and how many
    digits follow its decimal mark ("96,1" → 1; "2.229" → 0; "12.75" → 2)."""

    start: int
    end: int
    text: str
    value: Decimal
    decimals: int

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


# longest forms first: "1,234.5" (English grouping), "6.042" / "1.234,5" (Vietnamese
# grouping), then plain digits with an optional decimal part ("96,1", "12.75", "2229")
_NUMBER_IN_TEXT = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
    r"(?![\w]|[.,]\d)"
)


def numbers_in_text(text: str) -> list[NumberInText]:
    """Every number in ``text`` read as :func:`parse_vn_number` reads it, with its span.

    "2.229 học viên" → 2229; "đạt 96,1%" → 96.1 (1 decimal); "12.75%" → 12.75; a comma or
    dot that ends a clause is not part of the number ("183 đảng viên, giảm" → 183).
    Digits glued to letters ("B52", "4G") are not numbers. What the numbers *mean* (a date,
    a year, a document symbol) is for the caller to decide.
    """
    found = []
    for match in _NUMBER_IN_TEXT.finditer(text or ""):
        written = match.group()
        try:
            value = parse_vn_number(written)
        except ValueError:
            continue
        exponent = value.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        found.append(NumberInText(match.start(), match.end(), written, value, decimals))
    return found


def _plain_digits(text: str) -> str | None:
    """ "1234.5" from a Vietnamese or English number without sign, or None."""
    if re.fullmatch(r"[0-9]+", text):
        return text
    last_dot, last_comma = text.rfind("."), text.rfind(",")
    decimal_mark = "," if last_comma > last_dot else "."
    thousands_mark = "." if decimal_mark == "," else ","
    whole, _, fraction = text.rpartition(decimal_mark)
    if decimal_mark == "." and thousands_mark not in text:
        if _is_grouped(text, ".") and not text.startswith("0"):
            return text.replace(".", "")
        if text.count(".") > 1:
            return None
    if decimal_mark == "," and thousands_mark not in text and text.count(",") > 1:
        return text.replace(",", "") if _is_grouped(text, ",") else None
    if not re.fullmatch(r"[0-9]+", fraction):
        return None
    if re.fullmatch(r"[0-9]+", whole or "0"):
        return f"{whole or '0'}.{fraction}"
    if _is_grouped(whole, thousands_mark):
        return f"{whole.replace(thousands_mark, '')}.{fraction}"
    return None


def _is_grouped(text: str, separator: str) -> bool:
    """True for digits in groups of three after the first: "12.446.000" with "."."""
    return re.fullmatch(rf"[0-9]{{1,3}}(?:{re.escape(separator)}[0-9]{{3}})+", text) is not None


def _to_decimal(value: Number | str) -> Decimal:
    """Decimal from an int, Decimal, float (via its shortest repr) or numeric string."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    try:
        return Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(f"Không phải là số: {value!r}") from exc


def _rounding_name(rounding: str | None) -> str:
    """The rounding name to use: the given one or settings.DANGVU_ROUNDING."""
    return rounding or getattr(settings, "DANGVU_ROUNDING", "half_up")


def _rounding(rounding: str | None) -> str:
    """decimal rounding constant for "half_up" / "truncate" (None: from settings)."""
    name = _rounding_name(rounding)
    try:
        return ROUNDING_MODES[name]
    except KeyError:
        raise ValueError(
            f"Cách làm tròn {name!r} không hợp lệ; dùng 'half_up' hoặc 'truncate'."
        ) from None


def _local_date(d: date) -> date:
    """The calendar date of ``d`` (aware datetimes in the current time zone)."""
    if isinstance(d, datetime):
        return (timezone.localtime(d) if timezone.is_aware(d) else d).date()
    return d
