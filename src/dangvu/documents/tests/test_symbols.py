"""Symbols rendered from their parts and found again in free text (the report checker reuses
parse_symbols to tell document symbols from figures)."""

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangvu.documents.symbols import (
    TYPE_CODES,
    parse_symbol,
    parse_symbols,
    render_symbol,
    symbol_key,
    symbol_query,
)

SEEDS = Path("/work/shared/seeds")


def found(text):
    return [(s.number, s.type_code, s.agency) for s in parse_symbols(text)]


@pytest.mark.parametrize(
    ("parts", "symbol"),
    [
        (("71", "NQ", "TU"), "71-NQ/TU"),
        (("885", "QĐ", "UBKTTW"), "885-QĐ/UBKTTW"),
        (("09", "KH", "ĐU"), "09-KH/ĐU"),
        (("01", "CTHĐ", "TU"), "01-CTHĐ/TU"),
    ],
)
def test_render_keeps_leading_zeros(parts, symbol):
    assert render_symbol(*parts) == symbol
    [parsed] = parse_symbols(symbol)
    assert (parsed.number, parsed.type_code, parsed.agency) == parts
    assert parsed.symbol == symbol


def test_every_symbol_of_a_sentence_with_spans_and_dates():
    text = (
        "Thực hiện Nghị quyết số 71-NQ/TU ngày 29/8/2022 của Ban Chấp hành Đảng bộ tỉnh, "
        "Chỉ thị 05-CT/TW của Bộ Chính trị và Kết luận số 01-KL/TW, ngày 18/5/2021"
    )
    symbols = parse_symbols(text)
    assert [s.text for s in symbols] == ["71-NQ/TU", "05-CT/TW", "01-KL/TW"]
    for s in symbols:
        assert text[s.start : s.end] == s.text
    assert symbols[0].date == date(2022, 8, 29)
    assert symbols[1].date is None
    assert symbols[2].date == date(2021, 5, 18)


@pytest.mark.parametrize(
    "text",
    [
        "nhiệm kỳ 2020-2025",
        "nhiệm kỳ 2015 - 2020",
        "tăng 12-15% so với cùng kỳ",
        "941/968 lượt cán bộ chủ chốt",
        "ngày 12-4-2016",
        "COVID-19/2020",
        "1/2-NQ/TU",  # a fraction glued to it: not a symbol start
        "số 71NQ/TU",  # no dash
        "71-NQTU",  # no slash
        "71-XY/TU",  # not a document type
    ],
)
def test_figures_terms_and_dates_are_not_symbols(text):
    assert parse_symbols(text) == []


def test_spaces_dashes_and_case_are_tolerated():
    assert found("Kế hoạch số 09 - KH / ĐU của Đảng ủy") == [("09", "KH", "ĐU")]
    assert found("theo 71 – NQ/TU và 72—NQ/TU") == [("71", "NQ", "TU"), ("72", "NQ", "TU")]
    assert found("quyết định 885-qđ/ubkttw") == [("885", "QĐ", "UBKTTW")]
    assert found("5-ctr/tu, 6-cthđ/tu, 7-ttr/hu, 8-tt/tw") == [
        ("5", "CTr", "TU"),
        ("6", "CTHĐ", "TU"),
        ("7", "TTr", "HU"),
        ("8", "TT", "TW"),
    ]


def test_nfd_text_keeps_original_spans():
    nfc = "Quyết định số 09-QĐ/ĐU ngày 05/3/2024 về việc thành lập"
    nfd = unicodedata.normalize("NFD", "Tờ trình số 12-TTr/ĐU; " + nfc)
    assert nfd != unicodedata.normalize("NFC", nfd)
    symbols = parse_symbols(nfd)
    assert [(s.number, s.type_code, s.agency) for s in symbols] == [
        ("12", "TTr", "ĐU"),
        ("09", "QĐ", "ĐU"),
    ]
    for s in symbols:
        assert nfd[s.start : s.end] == s.text
        assert unicodedata.normalize("NFC", s.text) in ("12-TTr/ĐU", "09-QĐ/ĐU")
    assert symbols[1].date == date(2024, 3, 5)


def test_nfd_letters_in_the_agency():
    # a decomposed letter inside the agency code (Ư = U + horn)
    text = unicodedata.normalize("NFD", "văn bản 03-HD/BTƯ của")
    [s] = parse_symbols(text)
    assert s.agency == "BTƯ"
    assert text[s.start : s.end] == s.text


def test_qdi_is_a_regulation_written_form_of_qd():
    [s] = parse_symbols("Quy định số 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị")
    assert s.type_code == "QĐ"
    assert s.written_type == "QĐi"
    assert s.symbol == "11-QĐi/TW"
    assert s.key == symbol_key("11", "QĐ", "TW") == "11-qd/tw"
    [lower] = parse_symbols("11-qđi/tw")
    assert lower.written_type == "QĐi" and lower.type_code == "QĐ"


