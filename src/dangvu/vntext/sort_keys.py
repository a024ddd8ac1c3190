"""Sort keys that put Vietnamese text in alphabetical order by plain binary comparison.

A key is printable ASCII (0x21-0x7E), so ``ORDER BY`` on a stored key gives the same order
on SQLite and on PostgreSQL with the "C" collation, and in Python.

Order (case-insensitive): words are compared letter by letter in the Vietnamese alphabet
a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z), digits before
letters and numbers by value ("2" < "10"); only when all letters are equal do tones decide,
syllable by syllable: none < huyền < hỏi < ngã < sắc < nặng. Tone placement ("Hoà" /
"Hòa") does not matter. A key is at most about twice as long as its text.
"""

import functools
import re
import string
import unicodedata

from dangvu.vntext.normalize import LETTER_MARKS, TONE_MARKS, clean_text

__all__ = ["name_sort_key", "split_full_name", "text_sort_key"]

# Separator characters, all below any letter or digit code: between the parts of a
# name, between the letter level and the tone level, between words.
PART_SEPARATOR = "!"
LEVEL_SEPARATOR = "#"
WORD_SEPARATOR = "$"

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_CODES = dict(zip(_ALPHABET, string.ascii_uppercase + string.ascii_lowercase, strict=False))
_TONE_DIGITS = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_NO_TONE = "0"
# Numbers: a length character ("1" for one digit ... "@" for 16 or more) then the digits.
_MAX_NUMBER_LENGTH = 16

_TOKEN = re.compile("(?P<word>(?:[a-zđ][\u0300-\u036f]*)+)|(?P<number>[0-9]+)")
_LETTER = re.compile("([a-zđ])([\u0300-\u036f]*)")


def text_sort_key(text: str | None) -> str:
    """Sort key for any Vietnamese text (unit names, titles)."""
    letters_level: list[str] = []
    tones_level: list[str] = []
    decomposed = unicodedata.normalize("NFKD", (text or "").lower())
    for token in _TOKEN.finditer(decomposed):
        if token["number"] is not None:
            letters_level.append(_number_code(token["number"]))
        else:
            code, tone = _word_codes(token["word"])
            letters_level.append(code)
            tones_level.append(tone)
    return WORD_SEPARATOR.join(letters_level) + LEVEL_SEPARATOR + "".join(tones_level)


def name_sort_key(ho: str | None, ten_dem: str | None, ten: str | None) -> str:
    """Sort key for a person: by tên, then tên đệm, then họ ("An" before "Anh")."""
    return PART_SEPARATOR.join(_part_key(part) for part in (ten, ten_dem, ho))


# the parts of names repeat (a few hundred họ, tên đệm, tên make most names): an import
# computes each part's key once
_part_key = functools.lru_cache(maxsize=50_000)(text_sort_key)


def split_full_name(full_name: str | None) -> tuple[str, str, str]:
    """Split "Nguyễn Thị Minh Khai" into (họ, tên đệm, tên); one word is the tên."""
    words = (clean_text(full_name) or "").split(" ")
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def _word_codes(word: str) -> tuple[str, str]:
    """Letter codes and the tone digit of one decomposed, lowercase word."""
    codes: list[str] = []
    tone = _NO_TONE
    for letter in _LETTER.finditer(word):
        base, marks = letter.groups()
        letter_marks = "".join(mark for mark in marks if mark in LETTER_MARKS)
        composed = unicodedata.normalize("NFC", base + letter_marks)
        codes.append(_LETTER_CODES.get(composed, _LETTER_CODES[base]))
        if tone == _NO_TONE:
            tone = next((_TONE_DIGITS[mark] for mark in marks if mark in TONE_MARKS), _NO_TONE)
    return "".join(codes), tone


def _number_code(digits: str) -> str:
    """Code for a run of digits that sorts by numeric value."""
    significant = digits.lstrip("0") or "0"
    length = min(len(significant), _MAX_NUMBER_LENGTH)
    return chr(ord("0") + length) + significant
