import random
import sqlite3
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.vntext.sort_keys import name_sort_key, split_full_name, text_sort_key

# Expected order worked out by hand from the rules: tên, then tên đệm, then họ; letters
# a < ă < â < b < ... < d < đ < ...; tones only after all letters of the word.
EXPECTED_ORDER = [
    "Nguyễn Văn An",  # an
    "Lê Văn Anh",  # anh (no tone): "An" is a prefix of "Anh", so An first
    "Trần Thị Ánh",  # anh + sắc: same letters, tone decides
    "Phạm Thị Ân",  # â after a
    "Dương Văn Bình",  # three Bình, Văn: họ decides, d < đ < h
    "Đỗ Văn Bình",
    "Hoàng Văn Bình",
    "Bùi Thị Dung",  # dung (no tone)
    "Đỗ Đức Dũng",  # dung + ngã
    "Đặng Văn Đức",  # đ after d
    "Trần Thị Hà",  # "ha" is a prefix of "hai": Hà before Hai despite the tone
    "Vũ Văn Hai",
    "Nguyễn Thị Hoà",  # Hoà = Hòa; Thị before Văn; then Nguyễn before Trần
    "Trần Thị Hòa",
    "Lê Văn Hòa",
    "Trương Thị Oanh",  # o
    "Võ Văn Ơn",  # ơ after o
    "Đinh Thị Thắm",  # "thăm" before "thăng" (m < n) although ắ has a tone
    "Phan Văn Thăng",
    "Hồ Thị Uyên",  # u
    "Lý Văn Ưng",  # ư after u
]


def key_of(full_name: str) -> str:
    return name_sort_key(*split_full_name(full_name))


def test_people_sort_by_ten_then_ten_dem_then_ho():
    shuffled = EXPECTED_ORDER[:]
    random.Random(2025).shuffle(shuffled)
    assert shuffled != EXPECTED_ORDER
    assert sorted(shuffled, key=key_of) == EXPECTED_ORDER
    assert sorted(reversed(EXPECTED_ORDER), key=key_of) == EXPECTED_ORDER


def test_keys_are_printable_ascii_and_sort_the_same_as_bytes():
    keys = [key_of(name) for name in EXPECTED_ORDER]
    for key in keys:
        assert key.isascii()
        assert all(0x21 <= ord(char) <= 0x7E for char in key)
    assert sorted(keys) == keys
    assert sorted(keys, key=lambda k: k.encode("ascii")) == keys
    assert len(set(keys)) == len(keys)


def test_database_binary_order_matches():
    connection = sqlite3.connect(":memory:")
    connection.execute("create table person (name text, sort_key text)")
    shuffled = EXPECTED_ORDER[:]
    random.Random(7).shuffle(shuffled)
    connection.executemany(
        "insert into person values (?, ?)", [(name, key_of(name)) for name in shuffled]
    )
    rows = connection.execute("select name from person order by sort_key").fetchall()
    assert [name for (name,) in rows] == EXPECTED_ORDER


@pytest.mark.parametrize(
    "ordered",
    [
        ["An", "Anh", "Ánh", "Ân"],
        ["Cam", "Căm", "Câm"],
        ["Đo", "Đô", "Đơ"],
        ["Tu", "Tư"],
        ["Dung", "Dũng", "Đào"],
        ["ma", "mà", "mả", "mã", "má", "mạ"],
        ["Hà", "Hai", "Hải"],
        ["Loan", "Lộc", "Lợi"],
        ["Xuân", "Yến"],
    ],
)
def test_vietnamese_alphabet_and_tones(ordered):
    keys = [text_sort_key(word) for word in ordered]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


def test_d_sorts_before_d_with_stroke_unlike_plain_ascii():
    # Without diacritics "dao" < "duong"; in Vietnamese Dương (d) comes before Đào (đ).
    assert text_sort_key("Dương") < text_sort_key("Đào")


def test_case_nfd_and_tone_placement_do_not_change_the_key():
    base = name_sort_key("Nguyễn", "Thị", "Hòa")
    assert name_sort_key("Nguyễn", "Thị", "Hoà") == base
    assert name_sort_key("NGUYỄN", "THỊ", "HOÀ") == base
    nfd = [unicodedata.normalize("NFD", part) for part in ("Nguyễn", "Thị", "Hoà")]
    assert name_sort_key(*nfd) == base
    assert text_sort_key("Tỉnh uỷ Bắc Ninh") == text_sort_key("Tỉnh ủy Bắc Ninh")


