import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.vntext.search_keys import search_key, search_terms


@pytest.mark.parametrize(
    "typed",
    [
        "Nguyễn Văn A",
        "NGUYEN VAN A",
        "nguyen van a",
        "  Nguyễn   Văn\u00a0A ",
        "NGUYỄN VĂN A",
        unicodedata.normalize("NFD", "Nguyễn Văn A"),
    ],
)
def test_search_key_ignores_case_accents_spacing_and_form(typed):
    assert search_key(typed) == "nguyen van a"


def test_tone_placement_variants_share_a_key():
    assert search_key("Tỉnh uỷ") == search_key("Tỉnh ủy") == "tinh uy"
    assert search_key("Hoà") == search_key("Hòa") == "hoa"


def test_d_with_stroke():
    assert search_key("Đảng ủy Đồng Đăng") == "dang uy dong dang"
    assert search_key("Đặng Đức Đạt") == "dang duc dat"


def test_punctuation_becomes_space():
    assert search_key("Chi bộ 3 - Khu phố Đông Hòa (cũ)") == "chi bo 3 khu pho dong hoa cu"
    assert search_key("Nghị quyết số 87-NQ/TU") == "nghi quyet so 87 nq tu"
    assert search_key("Bà Rịa–Vũng Tàu") == "ba ria vung tau"


def test_empty_and_none():
    assert search_key(None) == ""
    assert search_key("") == ""
    assert search_key(" -- ") == ""
    assert search_terms(None) == []


def test_search_terms_are_keys_in_order_without_repeats():
    assert search_terms("  Nguyễn  văn NGUYEN ") == ["nguyen", "van"]
    assert search_terms("Đảng bộ xã Tân-Lập") == ["dang", "bo", "xa", "tan", "lap"]


def test_terms_find_names_by_and_matching():
    people = ["Nguyễn Văn An", "Trần Thị Ánh", "Lê Văn Anh", "Đặng Văn Đức", "Đỗ Đức Dũng"]
    terms = search_terms("van an")
    found = [name for name in people if all(t in search_key(name).split() for t in terms)]
    assert found == ["Nguyễn Văn An"]
    terms = search_terms("duc")
    found = [name for name in people if all(t in search_key(name) for t in terms)]
    assert found == ["Đặng Văn Đức", "Đỗ Đức Dũng"]


VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ"
    "àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
)
texts = st.text(alphabet=VIETNAMESE + " -.,()/\u00a0\t0123456789")


@given(texts)
def test_search_key_is_idempotent_ascii_and_form_invariant(text):
    key = search_key(text)
    assert search_key(key) == key
    assert re.fullmatch(r"(?:[a-z0-9]+(?: [a-z0-9]+)*)?", key)
    assert search_key(unicodedata.normalize("NFD", text)) == key
    assert search_key(text.upper()) == key
