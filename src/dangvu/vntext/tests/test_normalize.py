import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.vntext.normalize import clean_text, nfc, tone_normal
from dangvu.vntext.search_keys import search_key


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_nfc_composes_decomposed_input():
    decomposed = nfd("Nguyễn Thị Hoà")
    assert len(decomposed) > len("Nguyễn Thị Hoà")
    assert nfc(decomposed) == "Nguyễn Thị Hoà"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


def test_nfc_keeps_none_and_tone_placement():
    assert nfc(None) is None
    # NFC does not move tone marks: "Hoà" stays "Hoà".
    assert nfc("Hoà") == "Hoà"
    assert nfc("Hoà") != "Hòa"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Nguyễn\u00a0\u00a0Văn \t An \n", "Nguyễn Văn An"),
        ("Chi bộ\u00a0Khu phố 3", "Chi bộ Khu phố 3"),
        ("\ufeffĐảng bộ\u200b xã Tân Lập", "Đảng bộ xã Tân Lập"),
        ("Trần\u2003Thị\u202fÁnh", "Trần Thị Ánh"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


def test_clean_text_nfd_and_none():
    assert clean_text(nfd("  Lê   Văn  Hưng ")) == "Lê Văn Hưng"
    assert clean_text(None) is None


def test_clean_text_keeps_tone_placement_as_typed():
    assert clean_text("Tỉnh uỷ") == "Tỉnh uỷ"
    assert clean_text("Tỉnh ủy") == "Tỉnh ủy"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("hoà", "hòa"),
        ("Hoà", "Hòa"),
        ("HOÀ", "HÒA"),
        ("uỷ", "ủy"),
        ("Uỷ", "Ủy"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("hoá", "hóa"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("Tỉnh uỷ", "Tỉnh ủy"),
        ("Ban Thường vụ Tỉnh uỷ Bắc Ninh", "Ban Thường vụ Tỉnh ủy Bắc Ninh"),
        ("luỹ kế", "lũy kế"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("gía", "giá"),  # misplaced on the i of "gi"
        ("qúy", "quý"),  # misplaced on the u of "qu"
        ("hòan", "hoàn"),  # misplaced before a final consonant
    ],
)
def test_tone_normal_moves_marks(typed, expected):
    assert tone_normal(typed) == expected


@pytest.mark.parametrize(
    "word",
    [
        "hoàn",
        "Huỳnh",
        "quý",
        "Quỳnh",
        "giữ",
        "giá",
        "già",
        "gìn",
        "Nguyễn",
        "thuở",
        "ngoài",
        "khuỷu",
        "rượu",
        "mùa",
        "mía",
        "quốc",
        "Huế",
        "tuần",
        "xoắn",
        "giường",
        "Đắk Lắk",
        "hòa",
        "ủy",
        "Phạm Thị Ân",
        "Trường Chinh",
    ],
)
def test_tone_normal_leaves_unambiguous_words(word):
    assert tone_normal(word) == word


def test_tone_normal_variants_meet_and_nfd():
    assert tone_normal("Nguyễn Thị Hoà") == tone_normal("Nguyễn Thị Hòa") == "Nguyễn Thị Hòa"
    assert tone_normal(nfd("Tỉnh uỷ")) == "Tỉnh ủy"
    assert tone_normal(None) is None


def test_tone_normal_leaves_foreign_and_punctuation():
    assert tone_normal("Café Paris, 12/3") == "Café Paris, 12/3"
    assert tone_normal("(hoà) - [khoẻ]") == "(hòa) - [khỏe]"


# Syllables as (onset, toneless rhyme) where the tone may be typed on any vowel.
ONSETS = ["", "b", "ch", "đ", "gi", "h", "kh", "l", "ng", "nh", "qu", "th", "tr", "x"]
RHYMES = [
    "a", "oa", "oe", "uy", "ai", "ao", "ia", "ua", "ưa", "oai", "uyu", "ươi", "oan",
    "uynh", "iên", "uyên", "ương", "ăn", "âm", "ê", "ơ", "ư", "uôi", "ươu", "oang", "ây",
]  # fmt: skip
TONES = ["\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]


@given(st.sampled_from(ONSETS), st.sampled_from(RHYMES), st.sampled_from(TONES))
def test_tone_normal_ignores_where_the_tone_was_typed(onset, rhyme, tone):
    syllable = nfd(onset + rhyme)
    vowel_positions = [i for i, char in enumerate(syllable) if char in "aeiouy"]
    variants = {nfc(syllable[: i + 1] + tone + syllable[i + 1 :]) for i in vowel_positions}
    results = {tone_normal(variant) for variant in variants}
    assert len(results) == 1
    (result,) = results
    assert tone_normal(result) == result
    assert search_key(result) == search_key(onset + rhyme)


@given(st.text(alphabet="aăâeêioôơuưyđbcdghklmnqt ÀÁẢÃẠàáảãạằẳẵắặầẩẫấậìíỉĩịòóỏõọùúủũụỳýỷỹỵ"))
def test_tone_normal_is_idempotent_and_keeps_letters(text):
    once = tone_normal(text)
    assert tone_normal(once) == once
    assert search_key(once) == search_key(text)
    assert len(once) == len(nfc(text))