def test_missing_ten_dem_sorts_first_and_longer_ten_dem_after():
    names = [
        ("Lê", "Thị Minh", "Anh"),
        ("Lê", "Thị", "Anh"),
        ("Lê", "", "Anh"),
        ("Lê", None, "Anh"),
    ]
    keys = [name_sort_key(*name) for name in names]
    assert keys[2] == keys[3]
    assert sorted(keys) == [keys[2], keys[3], keys[1], keys[0]]


def test_ten_decides_before_ho():
    # By tên alone: Bình < Dũng, although Bùi < Đỗ and Vũ is last.
    assert name_sort_key("Vũ", "Văn", "Bình") < name_sort_key("Bùi", "Đức", "Dũng")
    assert name_sort_key("Vũ", "Văn", "An") < name_sort_key("An", "Văn", "Anh")


def test_unit_names_sort_numbers_by_value():
    units = ["Chi bộ 10", "Chi bộ 2", "Chi bộ 1", "Chi bộ Ấp Bắc", "Chi bộ An Bình"]
    assert sorted(units, key=text_sort_key) == [
        "Chi bộ 1",
        "Chi bộ 2",
        "Chi bộ 10",
        "Chi bộ An Bình",
        "Chi bộ Ấp Bắc",
    ]
    assert text_sort_key("Tổ 02") == text_sort_key("Tổ 2")
    # Word by word: "An" < "Anh", whatever follows.
    assert text_sort_key("Chi bộ An Bình") < text_sort_key("Chi bộ Anh Sơn")
    assert text_sort_key("Đảng bộ xã Tân Lập") < text_sort_key("Đảng bộ xã Tân Lập 2")


@pytest.mark.parametrize(
    ("full_name", "parts"),
    [
        ("Nguyễn Văn An", ("Nguyễn", "Văn", "An")),
        ("  Tôn Nữ  Thị Ngọc Hà ", ("Tôn", "Nữ Thị Ngọc", "Hà")),
        ("Lê Anh", ("Lê", "", "Anh")),
        ("Hương", ("", "", "Hương")),
        ("", ("", "", "")),
        (None, ("", "", "")),
    ],
)
def test_split_full_name(full_name, parts):
    assert split_full_name(full_name) == parts


# Reference order with Python tuples, written independently of the string encoding.
LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
VOWELS = "aăâeêioôơuưy"
TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]


@st.composite
def words(draw):
    # A small alphabet half of the time, so that prefixes ("an" / "anh") come up often.
    alphabet = draw(st.sampled_from([LETTERS, "aăâdđnh"]))
    letters = draw(st.lists(st.sampled_from(alphabet), min_size=1, max_size=4))
    tone = draw(st.integers(min_value=0, max_value=5))
    vowel_at = next((i for i, letter in enumerate(letters) if letter in VOWELS), None)
    if vowel_at is None:
        tone = 0
    else:
        letters[vowel_at] = unicodedata.normalize("NFC", letters[vowel_at] + TONE_MARKS[tone])
    plain = [_letter_index(c) for c in letters]
    text = "".join(letters)
    if draw(st.booleans()):
        text = text.capitalize()
    return text, plain, tone


def _letter_index(char: str) -> int:
    decomposed = unicodedata.normalize("NFD", char)
    base = "".join(c for c in decomposed if c not in TONE_MARKS[1:])
    return LETTERS.index(unicodedata.normalize("NFC", base))


parts = st.lists(words(), min_size=0, max_size=3)
people = st.tuples(parts, parts, parts)


def _text(part) -> str:
    return " ".join(text for text, _, _ in part)


def _reference(part):
    return ([plain for _, plain, _ in part], [tone for _, _, tone in part])


def _sign(a, b) -> int:
    return (a > b) - (a < b)


@given(people, people)
def test_string_key_orders_like_the_tuple_reference(first, second):
    def key(person):
        ho, dem, ten = person
        return name_sort_key(_text(ho), _text(dem), _text(ten))

    def reference(person):
        ho, dem, ten = person
        return (_reference(ten), _reference(dem), _reference(ho))

    assert _sign(key(first), key(second)) == _sign(reference(first), reference(second))


@given(st.lists(words(), min_size=1, max_size=4))
def test_key_is_ascii_and_invariant_under_nfd_and_case(part):
    text = _text(part)
    key = text_sort_key(text)
    assert all(0x21 <= ord(char) <= 0x7E for char in key)
    assert text_sort_key(unicodedata.normalize("NFD", text)) == key
    assert text_sort_key(text.upper()) == key
