"""Accent-free search keys: "Nguyễn Văn A", "NGUYEN VAN A" and "nguyen  van a" match."""

import re
import unicodedata

__all__ = ["search_key", "search_terms"]

_D_WITH_STROKE = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_NOT_KEY_CHAR = re.compile(r"[^a-z0-9]+")


def search_key(text: str | None) -> str:
    """Lowercase ASCII key: no diacritics, đ -> d, punctuation -> space, spaces collapsed.

    The key depends only on the letters, so NFC/NFD input and either tone-mark placement
    ("Tỉnh uỷ" / "Tỉnh ủy") give the same key. Characters with no ASCII base are dropped.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.translate(_D_WITH_STROKE))
    without_marks = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_KEY_CHAR.sub(" ", without_marks.lower()).strip()


def search_terms(query: str | None) -> list[str]:
    """The distinct words of ``query`` as search keys, in order, for AND matching."""
    return list(dict.fromkeys(search_key(query).split()))
