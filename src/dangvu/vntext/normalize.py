"""Unicode normalisation of Vietnamese text.

Storage keeps what the user typed (only NFC and whitespace clean-up); ``tone_normal`` is
for comparisons and de-duplication keys, never for rewriting stored text.
"""

import re
import unicodedata
from typing import overload

__all__ = ["clean_text", "nfc", "tone_normal"]

# Combining tone marks: huyền, hỏi, ngã, sắc, nặng.
TONE_MARKS = frozenset("\u0300\u0309\u0303\u0301\u0323")
# Combining marks that make a different letter: breve (ă), circumflex (â ê ô), horn (ơ ư).
LETTER_MARKS = frozenset("\u0306\u0302\u031b")

_VOWELS = frozenset("aeiouy")
_WHITESPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# A word: letters and any combining marks, wherever a keyboard put them.
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")


@overload
def nfc(text: str) -> str: ...
@overload
def nfc(text: None) -> None: ...
def nfc(text: str | None) -> str | None:
    """Return ``text`` in Unicode NFC (None passes through)."""
    if text is None:
        return None
    return unicodedata.normalize("NFC", text)


@overload
def clean_text(text: str) -> str: ...
@overload
def clean_text(text: None) -> None: ...
def clean_text(text: str | None) -> str | None:
    """NFC, drop invisible characters, collapse whitespace runs (NBSP too) and strip."""
    if text is None:
        return None
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return _WHITESPACE.sub(" ", text).strip()


@overload
def tone_normal(text: str) -> str: ...
@overload
def tone_normal(text: None) -> None: ...
def tone_normal(text: str | None) -> str | None:
    """Put every tone mark in the canonical place ("hoà" -> "hòa", "uỷ" -> "ủy"), NFC.

    Canonical placement is the one most official documents use: in an open syllable
    ending in a two-vowel cluster the tone sits on the first vowel (hòa, khỏe, thủy, mùa);
    otherwise on the vowel with a letter mark (ươ: on ơ), else on the last vowel before a
    final consonant (hoàn, huỳnh), else on the middle of three vowels (ngoài, khuỷu).
    "qu" and "gi" count as consonants (quý, giữ). Case is kept.
    """
    if text is None:
        return None
    return nfc(_WORD.sub(lambda match: _place_tone(match.group()), nfc(text)))


def _place_tone(syllable: str) -> str:
    """Re-place the tone mark of one NFC word; unusual words come back unchanged."""
    letters = _split_letters(unicodedata.normalize("NFD", syllable))
    toned = [index for index, (_, marks) in enumerate(letters) if TONE_MARKS & set(marks)]
    if len(toned) != 1:
        return syllable
    base, marks = letters[toned[0]]
    tone = next(mark for mark in marks if mark in TONE_MARKS)
    letters[toned[0]] = (base, marks.replace(tone, ""))
    target = _tone_position(letters)
    if target is None:
        return syllable
    base, marks = letters[target]
    letters[target] = (base, marks + tone)
    return unicodedata.normalize("NFC", "".join(base + marks for base, marks in letters))


def _split_letters(decomposed: str) -> list[tuple[str, str]]:
    """Split an NFD string into (base character, combining marks) pairs."""
    letters: list[tuple[str, str]] = []
    for char in decomposed:
        if unicodedata.combining(char) and letters:
            base, marks = letters[-1]
            letters[-1] = (base, marks + char)
        else:
            letters.append((char, ""))
    return letters


def _tone_position(letters: list[tuple[str, str]]) -> int | None:
    """Index of the letter that carries the tone, or None when the word is not Vietnamese."""
    vowels = [index for index, (base, _) in enumerate(letters) if base.lower() in _VOWELS]
    if not vowels or vowels != list(range(vowels[0], vowels[-1] + 1)):
        return None
    first = vowels[0]
    if len(vowels) > 1 and first > 0:
        onset = letters[first - 1][0].lower() + letters[first][0].lower()
        if onset in ("qu", "gi"):
            vowels = vowels[1:]
    if len(vowels) > 3:
        return None
    marked = [index for index in vowels if LETTER_MARKS & set(letters[index][1])]
    if marked:
        return marked[-1]
    if vowels[-1] < len(letters) - 1:
        return vowels[-1]
    if len(vowels) == 3:
        return vowels[1]
    return vowels[0]