def test_longest_type_wins():
    assert found("01-CTHĐ/TU") == [("01", "CTHĐ", "TU")]
    assert found("01-CT/TU") == [("01", "CT", "TU")]
    assert found("02-TTr/TU 03-TT/TU") == [("02", "TTr", "TU"), ("03", "TT", "TU")]


def test_agency_must_end_at_a_word_boundary():
    assert found("71-NQ/TU.") == [("71", "NQ", "TU")]
    assert found("(71-NQ/TU)") == [("71", "NQ", "TU")]
    assert found("71-NQ/TUx") == [("71", "NQ", "TUX")]  # letters belong to the agency
    assert found("71-NQ/Tỉnh") == []  # a Vietnamese word, not an agency code


def test_custom_type_table():
    assert found("03-HDLT/TU") == []
    assert found_with("03-HDLT/TU", ["HDLT", "NQ"]) == [("03", "HDLT", "TU")]


def found_with(text, codes):
    return [(s.number, s.type_code, s.agency) for s in parse_symbols(text, type_codes=codes)]


def test_every_symbol_in_the_seed_reports():
    texts = {p.name: p.read_text() for p in sorted(SEEDS.glob("*.txt"))}
    assert texts, "seed reports missing"
    symbols = sorted({s.symbol for t in texts.values() for s in parse_symbols(t)})
    assert symbols == ["01-KL/TW", "05-CT/TW", "21-KL/TW", "35-NQ/TW", "71-NQ/TU", "87-NQ/TU"]
    for text in texts.values():
        for s in parse_symbols(text):
            assert text[s.start : s.end] == s.text
    # the seeds' terms ("nhiệm kỳ 2020-2025") and figures are left alone
    everything = " ".join(texts.values())
    assert "2020-2025" in everything
    assert all("2020" not in s.number for s in parse_symbols(everything))
    occurrences = [s.symbol for s in parse_symbols(everything)]
    assert occurrences.count("01-KL/TW") == 3


def test_parse_symbol_exact():
    assert parse_symbol("  71-NQ/TU ").number == "71"
    assert parse_symbol("71-NQ/TU và 72-NQ/TU") is None
    assert parse_symbol("Nghị quyết 71-NQ/TU") is None
    assert parse_symbol("") is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("71 nq", ("71", "nq", "")),
        ("71-NQ/TU", ("71", "nq", "tu")),
        ("071 NQ TU", ("71", "nq", "tu")),
        ("885 qđ ubkttw", ("885", "qd", "ubkttw")),
        ("11-QĐi/TW", ("11", "qd", "tw")),
        ("số 09-kh", ("9", "kh", "")),
    ],
)
def test_symbol_queries(query, expected):
    q = symbol_query(query)
    assert (q.number_key, q.type_key, q.agency_key) == expected


@pytest.mark.parametrize("query", ["chuyển đổi số", "71", "nghi quyet 71", "2020-2025", ""])
def test_other_queries_are_not_symbols(query):
    assert symbol_query(query) is None


# ---------------------------------------------------------------- generated prose

AGENCIES = ["TU", "TW", "ĐU", "UBKTTW", "HU", "VPTW", "BTCTW", "BTGTU", "CB"]
PROSE = [
    "Thực hiện Nghị quyết số",
    "nhiệm kỳ 2020-2025,",
    "đạt 941/968 lượt (97,2%)",
    "ngày 12-4-2016",
    "Ban Thường vụ Tỉnh ủy",
    "và",
    "của Bộ Chính trị;",
    "tăng 13,3%",
    "(",
    ")",
    "số 2.229 học viên",
]
symbols = st.tuples(
    st.integers(min_value=1, max_value=9999).map(str),
    st.booleans(),
    st.sampled_from(TYPE_CODES),
    st.sampled_from(AGENCIES),
    st.sampled_from(["-", " - ", "–", " – "]),
    st.sampled_from(["/", " / "]),
    st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(PROSE), symbols), min_size=1, max_size=5),
    st.sampled_from(["NFC", "NFD"]),
)
def test_generated_prose(parts, form):
    text, expected = "", []
    for prose, (number, zero, code, agency, dash, slash, lower) in parts:
        number = ("0" + number) if zero and len(number) == 1 else number
        written = f"{number}{dash}{code}{slash}{agency}"
        if lower:
            written = written.lower()
        text += prose + " " + written + " "
        expected.append((number, code, agency))
    text = unicodedata.normalize(form, text)
    got = parse_symbols(text)
    assert [(s.number, s.type_code, s.agency) for s in got] == expected
    for s in got:
        assert text[s.start : s.end] == s.text
