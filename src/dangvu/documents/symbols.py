"""Document symbols ("71-NQ/TU"): rendering from their parts and finding them in free text.

A symbol is ``{số}-{loại}/{cơ quan}``: a number (leading zeros kept: "01"), a type code from
DOMAIN.md §4 (NQ, QĐ, CT, KL, QC, HD, TB, BC, KH, CTr, CTHĐ, TTr, CV, ĐA, TT) and the code of
the issuing agency (TU, TW, ĐU, UBKTTW, HU, VPTW …). :func:`parse_symbols` finds every
symbol in a text — pasted reports arrive in NFD, with spaces around the dash or slash, in
lower case, with "QĐi" for a regulation (quy định) — and gives its span in the *original*
text, so the report checker can tell symbols from figures ("2020-2025" is a term, not a
symbol; "71" in "71-NQ/TU" is not a count).

Pure Python, no database: the type codes are the default table's unless a caller passes
its own (e.g. the codes currently in :class:`~dangvu.documents.models.DocumentType`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from dangvu.vntext.search_keys import search_key

TYPE_CODES = (
    "NQ",
    "QĐ",
    "CT",
    "KL",
    "QC",
    "HD",
    "TB",
    "BC",
    "KH",
    "CTr",
    "CTHĐ",
    "TTr",
    "CV",
    "ĐA",
    "TT",
)
# written forms that mean one of the codes above
TYPE_VARIANTS = {"QĐi": "QĐ"}

_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−﹣－"})
_SLASHES = str.maketrans({c: "/" for c in "⁄∕／"})
_LETTER = "A-Za-z0-9À-ỹĐđƠơƯư"
_AGENCY = "A-Za-zĐđƯưƠơÂâĂăÊêÔô"  # letters of agency codes (TU, ĐU, BTƯ …)


@dataclass(frozen=True)
class ParsedSymbol:
    start: int  # span in the original text: text[start:end] == self.text
    end: int
    text: str
    number: str  # as written, leading zeros kept: "01"
    type_code: str  # canonical code: "QĐ" (also for "QĐi", "qđ")
    agency: str  # upper case: "TU", "UBKTTW"
    written_type: str = ""  # the type as written when it was a variant ("QĐi")
    date: date | None = None  # "71-NQ/TU ngày 29/8/2022" → 2022-08-29

    @property
    def symbol(self) -> str:
        return render_symbol(self.number, self.written_type or self.type_code, self.agency)

    @property
    def key(self) -> str:
        return symbol_key(self.number, self.type_code, self.agency)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def render_symbol(number: str, type_code: str, agency: str) -> str:
    """ "71-NQ/TU" from ("71", "NQ", "TU")."""
    return f"{number}-{type_code}/{agency}"


def number_key(number: str) -> str:
    """The number without leading zeros ("01" and "1" are the same number)."""
    stripped = (number or "").strip().lstrip("0")
    return stripped or ("0" if number and number.strip() else "")


def agency_key(agency: str) -> str:
    return unicodedata.normalize("NFC", (agency or "").strip()).upper()


def symbol_key(number: str, type_code: str, agency: str) -> str:
    """Accent-free, case-free key: "71-nq/tu", "885-qd/ubkttw" (QĐi → qd)."""
    code = TYPE_VARIANTS.get(type_code, type_code)
    return f"{number_key(number)}-{search_key(code)}/{search_key(agency).replace(' ', '')}"


def parse_symbols(
    text: str | None, *, type_codes: Iterable[str] | None = None
) -> list[ParsedSymbol]:
    """Every document symbol in ``text``, in order of appearance."""
    if not text:
        return []
    folded, origin = _fold(text)
    pattern, canonical = _pattern(tuple(type_codes) if type_codes is not None else TYPE_CODES)
    found = []
    for match in pattern.finditer(folded):
        start = origin[match.start()]
        end = _original_end(text, origin, match.end("agency"))
        written = match.group("type")
        code = canonical[written.casefold()]
        variant = written if written.casefold() in _VARIANT_KEYS else ""
        if variant:
            variant = next(v for v in TYPE_VARIANTS if v.casefold() == written.casefold())
        found.append(
            ParsedSymbol(
                start=start,
                end=end,
                text=text[start:end],
                number=match.group("number"),
                type_code=code,
                agency=match.group("agency").upper(),
                written_type=variant,
                date=_date(match),
            )
        )
    return found


def parse_symbol(text: str | None, *, type_codes: Iterable[str] | None = None):
    """The symbol when ``text`` is exactly one symbol (spaces aside), else None."""
    found = parse_symbols(text, type_codes=type_codes)
    if len(found) != 1:
        return None
    symbol = found[0]
    rest = (text[: symbol.start] + text[symbol.end :]).strip()
    return symbol if not rest else None


_PARTIAL = re.compile(
    r"^\s*(?:số\s*)?(?P<number>\d{1,5})\s*[-\s]\s*(?P<type>[A-Za-zĐđ]{1,5})"
    r"(?:\s*[/\s]\s*(?P<agency>[A-Za-zĐđ0-9]{1,15}))?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SymbolQuery:
    """A search box entry that names a symbol, completely or not: "71 nq", "71-NQ/TU"."""

    number_key: str
    type_key: str
    agency_key: str = ""


def symbol_query(
    text: str | None, *, type_codes: Iterable[str] | None = None
) -> SymbolQuery | None:
    """ "71 nq" → (71, nq, ""), "71-NQ/TU" → (71, nq, tu); other text → None."""
    if not text:
        return None
    folded = unicodedata.normalize("NFC", text).translate(_DASHES).translate(_SLASHES)
    match = _PARTIAL.match(folded)
    if match is None:
        return None
    written = match.group("type")
    codes = tuple(type_codes) if type_codes is not None else TYPE_CODES
    known = {search_key(c) for c in (*codes, *TYPE_VARIANTS)}
    if search_key(written) not in known:
        return None
    code = search_key(TYPE_VARIANTS.get(_variant_of(written), written))
    return SymbolQuery(
        number_key=number_key(match.group("number")),
        type_key=code,
        agency_key=search_key(match.group("agency") or "").replace(" ", ""),
    )


# ---------------------------------------------------------------- internals

_VARIANT_KEYS = {v.casefold() for v in TYPE_VARIANTS}


def _variant_of(written: str) -> str:
    for variant in TYPE_VARIANTS:
        if variant.casefold() == written.casefold():
            return variant
    return written


def _fold(text: str) -> tuple[str, list[int]]:
    """NFC text with unified dashes and slashes, and for each of its characters the index
    of the original character it comes from (plus one past the end)."""
    out: list[str] = []
    origin: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", text[i:j]).translate(_DASHES).translate(_SLASHES)
        for char in cluster:
            out.append(char)
            origin.append(i)
        i = j
    origin.append(n)
    return "".join(out), origin


def _original_end(text: str, origin: list[int], folded_end: int) -> int:
    """One past the original character behind folded position ``folded_end - 1``, with the
    combining marks that followed it."""
    end = origin[folded_end - 1] + 1
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return end


@lru_cache(maxsize=16)
def _pattern(codes: tuple[str, ...]) -> tuple[re.Pattern, dict[str, str]]:
    canonical: dict[str, str] = {}
    for code in codes:
        canonical[unicodedata.normalize("NFC", code).casefold()] = unicodedata.normalize(
            "NFC", code
        )
    for variant, code in TYPE_VARIANTS.items():
        if code in codes:
            canonical[variant.casefold()] = code
    alternatives = sorted(canonical, key=len, reverse=True)
    types = "|".join(re.escape(a) for a in alternatives)
    pattern = re.compile(
        rf"(?<![{_LETTER}/.,-])(?P<number>\d{{1,5}})\s*-\s*(?P<type>{types})\s*/\s*"
        rf"(?P<agency>[{_AGENCY}][{_AGENCY}0-9]{{0,14}})(?![{_LETTER}])"
        r"(?:\s*,?\s*ngày\s+(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*"
        r"(?P<year>\d{4}))?",
        re.IGNORECASE,
    )
    return pattern, canonical


def _date(match: re.Match) -> date | None:
    if not match.group("year"):
        return None
    try:
        return date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None
