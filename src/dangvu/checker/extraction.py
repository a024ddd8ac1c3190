"""Find the checkable figures of a Vietnamese report and check each one (rule based).

:func:`check_text` is the whole pipeline: it reads the numbers of the text with
:func:`dangvu.vntext.formats.numbers_in_text`, drops the ones that are not figures
(:mod:`dangvu.checker.non_figures`: dates, years, symbols …), then finds

* ratio claims — "941/968 … đạt tỷ lệ 97,2%", "45 trên tổng số 50 … chiếm 90%", "đạt 90%
  (45/50)";
* a count with a percentage of a base stated elsewhere in the same paragraph — "tổng số 354
  lượt ý kiến …; đã trả lời 337 lượt ý kiến, đạt 95,1%", or of a total whose parts are
  listed ("1.200 đảng viên, gồm 700 nam (58,3%) …");
* change claims — "năm 2016 … 183 đảng viên …; năm 2017 … 155 đảng viên, giảm 14,4%",
  "tăng từ 120 lên 150 (tăng 25%)", "đạt 150, tăng 25% so với cùng kỳ (120)", and
  differences "giảm 28 đảng viên";
* totals against their parts — "trên 200 mô hình (89 tập thể, 135 cá nhân)", "46 tổ chức cơ
  sở đảng, gồm 22 chi bộ cơ sở và 24 đảng bộ" — with lower/upper bounds;
* shares that should add up to 100% ("xếp loại: … 15,2%, … 78,5%, … 6,3%");
* in tables (tab-separated lines, as DOCX tables are rendered by
  :mod:`dangvu.checker.reading`): a percentage column against two count columns, and a
  "Tổng cộng" row against the column sums;

and a percentage whose base is not stated is reported as not checkable.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from dangvu.vntext.formats import NumberInText, format_number, format_percent, numbers_in_text

from . import verdicts as v
from .non_figures import covered, non_figure_spans

RATIO = "ratio"
SHARE_OF_BASE = "share"
CHANGE = "change"
DIFFERENCE = "difference"
TOTAL = "total"
SHARES_SUM = "shares_sum"
PERCENT = "percent"  # a percentage with no stated base

KIND_LABELS = {
    RATIO: "Tỷ lệ X/Y",
    SHARE_OF_BASE: "Tỷ lệ trên tổng số nêu ở chỗ khác",
    CHANGE: "Tăng/giảm (%)",
    DIFFERENCE: "Tăng/giảm (số tuyệt đối)",
    TOTAL: "Tổng và các thành phần",
    SHARES_SUM: "Các phần cộng lại 100%",
    PERCENT: "Tỷ lệ chưa nêu tổng số",
}

_MULTIPLIERS = {"nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000}


def judge_rate_change(before: float, before_text: str, now, percent, direction: str, tolerance):
    """A rate that went from ``before`` to ``now`` "tăng/giảm ``percent``": consistent as a
    change in percentage points (within ``tolerance``) or relative to itself, else inconsistent
    in points. Returns (verdict, explanation, the exact change in points, the correct text)."""
    exact = now.value - before
    actual = "tăng" if exact > 0 else "giảm"
    decimals = max(percent.decimals, 1)
    correct = format_percent(v.quantize(abs(exact), decimals), decimals)
    text = f"Tỷ lệ từ {before_text} đến {now.text} là {actual} {correct}"
    relative = v.change_percent(before, now.value)
    if actual == direction and abs(abs(exact) - percent.value) <= tolerance:
        return v.CONSISTENT, f"{text} (điểm phần trăm): khớp.", exact, correct
    if (
        relative is not None
        and actual == direction
        and v.judge(abs(relative), percent.value, percent.decimals) == v.CONSISTENT
    ):  # or a change of the rate relative to itself
        explanation = (
            f"Tỷ lệ từ {before_text} đến {now.text} là {direction} "
            f"{v.shown(abs(relative), percent.decimals)} so với chính nó: khớp."
        )
        return v.CONSISTENT, explanation, exact, correct
    explanation = f"{text} (điểm phần trăm), không phải {direction} {percent.text}."
    return v.INCONSISTENT, explanation, exact, correct


@dataclass
class Figure:
    """A number in the text that is a figure (not a date, a year, a symbol …)."""

    start: int
    end: int  # end of the number, or of its "%" for a percentage
    text: str
    value: Decimal
    decimals: int
    percent: bool
    noun: tuple[str, ...]  # up to three words after it, lower case ("đảng", "viên")
    clause: int = 0
    sentence: int = 0
    paragraph: int = 0
    in_table: bool = False

    def part(self, role: str) -> dict:
        return {
            "role": role,
            "text": self.text,
            "value": str(self.value),
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Claim:
    kind: str
    start: int
    end: int
    anchor_start: int  # the stated figure the claim is about (the percentage, the total)
    anchor_end: int
    stated: str
    verdict: str
    explanation: str
    parts: list[dict] = field(default_factory=list)
    computed: Decimal | None = None
    correct: str = ""  # the value that would be right, as it should be written
    suggestion: dict | None = None
    system: dict | None = None  # filled by checking.compare_with_system (Reports issue)
    # why the pairing of the numbers is a guess ("" when the text states it): such a claim is
    # never "không khớp" — see :func:`doubted`
    doubt: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def verdict_label(self) -> str:
        return v.VERDICTS[self.verdict]

    @property
    def computed_text(self) -> str:
        """The recomputed value as a reader writes it: "97,25%", "224"."""
        if self.computed is None:
            return ""
        if self.kind in (TOTAL, DIFFERENCE):
            return format_number(abs(self.computed) if self.kind == DIFFERENCE else self.computed)
        value = abs(self.computed) if self.kind == CHANGE else self.computed
        return format_percent(v.quantize(value, 2), 2)

    def as_dict(self, text: str) -> dict:
        return {
            "kind": self.kind,
            "kind_label": self.kind_label,
            "start": self.start,
            "end": self.end,
            "text": text[self.start : self.end],
            "anchor": {"start": self.anchor_start, "end": self.anchor_end},
            "stated": self.stated,
            "parts": self.parts,
            "computed": None if self.computed is None else str(self.computed),
            "computed_text": self.computed_text,
            "correct": self.correct,
            "verdict": self.verdict,
            "verdict_label": self.verdict_label,
            "explanation": self.explanation,
            "suggestion": self.suggestion,
            "system": self.system,
            "doubt": self.doubt,
        }


# why a pairing is a guess (Claim.doubt)
PARTS_UNSURE = "Không chắc các số này là các phần của cùng một tổng"
OVERLAP_UNSURE = "Các phần sau “trong đó” có thể trùng nhau (một người thuộc nhiều nhóm)"
BASE_UNSURE = "Không chắc tổng số (cơ số) của tỷ lệ này là số nào: văn bản không nêu nó cạnh tỷ lệ"
EARLIER_UNSURE = "Không chắc số liệu kỳ trước là số này: văn bản không nói rõ so với số nào"
CLASSES_UNSURE = "Không chắc các tỷ lệ này là các loại không trùng nhau của cùng một tổng"
COLUMN_UNSURE = "Không chắc cột nào là tổng số: tiêu đề bảng không ghi rõ"
OTHER_WHOLE = "Tỷ lệ này khớp với một tổng số khác nêu trong văn bản"
EITHER_UNSURE = (
    "Tỷ lệ này không khớp với cả hai số của phân số nêu trước nó: không chắc là của số nào"
)
TOTAL_ELSEWHERE = (
    "Các thành phần cộng lại bằng một số khác nêu trong câu: không chắc chúng là phần của tổng này"
)
PERIOD_UNSURE = "Số này nói về một kỳ khác (trong ngoặc), không chắc tổng số của kỳ đó là số nào"
TARGET_ELSEWHERE = "Chỉ tiêu này nêu ở câu khác, không chắc là chỉ tiêu của cùng kỳ với số được so"
EACH_UNSURE = (
    "Tỷ lệ này có thể là của từng đơn vị được đếm (“… xã có cử tri đi bầu đạt 100%”), "
    "không chắc là tỷ lệ của phân số"
)


POINTS_UNSURE = (
    "Tỷ lệ này đứng sau một tỷ lệ (“chiếm …%”): có thể là mức giảm (tăng) của tỷ lệ đó tính "
    "bằng điểm phần trăm, không chắc là mức thay đổi của số đếm"
)


COMPLEMENT = (
    "Tỷ lệ này khớp với phần còn lại (100% trừ tỷ lệ tính được): có thể là tỷ lệ của phần kia"
)


def doubted(verdict: str, explanation: str, doubt: str) -> tuple[str, str]:
    """The verdict and explanation of a claim whose pairing is a guess (``doubt`` says why;
    "" when the text states the pairing): a recomputed value that does not hold is then not
    checkable rather than "không khớp" — real reports are nearly always right, so a sum or a
    rate that fails on a guessed pairing far more often means the guess is wrong. A guess that
    does add up stays consistent."""
    if not doubt or verdict not in (v.INCONSISTENT, v.TRUNCATED):
        return verdict, explanation
    computed = explanation.rstrip(". ")
    computed = computed[:1].lower() + computed[1:]
    return (
        v.UNCHECKED,
        f"{doubt} nên không kết luận là sai (nếu đúng là các số này thì {computed}).",
    )


# ---------------------------------------------------------------- segmentation

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[“\"(\[]?[A-ZĐÀ-Ỹ0-9])|\n")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _boundaries(text: str) -> tuple[list[int], list[int], list[int]]:
    """Start offsets of paragraphs (lines), sentences and clauses (split at ";")."""
    paragraphs = [0] + [m.end() for m in re.finditer(r"\n", text)]
    sentences = sorted({0, *paragraphs, *(m.end() for m in _SENTENCE_END.finditer(text))})
    clauses = sorted({*sentences, *(m.end() for m in re.finditer(r";", text))})
    return paragraphs, sentences, clauses


def _index(starts: list[int], position: int) -> int:
    low, high = 0, len(starts)
    while low < high:
        mid = (low + high) // 2
        if starts[mid] <= position:
            low = mid + 1
        else:
            high = mid
    return low - 1


_NOUN = re.compile(r"(?:[ \t]+([^\W\d_]+))(?:[ \t]+([^\W\d_]+))?(?:[ \t]+([^\W\d_]+))?")


# words that end the noun phrase after a count: verbs and function words ("47 đảng viên mới,
# đạt …", "1.847 đồng chí, chiếm …", "97 đảng viên là cấp ủy viên" → "đảng viên")
_NOUN_STOP_WORDS = (
    "chiếm đạt vượt tăng giảm bằng được đã đang có là và với so trong của tại thì nhưng "
    "còn nộp tham trên dưới gồm từ lên xuống cho để ở theo phải thuộc chưa không hoàn "
    "thực xây tốt"
)
_NOUN_STOP = frozenset(_NOUN_STOP_WORDS.split())


def _noun_after(text: str, end: int) -> tuple[str, ...]:
    """Up to three lower-case words right after ``end``, stopping at punctuation or digits,
    and after the first word at a verb or function word (:data:`_NOUN_STOP`)."""
    if re.match(r"[ \t]+đ/c\b", text[end : end + 8], re.I):
        return ("đồng", "chí")  # "31 đ/c": the abbreviation of "đồng chí"
    match = _NOUN.match(text, end)
    if match is None:
        return ()
    words = [word.lower() for word in match.groups() if word]
    for k in range(1, len(words)):
        if words[k] in _NOUN_STOP:
            return tuple(words[:k])
    return tuple(words)


# counts written in words before a noun of persons or of Party organisations ("có ba đại
# biểu, chiếm tỷ lệ 3,53%"); "một" is left out (it is as often "a"), and so is a word
# followed by another number word ("hai mươi") or after an ordinal ("thứ ba", "lần hai"),
# and "năm" (also "year") counts only after a verb ("có năm đại biểu")
_NUMBER_WORDS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}
_COUNTED_IN_WORDS = re.compile(
    r"(?:người|đồng chí|đảng viên|đại biểu|ứng (?:cử )?viên|hội viên|đoàn viên|cán bộ|học viên|"
    r"thí sinh|học sinh|sinh viên|cá nhân|tập thể|chi bộ|đảng bộ)\b"
)
_NUMBER_WORD = re.compile(
    rf"(?<![\w/-])(?<!thứ )(?<!lần )(?<!hạng )(?<!bậc )(?P<word>{'|'.join(_NUMBER_WORDS)})"
    r"[ \t]+(?P<noun>[^\W\d_]+)",
    re.I,
)
_DIGIT_COUNT = re.compile(r"(?<![\w.,])\d[\d.]*[ \t]+(?P<noun>[^\W\d_]+)")


def _numbers_in_words(text: str) -> list:
    """The counts written in words (:data:`_NUMBER_WORD`), as :func:`numbers_in_text`
    gives numbers: before a noun of persons or of Party organisations, or in a list beside
    counts in digits of the same noun ("(bốn giải Nhất, 34 giải Nhì, 25 giải Ba)", "4 thí
    sinh … và một thí sinh"); "một" only so (it is as often "a")."""
    found = []
    for match in _NUMBER_WORD.finditer(text):
        word, noun = match.group("word").lower(), match.group("noun").lower()
        if noun in _NUMBER_WORDS or noun in ("mươi", "trăm", "nghìn", "ngàn", "triệu"):
            continue  # "hai mươi", "ba trăm": compound numbers are not read
        around = text[max(match.start() - 150, 0) : match.end() + 150]
        beside = any(m.group("noun").lower() == noun for m in _DIGIT_COUNT.finditer(around))
        counted = _COUNTED_IN_WORDS.match(text, match.start("noun")) is not None
        if not beside and (word == "một" or not counted):
            continue
        if word == "năm" and not re.search(
            r"\b(?:có|là|gồm|với|kết nạp|trong số)\s+$",
            text[max(match.start() - 12, 0) : match.start()],
        ):
            continue  # "năm" is also "year" ("trong năm đảng viên …"): only after a verb
        value = Decimal(_NUMBER_WORDS[word])
        end = match.start() + len(match.group("word"))
        found.append(NumberInText(match.start(), end, match.group("word"), value, 0))
    return found


def read_figures(text: str, table_lines: set[int]) -> list[Figure]:
    """The figures of ``text``: numbers outside every non-figure span, with "%" and
    "nghìn/ngàn/triệu" read, and counts written in words ("ba đại biểu")."""
    masks = non_figure_spans(text)
    paragraphs, sentences, clauses = _boundaries(text)
    figures = []
    numbers = sorted(numbers_in_text(text) + _numbers_in_words(text), key=lambda n: n.start)
    for number in numbers:
        if covered(masks, number.start, number.end):
            continue
        after = text[number.end : number.end + 12]
        percent = re.match(r"(?:\s|[ \t]{2})?(%|phần trăm)", after)  # ("20,68  %")
        value, end = number.value, number.end
        if percent:
            end += percent.end()
        else:
            scale = re.match(r"\s+(nghìn|ngàn|triệu)\b", after)
            if scale:
                value *= _MULTIPLIERS[scale.group(1)]
                end += scale.end()
        paragraph = _index(paragraphs, number.start)
        figures.append(
            Figure(
                start=number.start,
                end=end,
                text=text[number.start : end],
                value=value,
                decimals=number.decimals,
                percent=bool(percent),
                noun=() if percent else _noun_after(text, end),
                clause=_index(clauses, number.start),
                sentence=_index(sentences, number.start),
                paragraph=paragraph,
                in_table=paragraph in table_lines,
            )
        )
    return figures


# words that count the same thing: party members are "đồng chí" as often as "đảng viên"
_SAME_THING = {("đồng", "chí"): ("đảng", "viên")}
_COMRADE = ("đồng", "chí")
_PEOPLE = ("người",)  # "4.981 người, chiếm 62,5%": persons, as the members counted before


def _canonical_noun(noun: tuple[str, ...]) -> tuple[str, ...]:
    if noun == _PEOPLE:
        return ("đảng", "viên")
    for written, meant in _SAME_THING.items():
        if noun[: len(written)] == written:
            return meant + noun[len(written) :]
    return noun


# nouns that count persons: "người" counts any of them ("có 89 đại biểu …⏎ Đại biểu là nam
# có 45 người, chiếm 50,56%"; "496 người …; 182 người trúng cử")
_PERSONS = frozenset(
    {
        ("đảng", "viên"),
        ("đồng", "chí"),
        ("đại", "biểu"),
        ("ứng", "viên"),
        ("cử", "tri"),
        ("hội", "viên"),
        ("đoàn", "viên"),
        ("cán", "bộ"),
        ("quần", "chúng"),
        ("thanh", "niên"),
        ("cấp", "ủy"),
        ("ứng", "cử"),
        ("học", "sinh"),
        ("sinh", "viên"),
        ("học", "viên"),
        ("công", "chức"),
        ("viên", "chức"),
        ("nhân", "khẩu"),  # "3.427 nhân khẩu. Cơ cấu các dân tộc: Dân tộc Thái 3395 người …"
    }
)


def _person(noun: tuple[str, ...]) -> bool:
    return noun[:1] == _PEOPLE or noun[:2] in _PERSONS


def _same_noun(
    a: tuple[str, ...], b: tuple[str, ...], words: int = 3, *, loose: bool = False
) -> bool:
    """ "đảng viên" and "đảng viên sinh": equal over the shorter (and at most ``words``
    words); nothing matches (). One word matches a longer noun only when ``loose`` ("18 đơn
    thư …, giải quyết 16 đơn"). "người" (persons) matches any noun of persons."""
    if (a[:1] == _PEOPLE and _person(b)) or (b[:1] == _PEOPLE and _person(a)):
        return True
    # "40 học viên … gồm … 25 đ/c": "đồng chí" names a person of any noun of persons
    if (a[:2] == _COMRADE and _person(b)) or (b[:2] == _COMRADE and _person(a)):
        return True
    a, b = _canonical_noun(a), _canonical_noun(b)
    common = min(len(a), len(b), words)
    return common > 0 and a[:common] == b[:common] and (common >= 2 or len(a) == len(b) or loose)


# ---------------------------------------------------------------- the finder


class _Finder:
    def __init__(self, text: str):
        self.text = text
        self.tables = find_tables(text)
        table_lines = {line for table in self.tables for line in table.lines}
        self.figures = read_figures(text, table_lines)
        _, self._sentences, self._clauses = _boundaries(text)
        self._prose = [i for i, f in enumerate(self.figures) if not f.in_table]
        self._by_clause: dict[int, list[int]] = {}
        for i in self._prose:
            self._by_clause.setdefault(self.figures[i].clause, []).append(i)
        self._starts = [f.start for f in self.figures]
        self._change_words: dict[int, re.Match | None] = {}
        self.claims: list[Claim] = []
        self.used: set[int] = set()  # figure indexes already explained by a claim
        self.part_of: dict[int, int] = {}  # part figure index → total figure index
        self.in_shares: set[int] = set()  # percentages checked against a base
        self.in_sum: set[int] = set()  # percentages in a "shares add to 100%" claim
        self.target_values: set[int] = set()  # "chỉ tiêu (500 đảng viên)": a target, not a state
        self.previous_values: set[int] = set()  # the earlier value of a change ("kỳ trước")
        self.later_value: dict[int, int] = {}  # the earlier value of a change → the later one
        self.numerators: set[int] = set()  # counts already checked as a share of a base
        self.share_count: dict[int, int] = {}  # percentage → the count it is a share of
        self.share_base: dict[int, int] = {}  # a count checked as a share → its base
        self.named_several: dict[int, list[int]] = {}  # percentage → counts its base names
        self.ratio_base: dict[int, int] = {}  # a ratio's numerator → its denominator
        self.current_values: set[int] = set()  # the later value of a change ("kỳ này")
        self._fraction_pairs: dict[int, list[tuple[int, int]]] | None = None
        self.stated_totals: set[int] = set()  # totals checked against their parts
        self.ratio_percents: set[int] = set()  # percentages checked as X/Y
        self.ratio_base: dict[int, float] = {}  # such a percentage → its Y
        self.fraction_whole: dict[int, int] = {}  # "380 trong tổng số 400 …" (no %): 380 → 400
        self.either_base: dict[int, tuple[int, int]] = {}  # count → a fraction's two numbers
        self.guessed_bases: dict[int, set[int]] = {}  # count → bases found by a loose rule
        self.population_bases: dict[int, set[int]] = {}  # count → the one whole "có" states
        self.fraction_part: dict[int, int] = {}  # a part written a/b in a list → b
        self._read_abbreviations()
        self._name_labelled_values()
        self._name_fraction_numerators()
        self._read_stated_targets()
        self.inferred: set[int] = set()  # changes whose earlier value was not named as such
        self.compared_stated: set[int] = set()  # … but whose compared value was ("so với (41)")

    _ABBREVIATION = re.compile(r"\(\s*([A-ZĐ][A-ZĐ]{1,7})\s*\)")

    def _read_abbreviations(self) -> None:
        """ "320 tổ chức cơ sở đảng (TCCSĐ) … 200 TCCSĐ": a count named by an abbreviation the
        text defines counts what the abbreviated words name (the words whose initials spell
        it, just before the parenthesis)."""
        aliases: dict[str, tuple[str, ...]] = {}
        for match in self._ABBREVIATION.finditer(self.text):
            letters = match.group(1).lower()
            words = _WORD.findall(self.text[max(match.start() - 80, 0) : match.start()])
            words = [w.lower() for w in words[-len(letters) :]]
            if len(words) == len(letters) and "".join(w[0] for w in words) == letters:
                aliases[letters] = tuple(words[:3])
        if not aliases:
            return
        for figure in self.figures:
            if figure.noun and figure.noun[0] in aliases:
                figure.noun = (aliases[figure.noun[0]] + figure.noun[1:])[:3]

    # "tổng số cử tri của cả nước là: 76.436.561; số cử tri đã tham gia bỏ phiếu là: …"
    _LABELLED_VALUE = re.compile(
        r"(?<![^\W\d_])(?:tổng\s+)?số\s+(?P<label>[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,9}?)"
        r"[ \t]+là[ \t]*:?[ \t]*$",
        re.I,
    )

    def _name_labelled_values(self) -> None:
        """A number given as the value of a label, "số cử tri đã tham gia bỏ phiếu là:
        76.188.970" (no noun after it, or only "người"), counts what the label names."""
        for figure in self.figures:
            if figure.percent or figure.in_table or figure.noun not in ((), _PEOPLE):
                continue
            lead = self.text[max(figure.start - 90, 0) : figure.start]
            lead = re.split(r"[;.!?()\n]", lead)[-1]
            found = self._LABELLED_VALUE.search(lead)
            if found is None:
                continue
            noun = _noun_after(" " + found.group("label"), 0)
            if noun and noun[0] not in _NOUN_STOP:
                figure.noun = noun

    def _name_fraction_numerators(self) -> None:
        """ "380 trong tổng số 400 tổ chức cơ sở đảng", "95/100 tổ chức": the first number
        counts what the second names; with no percentage of its own the pair is a whole and
        the part of it a later share may be of."""
        pairs = self.fraction_pairs()
        for clause_pairs in pairs.values():
            for i, j in clause_pairs:
                numerator, denominator = self.figures[i], self.figures[j]
                if not numerator.noun or numerator.noun[0] in ("trong", "trên"):
                    numerator.noun = denominator.noun
                follows = self.figures[j + 1] if j + 1 < len(self.figures) else None
                if follows is not None and follows.percent and follows.clause == numerator.clause:
                    continue
                self.fraction_whole[i] = j

    _STATED_TARGET = re.compile(
        # ("chỉ tiêu … của nhiệm kỳ là kết nạp 300 đảng viên": the verb may follow "là")
        r"(?:chỉ tiêu|kế hoạch|mục tiêu|(?-i:KH)\b)\b[^\d;.%]{0,60}?"
        r"(?:\blà(?:\s+(?:kết nạp|phát triển|tuyển|xây dựng|đạt))?|:)\s*$",
        re.I,
    )

    def _read_stated_targets(self) -> None:
        """ "đề ra chỉ tiêu kết nạp đảng viên mới là 600 đồng chí": a target, no state (not a
        whole a share is of)."""
        for i in self.prose():
            figure = self.figures[i]
            lead = self.text[self._clauses[figure.clause] : figure.start]
            if not figure.percent and self._STATED_TARGET.search(lead):
                self.target_values.add(i)

    # helpers
    def between(self, a: int, b: int) -> str:
        return self.text[a:b]

    def subgroup(self, index: int) -> bool:
        """Whether the figure counts a subgroup named after "trong đó" in its clause ("…;
        trong đó đảng viên nữ 21 đồng chí")."""
        figure = self.figures[index]
        lead = self.text[self._clauses[figure.clause] : figure.start]
        return bool(re.search(r"\btrong (?:đó|tổng số|số)\b", lead, re.I))

    def sentence_start(self, figure: Figure) -> int:
        """Where the sentence of ``figure`` starts."""
        return self._sentences[figure.sentence]

    def prose(self) -> list[int]:
        return self._prose

    def in_clause(self, clause: int) -> list[int]:
        """Indexes of the prose figures of one clause (figures are in text order)."""
        return self._by_clause.get(clause, [])

    def run(self) -> list[Claim]:
        self.totals()
        self.net_changes()
        self.targets()
        self.ratios()
        self.rate_changes()
        self.rate_changes_against_a_bracketed_rate()
        self.differences_with_their_rate()
        self.changes()
        self.differences()
        self.shares_of_base()
        self.rates_named_by_their_subject()
        self.rates_detailed_next()
        self.shares_sums()
        self.unchecked_percents()
        self.table_claims()
        self.settle_doubts()
        return sorted(self.claims, key=lambda c: (c.anchor_start, c.kind))

    def other_whole_agrees(self, claim: Claim) -> str:
        """Why a share found against one whole is not flagged when another count the text
        states makes it right ("205 người, chiếm 23,62%" after "868 ứng viên" and "870 ứng
        viên": 205/868 = 23,62%) — which whole is meant is then not said ("" otherwise)."""
        roles = {part["role"]: part for part in claim.parts}
        top, stated, base = roles.get("số đạt"), roles.get("tỷ lệ nêu"), roles.get("tổng số")
        if not (top and stated and base):
            return ""
        percent = next((f for f in self.figures if f.start == stated["start"] and f.percent), None)
        if percent is None:
            return ""
        value = Decimal(top["value"])
        for figure in self.figures:
            if (
                figure.percent
                or figure.in_table
                or figure.start == base["start"]
                or figure.value <= value
                or not figure.noun
            ):
                continue
            verdict = v.ratio_verdict(value, figure.value, percent.value, percent.decimals)[0]
            if verdict != v.INCONSISTENT:
                return f"{OTHER_WHOLE} ({format_number(figure.value)})"
        return ""

    def sum_stated_elsewhere(self, claim: Claim) -> bool:
        """ "52 đại biểu trúng cử trong tổng số 88 người ứng cử (18 nữ, 34 nam)": the parts add
        up to another count of the sentence, so they may be its parts, not the total's."""
        if claim.computed is None:
            return False
        used = {part["start"] for part in claim.parts}
        total = next((f for f in self.figures if f.start == claim.anchor_start), None)
        if total is None:
            return False
        return any(
            f.value == claim.computed and f.start not in used and not f.percent
            for f in self.figures
            if f.sentence == total.sentence and not f.in_table
        )

    def settle_doubts(self) -> None:
        """A claim whose pairing is a guess is not "không khớp" (:func:`doubted`) — unless
        the guess is borne out: a base another share of the same sentence is stated against
        and agrees with ("Đảng bộ có 1.200 đảng viên.⏎ … 780 đồng chí, chiếm 65%; 300 đồng chí,
        chiếm 27%": 780/1.200 = 65% confirms 1.200 as the base of both)."""
        sentence_of = {f.start: f.sentence for f in self.figures if not f.in_table}
        agreeing_bases = {
            (part["start"], sentence_of.get(claim.anchor_start))
            for claim in self.claims
            # another share of that whole (a fraction agreeing with itself says nothing)
            if claim.kind == SHARE_OF_BASE and claim.verdict == v.CONSISTENT
            for part in claim.parts
            if part["role"] == "tổng số"
        }
        for claim in self.claims:
            if claim.verdict not in (v.INCONSISTENT, v.TRUNCATED):
                claim.doubt = ""
                continue
            if claim.doubt in (BASE_UNSURE, EITHER_UNSURE) and any(
                part["role"] == "tổng số"
                and (part["start"], sentence_of.get(claim.anchor_start)) in agreeing_bases
                for part in claim.parts
            ):
                claim.doubt = ""
            if claim.kind == SHARE_OF_BASE and not claim.doubt:
                claim.doubt = self.other_whole_agrees(claim)
            if claim.kind == TOTAL and not claim.doubt and self.sum_stated_elsewhere(claim):
                claim.doubt = TOTAL_ELSEWHERE
            if claim.kind in (RATIO, SHARE_OF_BASE) and not claim.doubt:
                claim.doubt = self.complement_agrees(claim)
            if not claim.doubt:
                continue
            claim.verdict, claim.explanation = doubted(
                claim.verdict, claim.explanation, claim.doubt
            )
            claim.correct, claim.suggestion = "", None

    def complement_agrees(self, claim: Claim) -> str:
        """ "18.432 thí sinh bị trượt … trên tổng số 1.012.398 thí sinh dự thi, tỷ lệ đỗ tốt
        nghiệp đạt 98,18%": a rate that is the rest of the whole (100% − 1,82%) may be of the
        others, named by the rate's own words — not checked."""
        stated = next((p for p in claim.parts if p["role"] == "tỷ lệ nêu"), None)
        if stated is None or claim.computed is None:
            return ""
        figure = next((f for f in self.figures if f.start == stated["start"]), None)
        if figure is None or not figure.percent:
            return ""
        rest = 100 - Decimal(claim.computed)
        if v.judge(rest, figure.value, figure.decimals) not in (v.CONSISTENT, v.TRUNCATED):
            return ""
        # only when the rate is named by words the count is not ("bị trượt" … "tỷ lệ đỗ")
        count = next((p for p in claim.parts if p["role"] == "số đạt"), None)
        if count is None or count["end"] > figure.start:
            return ""
        name = re.search(
            r"(?:tỷ|tỉ)\s+lệ\s+((?:[^\W\d_]+\s+){1,5}?)(?:đạt|là|chiếm)(?:\s+(?:tỷ|tỉ)\s+lệ)?\s*:?\s*$",
            self.text[count["end"] : figure.start],
            re.I,
        )
        if name is None:
            return ""
        words = set(name.group(1).lower().split()) - _NOUN_STOP
        clause_end = re.search(r"[,;.]|$", self.text[count["end"] :]).start() + count["end"]
        described = set(_WORD.findall(self.text[count["end"] : clause_end].lower()))
        return COMPLEMENT if words - described else ""

    # ------------------------------------------------------------ against a target
    _TARGET = re.compile(
        r"\s*(?:so với\s+)?(?:chỉ tiêu|kế hoạch|mục tiêu|(?-i:KH)\b)(?P<words>[^\d;.%(),]{0,80}?)"
        r"(?:\(\s*(?:(?:chỉ tiêu|kế hoạch|mục tiêu|(?-i:KH)\b)[^\d;.%()]{0,30}?(?:năm\s+\d{4}\s*)?"
        # "(chỉ tiêu giao 300 đảng viên)", "(kế hoạch đề ra 500)"
        r"(?:là|:|(?:được\s+)?giao|đề ra)\s*)?|\s+là\s+|:\s*)?$",
        re.IGNORECASE,
    )

    def targets(self) -> None:
        """ "đạt 102,4% chỉ tiêu nghị quyết (500 đảng viên)": the base is the target named
        after the percentage; without it the percentage is not checkable (the count is of
        the year, not a share of a population stated elsewhere)."""
        for p in self.prose():
            percent = self.figures[p]
            if not percent.percent or p in self.used:
                continue
            head = re.match(
                r"\s*(?:so với\s+)?(?:chỉ tiêu|kế hoạch|mục tiêu|(?-i:KH)\b)",
                self.text[percent.end :],
                re.I,
            )
            if head is None:
                continue
            if self.pair_before(self.fraction_pairs(), p) is not None:
                continue  # "300/600 đảng viên, đạt 50% kế hoạch": a ratio (ratios())
            target = next(
                (
                    i
                    for i in self.in_clause(percent.clause)
                    if i > p
                    and not self.figures[i].percent
                    and self._TARGET.match(self.between(percent.end, self.figures[i].start))
                ),
                None,
            )
            count = self.count_before(p)
            average_target = target is not None and re.search(
                r"bình quân|trung bình", self.between(percent.end, self.figures[target].start), re.I
            )
            if count is not None and self.is_average(count) and not average_target:
                # "kết nạp 6.318 đảng viên, bình quân mỗi năm kết nạp 1.264 đảng viên, đạt
                # 105,3% chỉ tiêu (6.000 …)": a target is of the whole count, not the average
                count = next(
                    (
                        i
                        for i in reversed(self.in_clause(percent.clause))
                        if i < count and self.figures[i].noun and not self.figures[i].percent
                    ),
                    None,
                )
            doubt = ""
            if target is None and count is not None:
                # "xác định chỉ tiêu … là kết nạp 300 đảng viên mới …. Tính đến …, kết nạp được
                # 300 đảng viên mới …, đạt 100% chỉ tiêu": the one target of the count's noun
                # stated earlier in the paragraph (another sentence: maybe another period)
                earlier = [
                    i
                    for i in sorted(self.target_values)
                    if i < count
                    and not self.figures[i].percent
                    and self.figures[i].paragraph == percent.paragraph
                    and self.figures[i].sentence < percent.sentence
                    and _same_noun(self.figures[i].noun, self.figures[count].noun, 2)
                ]
                if len(earlier) == 1:
                    target, doubt = earlier[0], TARGET_ELSEWHERE
            if target is None or count is None:
                self.unchecked(p, "Không nêu chỉ tiêu (kế hoạch) bằng số")
                continue
            top, bottom = self.figures[count], self.figures[target]
            over = re.search(
                r"\bvượt\s*(?:mức\s*)?$", self.text[max(percent.start - 12, 0) : percent.start]
            )
            if over:  # "vượt 21,3% chỉ tiêu (80)": 97/80 = 121,25%, i.e. 21,25% over
                verdict, exact, explanation = v.over_target_verdict(
                    top.value, bottom.value, percent.value, percent.decimals
                )
                suggestion = None
            else:
                verdict, exact, explanation, suggestion = v.ratio_verdict(
                    top.value, bottom.value, percent.value, percent.decimals
                )
                explanation = explanation.replace("tổng số phải", "chỉ tiêu phải")
            claim = self.add(
                SHARE_OF_BASE,
                [top.part("số đạt"), percent.part("tỷ lệ nêu"), bottom.part("chỉ tiêu")],
                percent,
                verdict,
                exact,
                explanation,
                suggestion,
                doubt=doubt,
            )
            claim.end = max(claim.end, bottom.end)
            self.used.update({p, count, target})
            self.target_values.add(target)
        self.elliptic_targets()

    _PLAN_AFTER = re.compile(r"\s*(?:so với\s+)?(?:chỉ tiêu|kế hoạch|mục tiêu|(?-i:KH)\b)", re.I)

    def elliptic_targets(self) -> None:
        """ "Đảng bộ A kết nạp 22 đảng viên, đạt 110% chỉ tiêu được giao; Đảng bộ B kết
        nạp 40 đảng viên, đạt 50%; …": after a rate against a plan, the next "đạt X%" of the list
        leaves the plan unsaid; it is not a share of another unit's count."""
        for p in self.prose():
            percent = self.figures[p]
            if not percent.percent or p in self.used:
                continue
            if not re.search(
                r"\bđạt\s*$", self.text[max(percent.start - 8, 0) : percent.start], re.I
            ):
                continue
            if re.match(r"\s*(?:\(|của\s|so với\s|tổng\s|số\s)", self.text[percent.end :], re.I):
                continue
            before = [
                k
                for k in self.prose()
                if k < p
                and self.figures[k].percent
                and self.figures[k].sentence == percent.sentence
                and self._PLAN_AFTER.match(self.text, self.figures[k].end)
            ]
            if before:
                self.unchecked(p, "Không nêu chỉ tiêu (kế hoạch) bằng số")

    # ------------------------------------------------------------ ratios
    _RATIO_JOIN = re.compile(
        r"\s*/\s*(?:tổng\s+số\s+)?|\s+(?:[^\d;.%()]{0,40}?\s+)?(?:trên|trong)\s+(?:tổng\s+số|"
        r"tổng|số)\s+"
    )

    def fraction_pairs(self) -> dict[int, list[tuple[int, int]]]:
        """Fractions ("941/968", "45 trên tổng số 50") by clause (read once)."""
        if self._fraction_pairs is not None:
            return self._fraction_pairs
        pairs: dict[int, list[tuple[int, int]]] = {}
        self._fraction_pairs = pairs
        figures = self.figures
        for i in self.prose()[:-1]:
            a, b = figures[i], figures[i + 1]
            if a.percent or b.percent or a.clause != b.clause:
                continue
            if self._RATIO_JOIN.fullmatch(self.between(a.end, b.start)):
                pairs.setdefault(a.clause, []).append((i, i + 1))
        return pairs

    def ratios(self) -> None:
        pairs = self.fraction_pairs()
        for p in self.prose():
            percent = self.figures[p]
            if not percent.percent or p in self.used or self.is_change(p) or self.threshold(p):
                continue
            if self.criterion(p) and not self.bounded_result(percent):
                continue  # "1.800/2.000 …, tỷ lệ trên 89%": a bound, not a rate to check
            pair = self.pair_before(pairs, p) or self.pair_after(pairs, p)
            if pair is None:
                continue
            i, j = pair
            doubt = ""
            if j < p and self._EACH_UNIT_RATE.search(
                self.between(self.figures[j].end, percent.start)
            ):
                # "160/262 xã có cử tri đi bầu đạt tỷ lệ 100%": the rate of each commune
                doubt = EACH_UNSURE
            self.rate_claim(RATIO, self.figures[i], self.figures[j], percent, doubt=doubt)
            self.used.update({i, j, p})
            self.ratio_percents.add(p)
            self.ratio_base[p] = self.figures[j].value
            if re.match(
                r"\s*(?:so với\s+)?(?:chỉ tiêu|kế hoạch|mục tiêu|(?-i:KH)\b)",
                self.text[percent.end :],
                re.I,
            ):
                # "300/600 …, đạt 50% kế hoạch": 600 is the plan, 300 the whole of the year
                self.target_values.add(j)
            else:
                self.numerators.add(i)
            # "15.210/15.742 đảng viên … (96,6%), trong đó … 2.105 đồng chí (13,8%) …"
            after = re.match(
                r"[)\]]?\s*(?=\(?\s*,?\s*(?:trong đó|gồm|bao gồm)\b)", self.text[percent.end :]
            )
            if after is not None:
                self.total_with_parts(i, percent.end + after.end())
                self.ratio_base[i] = j

    # "X/Y đơn vị có <something> đạt (tỷ lệ) Z%": the units' own rate, no comma before "đạt"
    _EACH_UNIT_RATE = re.compile(
        r"\scó\s+[^\W\d_][^,;:()\d]*?\s(?:đạt|có)\s+(?:(?:tỷ|tỉ)\s+lệ\s+)?$", re.I
    )

    def pair_before(self, pairs, p):
        percent = self.figures[p]
        best = None
        for i, j in pairs.get(percent.clause, ()):
            if (
                j < p
                and self.figures[j].clause == percent.clause
                and not any(
                    self.figures[k].percent and not self.threshold(k) for k in range(j + 1, p)
                )
                # "(… 27/4) Trong số 665 người …, 348 người (tỷ lệ 52,33%)": a larger count of
                # its own between them, the percentage is of that count, not of the fraction
                # (a smaller one qualifies it: "654/745 chi bộ … đủ 4 kỳ, đạt 87,8%")
                and not any(
                    not self.figures[k].percent
                    and self.figures[k].noun
                    and self.figures[k].value > self.figures[i].value
                    for k in range(j + 1, p)
                )
                # a part larger than its whole is no share of it, unless the rate is over 100%
                and (self.figures[i].value <= self.figures[j].value or percent.value > 100)
                # "69/71 người có số phiếu tín nhiệm đạt 100%": the rate each of them reached (not
                # "15/21 huyện có tỷ lệ nữ trên 45%, chiếm 71,4%", where a bound comes first)
                and not (
                    not any(self.figures[k].percent for k in range(j + 1, p))
                    and re.search(
                        r"\bcó\s+(?:số|tỷ lệ|tỉ lệ)\b",
                        self.between(self.figures[j].end, percent.start),
                        re.I,
                    )
                )
                # "85/144 …, trong đó, 18 đại biểu nữ (21,18%)": the share of a subgroup
                and not any(
                    not self.figures[k].percent
                    and re.search(
                        r"\b(?:trong (?:đó|số)|gồm)\b",
                        self.between(self.figures[j].end, self.figures[k].start),
                        re.I,
                    )
                    for k in range(j + 1, p)
                )
            ):
                best = (i, j)
        return best

    _THRESHOLD_BEFORE = re.compile(
        r"(?:trên|dưới|hơn|từ|ít nhất|tối thiểu|không quá|không dưới|trở lên)\s*$", re.I
    )
    _STATED_BEFORE = re.compile(r"(?:chiếm|đạt|bằng|là)(?:\s+tỷ lệ)?\s*$", re.I)

    def threshold(self, p: int) -> bool:
        """A criterion, not a result: "15/21 huyện … có tỷ lệ nữ kết nạp trên 45%, chiếm
        71,4%" (a bounded percentage followed, in its clause, by the stated one)."""
        percent = self.figures[p]
        if not self._THRESHOLD_BEFORE.search(self.text[max(percent.start - 12, 0) : percent.start]):
            return False
        return any(
            self.figures[k].percent
            and self._STATED_BEFORE.search(
                self.text[max(self.figures[k].start - 12, 0) : self.figures[k].start]
            )
            for k in self.in_clause(percent.clause)
            if k > p
        )

    def pair_after(self, pairs, p):
        percent = self.figures[p]
        for i, j in pairs.get(percent.clause, ()):
            if i == p + 1 and self.figures[i].clause == percent.clause:
                gap = self.between(percent.end, self.figures[i].start)
                if re.fullmatch(r"\s*[(\[]\s*(?:đạt|là|gồm)?\s*", gap):
                    return i, j
        return None

    # ------------------------------------------------------------ changes
    _CHANGE_WORD = re.compile(
        r"(?P<word>tăng|giảm)"
        r"(?:\s+(?:được|thêm|đi|còn|khoảng|gần|hơn|trên|là|so với[^\d;%]{0,30}?))?\s*$",
        re.IGNORECASE,
    )

    def change_word(self, index: int) -> re.Match | None:
        if index not in self._change_words:
            figure = self.figures[index]
            window_start = max(figure.start - 40, 0)
            self._change_words[index] = self._CHANGE_WORD.search(
                self.text[window_start : figure.start]
            )
        return self._change_words[index]

    def is_change(self, index: int) -> bool:
        return self.change_word(index) is not None

    def change_values(self, index: int) -> tuple[int, int] | None:
        """(previous, current) figure indexes for the change stated at ``index``."""
        figure = self.figures[index]
        word_start = max(figure.start - 40, 0) + self.change_word(index).start()
        clause = [i for i in self.in_clause(figure.clause) if not self.figures[i].percent]
        before = [i for i in clause if self.figures[i].end <= word_start]
        # "từ 120 … lên/xuống/còn 150"
        for i in before:
            for j in before:
                if j <= i:
                    continue
                gap_before = self.text[max(self.figures[i].start - 6, 0) : self.figures[i].start]
                gap = self.between(self.figures[i].end, self.figures[j].start)
                if re.search(r"\btừ\s*$", gap_before, re.I) and re.search(
                    r"\b(?:lên|xuống|còn)\s*$", gap, re.I
                ):
                    return i, j
        # the compared value named with "so với": "tăng 25% so với cùng kỳ (120 …)",
        # "so với năm 2022 là 120", "So với năm 2023 (468 đảng viên), số kết nạp tăng 9,4%"
        compared = None
        for j in clause:
            if j == index:
                continue
            lead = self.text[max(self.figures[j].start - 60, 0) : self.figures[j].start]
            if re.search(
                r"so với[^;\d]{0,40}?(?:\d{4}\s*)?(?:\(|là|có|đạt|:)\s*$"
                r"|\(\s*(?:cùng kỳ|kỳ trước|năm trước)(?:\s+năm)?\s*:?\s*$"
                # "(năm 2024 kết nạp 130 …", "(6 tháng đầu năm 2019 tiếp nhận 1.405 đơn)"
                r"|\(\s*(?:\d+\s+tháng\s+(?:đầu\s+|cuối\s+)?)?năm\s+(?:19|20)\d\d[^()\d;]{0,30}$",
                lead,
                re.I,
            ):
                compared = j
                break
        # the figure the change is about: the last count before the change word that is not
        # itself a change ("còn 98 hộ nghèo, giảm 48 hộ (giảm 32,9%)" → 98)
        # not a part in parentheses before it ("1.536 đơn (…, tiếp nhận mới 1.496 đơn), …
        # tăng 131 đơn": of 1.536)
        candidates = [
            i
            for i in before
            if i != compared
            and not self.is_change(i)
            and self.text.count(")", self.figures[i].end, word_start)
            <= self.text.count("(", self.figures[i].end, word_start)
        ]
        if compared is not None:
            # "kiểm tra 84 tổ chức đảng và 231 đảng viên (…), tăng 12,0% so với cùng kỳ (75
            # tổ chức đảng)": the count of the same thing as the compared value
            alike = [
                i
                for i in candidates
                if _same_noun(self.figures[i].noun, self.figures[compared].noun)
            ]
            if alike:
                return compared, alike[-1]
            if candidates:
                return compared, candidates[-1]
            self.inferred.add(index)
            self.compared_stated.add(index)
            return self.earlier_same_noun(compared, figure, compared_first=True)
        if not candidates:
            return None
        # "năm 2024 thu 12,6 tỷ đồng, năm 2023 là 10,8 tỷ đồng, tăng 16,7%": by year
        years = [self.year_before(i) for i in candidates[-2:]]
        if len(candidates) >= 2 and None not in years and years[0] != years[1]:
            older, newer = sorted(zip(years, candidates[-2:], strict=True))
            return older[1], newer[1]
        self.inferred.add(index)
        found = self.earlier_same_noun(candidates[-1], figure)
        after = self.text[figure.end : figure.end + 60]
        if found is not None and re.match(r"\s*(?:[^\W\d_]+\s+){0,3}?so với", after, re.I):
            # "kiểm tra 1.025 đảng viên, tăng 8,2% so với cùng kỳ": the point compared with is
            # named but its value is not given; only a count of that year can be it
            year = re.match(
                r"\s*(?:[^\W\d_]+\s+){0,3}?so với[^;.\d]{0,30}?năm\s+((?:19|20)\d\d)", after, re.I
            )
            if year is None:
                return None
            if self.year_before(found[0]) != int(year.group(1)):
                return self.value_of_year(candidates[-1], int(year.group(1)))
        return found

    def value_of_year(self, current: int, year: int) -> tuple[int, int] | None:
        """ "Trong năm 2022, … kết nạp 80 đảng viên mới …⏎ … phấn đấu kết nạp 95 đảng viên
        mới, tăng 15 đảng viên so với năm 2022": the one earlier count of the same thing that
        its sentence says is of that year."""
        noun = self.figures[current].noun
        found = [
            i
            for i in self.prose()
            if i < current
            and not self.figures[i].percent
            and _same_noun(self.figures[i].noun, noun)
            and not self.subgroup(i)
            and not self.has_own_share(i)
            and year in (self.year_before(i), self.sentence_year(i))
        ]
        if len({self.figures[i].value for i in found}) != 1:
            return None
        return found[-1], current

    def sentence_year(self, index: int) -> int | None:
        """The year the sentence of a figure opens with ("Trong năm 2022, toàn huyện …")."""
        figure = self.figures[index]
        lead = self.text[self.sentence_start(figure) : figure.start]
        found = re.match(
            r"\W*(?:trong|đến hết|tính đến|năm|cả)?\s*(?:năm\s+)?((?:19|20)\d\d)\b", lead, re.I
        )
        return int(found.group(1)) if found else None

    def year_before(self, index: int) -> int | None:
        """The year named just before a figure ("năm 2023 là 10,8 …" → 2023), if any."""
        lead = self.text[max(self.figures[index].start - 30, 0) : self.figures[index].start]
        found = re.findall(r"\bnăm\s+((?:19|20)\d\d)\b(?![^,;]*\d)", lead, re.I)
        return int(found[-1]) if found else None

    def earlier_same_noun(self, anchor: int, figure: Figure, *, compared_first: bool = False):
        """The nearest earlier figure of the paragraph, in an earlier clause, counting the same
        thing as ``anchor``: (earlier, anchor), or (anchor, earlier) when ``anchor`` is the
        compared (previous) value."""
        noun = self.figures[anchor].noun
        # "1.600 hộ nghèo; … còn 1.200 hộ": what remains of it, named by its first word
        remains = len(noun) == 1 and re.search(
            r"\bcòn\s*$",
            self.text[max(self.figures[anchor].start - 8, 0) : self.figures[anchor].start],
        )
        # the paragraph, then the one before ("Trong năm, kết nạp 146 đảng viên …⏎ So với năm
        # 2024, số đảng viên kết nạp tăng 12,3% (năm 2024 kết nạp 130 đảng viên)")
        allowed = {figure.paragraph, self._previous_paragraph(figure.paragraph)}
        for i in reversed(range(anchor)):
            other = self.figures[i]
            if other.in_table:
                continue
            if other.clause < figure.clause and not other.percent:
                if other.paragraph not in allowed:
                    break
                if i in self.target_values or self.is_change(i) or self.subgroup(i):
                    continue
                if self.has_own_share(i):
                    continue  # "… có 88 đồng chí là công nhân, chiếm 60,3%": a subset
                if _same_noun(other.noun, noun, loose=bool(remains)):
                    return (anchor, i) if compared_first else (i, anchor)
        return None

    def has_own_share(self, index: int, words: str = "chiếm") -> bool:
        """A count followed in its clause by "chiếm X%" (a share of something larger; with
        ``words`` "chiếm|đạt|bằng", by any rate of it but against a target)."""
        figure = self.figures[index]
        if re.search(r"\d\s?%\s*\(\s*$", self.text[max(figure.start - 12, 0) : figure.start]):
            return True  # "đạt 50% (8 xã)": the count of the share before it
        return any(
            self.figures[k].percent
            and re.search(
                rf"(?:{words})(?:\s+tỷ lệ)?(?:\s+(?:gần|khoảng|trên|hơn|dưới))?\s*$",
                self.text[max(self.figures[k].start - 14, 0) : self.figures[k].start],
                re.I,
            )
            and not re.match(
                r"\s*(?:so với\b|(?:chỉ tiêu|kế hoạch|mục tiêu|nghị quyết))",
                self.text[self.figures[k].end :],
                re.I,
            )
            and not self.share_of_another_thing(k, figure)
            for k in self.in_clause(figure.clause)
            if k > index
            and not any(
                not self.figures[j].percent and self.figures[j].noun for j in range(index + 1, k)
            )
        )

    def share_of_another_thing(self, k: int, figure: Figure) -> bool:
        """ "44.482 đảng viên (chiếm khoảng 7% dân số toàn tỉnh)": the percentage names its own
        whole, of another thing than the count — not a class among the count's siblings."""
        named = re.match(
            r"\s*((?:[^\W\d_]+[ \t]+){0,2}[^\W\d_]+)", self.text[self.figures[k].end :]
        )
        if named is None or not figure.noun:
            return False
        words = named.group(1).lower().split()
        if words[0] == "số" and len(words) > 1:
            # "1.346 công chức, đạt tỷ lệ 96,3% số vị trí biên chế": the count of another
            # thing the share names
            words = words[1:]
        if words[0] in _NOUN_STOP or words[0] in ("so", "tổng", "số", "của", "trong"):
            return False
        return not (set(words) & set(figure.noun))

    def changes(self) -> None:
        for p in self.prose():
            percent = self.figures[p]
            if not percent.percent or p in self.used or not self.is_change(p):
                continue
            direction = self.change_word(p).group("word").lower()
            stated = f"{direction} {percent.text}"
            if self.change_with_difference(p, direction, stated):
                continue
            values = self.fraction_of_values(p)
            if values is None and not self.change_of_a_rate(p):
                values = self.change_values(p)
            if values is not None and p in self.inferred and self.implausible(values, p, direction):
                values = None
            if values is None:
                self.add(
                    CHANGE,
                    [percent.part("mức tăng/giảm nêu")],
                    percent,
                    v.UNCHECKED,
                    None,
                    f"Không thấy số liệu kỳ so sánh nên không kiểm tra được “{stated}”.",
                    stated=stated,
                )
                self.used.add(p)
                continue
            old, new = (self.figures[i] for i in values)
            verdict, exact, explanation = v.change_verdict(
                old.value,
                new.value,
                direction,
                percent.value,
                percent.decimals,
                labels=(old.text, new.text),
            )
            self.add(
                CHANGE,
                [old.part("kỳ trước"), new.part("kỳ này"), percent.part("mức tăng/giảm nêu")],
                percent,
                verdict,
                exact,
                explanation,
                stated=stated,
                correct_value=None if exact is None else abs(exact),
                doubt=self.earlier_doubt(values, p),
            )
            self.used.update({p, *values})
            self.previous_values.add(values[0])
            self.later_value[values[0]] = values[1]
            self.current_values.add(values[1])

    def fraction_of_values(self, p: int) -> tuple[int, int] | None:
        """ "giảm 12,5% (140/160 vụ)": the change stated with the fraction of its two values
        in parentheses right after it — (earlier, current) by the direction (the earlier is
        the larger of a fall, the smaller of a rise); the text states this pairing."""
        if p + 2 >= len(self.figures):
            return None
        percent, top, bottom = self.figures[p : p + 3]
        if (
            top.percent
            or bottom.percent
            or top.in_table
            or (p + 1, p + 2) not in self.fraction_pairs().get(top.clause, ())
            or not re.fullmatch(r"\s*\(\s*", self.between(percent.end, top.start))
            or not re.fullmatch(r"\s*/\s*", self.between(top.end, bottom.start))
            or not re.match(r"[^()\d]{0,20}\)", self.text[bottom.end :])
        ):
            return None
        falls = self.change_word(p).group("word").lower() == "giảm"
        if (top.value < bottom.value) == falls:
            return p + 2, p + 1
        return p + 1, p + 2

    _RATE_CHANGE = re.compile(
        r"\b(?:tỷ|tỉ)\s+lệ\b[^\d%;]{0,40}?\b(?P<word>tăng|giảm)(?:\s+(?:lên|xuống|thêm|được))?\s*$",
        re.I,
    )
    _EARLIER_RATE = re.compile(
        r"so với\b[^;%]{0,60}?(?:(?P<top>\d[\d.]*)\s+[^\W\d_]+(?:\s+[^\W\d_]+){0,3}?\s+"
        r"(?:trong|trên)\s+(?:tổng\s+số\s+)?(?P<bottom>\d[\d.]*)\b|(?P<rate>\d+(?:,\d+)?)\s?%)",
        re.I,
    )

    def rate_changes(self) -> None:
        """ "… chiếm tỷ lệ 45,3%. So với 340 người trong 870 … của khóa trước, thì tỷ lệ này
        đã tăng 6,2%": a rate's change written as the difference of two rates (in points), the
        earlier one stated after "so với" as a rate or as a fraction; checked against the rate
        stated before it (the text names both)."""
        for p in self.prose():
            percent = self.figures[p]
            if not percent.percent or p in self.used:
                continue
            lead = self.text[self._sentences[percent.sentence] : percent.start]
            change = self._RATE_CHANGE.search(lead)
            if change is None:
                continue
            earlier = self._EARLIER_RATE.search(lead)
            if earlier is None:
                continue
            current = [
                k
                for k in range(p - 1, -1, -1)
                if self.figures[k].percent
                and self.figures[k].sentence in (percent.sentence, percent.sentence - 1)
                and self.figures[k].start < self._sentences[percent.sentence] + earlier.start()
                and not self.is_change(k)
            ]
            if not current:
                continue
            now = self.figures[current[0]]
            if earlier.group("rate"):
                before = Decimal(earlier.group("rate").replace(",", "."))
                parts_text = ""
            else:
                top = Decimal(earlier.group("top").replace(".", ""))
                bottom = Decimal(earlier.group("bottom").replace(".", ""))
                if bottom == 0 or top > bottom:
                    continue
                before = top * 100 / bottom
                parts_text = f" ({earlier.group('top')}/{earlier.group('bottom')})"
            direction = change.group("word").lower()
            if re.search(r"lên|xuống", change.group(), re.I) and abs(
                percent.value - now.value
            ) <= v.half_unit(percent.decimals):
                continue  # "tăng lên 45,3%": the rate it rose to, not by how much
            tolerance = v.half_unit(percent.decimals) + v.half_unit(now.decimals)
            verdict, explanation, exact, correct = judge_rate_change(
                before,
                f"{v.shown(before, now.decimals)}{parts_text}",
                now,
                percent,
                direction,
                tolerance,
            )
            self.add(
                CHANGE,
                [now.part("tỷ lệ kỳ này"), percent.part("mức tăng/giảm nêu")],
                percent,
                verdict,
                exact,
                explanation,
                stated=f"{direction} {percent.text}",
                correct=correct,
            )
            self.claims[-1].start = now.start
            self.used.add(p)

    _EARLIER_IN_BRACKETS = re.compile(
        r"\s*so với\s+(?:cùng kỳ|kỳ trước|đầu năm|năm trước|năm\s+(?:19|20)\d\d|cuối năm\s+"
        r"(?:19|20)\d\d|khóa trước|khoá trước|nhiệm kỳ trước)[^\d()%;.]{0,20}?\(\s*"
        r"(?:[^\W\d_]+\s+){0,3}?$",
        re.I,
    )

    def rate_changes_against_a_bracketed_rate(self) -> None:
        """ "tỷ lệ hộ nghèo còn 3,5%, giảm 0,8% so với năm 2022 (4,3%)": a rate, a change
        right after it, the earlier rate in brackets after "so với": the change is of that
        rate, in points (4,3 − 3,5) or relative to itself (−18,6%); it does not add up only
        when it is neither."""
        figures = self.figures
        for p in self.prose():
            percent = figures[p]
            if not percent.percent or p in self.used or p == 0:
                continue
            word = self.change_word(p)
            if word is None or not re.fullmatch(r"(?:tăng|giảm)\s*", word.group(), re.I):
                continue
            k, e = p - 1, min(p + 1, len(figures) - 1)
            now, earlier = figures[k], figures[e]
            word_start = max(percent.start - 40, 0) + word.start()
            if (
                k >= 1
                and now.percent
                and figures[k - 1].percent
                and re.search(
                    r"\btừ\s*$", self.text[max(figures[k - 1].start - 6, 0) : figures[k - 1].start]
                )
                and re.fullmatch(
                    r"\s*(?:lên|xuống)(?:\s+còn)?\s*|\s*còn\s*",
                    self.between(figures[k - 1].end, now.start),
                )
                and re.fullmatch(r"\s*,?\s*", self.text[now.end : word_start])
            ):
                # "tỷ lệ hộ nghèo giảm từ 4,8% xuống còn 3,8%, giảm 1%": both rates before
                e, earlier = k - 1, figures[k - 1]
            else:
                if e == p or not (now.percent and earlier.percent) or self.is_change(k):
                    continue
                if now.clause != percent.clause or earlier.clause != percent.clause:
                    continue
                if not re.fullmatch(r"\s*,?\s*", self.text[now.end : word_start]):
                    continue
                if not self._EARLIER_IN_BRACKETS.fullmatch(
                    self.between(percent.end, earlier.start)
                ):
                    continue
                if not re.match(r"\s*\)", self.text[earlier.end :]):
                    continue
            direction = word.group("word").lower()
            tolerance = v.half_unit(percent.decimals) + v.half_unit(now.decimals)
            tolerance += v.half_unit(earlier.decimals)
            verdict, explanation, exact, correct = judge_rate_change(
                earlier.value, earlier.text, now, percent, direction, tolerance
            )
            self.add(
                CHANGE,
                [
                    earlier.part("tỷ lệ kỳ trước"),
                    now.part("tỷ lệ kỳ này"),
                    percent.part("mức tăng/giảm nêu"),
                ],
                percent,
                verdict,
                exact,
                explanation,
                stated=f"{direction} {percent.text}",
                correct=correct,
            )
            self.used.update({p, e, k})

    _CHANGED_BY = re.compile(r"\b(?P<word>tăng|giảm)\s+(?:thêm\s+)?$", re.I)
    # "(-18,74%)", "(giảm 10,3%)", or the bare rate "(46%)", maybe after "so với cùng kỳ"
    _RATE_AFTER_DIFFERENCE = re.compile(
        # (the compared year may stand between: "giảm 350 hộ so với năm 2022 (giảm 21,9%)")
        r"(?:[^\d()%;.]|(?<!\d)(?:19|20)\d\d(?!\d)){0,40}?"
        # (or in square brackets: "giảm 714 lượt so cùng kỳ [20,42%]")
        r"(?:[(\[]\s*(?:(?P<sign>[-+−–])|(?P<word>tăng|giảm)\s+)?"
        # or after "=": "[giảm 160 lượt = 44,82% so cùng kỳ]"
        r"|(?<=\s)(?P<equals>=)"
        # or its rate named after a comma: "…, tỷ lệ giảm 21,9%"
        r"|,\s*(?P<named>(?:với\s+)?(?:tỷ|tỉ)\s+lệ\s+(?P<named_word>tăng|giảm)\s+(?:là\s+)?))\s*$",
        re.I,
    )

    def differences_with_their_rate(self) -> None:
        """ "… xảy ra 1.734 vụ, làm chết 708 người …. So với cùng kỳ giảm 400 vụ (-18,74%),
        giảm 47 người chết (-6,23%)": a difference followed by its rate in parentheses is a
        change of the count of this period the difference names (the count of "vụ"; the
        count of "người" written after "chết"), stated in its sentence or the one before;
        the earlier value is that count plus (or minus) the difference."""
        for p in self.prose():
            percent = self.figures[p]
            if not percent.percent or p in self.used or p == 0:
                continue
            d = p - 1
            difference = self.figures[d]
            if difference.percent or not difference.noun or d in self.used:
                continue
            word = self._CHANGED_BY.search(
                self.text[max(difference.start - 12, 0) : difference.start]
            )
            rate = self._RATE_AFTER_DIFFERENCE.fullmatch(
                self.between(difference.end, percent.start)
            )
            if word is None or rate is None:
                continue
            after = self.text[percent.end :]
            if rate.group("equals"):
                # "= 44,82% so cùng kỳ]": the rate's sentence or bracket ends soon after it
                if not re.match(r"[^\d%;()\[\]\n]{0,30}(?:[)\];.]|$)", after):
                    continue
            elif not rate.group("named") and not re.match(r"\s*[)\]]", after):
                continue
            direction = word.group("word").lower()
            rate_word = rate.group("word") or rate.group("named_word")
            if rate_word and rate_word.lower() != direction:
                continue
            if rate.group("sign") and (rate.group("sign") == "+") != (direction == "tăng"):
                continue
            current = self.count_a_difference_names(d)
            if not current:
                continue
            if len(current) > 1:
                current = self.named_by_the_subject(d, word.start(), current)
            guessed = len(current) > 1
            if guessed:
                current = self.total_of_the_others(current)  # a guess still
            elif self.figures[current[-1]].sentence != difference.sentence:
                # "… xảy ra 1.734 vụ …. So với cùng kỳ giảm 400 vụ (-18,74%)": a sentence that
                # opens on the comparison goes on from the count before it; one with a subject
                # of its own ("Trong quý, cấp xã giảm 360 lượt …") may be of another count
                lead = self.text[self._sentences[difference.sentence] : difference.start]
                guessed = not re.match(
                    r"\s*so\s+(?:với\s+)?(?:cùng\s+kỳ|năm|kỳ|quý|tháng)", lead, re.I
                )
            new = self.figures[current[-1]]
            sign = -1 if direction == "tăng" else 1
            old = new.value + sign * difference.value
            verdict, exact, explanation = v.change_verdict(
                old,
                new.value,
                direction,
                percent.value,
                percent.decimals,
                labels=(
                    f"{format_number(old)} ({new.text} {'−' if sign < 0 else '+'} "
                    f"{difference.text})",
                    new.text,
                ),
            )
            claim = self.add(
                CHANGE,
                [
                    new.part("kỳ này"),
                    difference.part("mức tăng/giảm (số)"),
                    percent.part("mức tăng/giảm nêu"),
                ],
                percent,
                verdict,
                exact,
                explanation,
                stated=f"{direction} {percent.text}",
                correct_value=None if exact is None else abs(exact),
                doubt=""
                if not guessed
                and not (rate.group("named") and self._far_from(exact, percent.value))
                # ("…, tỷ lệ giảm 0,5%" far from the change of the count: maybe a rate's
                # change in points)
                else EARLIER_UNSURE,
            )
            if self.after_a_share(d, word.start()):
                claim.doubt = POINTS_UNSURE
            claim.start = difference.start
            self.used.add(p)  # the difference stays free to be checked against stated values
            self.current_values.add(current[-1])

    def total_of_the_others(self, counts: list[int]) -> list[int]:
        """ "Cấp huyện tiếp 450 lượt, trong đó: khiếu nại 30 lượt, …, loại khác 400 lượt [giảm
        150 lượt …]": of several counts a difference may be of, the stated total whose parts
        are all the others (else all of them)."""
        starts = {i: self.figures[i].start for i in counts}
        for i in counts:
            for claim in self.claims:
                if claim.kind != TOTAL or claim.anchor_start != starts[i]:
                    continue
                parts = {part["start"] for part in claim.parts}
                if all(starts[j] in parts for j in counts if j != i):
                    return [i]
        return counts

    def after_a_share(self, d: int, word_at: int) -> bool:
        """ "… 16.003/80.276 hộ, chiếm tỷ lệ 19,93%, giảm 1.432 hộ nghèo (1,95%)": a difference
        written right after a share — its rate may be the share's fall in points as well as
        the count's relative fall."""
        if d == 0:
            return False
        before = self.figures[d - 1]
        difference = self.figures[d]
        if not before.percent or before.sentence != difference.sentence:
            return False
        word_start = max(difference.start - 12, 0) + word_at
        lead = self.text[max(before.start - 14, 0) : before.start]
        return bool(re.search(r"(?:tỷ lệ|tỉ lệ|chiếm)\s*(?:là\s+)?$", lead, re.I)) and bool(
            re.fullmatch(r"[\s),]*", self.text[before.end : word_start])
        )

    def named_by_the_subject(self, d: int, word_at: int, counts: list[int]) -> list[int]:
        """ "… 2.345 vụ vi phạm hành chính, xử phạt 2.100 vụ …. So với cùng kỳ, số vụ vi phạm
        tăng 245 vụ": of several counts of the difference's noun, the one whose words hold
        the subject ("số vụ vi phạm") written before the change word (else all of them)."""
        difference = self.figures[d]
        word_start = max(difference.start - 12, 0) + word_at
        lead = self.text[self._clauses[difference.clause] : word_start]
        subject = re.search(r"\bsố\s+((?:[^\W\d_]+\s+){0,3}[^\W\d_]+)\s*$", lead)
        if subject is None:
            return counts
        words = set(subject.group(1).lower().split())

        def around(i: int) -> set[str]:
            figure = self.figures[i]
            before = re.split(r"[,;:().\d]", self.text[max(figure.start - 24, 0) : figure.start])
            return set(figure.noun) | set(_WORD.findall(before[-1].lower()))

        named = [i for i in counts if words <= around(i)]
        return named if len(named) == 1 else counts

    @staticmethod
    def _far_from(exact: Decimal | None, stated: Decimal) -> bool:
        if exact is None or stated == 0:
            return True
        return not Decimal("0.5") <= abs(exact) / stated <= 2

    def count_a_difference_names(self, d: int) -> list[int]:
        """The counts of this period the difference ``d`` may be of ("giảm 47 người chết":
        "làm chết 708 người"), in its sentence or the sentence before, not themselves changes:
        its noun's words all stand in the count's noun or in the words just before it."""
        difference = self.figures[d]
        noun = difference.noun
        if noun[:1] == ("số",) and len(noun) > 1:
            noun = noun[1:]  # "tăng 1.231 số vụ khám phá": the number of the cases solved
        words = set(noun)
        if difference.noun[:2] == ("trường", "hợp"):
            # "119 doanh nghiệp tạm ngừng hoạt động, tăng 37 trường hợp": "trường hợp" counts
            # cases of whatever the count just before it in its clause counts — unless the
            # clause counts "trường hợp" itself ("xử lý 1.200 trường hợp vi phạm, phạt tiền 3,5
            # tỷ đồng, tăng 150 trường hợp"), and never an amount of money
            before = [
                i
                for i in self.in_clause(difference.clause)
                if i < d and not self.figures[i].percent and self.figures[i].noun
            ]
            cases = [
                i
                for i in before
                if self.figures[i].noun[:2] == ("trường", "hợp") and not self.is_change(i)
            ]
            if cases:
                return [cases[-1]]
            if (
                before
                and not self.is_change(before[-1])
                and not self._MONEY.match(" ".join(self.figures[before[-1]].noun))
            ):
                return [before[-1]]
            return []
        found = []
        for i in range(d - 1, -1, -1):
            other = self.figures[i]
            if other.paragraph != difference.paragraph or other.sentence < difference.sentence - 1:
                break
            if other.percent or not other.noun or other.noun[:1] != noun[:1]:
                continue
            if self.is_change(i) or self._CHANGED_BY.search(
                self.text[max(other.start - 12, 0) : other.start]
            ):
                continue
            lead = self.text[max(other.start - 24, 0) : other.start]
            lead = re.split(r"[,;:().\d]", lead)[-1]
            named = set(other.noun) | set(_WORD.findall(lead.lower()))
            if words <= named:
                found.append(i)
        return found[::-1]

    _MONEY = re.compile(r"(?:nghìn|ngàn|triệu|tỷ|tỉ)?\s*(?:đồng|usd|đô)\b|tỷ\b|tỉ\b", re.I)

    def change_of_a_rate(self, p: int) -> bool:
        """ "2 người (tỉ lệ 0,4%), giảm 0,4% so với khóa trước": a change written right after
        a rate is a change of that rate (in points), not of a count."""
        if p == 0:
            return False
        before = self.figures[p - 1]
        if not before.percent or before.clause != self.figures[p].clause:
            return False
        word_start = max(self.figures[p].start - 40, 0) + self.change_word(p).start()
        gap = self.text[before.end : word_start]
        lead = self.text[max(before.start - 14, 0) : before.start]
        return bool(re.search(r"(?:tỷ lệ|tỉ lệ|chiếm)\s*$", lead, re.I)) and bool(
            re.fullmatch(r"[\s),]*", gap)
        )

    def earlier_doubt(self, values: tuple[int, int], p: int) -> str:
        """Why the earlier value of the change stated at ``p`` is a guess ("" when the text
        says it: "từ … lên …", "so với cùng kỳ (120)", or each value with its own year)."""
        if p not in self.inferred:
            return ""
        if p in self.compared_stated and self.subject_names(p, values[1]):
            return ""  # "kết nạp 47 …. So với năm 2024 (41 đảng viên), số kết nạp tăng 16,4%"
        years = [self.year_before(i) or self.sentence_year(i) for i in values]
        if None not in years and years[0] < years[1]:
            return ""  # "năm 2016 … 183 …; năm 2017 … 155 …, giảm 15,3%"
        return EARLIER_UNSURE

    def subject_names(self, p: int, current: int) -> bool:
        """Whether the subject of the change at ``p`` ("số kết nạp tăng …") is the verb the
        count ``current`` is written after ("kết nạp 47 đảng viên")."""
        figure = self.figures[p]
        word_start = max(figure.start - 40, 0) + self.change_word(p).start()
        lead = self.text[self._clauses[figure.clause] : word_start]
        subject = re.search(r"\bsố\s+((?:[^\W\d_]+\s+){0,2}[^\W\d_]+)\s*$", lead)
        if subject is None:
            return False
        other = self.figures[current]
        before = self.text[max(other.start - 30, 0) : other.start].lower()
        return (
            re.search(rf"\b{re.escape(subject.group(1).lower())}\s*(?:được\s+)?$", before)
            is not None
        )

    def implausible(self, values: tuple[int, int], p: int, direction: str) -> bool:
        """Whether an earlier value that the text does not name as such (a count of the same
        thing in an earlier clause) is unlikely to be it: the change it gives goes the other
        way, or is more than twice or less than half the stated one ("12 chi bộ … (30,0%);
        25 chi bộ … (bằng 62,5% và tăng 1,5%)": a sibling class, not last year's value)."""
        old, new = (self.figures[i].value for i in values)
        stated = self.figures[p]
        exact = v.change_percent(old, new) if stated.percent else Decimal(new) - Decimal(old)
        if exact is None or exact == 0 or stated.value == 0:
            return True
        if (exact > 0) != (direction == "tăng"):
            return True
        return not Decimal("0.5") <= abs(exact) / stated.value <= 2

    _DIFFERENCE_ASIDE = re.compile(r"\s*\(\s*(?P<word>tăng|giảm)\s+(?:thêm\s+)?$", re.I)

    def change_with_difference(self, p: int, direction: str, stated: str) -> bool:
        """ "kỷ luật 45 đảng viên, giảm 10% (giảm 5 đảng viên)": the difference in
        parentheses gives the earlier value (45 + 5 = 50), checked against the percentage."""
        percent = self.figures[p]
        d = p + 1
        if d >= len(self.figures) or self.figures[d].percent or self.figures[d].in_table:
            return False
        difference = self.figures[d]
        aside = self._DIFFERENCE_ASIDE.fullmatch(self.between(percent.end, difference.start))
        if aside is None or aside.group("word").lower() != direction:
            return False
        if not re.match(r"[^\d()%;\n]{0,40}\)", self.text[difference.end :]):
            return False
        word_start = max(percent.start - 40, 0) + self.change_word(p).start()
        counts = [
            i
            for i in self.in_clause(percent.clause)
            if i < p and not self.figures[i].percent and self.figures[i].end <= word_start
        ]
        counts = [i for i in counts if not self.is_change(i)]
        if not counts:
            return False
        current = self.figures[counts[-1]]
        if difference.noun and current.noun and difference.noun[:1] != current.noun[:1]:
            return False
        sign = -1 if direction == "tăng" else 1
        old = current.value + sign * difference.value
        verdict, exact, explanation = v.change_verdict(
            old,
            current.value,
            direction,
            percent.value,
            percent.decimals,
            labels=(
                f"{format_number(old)} ({current.text} {'−' if sign < 0 else '+'} "
                f"{difference.text})",
                current.text,
            ),
        )
        claim = self.add(
            CHANGE,
            [
                current.part("kỳ này"),
                percent.part("mức tăng/giảm nêu"),
                difference.part("mức tăng/giảm (số)"),
            ],
            percent,
            verdict,
            exact,
            explanation,
            stated=stated,
            correct_value=None if exact is None else abs(exact),
        )
        claim.end = max(claim.end, difference.end + 1)
        self.used.update({p, d, counts[-1]})
        self.current_values.add(counts[-1])
        return True

    def differences(self) -> None:
        last: tuple[int, str, int] | None = None  # (figure, direction, word start) of the last
        for d in self.prose():
            figure = self.figures[d]
            if figure.percent or d in self.used:
                continue
            if self.is_change(d):
                word = self.change_word(d)
                direction = word.group("word").lower()
                word_start = max(figure.start - 40, 0) + word.start()
                values = self.change_values(d)
            elif last is not None and self._AND_NEXT.fullmatch(
                self.between(self.figures[last[0]].end, figure.start)
            ):
                # "tăng 24 tập thể và 57 cá nhân so với đợt trước (132 tập thể, 355 cá nhân)"
                direction, word_start = last[1], last[2]
                values = self.values_alike(d, word_start)
            else:
                continue
            if values is None or d in values:
                continue
            if d in self.inferred and self.implausible(values, d, direction):
                continue
            old, new = (self.figures[i] for i in values)
            if figure.noun and figure.noun[:1] != new.noun[:1]:
                continue
            last = (d, direction, word_start)
            verdict, exact, explanation = v.difference_verdict(
                old.value, new.value, direction, figure.value
            )
            self.add(
                DIFFERENCE,
                [old.part("kỳ trước"), new.part("kỳ này"), figure.part("mức tăng/giảm nêu")],
                figure,
                verdict,
                exact,
                explanation,
                stated=f"{direction} {figure.text}",
                correct=format_number(abs(exact)),
                doubt=self.earlier_doubt(values, d),
            )
            self.used.update({d, *values})
            self.previous_values.add(values[0])
            self.later_value[values[0]] = values[1]

    # "phát triển mới 4.640 hội viên, … đưa ra khỏi tổ chức 1.477 hội viên, … tăng 3.163":
    # what joined, what left and the net change they make
    _JOINED = re.compile(r"\b(?:phát triển|kết nạp|tiếp nhận)(?:\s+(?:được|mới|thêm))*\s*$", re.I)
    _LEFT = re.compile(
        r"\b(?:(?:đưa|cho)?\s*ra khỏi(?:\s+(?:Đảng|tổ chức|hội|danh sách))?|xóa tên|xoá tên|"
        r"khai trừ|chuyển đi)(?:\s+(?:được|khỏi Đảng))?\s*$",
        re.I,
    )
    # a change against another period is no net change of these ("so với đầu năm" is)
    _NET_OTHER_PERIOD = re.compile(
        r"\bso với\b(?!\s+(?:đầu năm|đầu kỳ|đầu nhiệm kỳ))|\bcùng kỳ\b|\b(?:năm|kỳ) trước\b",
        re.I,
    )

    def net_changes(self) -> None:
        """A sentence giving what joined and what left (of one noun), then a rise or fall of
        that noun: the net change is their difference ("phát triển mới 520 hội viên, đưa ra
        khỏi tổ chức 130 hội viên, … tăng 390 hội viên"). Against another period ("tăng 12 so
        với năm trước") it may be a change of the joins, so a difference that does not add up
        is not flagged."""
        for d in self.prose():
            figure = self.figures[d]
            if figure.percent or d in self.used or not self.is_change(d):
                continue
            sentence = [
                i
                for i in self.prose()
                if i < d
                and self.figures[i].sentence == figure.sentence
                and not self.figures[i].percent
                and i not in self.used
            ]

            def lead(i: int) -> str:
                start = self.figures[i].start
                return re.split(r"[,;:(]", self.text[max(start - 50, 0) : start])[-1]

            joined = [i for i in sentence if self._JOINED.search(lead(i))]
            left = [i for i in sentence if self._LEFT.search(lead(i))]
            if len(joined) != 1 or len(left) != 1 or joined[0] > left[0]:
                continue
            j, k = joined[0], left[0]
            if not all(
                _same_noun(self.figures[i].noun, self.figures[j].noun, 1, loose=True)
                for i in (k, d)
            ) or any(i in sentence and i > k and not self.is_change(i) for i in range(k + 1, d)):
                continue
            direction = self.change_word(d).group("word").lower()
            net = self.figures[j].value - self.figures[k].value
            stated = figure.value if direction == "tăng" else -figure.value
            exact_text = format_number(abs(net))
            word = "tăng" if net > 0 else "giảm" if net < 0 else "không đổi"
            sums = f"{self.figures[j].text} vào − {self.figures[k].text} ra = {word} {exact_text}"
            if net == stated:
                verdict, explanation = v.CONSISTENT, f"{sums}: khớp với {direction} {figure.text}."
            else:
                verdict = v.INCONSISTENT
                explanation = f"{sums}, không phải {direction} {figure.text}."
            after = self.text[figure.end : figure.end + 60].split(".")[0]
            doubt = (
                "Không chắc số tăng/giảm này là chênh lệch giữa số vào và số ra: câu so với "
                "một kỳ khác"
                if self._NET_OTHER_PERIOD.search(after)
                else ""
            )
            self.add(
                DIFFERENCE,
                [
                    self.figures[j].part("số vào"),
                    self.figures[k].part("số ra"),
                    figure.part("mức tăng/giảm nêu"),
                ],
                figure,
                verdict,
                net,
                explanation,
                stated=f"{direction} {figure.text}",
                correct=exact_text,
                doubt=doubt,
            )
            self.used.update({d, j, k})

    _AND_NEXT = re.compile(r"[ \t]+(?:[^\W\d_]+[ \t]+){0,3}?(?:và|,)[ \t]+")

    def values_alike(self, d: int, word_start: int) -> tuple[int, int] | None:
        """(earlier, later) counts of the same thing as ``d`` around a change word: the later
        before the word, the earlier after "so với" ("… 412 cá nhân …, tăng 24 tập thể và 57
        cá nhân so với đợt trước (132 tập thể, 355 cá nhân)" → 355, 412)."""
        figure = self.figures[d]
        clause = [i for i in self.in_clause(figure.clause) if not self.figures[i].percent]
        alike = [i for i in clause if i != d and _same_noun(self.figures[i].noun, figure.noun)]
        later = [i for i in alike if self.figures[i].end <= word_start and not self.is_change(i)]
        earlier = [
            i
            for i in alike
            if i > d and re.search(r"\bso với\b", self.between(figure.end, self.figures[i].start))
        ]
        return (earlier[0], later[-1]) if later and earlier else None

    # ------------------------------------------------------------ totals
    _BOUND = re.compile(
        r"(?P<bound>trên|hơn|vượt|ít nhất|tối thiểu|gần|khoảng|xấp xỉ|dưới|chưa đến)\s*$",
        re.IGNORECASE,
    )
    _OPENER = re.compile(
        r"\s*(?:\(\s*(?:gồm|trong đó|bao gồm|có)?\s*:?\s*"
        r"|[,;]?\s*(?:bao gồm|gồm|trong đó(?:\s+có)?|chia ra)\s*[:,]?\s*|:\s*"
        # "8 trường hợp bị thi hành kỷ luật, với hình thức khiển trách 3, cảnh cáo 1, …"
        r"|,?\s*với (?:các )?hình thức(?: kỷ luật)?\s*:?\s*(?=[^\W\d_]))",
        re.IGNORECASE,
    )

    _HEAD = re.compile(  # the words naming a total, up to its list of parts
        r"(?:\s*,?\s+[“\"]?[^\W\d_]+[”\"]?){1,12}?"
        r"(?=\s*(?:\(|[,;]?\s*(?:bao gồm|gồm|trong đó|chia ra|với (?:các )?hình thức)\b|:))",
        re.IGNORECASE,
    )

    _COMPARED_HEAD = re.compile(r"\bso với\b|\bcùng kỳ\b|\b(?:năm|kỳ|đợt) trước\b", re.I)
    _EXCLUDED = re.compile(
        r"\s*\(\s*(?:không|chưa)\s+(?:tính|kể|đánh giá|xếp loại|bao gồm)[^()\n]*\)", re.I
    )

    # a change (or a share) stated between a total and its list: "40 đảng viên, giảm 20%
    # (giảm 10 đảng viên) bằng các hình thức: …", "120 tổ chức (tăng 5 … so với năm 2023),
    # trong đó …"
    _CHANGE_ASIDE = re.compile(
        r",?\s*(?:tăng|giảm)\s+[\d.,]+\s*%(?:\s*\([^()\n]*\))?|\s*\(\s*(?:tăng|giảm)\b[^()\n]*\)"
        # or its share: "400 đồng chí, chiếm 40% tổng số … (trong đó: …)"
        r"|,?\s*chiếm(?:\s+tỷ lệ)?\s+[\d.,]+\s*%[^\d();:\n]{0,60}?(?=\s*\()"
        r"|,?\s*(?:đạt|bằng|chiếm)(?:\s+tỷ lệ)?\s+[\d.,]+\s*%[^\d();:,\n]{0,40}?"
        r"(?=\s*,\s*(?:trong đó|gồm|bao gồm)\b)"
        # or in parentheses: "30 đảng viên … (chiếm tỷ lệ 2% tổng số …), trong đó có 22 …"
        r"|\s*\(\s*(?:chiếm|bằng|đạt)\b[^()\n]*\)(?=\s*,?\s*(?:trong đó|gồm|bao gồm)\b)"
        # or a comparison without figures: "17 đảng viên (tương đương so với cùng kỳ), trong đó"
        r"|\s*\([^()\d\n]*\bso với\b[^()\d\n]*\)",
        re.I,
    )
    _WORDS = re.compile(r"(?:[ \t]+(?!(?:đạt|chiếm|bằng|tăng|giảm)\b)[^\W\d_]+){1,6}")
    _NOUN_ABBREVIATION = re.compile(r"\s*\(\s*[A-ZĐ]{2,}\s*\)")
    _LABEL_FIRST = re.compile(r"(?:trong đó|gồm)\s*:\s*$", re.I)

    def totals(self) -> None:
        for t in self.prose():
            total = self.figures[t]
            if total.percent or not total.noun:
                continue
            start = total.end
            head = self._HEAD.match(self.text[start : start + 80])
            abbreviation = head and self._NOUN_ABBREVIATION.match(self.text, start + head.end())
            if abbreviation:
                # "944 tổ chức cơ sở đảng (TCCSĐ), trong đó …": the noun's abbreviation is no
                # list of parts; the head goes on after it
                start = abbreviation.end()
                head = self._HEAD.match(self.text[start : start + 80]) or re.match("", "")
            if head is not None:
                aside = self._CHANGE_ASIDE.match(self.text, start + head.end())
            else:
                words = self._WORDS.match(self.text, start)
                aside = words and self._CHANGE_ASIDE.match(self.text, words.end())
            if aside:
                start = aside.end()
                head = self._HEAD.match(self.text[start : start + 80])
                if head is None and self._OPENER.match(self.text, start):
                    head = re.match("", "")  # the list opens right after the aside
            if head is None:
                self.total_before_its_sentence(t)
                continue
            if self._COMPARED_HEAD.search(head.group()):
                continue  # "57 cá nhân so với đợt trước (132 …, 355 …)": earlier values
            position = start + head.end()
            aside = self._EXCLUDED.match(self.text, position)
            if aside is not None:
                # "1.418 đồng chí (không đánh giá 108 đồng chí …), trong đó: …": what is
                # left out is not a part; the list may follow the parenthesis
                position = aside.end()
            self.total_with_parts(t, position)
            if t not in self.stated_totals and re.match(
                r"\s*\((?:có|trong đó)\b[^()\n]*\)\s*\.", self.text[position:]
            ):
                # "nhận 7 đơn (có 4 đơn giấu tên). Qua phân loại …": a subgroup in brackets,
                # then the parts in the next sentence
                self.total_before_its_sentence(t)

    # "… có 48 đảng viên được trao huy hiệu Đảng. Trong đó có 6 …, 12 … và 30 …"
    _NEXT_OPENER = re.compile(
        r"(?:Trong (?:đó|số đó|đợt [^,.;\d\n]{0,40}?lần này)|Cụ thể|(?P<sorted>Qua phân loại))"
        r"\s*[,:]?\s*(?:có\s+|đã\s+)?"
        r"(?=\d|[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,8}?[ \t]+\d)",
        re.I,
    )
    # (the sentence may give the total's own share: "1.346 công chức, đạt tỷ lệ 96,3% số …")
    # (or a subgroup in brackets: "nhận 7 đơn tố cáo (có 4 đơn giấu tên). Qua phân loại …")
    _NEXT_SENTENCE_LIST = re.compile(
        r"(?:[^\d.;:!?\n(]|\d+(?:,\d+)?\s?%|\((?:có|trong đó)\b[^()\n]*\)){0,160}?[.]\s+"
        r"(?=Trong |Cụ thể|Qua phân loại)"
    )
    # a heading line (no full stop) whose total the next line lists: "Hà Nội xảy ra 925 vụ
    # cháy, nổ trong 9 tháng⏎Trong đó, 6 vụ …"
    _NEXT_LINE_LIST = re.compile(r"[^.;:!?\n]{0,80}\n(?=Trong đó|Cụ thể)")
    _IN_TOTAL = re.compile(r"[^\d.;:!?\n]{0,80}?\s(?=có\s+\d)")  # "Trong 29 đảng viên … có 3 …"

    def total_before_its_sentence(self, t: int) -> None:
        """A total that ends its sentence, its parts listed by the next one ("… cho 100 đồng
        chí. Trong đó, có 10 …, 40 …"), or a total opening a sentence with "Trong" whose parts
        follow "có" ("Trong 20 đảng viên được tặng … có 2 …; 3 … và 15 …")."""
        total = self.figures[t]
        lead = self.text[self.sentence_start(total) : total.start]
        if re.fullmatch(r"\W*Trong\s+(?:tổng số\s+)?", lead, re.I):
            found = self._IN_TOTAL.match(self.text, total.end)
            if found:
                self.total_with_parts(t, found.end(), opener=re.compile(r"có\s+"), sentence=True)
            return
        found = self._NEXT_SENTENCE_LIST.match(self.text, total.end) or self._NEXT_LINE_LIST.match(
            self.text, total.end
        )
        aside = re.match(
            r"[^\d.;:!?\n(]{0,80}\((?:có|trong đó)\b[^()\n]*\)", self.text[total.end :]
        )
        others = [
            i
            for i in self.prose()
            if i != t
            and self.figures[i].sentence == total.sentence
            and self.figures[i].noun
            and not self.figures[i].percent
            # "(có 4 đơn giấu tên)" right after the total: some of it, not another count
            and not (aside and total.end < self.figures[i].start < total.end + aside.end())
        ]
        if others:
            return  # "… 500 đảng viên … và 12 trường hợp …. Trong đó, …": of which?
        if found and self._NEXT_OPENER.match(self.text, found.end()):
            self.total_with_parts(t, found.end(), opener=self._NEXT_OPENER, sentence=True)

    def total_with_parts(
        self,
        t: int,
        position: int,
        *,
        start_at: int | None = None,
        opener: re.Pattern | None = None,
        sentence: bool = False,
    ) -> None:
        """The total ``t`` against the parts listed from ``position`` (if they are)."""
        figures = self.figures
        total = figures[t]
        opener = (opener or self._OPENER).match(self.text, position)
        if opener is None or opener.end() == position:
            return
        listed = self.listed_parts(opener, total, sentence=sentence)
        if listed is None:
            return
        parts, end, complete = listed
        owner = self.owner_of_the_list(t, parts)
        if owner is not None:
            t, total = owner, figures[owner]
        # "44.482 đảng viên (chiếm …), trong đó có: …": the words between the total and its
        # list may hold the "trong đó" the opener itself lacks
        exhaustive = not re.search(
            r"\btrong đó\b", self.text[total.end : opener.end()], re.I
        ) or self.closed_set(parts)
        # "nhận 7 đơn …. Qua phân loại, đã chuyển … 5 đơn, …": what the sorting found, which
        # may not be all of it (nor only it: earlier letters may be sorted with it)
        sorted_out = bool(opener.groupdict().get("sorted"))
        exhaustive = exhaustive and not sorted_out
        for i in parts:
            self.part_of[i] = t
        if len(parts) < 2:
            return  # "1.520 hộ, trong đó 1.398 hộ …": a base for its share, nothing to add
        bound_match = self._BOUND.search(self.text[max(total.start - 12, 0) : total.start])
        bound = bound_match.group("bound").lower() if bound_match else ""
        verdict, added, explanation = v.total_verdict(
            total.value, [figures[i].value for i in parts], bound, exhaustive
        )
        doubt = ""
        numerator = next(
            (i for i, j in self.fraction_pairs().get(total.clause, ()) if j == t), None
        )
        if numerator is not None and verdict != v.CONSISTENT:
            # "bố trí 2.813/3.050 cán bộ, công chức, trong đó có 1.483 … và 1.330 …": the
            # parts may be of the fraction's numerator (the ones there are) — of which of the
            # two is not said unless they add up to one of them
            other = v.total_verdict(
                figures[numerator].value, [figures[i].value for i in parts], bound, exhaustive
            )
            if other[0] == v.CONSISTENT:
                t, total = numerator, figures[numerator]
                verdict, added, explanation = other
            else:
                doubt = PARTS_UNSURE
        if any(i in self.fraction_part for i in parts):
            # a list of fractions: the total counts either what was reached (the numerators)
            # or what was set (the denominators); the text does not say which
            wholes = [self.fraction_part.get(i, i) for i in parts]
            other = v.total_verdict(total.value, [figures[i].value for i in wholes], bound, True)
            whole_of_total = next(
                (j for i, j in self.fraction_pairs().get(total.clause, ()) if i == t), None
            )
            if (
                verdict == v.CONSISTENT
                and whole_of_total is not None
                and all(i in self.fraction_part for i in parts)
            ):
                # "324/590 trường …, trong đó có 71/179 …; 160/206 …": the total is a
                # fraction too and its numerators add up, so the list is complete and the
                # denominators must make its whole (stated pairing: whole with whole)
                of_wholes = v.total_verdict(
                    figures[whole_of_total].value, [figures[i].value for i in wholes], bound, True
                )
                if of_wholes[0] != v.CONSISTENT:
                    t, total = whole_of_total, figures[whole_of_total]
                    parts, (verdict, added, explanation) = wholes, of_wholes
            elif verdict != v.CONSISTENT and other[0] == v.CONSISTENT:
                parts, (verdict, added, explanation) = wholes, other
            elif verdict != v.CONSISTENT:
                doubt = PARTS_UNSURE
        if doubt:
            pass
        elif sorted_out and verdict != v.CONSISTENT:
            doubt = PARTS_UNSURE
        elif not complete:
            doubt = PARTS_UNSURE  # a list whose end is a guess
        elif (
            not exhaustive
            and added > total.value
            and self.people(t)
            and not self.exclusive_classes(parts)
            and not self.shares_add_up(t, parts)
        ):
            doubt = OVERLAP_UNSURE  # "trong đó 30 nữ, 25 đoàn viên": groups, not classes
        claim = self.add(
            TOTAL,
            [total.part("tổng nêu")] + [figures[i].part("thành phần") for i in parts],
            total,
            verdict,
            added,
            explanation,
            stated=(f"{bound} " if bound else "") + total.text,
            correct=format_number(added),
            doubt=doubt,
        )
        claim.end = max(claim.end, end)
        if bound_match:
            claim.start = max(total.start - 12, 0) + bound_match.start()
        self.used.add(t)
        self.stated_totals.add(t)  # it may still be a share of a larger whole

    def owner_of_the_list(self, t: int, parts: list[int]) -> int | None:
        """ "33 tổ chức cơ sở đảng với tổng số 1.480 đảng viên (gồm: 15 đảng bộ cơ sở với 146
        chi bộ trực thuộc và 18 chi bộ cơ sở)": a list none of whose parts counts the noun of
        the count before it, that count given "with" (với) an earlier one whose classes the
        parts name, lists the earlier one."""
        figures = self.figures
        total = figures[t]
        # ("đảng bộ" is not "đảng viên": two words)
        if len(parts) < 2 or any(
            _same_noun(figures[i].noun, total.noun, 2, loose=True) for i in parts
        ):
            return None
        earlier = [
            i
            for i in self.prose()
            if i < t
            and figures[i].sentence == total.sentence
            and figures[i].noun
            and not figures[i].percent
        ]
        if not earlier or not re.fullmatch(
            r"[^\d;.()]{0,60}?\svới\s+(?:tổng số\s+)?",
            self.between(figures[earlier[-1]].end, total.start),
        ):
            return None
        owner = earlier[-1]
        if self.closed_set(parts) and self._ORGANISATIONS.match(" ".join(figures[owner].noun)):
            return owner
        if all(_same_noun(figures[i].noun, figures[owner].noun, 1, loose=True) for i in parts):
            return owner
        return None

    _ORGANISATIONS = re.compile(r"tổ chức|tccsđ|cơ sở đảng", re.I)

    # classes that cannot overlap: forms of discipline, rating classes, kinds of membership
    _EXCLUSIVE_CLASS = re.compile(
        r"khiển trách|cảnh cáo|cách chức|khai trừ|xóa tên|xoá tên|hoàn thành xuất sắc|"
        r"hoàn thành tốt|không hoàn thành|hoàn thành|trong sạch|yếu kém|chính thức|"
        r"dự bị|\bnam\b|\bnữ\b|"
        # the levels of a training ("trình độ đại học … cao đẳng … trung cấp")
        r"sau đại học|đại học|cao đẳng|trung cấp|sơ cấp|chưa qua đào tạo",
        re.I,
    )

    _PEOPLE_NOUN = re.compile(
        r"(?:đảng viên|đồng chí|người|quần chúng|hội viên|đoàn viên|cán bộ|công chức|học viên|"
        r"cá nhân|đại biểu|ứng viên|ứng cử viên|cử tri|thanh niên|học sinh|sinh viên)\b",
        re.I,
    )

    def shares_add_up(self, t: int, parts: list[int]) -> bool:
        """Whether each part has its own share and the shares add up to the total's ("400
        đồng chí, chiếm 40% … (trong đó: … 150 đồng chí, chiếm 15%; … 260 đồng chí, chiếm
        25%)"): the parts are then classes of one whole, not overlapping groups."""

        def share(i: int) -> Figure | None:
            k = i + 1
            if (
                k < len(self.figures)
                and self.figures[k].percent
                and self.figures[k].clause == self.figures[i].clause
            ):
                return self.figures[k]
            return None

        shares = [share(i) for i in parts]
        if None in shares:
            return False
        whole = share(t)
        target = whole.value if whole is not None else Decimal(100)
        tolerance = sum((v.half_unit(f.decimals) for f in shares), Decimal(0))
        if whole is not None:
            tolerance += v.half_unit(whole.decimals)
        return abs(sum(f.value for f in shares) - target) <= tolerance

    def people(self, t: int) -> bool:
        """Whether the figure counts persons (whose groups — women, youth, minorities — may
        overlap), not organisations or things of one kind each."""
        noun = " ".join(_canonical_noun(self.figures[t].noun))
        return bool(self._PEOPLE_NOUN.match(noun))

    # sets of classes that together make their whole: the two kinds of a grassroots Party
    # organisation, the two sexes, the two kinds of membership, the four forms of discipline
    # of a member, the four ratings
    _CLOSED_SETS = (
        re.compile(r"(?P<c>đảng bộ cơ sở|chi bộ cơ sở)"),
        re.compile(r"(?<!việt )(?<!miền )(?<!phụ )\b(?P<c>nam|nữ)\b"),
        re.compile(r"(?P<c>chính thức|dự bị)"),
        re.compile(r"(?P<c>khiển trách|cảnh cáo|cách chức|khai trừ)"),
        re.compile(r"(?P<c>hoàn thành xuất sắc|hoàn thành tốt|không hoàn thành|hoàn thành)"),
    )
    _CLOSED_SIZES = (2, 2, 2, 4, 4)

    def closed_set(self, parts: list[int]) -> bool:
        """Whether the parts name, one each, every class of a set that makes its whole
        (:data:`_CLOSED_SETS`: "trong đó 20 đảng bộ cơ sở và 22 chi bộ cơ sở", "khiển trách
        …, cảnh cáo …, cách chức …, khai trừ …"): a list after "trong đó" is then the whole
        of the total, not some of its parts."""
        if len(parts) < 2:
            return False
        names = []
        for i in parts:
            figure = self.figures[i]
            before = self.text[max(figure.start - 30, 0) : figure.start]
            before = re.split(r"[,;:(.\d]|\svà\s", before)[-1]
            after = re.split(r"[,;()]|\svà\s|\.(?:\s|$)", self.text[figure.end : figure.end + 40])[
                0
            ]
            names.append(f"{before} # {after}".lower())
        for pattern, size in zip(self._CLOSED_SETS, self._CLOSED_SIZES, strict=True):
            found = [{m.group("c") for m in pattern.finditer(name)} for name in names]
            if all(len(f) == 1 for f in found) and len(set().union(*found)) == size == len(parts):
                return True
        return False

    def exclusive_classes(self, parts: list[int]) -> bool:
        """Whether each part is named (just before or after its count) by a different class
        that cannot overlap another ("khiển trách 27, cảnh cáo 10, cách chức 2"), or by the
        same words with another number ("6 đồng chí nhận Huy hiệu 60 năm tuổi Đảng; 12 đồng
        chí nhận Huy hiệu 50 năm tuổi Đảng"): grades of one attribute."""
        pieces = []
        for i in parts:
            after = self.text[self.figures[i].end :][:80]
            after = re.split(r"[,;()]|\svà\s|\.(?:\s|$)", after)[0]
            pieces.append(after)
        if (
            len(set(pieces)) == len(pieces)
            and all(re.search(r"\d", x) for x in pieces)
            and len({re.sub(r"\d+", "#", x) for x in pieces}) == 1
        ):
            return True
        names = []
        for i in parts:
            figure = self.figures[i]
            before = self.text[max(figure.start - 30, 0) : figure.start]
            before = re.split(r"[,;:(]", before)[-1]
            after = self.text[figure.end : figure.end + 40]
            after = re.split(r"[,;()]", after)[0]
            found = self._EXCLUSIVE_CLASS.findall(f"{before} # {after}".lower())
            if not found:
                return False
            names.append(found[-1])
        return len(set(names)) == len(names)

    def listed_parts(
        self, opener: re.Match, total: Figure, *, sentence: bool = False
    ) -> tuple[list[int], int, bool] | None:
        """The parts listed after ``opener``, where the list ends and whether it is complete
        (every piece up to its end read as a part: not cut short where a piece of another
        shape began), or None when what follows is not a list of counts ("89 tập thể, 135
        cá nhân"; "khiển trách 4, cảnh cáo 1"; "30 năm tuổi Đảng 5 đồng chí" → 5)."""
        complete = True
        start = opener.end()
        if "(" in opener.group():
            depth, end = 1, start
            while end < len(self.text) and depth and self.text[end] != "\n":
                depth += {"(": 1, ")": -1}.get(self.text[end], 0)
                end += 1
            if depth:
                return None
            stop = end - 1
        else:
            # a list after ":" or filling its own sentence runs over ";" to its end
            limit = "\n" if sentence or opener.group().rstrip().endswith(":") else ";\n"
            stop = start
            while (
                stop < len(self.text)
                and (
                    self.text[stop] not in limit
                    # "trong đó có 20 đảng bộ xã; 5 đảng bộ khối; 35 chi bộ cơ sở": the list goes on
                    or (self.text[stop] == ";" and re.match(r";\s*\d", self.text[stop : stop + 4]))
                    # "; trong đó, kinh tế 4/4 chỉ tiêu; văn hóa 9/10 chỉ tiêu; …": fractions
                    or (
                        self.text[stop] == ";"
                        and re.match(r";\s*[^\W\d_][^;.\d]{0,40}\d+\s*/\s*\d", self.text[stop:])
                        and re.search(r"\d\s*/\s*\d+[^;\d]*$", self.text[start:stop])
                    )
                )
            ):
                if self.text[stop] in ".!?" and self.text[stop + 1 : stop + 2] in (" ", "\n", ""):
                    break
                stop += 1
            end = stop
        first, last = bisect_left(self._starts, start), bisect_left(self._starts, stop)
        inside = [
            i
            for i in range(first, last)
            if self.figures[i].end <= stop and not self.figures[i].in_table
        ]
        segments, depth, cursor = [], 0, start
        for position in range(start, stop + 1):
            char = self.text[position] if position < stop else ","
            depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(char, 0)
            at_and = self.text.startswith(" và ", position) and depth == 0
            in_number = (
                self.text[position - 1 : position].isdigit()
                and self.text[position + 1 : position + 2].isdigit()
            )
            if (char in ",;" and depth == 0 and not in_number) or at_and or position == stop:
                segments.append((cursor, position))
                cursor = position + (4 if at_and else 1)
        parts, leads = [], []
        shape = None  # does the first part start with its number ("15 đảng viên …")?
        for seg_start, seg_end in segments:
            if not self.text[seg_start:seg_end].strip():
                continue
            if re.match(r"\s*với\s", self.text[seg_start:seg_end], re.I):
                continue  # "120 đảng bộ cơ sở, với 900 chi bộ trực thuộc": about the part before
            mine = [i for i in inside if seg_start <= self.figures[i].start < seg_end]
            # a figure in parentheses inside a part is about that part ("45 đảng bộ (tăng 02)";
            # "loại khác 132 lượt [giảm 160 lượt …]")
            counts = [
                i
                for i in mine
                if not self.figures[i].percent
                and self.text.count("(", seg_start, self.figures[i].start)
                <= self.text.count(")", seg_start, self.figures[i].start)
                and self.text.count("[", seg_start, self.figures[i].start)
                <= self.text.count("]", seg_start, self.figures[i].start)
                # "35 chi bộ cơ sở với trên 2.000 đảng viên": about the part, not a part (but
                # "miền núi 14,2% với 45.500 hộ": the count of the part, after its rate)
                and not re.search(
                    r"(?<!%)(?<!% )\bvới\s+(?:trên\s+|hơn\s+|gần\s+|khoảng\s+)?$",
                    self.text[seg_start : self.figures[i].start],
                    re.I,
                )
            ]
            bracketed = [
                i
                for i in mine
                if not self.figures[i].percent
                and _same_noun(self.figures[i].noun, total.noun, 1, loose=True)
                and re.fullmatch(
                    r"\s*[^\W\d_][^\d()]*\(\s*",
                    self.text[seg_start : self.figures[i].start],
                )
                and re.match(r"[^\d()]*\)\s*$", self.text[self.figures[i].end : seg_end])
            ]
            if not counts and len(bracketed) == 1 and shape is not True:
                # "15 giải Nhất ở các môn: Vật lý (3 giải), Hóa học (3 giải) …": each part named,
                # its count in brackets after the name
                counts = bracketed
            if not counts:
                if mine:
                    continue  # "chiếm 33,1%"
                if shape is not True and self._LABEL_FIRST.search(
                    self.text[max(opener.start() - 12, 0) : opener.end()]
                ):
                    # "trong đó: xem xét, giải quyết 308 đơn; đơn trùng, đơn mạo danh, …
                    # 312 đơn": a part named before its count, with commas in its name
                    continue
                if len(_WORD.findall(self.text[seg_start:seg_end])) <= 2 or (
                    self.text.startswith(" và ", seg_end) and shape is not True
                ):
                    # "1.287 chi bộ thôn, bản và 658 …": the noun goes on; "(trong đó: cán
                    # bộ, công chức là 150 …": the name of the first part does; "…; Bắc Trung
                    # bộ và duyên hải 4,9% với 28.400 hộ": a part named before its count
                    continue
                if (
                    parts
                    and self.text.startswith(" và ", seg_start - 4)
                    and len(_WORD.findall(self.text[seg_start:seg_end])) <= 4
                ):
                    continue  # "22 trường hợp khiếu nại về nội dung và hình thức kỷ luật"
                if (sentence or self.text.startswith(" và ", seg_start - 4)) and len(parts) >= 2:
                    # "Trong đó, 120 mô hình tập thể và 60 … cá nhân trên các lĩnh vực, …";
                    # "…, 191 đại biểu là ủy viên chính thức và ủy viên dự khuyết": the last part
                    # goes on (or a part without a count is named): the list ends here
                    complete = False
                    break
                return None
            lead = self.text[seg_start : self.figures[counts[0]].start]
            number_first = bool(re.fullmatch(r"[\s:]*(?:có|là)?\s*", lead, re.I))
            if shape is None:
                shape = number_first
            elif shape != number_first and (
                self.text[seg_start - 1 : seg_start] == ";"
                and parts
                and self.figures[counts[-1]].noun[:1] == self.figures[parts[0]].noun[:1]
            ):
                # "Trong đó, 1.070 người có trình độ đại học, đạt 79,5%; trình độ cao đẳng 53
                # người, chiếm 3,9% và …": a new clause of the list, counting the same thing
                # in the other shape, which the list goes on in
                shape = number_first
            elif (
                number_first
                and not shape
                and parts
                and _same_noun(self.figures[counts[-1]].noun, total.noun, 1, loose=True)
                and all(_same_noun(self.figures[i].noun, total.noun, 1, loose=True) for i in parts)
            ):
                # "… giải quyết 5 đơn, … kiểm tra dấu hiệu vi phạm 1 đơn, 1 đơn đã chỉ đạo xử
                # lý": a last part of the total's own noun, named after its count
                shape = number_first
            elif shape != number_first:
                if (
                    parts
                    and all(
                        _same_noun(self.figures[i].noun, total.noun, 1, loose=True) for i in parts
                    )
                    and not _same_noun(self.figures[counts[-1]].noun, total.noun, 1, loose=True)
                ):
                    break  # "… 2 vụ nổ, làm 25 người chết …": a count of another thing ends it
                # "trong đó 15 đảng viên có vi phạm (88,2%), phải thi hành kỷ luật 9 đảng
                # viên": not a sibling of the parts before, the list has ended
                complete = False
                break
            same = [i for i in counts if _same_noun(self.figures[i].noun, total.noun)]
            fractions = {pair for pairs in self.fraction_pairs().values() for pair in pairs}
            joined = any(
                re.fullmatch(r"\s*/\s*", self.between(self.figures[a].end, self.figures[b].start))
                # "cấp tiểu học có 8.167 trường … trong tổng số 15.081 trường": a fraction too
                or (a, b) in fractions
                for a, b in pairwise(counts)
            )
            if (
                joined
                and len(counts) == 2
                and (not parts or any(k in self.fraction_part for k in parts))
                # ("50/120 trường …, trong đó có 8/20 trường mầm non …": one word is enough)
                and _same_noun(self.figures[counts[1]].noun, total.noun, 1, loose=True)
                and self.figures[counts[0]].value <= self.figures[counts[1]].value
            ):
                # "18 chỉ tiêu đạt …; trong đó, kinh tế 4/4 chỉ tiêu; văn hóa 9/10 chỉ tiêu …":
                # a list of fractions of the total's own noun, each part a/b
                self.fraction_part[counts[0]] = counts[1]
                parts.append(counts[0])
                leads.append(lead)
                continue
            if joined or (len(counts) > 1 and not same):
                complete = False
                break  # "…, đã giải quyết 2/2 đơn": the list has ended
            if self.figures[(same or counts)[-1]].value > total.value:
                complete = False
                break  # "12 tổ chức, với hình thức: …; kỷ luật 450 đảng viên": not a part
            parts.append((same or counts)[-1])
            leads.append(lead)
            nested = [
                i
                for i in mine
                if i not in counts
                and not self.figures[i].percent
                # (a bare number in brackets names nothing: "cách chức 2 (trong đó, … 1)")
                and self.figures[i].noun[:1]
                and self.figures[i].noun[:1] == self.figures[parts[-1]].noun[:1]
            ]
            if nested:
                # "7.156 đơn, trong đó có 5.591 đơn đủ điều kiện với 651 đơn khiếu nại, 281
                # đơn tố cáo và …": the pieces after "với" list the parts of that part
                complete = False
                break
        measured = self.same_measure(parts, leads, total, opener)
        complete = complete and measured == parts
        return (measured, end, complete) if measured else None

    def same_measure(
        self, parts: list[int], leads: list[str], total: Figure, opener: re.Match
    ) -> list[int]:
        """ "250 đảng viên được kiểm tra, trong đó … kiểm tra 70, giám sát 30 đảng viên, …
        kiểm tra 180, giám sát 90": parts named before their counts by alternating measures
        are of the measure the total names (or of none, when it names none of them)."""
        measures = [" ".join(_WORD.findall(lead.lower())[-2:]) for lead in leads]
        kinds = set(measures)
        repeated = [k for k in kinds if measures.count(k) >= 2]
        if "" in kinds or len(repeated) < 2:
            return parts  # not two measures taken turn about
        head = " ".join(_WORD.findall(self.text[total.end : opener.start()].lower()))
        named = [k for k in kinds if k and k in head]
        if len(named) != 1:
            return []
        return [i for i, k in zip(parts, measures, strict=True) if k == named[0]]

    # ------------------------------------------------------------ shares of one whole
    _SHARES_TRIGGER = re.compile(
        # "Về trình độ chuyên môn, sơ cấp 1%, trung cấp 22% …": the levels of one attribute
        r"cơ cấu|xếp loại|phân loại|chia ra|trong đó|gồm|đánh giá chất lượng|trình độ",
        re.I,
    )
    # mutually exclusive classes; "cơ cấu" lists overlapping ones (nữ, trẻ, dân tộc …)
    _EXHAUSTIVE = re.compile(
        r"xếp loại|phân loại|chia ra|đánh giá chất lượng|đánh giá, xếp loại|hình thức kỷ luật",
        re.I,
    )

    def parts_make_the_total(self, percents: list[int]) -> bool:
        """ "42 đảng viên, trong đó khiển trách 27 (64,3%), cảnh cáo 10 (23,8%), cách chức 2
        (4,8%), khai trừ 3 (7,4%)": the counts of the shares are parts of one total and add
        up to it, so the shares are of disjoint classes and must add up to 100%."""
        counts = [self.share_count.get(p) for p in percents]
        if None in counts:
            return False
        totals = {self.part_of.get(c) for c in counts}
        if len(totals) != 1 or None in totals:
            return False
        (total,) = totals
        return sum(self.figures[c].value for c in counts) == self.figures[total].value

    # the classes of a quality rating: "đạt trong sạch, vững mạnh chiếm 80,5%; hoàn thành tốt
    # nhiệm vụ chiếm 15,3%; …; yếu kém chiếm 0,5%"
    _RATING_CLASSES = re.compile(
        r"hoàn thành (?:xuất sắc |tốt )?nhiệm vụ|trong sạch,? vững mạnh|yếu kém", re.I
    )
    _SECOND_SHARE = re.compile(  # "chiếm 12% tổng số … và chiếm 15,4% so với …"
        r"\s*(?:của\s+)?(?:so với\s+)?(?:tổng\s+)?số\b[^%;\d]*?(?:và|,)\s*(?:chiếm|bằng)\s*$",
        re.I,
    )
    _PARTY_NOUN = re.compile(
        r"\s*(?:số\s+)?(đảng viên|chi bộ|đảng bộ|tổ chức|tccsđ|cơ sở đảng)\b", re.I
    )

    def classes_of_one_whole(self, percents: list[int]) -> list[int]:
        """The percentages of a list that are classes of one whole: without a subgroup named
        after "trong đó" under the class before it, nor a second share of the same class ("…
        và chiếm 15,4% so với …")."""
        kept, under = percents[:1], False
        for previous, p in pairwise(percents):
            gap = self.between(self.figures[previous].end, self.figures[p].start)
            if re.search(r"\btrong (?:đó|số)\b", gap, re.I):
                under = True  # a subgroup, up to the end of its clause or parenthesis
            elif under and re.search(r"[;)]", gap):
                under = False
            if under or self._SECOND_SHARE.fullmatch(gap):
                continue
            kept.append(p)
        return kept

    _CLASS_NAME = re.compile(
        r"trong sạch,? vững mạnh|hoàn thành xuất sắc|hoàn thành tốt|không hoàn thành|"
        r"hoàn thành|yếu kém|khiển trách|cảnh cáo|cách chức|khai trừ",
        re.I,
    )

    def named_classes(self, percents: list[int]) -> bool:
        """Whether each share is named by its own class of a rating (or of discipline), none
        of them a bound ("… trở lên"): "trong sạch, vững mạnh chiếm 80,5%; hoàn thành tốt
        nhiệm vụ chiếm 15,3%; …; yếu kém chiếm 0,5%" — disjoint classes that cover the whole."""
        names, named_before = [], None
        start = self.sentence_start(self.figures[percents[0]])
        for p in percents:
            figure = self.figures[p]
            before = re.split(r"[;(]", self.text[start : figure.start])[-1]
            after = re.split(r"[;,()]", self.text[figure.end : figure.end + 60])[0]
            if "trở lên" in f"{before} {after}".lower():
                return False
            if named_before is None:  # the first share says where the names stand
                named_before = bool(self._CLASS_NAME.search(before))
            found = self._CLASS_NAME.findall(before if named_before else after)
            if not found:
                return False
            names.append(re.sub(r"\W", "", found[-1 if named_before else 0].lower()))
            start = figure.end
        return len(set(names)) == len(names)

    def named_wholes(self, percents: list[int]) -> set[str]:
        """The things the percentages are written of ("15,3% TCCSĐ", "90,5% số đảng
        viên")."""
        wholes = set()
        for p in percents:
            named = self._PARTY_NOUN.match(self.text, self.figures[p].end)
            if named:
                wholes.add(named.group(1).lower())
        return wholes

    def unlisted_class(self, percents: list[int]) -> bool:
        """Whether the list names a class by its count but gives it no percentage ("10 chi bộ
        (bằng 12,5%); …; 4 chi bộ hoàn thành nhiệm vụ và 1 chi bộ không hoàn thành"): its
        shares cannot add up to 100%."""
        counts = [self.share_count.get(p, self.count_before(p)) for p in percents]
        counts = [c for c in counts if c is not None]
        return bool(counts) and bool(self.unlisted_counts(counts))

    def shares_sums(self) -> None:
        by_sentence: dict[int, list[int]] = {}
        for p in self.prose():
            figure = self.figures[p]
            if figure.percent and (
                p not in self.used or p in self.in_shares or p in self.ratio_percents
            ):
                by_sentence.setdefault(figure.sentence, []).append(p)
        for percents in by_sentence.values():
            first = self.figures[percents[0]]
            last = self.figures[percents[-1]]
            sentence = self.text[self.sentence_start(first) : last.end + 40]
            rating = len(self._RATING_CLASSES.findall(sentence)) >= 2
            ratios = [p for p in percents if p in self.ratio_percents]
            # "20/50 … (40%); 24/50 … (48%); 6/50 … (12%)": ratios add up only as the
            # classes of a rating, and not with the shares of another whole around them
            # — and only over one base: "17.170/18.695 đảng viên … hoàn thành tốt …, đạt 91,8%;
            # 1.213/1.316 tổ chức đảng … hoàn thành tốt …, đạt 92,2%" are two wholes
            one_base = len({self.ratio_base[p] for p in ratios}) == 1
            if rating and len(ratios) >= 2 and ratios == percents[: len(ratios)]:
                if not one_base:
                    continue
                percents = ratios
            else:
                percents = [p for p in percents if p not in self.ratio_percents]
            if len(percents) < 2:
                continue
            first = self.figures[percents[0]]
            lead = self.text[self.sentence_start(first) : first.start]
            if not (rating or self._SHARES_TRIGGER.search(lead)):
                continue
            # "96,2% (chỉ tiêu Nghị quyết là 95%)", "trên 90%", "90% trở lên": not a class
            percents = [
                p
                for p in percents
                if not self.criterion(p)
                and not re.match(r"\s*trở lên", self.text[self.figures[p].end :])
                and not self._STATED_TARGET.search(
                    self.text[max(self.figures[p].start - 40, 0) : self.figures[p].start]
                )
                and not re.search(
                    r"(?:theo\s+)?nghị quyết\s*$",
                    self.text[max(self.figures[p].start - 20, 0) : self.figures[p].start],
                    re.I,
                )
            ]
            # "100% chi bộ …; 100% đảng viên …": "all of" a whole is not one class among others
            percents = [p for p in percents if self.figures[p].value != 100]
            if len(percents) < 2:
                continue
            if self.unlisted_class(percents):
                continue
            if rating:
                percents = self.classes_of_one_whole(percents)
                if len(percents) < 2 or len(self.named_wholes(percents)) > 1:
                    continue
            counted = self.parts_make_the_total(percents)
            exhaustive = bool(self._EXHAUSTIVE.search(lead)) or counted
            if not exhaustive and all(p in self.in_shares for p in percents):
                # "trong đó nữ 21 đồng chí, chiếm 44,7%, đoàn viên 38 đồng chí, chiếm 80,8%":
                # each share is checked against its base; the groups may overlap
                continue
            # the shares must be a list: nothing but words, counts and separators between them
            shares = [(self.figures[p].value, self.figures[p].decimals) for p in percents]
            verdict, added, explanation = v.shares_verdict(shares, exhaustive and len(shares) >= 3)
            if verdict == v.UNCHECKED or (verdict == v.INCONSISTENT and not (exhaustive or rating)):
                continue  # "trong đó nữ …, đoàn viên …, dân tộc …": groups that may overlap
            last = self.figures[percents[-1]]
            claim = self.add(
                SHARES_SUM,
                [self.figures[p].part("phần") for p in percents],
                last,
                verdict,
                added,
                explanation,
                stated="100%",
                correct=format_percent(added, max(d for _, d in shares)),
                doubt="" if counted or self.named_classes(percents) else CLASSES_UNSURE,
            )
            claim.start = first.start
            self.in_sum.update(percents)

    # ------------------------------------------------------------ a count and a base elsewhere
    _TOTAL_MARK = re.compile(r"(?:tổng số|tổng cộng|tổng|trong số|toàn \w+ có|có tất cả)\s*$", re.I)

    def classification_bases(self) -> None:
        """ "Xếp loại: … 18 tổ chức (20,9%), … 59 tổ chức (68,6%), … 8 …, … 1 …": the classes
        of a rating add up to the whole, so a stated figure equal to their sum (86 tổ chức
        cơ sở đảng) is the base of every share."""
        by_sentence: dict[int, list[int]] = {}
        for p in self.prose():
            if self.figures[p].percent and p not in self.used:
                by_sentence.setdefault(self.figures[p].sentence, []).append(p)
        for percents in by_sentence.values():
            first = self.figures[percents[0]]
            lead = self.text[self.text.rfind("\n", 0, first.start) + 1 : first.start]
            exhaustive = bool(self._EXHAUSTIVE.search(lead))
            # "3.427 nhân khẩu. Cơ cấu các dân tộc: Dân tộc Thái 3395 người, chiếm 99,09 %; …":
            # the groups of a make-up may overlap, but counts that add up to a stated whole
            # are its classes
            if len(percents) < 2 or not (exhaustive or re.search(r"\bcơ cấu\b", lead, re.I)):
                continue
            counts = [self.count_before(p) for p in percents]
            if None in counts or any(c in self.part_of for c in counts):
                continue
            # "…; 15 chi bộ … (bằng 18,75%); 4 chi bộ hoàn thành nhiệm vụ và 1 chi bộ không
            # hoàn thành": classes named by their count alone are classes all the same
            unlisted = self.unlisted_counts(counts)
            added = sum(self.figures[c].value for c in counts + unlisted)
            # "Hình thức kỷ luật đảng viên: khiển trách 20 (chiếm 40%), …": counts written
            # after their class name what the list is of
            noun = self.figures[counts[0]].noun or self._listed_thing(lead)
            bases = [
                i
                for i in self.prose()
                if i not in counts
                and not self.figures[i].percent
                and self.figures[i].value == added
                and _same_noun(self.figures[i].noun, noun, 2)
            ]
            if bases:
                for c in counts:
                    self.part_of[c] = bases[0]
            elif exhaustive and len(counts) + len(unlisted) >= 3:
                self.implied_base_shares(counts, percents, added, unlisted)

    def listed_line_bases(self) -> None:
        """ "+ Số phiếu thu về: 390⏎+ Số phiếu hợp lệ: 382 + Đạt tỷ lệ: 97,9 %⏎+ Phiếu không hợp
        lệ: 08 + Đạt tỷ lệ: 0.2%": consecutive lines of one list, each a count with its rate,
        whose counts add up to a number stated in the two lines before are the classes of
        that whole, which is then the base of every rate."""
        runs: list[list[tuple[int, int]]] = []
        previous = None
        for p in self.prose():
            figure = self.figures[p]
            if not figure.percent or p in self.used:
                continue
            line_start = self.text.rfind("\n", 0, figure.start) + 1
            bullet = self.text[line_start : line_start + 1]
            if bullet not in "+-–•*" or not bullet.strip():
                previous = None
                continue
            count = self.count_before(p)
            if count is None or count in self.part_of:
                previous = None
                continue
            key = (bullet, figure.paragraph)
            if previous and previous[0] == bullet and previous[1] == figure.paragraph - 1:
                runs[-1].append((count, p))
            else:
                runs.append([(count, p)])
            previous = key
        for run in runs:
            if len(run) < 2 or len({self.figures[p].paragraph for _, p in run}) != len(run):
                continue
            counts = [c for c, _ in run]
            added = sum(self.figures[c].value for c in counts)
            first = self.figures[counts[0]]
            bases = [
                i
                for i in self.prose()
                if i < counts[0]
                and not self.figures[i].percent
                and first.paragraph - 2 <= self.figures[i].paragraph <= first.paragraph
                and self.figures[i].value == added
            ]
            if bases:
                for c in counts:
                    self.part_of[c] = bases[-1]

    @staticmethod
    def _listed_thing(lead: str) -> tuple[str, ...]:
        """The last party noun of the words that open a list ("Hình thức kỷ luật đảng
        viên:" → "đảng viên")."""
        found = re.findall(r"đảng viên|tổ chức (?:cơ sở )?đảng|chi bộ|đảng bộ", lead.lower())
        return tuple(found[-1].split()) if found else ()

    def unlisted_counts(self, counts: list[int]) -> list[int]:
        """The counts of the sentence of ``counts`` after the first one, naming the same thing
        with no percentage of their own."""
        first = self.figures[counts[0]]
        return [
            i
            for i in self.prose()
            if i > counts[0]
            and i not in counts
            and self.figures[i].sentence == first.sentence
            and not self.figures[i].percent
            and i not in self.used
            and _same_noun(self.figures[i].noun, first.noun)
            and not self._UNRATED.match(self.text, self.figures[i].end)
        ]

    _UNRATED = re.compile(  # "4 đồng chí miễn sinh hoạt không xếp loại": outside the classes
        r"[^\d;.,()]{0,30}?\b(?:miễn|không (?:xếp loại|đánh giá)|chưa (?:xếp loại|đánh giá))",
        re.I,
    )

    def implied_base_shares(
        self, counts: list[int], percents: list[int], added: Decimal, unlisted: list[int]
    ):
        """ "Chi bộ có 34 đảng viên …; miễn sinh hoạt 4 đồng chí. Xếp loại: 6 đồng chí …
        (20%), 22 đồng chí … (73,3%), 2 đồng chí … (6,7%)": the base (30) is not written but
        the classes add up to it. Taken as the base when all shares but one agree with it."""
        verdicts = [
            v.ratio_verdict(
                self.figures[c].value, added, self.figures[p].value, self.figures[p].decimals
            )
            for c, p in zip(counts, percents, strict=True)
        ]
        agree = sum(verdict[0] != v.INCONSISTENT for verdict in verdicts)
        if agree < len(counts) - 1:
            return
        summed = " + ".join(self.figures[c].text for c in sorted(counts + unlisted))
        for c, p, (verdict, exact, explanation, suggestion) in zip(
            counts, percents, verdicts, strict=True
        ):
            parts = [self.figures[c].part("số đạt")]
            parts += [
                self.figures[o].part("loại khác (cộng vào tổng)")
                for o in sorted(counts + unlisted)
                if o != c
            ]
            parts.append(self.figures[p].part("tỷ lệ nêu"))
            explanation = (
                f"Tổng số không ghi; các loại cộng lại {summed} = {format_number(added)}. "
                + explanation
            )
            self.add(SHARE_OF_BASE, parts, self.figures[p], verdict, exact, explanation, suggestion)
            self.used.update({c, p})
            self.in_shares.add(p)
            self.numerators.add(c)
            self.share_count[p] = c

    _CRITERION = re.compile(
        r"(?:dưới|(?<!cấp )trên|hơn|từ|không quá|không dưới|tối thiểu|ít nhất|quy định|gần|khoảng|"
        r"xấp xỉ)\s*$",
        re.I,
    )

    def criterion(self, p: int) -> bool:
        """A bound, not a result: "4 tỉnh dưới 10%", "cao hơn quy định 15%"."""
        percent = self.figures[p]
        return bool(self._CRITERION.search(self.text[max(percent.start - 16, 0) : percent.start]))

    def shares_of_base(self) -> None:
        self.classification_bases()
        self.listed_line_bases()
        prose = self.prose()
        for p in prose:
            percent = self.figures[p]
            if (
                not percent.percent
                or p in self.used
                or (self.criterion(p) and not self.bounded_result(percent))
            ):
                continue
            count = self.count_before(p)
            if count is not None and self.bounded_result(percent) and self.is_change(count):
                continue  # "tăng 36 đơn vị … và chiếm khoảng 38,7%": not the share of a change
            base = None if count is None else self.named_base(p, count)
            inferred = base is None and count is not None and count not in self.part_of
            if base is None and count is not None:
                base = self.base_for(count)
            if base == self.AMBIGUOUS:
                self.share_of_sum(p, count, self.named_several[p])
                continue
            if base == self.NOT_THE_COUNT:
                continue
            if base is None:
                continue
            if self.approximate(count):
                continue  # "trên 2.900 đồng chí, chiếm tỷ lệ 91,5%": a rounded count
            top, bottom = self.figures[count], self.figures[base]
            doubt = ""
            partner = self.fraction_partner(base)
            if (
                partner is not None
                and base not in self.population_bases.get(count, ())
                and self.figures[partner].value > top.value
                and not self.agrees(top, bottom, percent)
            ):
                # "21/23 chi bộ … (91,3%), trong đó 5 chi bộ … (21,7%)": the share may be of
                # the fraction's numerator (21) or of its base (23); take the one that agrees,
                # else which whole is meant is not said
                if self.agrees(top, self.figures[partner], percent):
                    bottom, base = self.figures[partner], partner
                else:
                    doubt = EITHER_UNSURE
            if count in self.either_base:
                agreeing = [
                    i
                    for i in self.either_base[count]
                    if not self.disagrees(top, self.figures[i], percent)
                ]
                if not agreeing:
                    continue  # neither of the two is said to be the base
                base = agreeing[0]
                bottom = self.figures[base]
            if self.disagrees(top, bottom, percent) and re.search(
                r"\d\s?%\s*\(\s*$", self.text[max(bottom.start - 12, 0) : bottom.start]
            ):
                # "đạt 50% (8 xã), trong đó: … nâng cao 6,25% (1 xã)": a count with its own
                # share is no whole of a share written like it (of the same unstated whole)
                continue
            if base in self.share_base and self.disagrees(top, bottom, percent):
                # "400 đồng chí, chiếm 40% tổng số … (trong đó: … 150 đồng chí,
                # chiếm 15%; …)": the shares of a subgroup may be of the whole its group is
                # a share of; take that whole when it agrees, else say nothing
                whole = self.figures[self.share_base[base]]
                if self.disagrees(top, whole, percent):
                    continue
                bottom, base = whole, self.share_base[base]
            if (
                (inferred or bottom.sentence != top.sentence)
                and self.part_of.get(count) != base  # (classes that add up to it are tied)
                and self.far_off(top, bottom, percent)
            ):
                # an inferred base that is far off is more likely not the base ("… 800 đảng viên
                # …, có 10 đảng viên khiếu nại …; … xoá kỷ luật 4 đảng viên (chiếm tỷ lệ 40%)")
                continue
            self.rate_claim(
                SHARE_OF_BASE,
                top,
                bottom,
                percent,
                base_first=True,
                doubt=doubt or self.base_doubt(count, base),
            )
            self.claims[-1].start = min(top.start, percent.start)
            self.used.update({p, count})
            self.in_shares.add(p)
            self.numerators.add(count)
            self.share_count[p] = count
            self.share_base[count] = base

    # "Tỉ lệ cử tri tham gia bỏ phiếu đạt 99,39%" opening its sentence (or clause)
    _NAMED_RATE = re.compile(
        r"(?:Tỷ|Tỉ)[ \t]+lệ[ \t]+(?P<subject>[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,8}?)[ \t]+"
        r"(?:đạt|là|chiếm)(?:[ \t]+(?:tỷ|tỉ)[ \t]+lệ)?[ \t]*:?[ \t]*",
        re.I,
    )

    def rates_named_by_their_subject(self) -> None:
        """ "Tổng số cử tri trong danh sách là 1.250.000 người; số cử tri đã tham gia bỏ
        phiếu là 1.240.000 người. Tỉ lệ cử tri tham gia bỏ phiếu đạt 99,2%.": a rate opening
        its sentence, named by what it measures, is of the one count before it (in its
        sentence or the one before) whose label holds every word of that name, out of the one
        total ("tổng số …") of the same noun there."""
        for p in self.prose():
            percent = self.figures[p]
            if not percent.percent or p in self.used or self.is_change(p) or self.threshold(p):
                continue
            start = max(self.sentence_start(percent), self._clauses[percent.clause])
            # (a clause after ";" starts with its space)
            start += len(self.text[start : percent.start]) - len(
                self.text[start : percent.start].lstrip()
            )
            found = self._NAMED_RATE.fullmatch(self.text, start, percent.start)
            if found is None or self.text[start : found.start()].strip(" \t-–•:"):
                continue
            words = {w.lower() for w in found.group("subject").split()} - _NOUN_STOP
            before = [
                i
                for i in self.prose()
                if i < p
                and not self.figures[i].percent
                and self.figures[i].noun
                and self.figures[i].paragraph == percent.paragraph
                and percent.sentence - 1 <= self.figures[i].sentence
            ]

            def lead(i: int) -> str:
                figure = self.figures[i]
                return self.text[self._clauses[figure.clause] : figure.start].lower()

            def named(i: int) -> set[str]:
                # the words of its clause, before it ("số cử tri đã tham gia … là 1.240.000")
                # or after it ("đã có 124.000 cử tri đi bỏ phiếu")
                figure = self.figures[i]
                end = re.search(r"[;.!?\n]|$", self.text[figure.end :]).start() + figure.end
                return set(_WORD.findall(lead(i) + " " + self.text[figure.end : end].lower()))

            counts = [i for i in before if words <= named(i)]
            if len(counts) != 1 or not words:
                continue
            count = counts[0]
            totals = [
                i
                for i in before
                if i != count
                and re.search(r"\btổng số\b", lead(i))
                and _same_noun(self.figures[i].noun, self.figures[count].noun, 2)
                and self.figures[i].value >= self.figures[count].value
            ]
            doubt = ""
            if not totals:
                # "… có 12.000 thí sinh dự thi. Kết quả có 11.880 thí sinh đỗ. Tỷ lệ đỗ đạt 99%":
                # no "tổng số", but the one larger count of the same noun there — a guess, so a
                # rate that does not add up is not flagged
                totals = [
                    i
                    for i in self.prose()
                    if i < count
                    and self.figures[i].paragraph == percent.paragraph
                    and percent.sentence - 2 <= self.figures[i].sentence
                    and not self.figures[i].percent
                    and _same_noun(self.figures[i].noun, self.figures[count].noun, 2)
                    and self.figures[i].value > self.figures[count].value
                    and i not in self.target_values
                ]
                doubt = BASE_UNSURE
            if len(totals) != 1:
                continue
            self.rate_claim(
                SHARE_OF_BASE, self.figures[count], self.figures[totals[0]], percent, doubt=doubt
            )
            self.used.update({p, count})
            self.in_shares.add(p)

    _DETAIL = re.compile(r"\W*(?:Cụ thể|Trong đó|Theo đó)\b", re.I)

    def rates_detailed_next(self) -> None:
        """ "Tỷ lệ trẻ được tiêm chủng đầy đủ đạt 95,5%. Cụ thể, có 1.910/2.000 trẻ được tiêm
        đủ các mũi.": a rate opening its sentence, named by what it measures and with nothing
        else counted there, then detailed ("Cụ thể …") by the one fraction of the next
        sentence. A stated pairing when the fraction's sentence holds the rate's name (the
        words of its subject); else a guess, not flagged."""
        pairs = self.fraction_pairs()
        for p in self.prose():
            percent = self.figures[p]
            if not percent.percent or p in self.used or self.is_change(p) or self.threshold(p):
                continue
            start = self.sentence_start(percent)
            found = self._NAMED_RATE.fullmatch(self.text, start, percent.start)
            if found is None or self.text[start : found.start()].strip(" \t-–•:"):
                continue
            same = [
                i for i in self.prose() if i != p and self.figures[i].sentence == percent.sentence
            ]
            after = re.match(r"[^.!?\n\d]*[.!?]\s+", self.text[percent.end :])
            if same or after is None:
                continue
            next_start = percent.end + after.end()
            if not self._DETAIL.match(self.text, next_start):
                continue
            nxt = [
                i
                for i in self.prose()
                if self.figures[i].sentence == percent.sentence + 1
                and self.figures[i].paragraph == percent.paragraph
            ]
            fractions = [
                pair for i in {self.figures[k].clause for k in nxt} for pair in pairs.get(i, ())
            ]
            if len(fractions) != 1 or any(self.figures[i].percent for i in nxt):
                continue
            top, bottom = fractions[0]
            if self.figures[top].value > self.figures[bottom].value:
                continue
            words = {w.lower() for w in found.group("subject").split()} - _NOUN_STOP
            end = re.search(r"[.!?](?:\s|$)|\n|$", self.text[next_start:]).start() + next_start
            held = set(_WORD.findall(self.text[next_start:end].lower()))
            self.rate_claim(
                RATIO,
                self.figures[top],
                self.figures[bottom],
                percent,
                # (nearly all its words: "đầy đủ" may be "đủ")
                doubt="" if words and 3 * len(words & held) >= 2 * len(words) else BASE_UNSURE,
            )
            self.used.update({p, top, bottom})

    def base_doubt(self, count: int, base: int) -> str:
        """Why ``base`` is a guess for the whole of ``count`` ("" when the text ties them: the
        count is listed as a part of it, or both stand in one sentence)."""
        if self.part_of.get(count) == base:
            return ""  # "1.200 đảng viên, gồm 700 nam (58,3%) …"
        if self.other_period(count) and not self.other_period(base):
            return PERIOD_UNSURE  # "(khóa trước có 167 người, tỉ lệ 33,4%)"
        if base in self.guessed_bases.get(count, ()):
            return BASE_UNSURE  # the paragraph before, or the only larger count of a clause
        if self.figures[base].sentence == self.figures[count].sentence:
            return ""
        if base in self.population_bases.get(count, ()):
            return ""  # "Đảng bộ có 320 tổ chức cơ sở đảng. … 200 tổ chức …, chiếm 62,5%"
        return BASE_UNSURE

    _OTHER_PERIOD = re.compile(
        r"(?:\(\s*(?:so với\s+)?(?:khóa|khoá|năm|nhiệm kỳ|kỳ trước|cùng kỳ|giai đoạn|đợt trước)\b"
        # "… cao hơn so với khóa trước (có 62 người, 12,4%)": the compared period's figures
        r"|so với\s+(?:khóa|khoá|năm|nhiệm kỳ|kỳ trước|cùng kỳ|giai đoạn)[^()\d;]{0,20}\()"
        r"[^()]*$",
        re.I,
    )

    def other_period(self, i: int) -> bool:
        """Whether figure ``i`` stands in parentheses about another period ("(khóa trước có 167
        người, tỉ lệ 33,4%)", "(năm 2023: 120 …)"): of that period's whole, not this one's."""
        figure = self.figures[i]
        lead = self.text[self.sentence_start(figure) : figure.start]
        return bool(self._OTHER_PERIOD.search(lead))

    def fraction_partner(self, i: int) -> int | None:
        """The other number of the fraction ``i`` is written in ("6.084/7.669"), if any."""
        for clause_pairs in self.fraction_pairs().values():
            for a, b in clause_pairs:
                if i in (a, b):
                    return b if i == a else a
        return None

    @staticmethod
    def agrees(top: Figure, bottom: Figure, percent: Figure) -> bool:
        verdict = v.ratio_verdict(top.value, bottom.value, percent.value, percent.decimals)[0]
        return verdict == v.CONSISTENT

    @staticmethod
    def disagrees(top: Figure, bottom: Figure, percent: Figure) -> bool:
        verdict = v.ratio_verdict(top.value, bottom.value, percent.value, percent.decimals)[0]
        return verdict == v.INCONSISTENT

    @staticmethod
    def far_off(top: Figure, bottom: Figure, percent: Figure) -> bool:
        """Whether ``top``/``bottom`` is more than twice or less than half the stated
        percentage (writers' slips — rounding, a swapped digit — are smaller than that)."""
        exact = v.percent_of(top.value, bottom.value)
        if exact is None or percent.value == 0:
            return True
        return not Decimal("0.5") <= exact / percent.value <= 2

    def unchecked_percents(self) -> None:
        for p in self.prose():
            percent = self.figures[p]
            if percent.percent and p not in self.used and p not in self.in_sum:
                why = "Không nêu tổng số (cơ số)"
                if self.count_before(p) is None:
                    why = "Không nêu số lượng và tổng số"
                self.unchecked(p, why)

    def count_before(self, p: int) -> int | None:
        percent = self.figures[p]
        respective = self.respective_count(p)
        if respective is not None:
            return respective
        inside = self.count_in_parentheses(p)
        if inside is not None:
            return inside
        for i in reversed(range(p)):
            figure = self.figures[i]
            if figure.clause != percent.clause or figure.percent:
                break
            gap = self.between(figure.end, percent.start)
            if gap.count(")") > gap.count("("):
                continue  # "(tăng 5 tỉnh so với …), cao nhất là tỉnh A với tỷ lệ 28,5%"
            subject = re.search(r",\s*(?:tỷ lệ\s+|số\s+)([^\W\d_]+(?:\s+[^\W\d_]+)?)", gap)
            if subject and not _same_noun(
                tuple(subject.group(1).lower().split()), figure.noun, 2, loose=True
            ):
                # "45 đảng viên, sinh hoạt ở 3 tổ, …, số đảng viên hoàn thành tốt đạt 100%": the
                # rate of a subject named after the count, not of the count
                return None
            if figure.in_table or (
                i in self.used
                and i not in self.part_of
                and i not in self.current_values
                and i not in self.stated_totals
            ):
                break
            if re.search(r"\svà\s+(?:[^\W\d_]+\s+){2,}(?:là|đạt|chiếm)\s*$", gap, re.I):
                # "54 người trúng cử (11 nữ) và người có số phiếu cao nhất là 86,76%": the rate
                # of another subject, named after "và"
                return None
            if figure.noun or i in self.part_of:
                return i
            if (
                i == p - 1
                and self._RATE_OF_LABELLED.fullmatch(gap)
                and re.search(
                    r"[^\W\d_]{2,}(?:\s+|\s*:\s*)$",
                    self.text[self._clauses[figure.clause] : figure.start],
                )
            ):
                return i  # "hội viên nòng cốt 50.730, đạt 24,6%": the count named before it
            if i == p - 1 and self._CLASS_COUNT.fullmatch(self.between(figure.end, percent.start)):
                return i  # "khiển trách 20 (chiếm 40%)": the count of the class before it
        return None

    _CLASS_COUNT = re.compile(r"\s*\(\s*(?:chiếm\s*)?", re.I)
    # (or "Số phiếu hợp lệ: 382 + Đạt tỷ lệ: 97,9 %": each labelled value after a "+")
    _RATE_OF_LABELLED = re.compile(r"\s*[,+]\s*(?:đạt|chiếm)(?:\s+(?:tỷ|tỉ)\s+lệ)?\s*:?\s*", re.I)

    _AVERAGE = re.compile(r"\b(?:bình quân|trung bình)\b[^,;()\d]*$", re.I)

    def is_average(self, index: int) -> bool:
        figure = self.figures[index]
        return bool(self._AVERAGE.search(self.text[max(figure.start - 30, 0) : figure.start]))

    def count_in_parentheses(self, p: int) -> int | None:
        """ "nộp cấp trên 30% (972.000 đồng)": the count in parentheses right after."""
        after = p + 1
        if after >= len(self.figures):
            return None
        figure = self.figures[after]
        if (
            not figure.percent
            and figure.noun
            and not figure.in_table
            and after not in self.used
            and figure.clause == self.figures[p].clause
            and re.fullmatch(r"\s*\(\s*", self.between(self.figures[p].end, figure.start))
            and re.match(r"[^\d()%;\n]{0,40}\)", self.text[figure.end :])
        ):
            return after
        return None

    def respective_count(self, p: int) -> int | None:
        """ "kết luận 58 tổ chức đảng và 241 đảng viên …, chiếm 66,7% và 77,2%": the n-th of
        "X% và Y%" goes with the n-th of the two counts before it."""
        figures = self.figures
        joined = r"\s*(?:và|,)\s*"
        if (
            p + 1 < len(figures)
            and figures[p + 1].percent
            and re.fullmatch(joined, self.between(figures[p].end, figures[p + 1].start))
        ):
            position = 0
        elif (
            p >= 1
            and figures[p - 1].percent
            and re.fullmatch(joined, self.between(figures[p - 1].end, figures[p].start))
        ):
            position, p = 1, p - 1
        else:
            return None
        counts = []
        for i in reversed(range(p)):
            if figures[i].clause != figures[p].clause or figures[i].percent:
                break
            if figures[i].noun:
                counts.append(i)
        if len(counts) < 2:
            return None
        first, second = counts[1], counts[0]
        between = self.between(figures[first].end, figures[second].start)
        if not re.search(r"\bvà\b|,", between):
            return None
        return (first, second)[position]

    _NAMED_BASE = re.compile(
        r"\s*(?:của\s+|so với\s+)?(?P<total>tổng\s+)?số\s+(?P<words>[^\W\d_]+(?:[ \t]+[^\W\d_]+)?)"
        r"(?P<qualifier>(?:[ \t]+[^\W\d_]+){0,2})",
        re.I,
    )

    def named_base(self, p: int, count: int) -> int | None:
        """The base a percentage names after itself: "chiếm 60% số vi phạm" (the nearest
        earlier count followed by "vi phạm": "15 đảng viên có vi phạm"), "chiếm 11,36% tổng
        số đảng viên" (the largest earlier count of đảng viên in the paragraph)."""
        percent, figure = self.figures[p], self.figures[count]
        named = self._NAMED_BASE.match(self.text, percent.end)
        if named is None:
            return None
        words = tuple(named.group("words").lower().split())
        if (
            named.group("total")
            and figure.noun
            and not _person(figure.noun)
            and not _same_noun(figure.noun, words, 2, loose=True)
            and any(
                _same_noun(other.noun, words, 2)
                for other in self.figures
                if other.paragraph == figure.paragraph and not other.percent
            )
        ):
            # "… 191.196 hộ … đăng ký danh hiệu … giỏi 4 cấp, chiếm 58% tổng số hộ nông dân":
            # the count before the percentage counts something else than the whole it names
            # (and than the count of that whole the paragraph states)
            return self.NOT_THE_COUNT
        stated = self._base_in_parentheses(named.end(), count)
        if stated is not None:
            return stated
        if named.group("total"):
            written = self.whole_written_as_named(words, count)
            if written is not None:
                self.population_bases.setdefault(count, set()).add(written)
                return written
        found, alike = [], []
        for i in reversed(range(count)):
            other = self.figures[i]
            if other.paragraph != figure.paragraph:
                break
            if other.percent or other.in_table or other.value <= figure.value:
                continue
            if i in self.target_values or self.earlier_than(i, count):
                continue
            if self.sibling_share(i, count):
                continue
            if named.group("total"):
                if _same_noun(other.noun, words, 2):
                    found.append(i)
            else:
                # the words after the count ("15 đảng viên có vi phạm") or before it in its
                # clause ("đã trả lời, giải quyết 1.189 ý kiến" for "số đã trả lời")
                lead = self.text[self._clauses[other.clause] : other.start]
                around = " ".join(
                    _WORD.findall(f"{lead} # {self.text[other.end : other.end + 40]}".lower())
                )
                if " ".join(words) in around:
                    alike.append(i)
        if named.group("total") and not found:
            stated_whole = self.whole_stated_elsewhere(words, count)
            if stated_whole is not None:
                self.population_bases.setdefault(count, set()).add(stated_whole)
                return stated_whole
        if named.group("total"):
            # "chiếm 13% so với tổng số đảng viên khiếu nại": the count the qualifying words
            # follow ("30 đảng viên thực hiện quyền khiếu nại"), else the largest
            qualifier = " ".join(named.group("qualifier").lower().split())
            if qualifier:
                qualified = [
                    i
                    for i in found
                    if qualifier
                    in " ".join(_WORD.findall(self.text[self.figures[i].end :][:60].lower()))
                ]
                if qualified:
                    return qualified[0]
            return max(found, key=lambda i: self.figures[i].value) if found else None
        if len(alike) > 1 and _same_noun(words, figure.noun, 2):
            # "kiểm tra 24 chi bộ, giám sát 18 chi bộ; … 3 chi bộ, chiếm 7,1% số chi bộ được
            # kiểm tra, giám sát": the words name several counts; no one of them is the base
            self.named_several[p] = sorted(alike)
            return self.AMBIGUOUS
        return alike[0] if alike else None

    def whole_written_as_named(self, words: tuple[str, ...], count: int) -> int | None:
        """ "nâng tổng số hội viên toàn tỉnh 206.391/255.086 người. Trong đó … 50.730, đạt 24,6%
        so với tổng số hội viên": the one earlier figure of the paragraph written right after
        the words the percentage names its whole with ("tổng số hội viên"), larger than the
        count — the text names it as that whole."""
        figure = self.figures[count]
        named = r"\s+".join(map(re.escape, words))
        pattern = re.compile(
            rf"\btổng\s+số\s+{named}(?:\s+[^\W\d_]+){{0,3}}\s*(?:là|có|:)?\s*$", re.I
        )
        written = [
            i
            for i in range(count)
            if self.figures[i].paragraph == figure.paragraph
            and not self.figures[i].percent
            and self.figures[i].value > figure.value
            and pattern.search(
                self.text[max(self.figures[i].start - 60, 0) : self.figures[i].start]
            )
        ]
        return written[0] if len(written) == 1 else None

    _WHOLE_STATED = re.compile(
        r"(?:^|[.;:]\s+)(?:Hiện nay,?\s+|Đến nay,?\s+)?(?:Toàn|Tổng số)\s+[^\W\d_]+"
        r"(?:\s+[^\W\d_]+)?\s+(?:hiện\s+)?(?:có|là)\s*:?\s*$",
        re.I,
    )

    def whole_stated_elsewhere(self, words: tuple[str, ...], count: int) -> int | None:
        """ "78 hội viên …, chiếm 31,7% tổng số hội viên. …⏎⏎Toàn hội có 251 hội viên, …": no
        count of the named whole in the percentage's paragraph, but the text states that whole
        once, opening its sentence ("Toàn hội có …", "Tổng số … là …") with the whole's words
        after it, larger than the count."""
        figure = self.figures[count]
        stated = [
            i
            for i, other in enumerate(self.figures)
            if i != count
            and other.paragraph != figure.paragraph
            and not other.percent
            and not other.in_table
            and other.value > figure.value
            and _same_noun(other.noun, words, 2)
            and self._WHOLE_STATED.search(self.text[max(other.start - 60, 0) : other.start])
        ]
        return stated[0] if len(stated) == 1 else None

    AMBIGUOUS = -1  # a base is named but several counts fit it
    NOT_THE_COUNT = -2  # the named whole counts another thing than the count before it

    def _base_in_parentheses(self, position: int, count: int) -> int | None:
        """ "chiếm 55,1% tổng số đảng viên toàn tỉnh (56.710 người)": the base named and
        then stated in parentheses."""
        after = bisect_left(self._starts, position)
        if after >= len(self.figures):
            return None
        figure = self.figures[after]
        gap = self.between(position, figure.start)
        if (
            not figure.percent
            and figure.value > self.figures[count].value
            and re.fullmatch(r"[^\d()%;.\n]{0,40}\(\s*", gap)
        ):
            return after
        return None

    def share_of_sum(self, p: int, count: int, several: list[int]) -> None:
        """A share of the counts a base names together, when their sum gives the stated
        percentage (else nothing: which count is meant is not said)."""
        top, percent = self.figures[count], self.figures[p]
        added = sum(self.figures[i].value for i in several)
        verdict, exact, explanation, suggestion = v.ratio_verdict(
            top.value, added, percent.value, percent.decimals
        )
        if verdict == v.INCONSISTENT:
            return
        summed = " + ".join(self.figures[i].text for i in several)
        parts = [self.figures[i].part("tổng số (cộng lại)") for i in several]
        parts += [top.part("số đạt"), percent.part("tỷ lệ nêu")]
        explanation = f"Tổng số {summed} = {format_number(added)}. {explanation}"
        self.add(SHARE_OF_BASE, parts, percent, verdict, exact, explanation, suggestion)
        self.used.update({p, count})
        self.in_shares.add(p)

    def base_for(self, count: int) -> int | None:
        if count in self.part_of:
            return self.part_of[count]
        figure = self.figures[count]
        found = self._base_in_paragraph(count)
        if found is not None:
            return found
        # nothing in the paragraph: the whole stated in the paragraph before ("… với 3.962 chi
        # bộ trực thuộc.⏎ … có 3.815 chi bộ sinh hoạt …, đạt 96,3%"), if it names one number
        earlier = self._previous_paragraph(figure.paragraph)
        candidates = []
        if earlier is not None:
            candidates = [
                i
                for i in self.prose()
                if self.figures[i].paragraph == earlier
                and self._may_be_base(i, count, siblings=False)
                and _same_noun(self.figures[i].noun, figure.noun, 2)
            ]
        if candidates:
            candidates = [i for i in candidates if self.part_of.get(i) not in candidates]
            if len({self.figures[i].value for i in candidates}) == 1:
                self.guessed_bases.setdefault(count, set()).add(candidates[-1])
                return candidates[-1]
            numerators = [i for i in candidates if self.fraction_whole.get(i) in candidates]
            if len(candidates) == 2 and len(numerators) == 1:
                # "380 trong tổng số 400 TCCSĐ được đánh giá⏎ … có 350 TCCSĐ …, đạt 92,1%": of
                # the evaluated ones or of all; shares_of_base takes the one that agrees
                self.either_base[count] = (numerators[0], self.fraction_whole[numerators[0]])
                return numerators[0]
        # "giới thiệu 4 quần chúng …, kết nạp 2 đồng chí, đạt 50%": the only larger count of
        # the clause, named otherwise
        larger = [
            i
            for i in self.in_clause(figure.clause)
            if i < count
            and self.figures[i].noun
            and self._may_be_base(i, count)
            and not _same_noun(self.figures[i].noun, figure.noun)  # not a sibling class
        ]
        if len(larger) != 1:
            return None
        self.guessed_bases.setdefault(count, set()).add(larger[0])
        return larger[0]

    def earlier_than(self, i: int, count: int) -> bool:
        """Whether ``i`` is the earlier value of a change whose later value is stated before
        ``count`` (then the later one is the whole of its time, not ``i``; "năm 2022 kết nạp
        80 …, trong đó nữ 40 (50%) …⏎ năm 2023 phấn đấu kết nạp 95, tăng 15 so với năm
        2022": 80 is still the whole of 2022's shares)."""
        if i not in self.previous_values:
            return False
        later = self.later_value.get(i)
        return later is None or later < count

    _DIFFERENCE_BEFORE = re.compile(r"\bhơn(?:\s+so với[^\d;().]{0,30}?)?\s*$", re.I)

    def _may_be_base(self, i: int, count: int, *, siblings: bool = True) -> bool:
        other = self.figures[i]
        return (
            not self.elsewhere(i, count)
            and not other.percent
            and not other.in_table
            and other.value > self.figures[count].value
            and i not in self.target_values
            and not self.earlier_than(i, count)
            and not (siblings and i in self.numerators)
            and not self.sibling_share(i, count)
            and not self.approximate(i)
        )

    def elsewhere(self, i: int, count: int) -> bool:
        """Whether ``i`` is no whole ``count`` can be a share of: a figure about another period
        in parentheses ("(khóa trước có 78 người)") when ``count`` is not, or a difference
        ("ít hơn so với dự kiến 15 người")."""
        if self.other_period(i) and not self.other_period(count):
            return True
        other = self.figures[i]
        return bool(
            self._DIFFERENCE_BEFORE.search(self.text[max(other.start - 40, 0) : other.start])
        )

    _APPROXIMATE = re.compile(r"\b(?:gần|khoảng|xấp xỉ|hơn|ngót|chừng|(?<!cấp )trên)\s*$", re.I)

    def approximate(self, i: int) -> bool:
        """ "nâng tổng số lên gần 52 nghìn đảng viên": a rounded number is no base to check
        an exact share against."""
        figure = self.figures[i]
        return bool(self._APPROXIMATE.search(self.text[max(figure.start - 10, 0) : figure.start]))

    def sibling_share(self, i: int, count: int) -> bool:
        """Whether ``i`` is a count with its own share that is not the whole ``count`` is
        listed under: "đoàn viên 300 đồng chí, chiếm 60% …; phụ nữ 200 đồng chí,
        chiếm 40%": a class beside this one, not its base (even when its share could not
        be checked)."""
        if self.part_of.get(count) == i or self.subgroup_of(i, count):
            return False
        return self.has_own_share(i, "chiếm|đạt|bằng|tỷ lệ")

    def subgroup_of(self, i: int, count: int) -> bool:
        """Whether ``count`` is named, after ``i`` and in its sentence, as a subgroup of it
        ("80 tổ chức … (chiếm 66,7%), trong đó có 20 tổ chức …")."""
        whole, part = self.figures[i], self.figures[count]
        return whole.sentence == part.sentence and bool(
            re.search(r"\btrong (?:đó|số)\b", self.between(whole.end, part.start), re.I)
        )

    def _previous_paragraph(self, paragraph: int) -> int | None:
        """The nearest earlier paragraph with figures in prose."""
        earlier = [self.figures[i].paragraph for i in self.prose()]
        earlier = [k for k in earlier if k < paragraph]
        return max(earlier) if earlier else None

    def _base_in_paragraph(self, count: int) -> int | None:
        figure = self.figures[count]
        candidates = []
        for i in reversed(range(count)):
            other = self.figures[i]
            if other.paragraph != figure.paragraph:
                break
            if other.percent or other.in_table:
                continue
            # a target ("chỉ tiêu (45 đảng viên)"), the earlier value of a change, or a
            # sibling already checked as a share ("1.847 đồng chí, chiếm 56,5%; … 1.655
            # đồng chí") is not the base of this count
            if i in self.target_values or self.earlier_than(i, count) or self.elsewhere(i, count):
                continue
            if i in self.numerators and not self.subgroup_of(i, count):
                continue
            if self.sibling_share(i, count):
                continue
            # "Chi bộ có 42 đảng viên thì 40 đồng chí tham gia": two words suffice nearby
            words = 2 if other.clause == figure.clause else 3
            same = _same_noun(
                other.noun, figure.noun, words, loose=other.sentence == figure.sentence
            )
            if other.value > figure.value and same:
                candidates.append(i)
        candidates.reverse()
        # a part listed under a total that is itself a candidate is not the base
        # ("986 đảng viên, trong đó 952 … chính thức"; "1.846 chi bộ, trong đó 1.203 …")
        candidates = [i for i in candidates if self.part_of.get(i) not in candidates]
        if len({self.figures[i].value for i in candidates}) > 1:
            # "56 người ứng cử … bầu ra 35 đại biểu. Trong đó nữ 33 người": the count named
            # with the very word of the share's count, when only one is
            strict = [i for i in candidates if self.figures[i].noun[:1] == figure.noun[:1]]
            if len({self.figures[i].value for i in strict}) == 1:
                candidates = strict
        if len({self.figures[i].value for i in candidates}) == 1:
            # one candidate, or the same number stated twice; the whole the unit "has"
            # ("Đảng bộ có 320 tổ chức cơ sở đảng.") is the population its shares are of
            if self._POPULATION.search(
                self.text[
                    max(self.figures[candidates[0]].start - 20, 0) : self.figures[
                        candidates[0]
                    ].start
                ]
            ):
                self.population_bases.setdefault(count, set()).update(candidates)
            return candidates[-1]
        same_sentence = [
            i
            for i in candidates
            if self.figures[i].sentence == figure.sentence and not self.listed_before(i, count)
        ]
        if len(same_sentence) == 1:
            return same_sentence[0]
        pair = self.fraction_of(candidates)
        if pair is not None:
            # "1.800/2.000 đảng viên dự đánh giá …⏎ … 150 đảng viên chưa đánh giá, chiếm 7,5%":
            # of one of the fraction's two numbers, the one the share agrees with
            self.either_base[count] = pair
            return pair[0]
        marked = [
            i
            for i in candidates
            if self._TOTAL_MARK.search(
                self.text[max(self.figures[i].start - 20, 0) : self.figures[i].start]
            )
        ]
        return marked[-1] if len(marked) == 1 else None

    _POPULATION = re.compile(r"\b(?:hiện có|có|tổng số|tổng cộng|có tất cả)\s*$", re.I)

    def listed_before(self, i: int, count: int) -> bool:
        """ "Có 250 đảng viên miễn đánh giá, 40 đảng viên chưa đánh giá": a class listed
        before the count in its clause, not its whole."""
        if self.figures[i].clause != self.figures[count].clause:
            return False
        gap = self.between(self.figures[i].end, self.figures[count].start)
        return bool(re.search(r",|\svà\s", gap)) and not re.search(
            r"\btrong (?:đó|số)\b|\b(?:bao )?gồm\b|,\s*(?:có|thì)\s*$", gap, re.I
        )

    def fraction_of(self, candidates: list[int]) -> tuple[int, int] | None:
        """The two numbers of one fraction ("1.800/2.000") when the distinct candidate values
        are just those two."""
        values = {self.figures[i].value: i for i in candidates}
        if len(values) != 2:
            return None
        for clause_pairs in self.fraction_pairs().values():
            for i, j in clause_pairs:
                if {self.figures[i].value, self.figures[j].value} == set(values):
                    return i, j
        return None

    def unchecked(self, p: int, why: str) -> None:
        percent = self.figures[p]
        self.add(
            PERCENT,
            [percent.part("tỷ lệ nêu")],
            percent,
            v.UNCHECKED,
            None,
            f"{why} nên không kiểm tra được {percent.text}.",
        )
        self.used.add(p)

    # ------------------------------------------------------------ tables
    def table_claims(self) -> None:
        for table in self.tables:
            for claim in table_claims(self.text, table):
                self.claims.append(claim)
            self.table_shares_of_a_stated_base(table)

    def table_shares_of_a_stated_base(self, table: Table) -> None:
        """ "Chi bộ có 32 đảng viên. …⏎ Nội dung | Số đảng viên thực hiện | Tỷ lệ (%)": a
        percentage column next to a single count column is a share of the base stated before
        the table, named in the count column's header — taken when most rows agree with it."""
        header = [cell.text.lower() for cell in table.rows[0]]
        body = table.rows[1:]
        start = table.rows[0][0].start
        for k, title in enumerate(header):
            if not ("tỷ lệ" in title or "%" in title) or _CHANGE_HEADER.search(title):
                continue
            counts = [
                j
                for j in range(k)
                if all((value := _cell_value(row[j])) is not None and not value[2] for row in body)
            ]
            if len(counts) != 1:
                continue
            (j,) = counts
            words = tuple(_WORD.findall(header[j]))
            bases = [
                i
                for i in self.prose()
                if self.figures[i].end <= start
                and not self.figures[i].percent
                and self.figures[i].noun
                and " ".join(_canonical_noun(self.figures[i].noun[:2])) in " ".join(words)
                and all(self.figures[i].value >= _cell_value(row[j])[0] for row in body)
            ]
            if len({self.figures[i].value for i in bases}) != 1:
                continue
            base = self.figures[bases[-1]]
            rows = [row for row in body if _cell_value(row[k]) is not None]
            verdicts = [
                v.ratio_verdict(_cell_value(row[j])[0], base.value, *_cell_value(row[k])[:2])
                for row in rows
            ]
            if sum(verdict[0] != v.INCONSISTENT for verdict in verdicts) * 2 <= len(rows):
                continue  # most rows disagree: it is not the base
            for row, (verdict, exact, explanation, suggestion) in zip(rows, verdicts, strict=True):
                top = _cell_figure(row[j], *_cell_value(row[j]))
                stated = _cell_figure(row[k], *_cell_value(row[k]))
                claim = self.add(
                    RATIO,
                    [top.part("số đạt"), base.part("tổng số"), stated.part("tỷ lệ nêu")],
                    stated,
                    verdict,
                    exact,
                    f"Dòng “{_row_name(row)}”: {explanation}",
                    suggestion,
                )
                claim.start, claim.end = row[0].start, row[-1].end

    # ------------------------------------------------------------ recording
    def rate_claim(
        self, kind, top: Figure, bottom: Figure, percent: Figure, base_first=False, doubt=""
    ):
        """A claim that ``percent`` is ``top`` out of ``bottom`` (or, written as a bound,
        "đạt hơn 80,4%", bounds it)."""
        bound = self.bounded_result(percent)
        if bound:
            verdict, exact, explanation, suggestion = v.bounded_ratio_verdict(
                top.value, bottom.value, percent.value, percent.decimals, bound
            )
        else:
            verdict, exact, explanation, suggestion = v.ratio_verdict(
                top.value, bottom.value, percent.value, percent.decimals
            )
        parts = [top.part("số đạt"), bottom.part("tổng số")]
        if base_first:
            parts.reverse()
        parts.append(percent.part("tỷ lệ nêu"))
        return self.add(
            kind,
            parts,
            percent,
            verdict,
            exact,
            explanation,
            suggestion,
            stated=f"{bound} {percent.text}" if bound else None,
            doubt=doubt,
        )

    _BOUNDED_RESULT = re.compile(
        r"\b(?:đạt|chiếm)(?:\s+(?:tỷ|tỉ)\s+lệ)?\s+(?P<bound>hơn|trên|gần|khoảng|xấp xỉ|dưới|"
        r"chưa đến)\s*$",
        re.I,
    )

    def bounded_result(self, percent: Figure) -> str:
        """The bound of a result written as one ("đạt hơn 80,4%", "chiếm tỷ lệ gần 67%"; not a
        criterion "tỷ lệ trên 89%", "dưới 10%"), "" when it is not."""
        found = self._BOUNDED_RESULT.search(self.text[max(percent.start - 24, 0) : percent.start])
        return found.group("bound").lower() if found else ""

    def add(
        self,
        kind,
        parts,
        anchor: Figure,
        verdict,
        exact,
        explanation,
        suggestion=None,
        *,
        stated: str | None = None,
        correct: str | None = None,
        correct_value: Decimal | None = None,
        doubt: str = "",
    ) -> Claim:
        """Record a claim; ``doubt`` says why its pairing is a guess (applied by
        :meth:`settle_doubts` once every claim is made)."""
        starts = [part["start"] for part in parts]
        ends = [part["end"] for part in parts]
        if correct is None and verdict in (v.INCONSISTENT, v.TRUNCATED):
            value = exact if correct_value is None else correct_value
            if value is not None:
                correct = format_percent(
                    v.quantize(value, max(anchor.decimals, 1)), max(anchor.decimals, 1)
                )
        claim = Claim(
            kind=kind,
            start=min(starts),
            end=max(ends),
            anchor_start=anchor.start,
            anchor_end=anchor.end,
            stated=stated or anchor.text,
            verdict=verdict,
            explanation=explanation,
            parts=parts,
            computed=exact,
            correct=correct or "" if verdict != v.CONSISTENT else "",
            suggestion=suggestion,
            doubt=doubt,
        )
        self.claims.append(claim)
        return claim


# ---------------------------------------------------------------- tables


@dataclass
class Cell:
    start: int
    end: int
    text: str


@dataclass
class Table:
    lines: list[int]  # paragraph (line) numbers
    rows: list[list[Cell]]


def find_tables(text: str) -> list[Table]:
    """Runs of two or more consecutive lines with tab-separated cells (the same count)."""
    tables: list[Table] = []
    offset = 0
    current: Table | None = None
    for line_no, line in enumerate(text.split("\n")):
        cells = []
        if "\t" in line:
            position = offset
            for piece in line.split("\t"):
                cells.append(Cell(position, position + len(piece), piece.strip()))
                position += len(piece) + 1
        if cells and current is not None and len(cells) == len(current.rows[0]):
            current.rows.append(cells)
            current.lines.append(line_no)
        else:
            if current is not None and len(current.rows) >= 2:
                tables.append(current)
            current = Table([line_no], [cells]) if cells else None
        offset += len(line) + 1
    if current is not None and len(current.rows) >= 2:
        tables.append(current)
    return tables


_CELL_NUMBER = re.compile(r"^\s*(?P<sign>[+\-−–])?\s*(?P<number>[\d.,]+)\s*(?P<percent>%)?\s*$")
# a percentage column that states the change between the two count columns before it
_CHANGE_HEADER = re.compile(r"tăng|giảm|so sánh|chênh lệch", re.I)
_TOTAL_ROW = re.compile(r"^\s*(?:tổng|cộng|toàn\s)", re.I)


def _cell_sign(cell: Cell) -> str:
    """ "giảm" for "-14,3%", "tăng" for "+22,2%", "" without a sign."""
    match = _CELL_NUMBER.match(cell.text)
    sign = match.group("sign") if match else None
    return "" if not sign else "tăng" if sign == "+" else "giảm"


def _cell_value(cell: Cell) -> tuple[Decimal, int, bool] | None:
    match = _CELL_NUMBER.match(cell.text)
    if not match:
        return None
    found = numbers_in_text(match.group("number"))
    if len(found) != 1 or found[0].text != match.group("number"):
        return None
    return found[0].value, found[0].decimals, bool(match.group("percent"))


def _row_name(row: list[Cell]) -> str:
    return next((c.text for c in row if c.text and not _cell_value(c)), row[0].text)


def _cell_figure(cell: Cell, value, decimals, percent) -> Figure:
    return Figure(cell.start, cell.end, cell.text, value, decimals, percent, ())


def table_claims(text: str, table: Table) -> list[Claim]:
    """A percentage column against the count columns, and a total row against the sums.

    The header row (the first) names the columns: the base is the column whose header says
    "tổng" (else the first count column), the numerator the count column nearest to the
    left of the percentage."""
    header = [cell.text.lower() for cell in table.rows[0]]
    body = [row for row in table.rows[1:] if any(_cell_value(c) for c in row)]
    claims = []
    width = len(header)
    total_rows = [
        row for row in body if any(_TOTAL_ROW.match(c.text) for c in row if not _cell_value(c))
    ]
    serial = {
        k
        for k, h in enumerate(header)
        if re.fullmatch(r"(?:số\s*)?tt|stt|số thứ tự|năm|giai đoạn|kỳ|quý|tháng", h)
        or (
            body
            and all(re.fullmatch(r"(?:19|20)\d\d", row[k].text) for row in body if row[k].text)
            and any(row[k].text for row in body)
        )
    }
    base_columns = [
        k for k, h in enumerate(header) if re.search(r"tổng|chỉ tiêu|kế hoạch|dự toán", h)
    ]
    data_rows = [row for row in body if row not in total_rows]
    for row in body:
        values = [_cell_value(c) for c in row]
        for k, value in enumerate(values):
            if value is None or not (value[2] or "tỷ lệ" in header[k] or "%" in header[k]):
                continue
            counts = [
                j
                for j in range(k)
                if values[j] is not None and not values[j][2] and j not in serial
            ]
            if len(counts) < 2:
                continue
            if _CHANGE_HEADER.search(header[k]):
                claims.append(_table_change(row, counts[-2], counts[-1], k, values, table))
                continue
            top_k = counts[-1]
            base_k = next(
                (j for j in base_columns if j in counts and j != top_k),
                None,
            )
            doubt = ""
            if base_k is None:
                others = [j for j in counts if j != top_k]
                base_k = _base_column(body, top_k, k, others)
                if len(others) > 1 and not _agreeing_rows(body, top_k, base_k, k):
                    doubt = COLUMN_UNSURE  # no row bears the guessed column out
            top = _cell_figure(row[top_k], *values[top_k])
            bottom = _cell_figure(row[base_k], *values[base_k])
            stated = _cell_figure(row[k], *value)
            verdict, exact, explanation, suggestion = v.ratio_verdict(
                top.value, bottom.value, stated.value, stated.decimals
            )
            if doubt and verdict == v.INCONSISTENT:
                verdict, explanation = doubted(verdict, explanation, doubt)
                suggestion = None
            correct = ""
            if verdict not in (v.CONSISTENT, v.UNCHECKED) and exact is not None:
                correct = format_percent(
                    v.quantize(exact, max(stated.decimals, 1)), max(stated.decimals, 1)
                )
            claims.append(
                Claim(
                    kind=RATIO,
                    start=row[0].start,
                    end=row[-1].end,
                    anchor_start=stated.start,
                    anchor_end=stated.end,
                    stated=stated.text,
                    verdict=verdict,
                    explanation=f"Dòng “{_row_name(row)}”: {explanation}",
                    parts=[top.part("số đạt"), bottom.part("tổng số"), stated.part("tỷ lệ nêu")],
                    computed=exact,
                    correct=correct,
                    suggestion=suggestion,
                    doubt=doubt if verdict == v.UNCHECKED else "",
                )
            )
    for row in total_rows:
        for k in range(width):
            if k in serial or "tỷ lệ" in header[k] or "%" in header[k]:
                continue
            value = _cell_value(row[k])
            column = [_cell_value(r[k]) for r in data_rows]
            if value is None or value[2] or not column or any(c is None for c in column):
                continue
            parts = [c[0] for c in column]
            verdict, added, explanation = v.total_verdict(value[0], parts, "", True)
            stated = _cell_figure(row[k], *value)
            claims.append(
                Claim(
                    kind=TOTAL,
                    start=row[k].start,
                    end=row[k].end,
                    anchor_start=stated.start,
                    anchor_end=stated.end,
                    stated=stated.text,
                    verdict=verdict,
                    explanation=f"Cột “{table.rows[0][k].text}”: {explanation}",
                    parts=[stated.part("tổng nêu")]
                    + [
                        _cell_figure(r[k], *_cell_value(r[k])).part("thành phần") for r in data_rows
                    ],
                    computed=added,
                    correct=format_number(added) if verdict != v.CONSISTENT else "",
                )
            )
    return claims


def _table_change(row: list[Cell], old_k: int, new_k: int, k: int, values, table: Table) -> Claim:
    """ "Khiển trách | 21 | 18 | -14,3%" under "Năm 2024 | Năm 2025 | Tăng, giảm (%)"."""
    old = _cell_figure(row[old_k], *values[old_k])
    new = _cell_figure(row[new_k], *values[new_k])
    stated = _cell_figure(row[k], *values[k])
    direction = _cell_sign(row[k]) or ("giảm" if new.value < old.value else "tăng")
    verdict, exact, explanation = v.change_verdict(
        old.value, new.value, direction, stated.value, stated.decimals
    )
    correct = ""
    if verdict != v.CONSISTENT and exact is not None:
        decimals = max(stated.decimals, 1)
        correct = format_percent(v.quantize(abs(exact), decimals), decimals)
    header = table.rows[0]
    return Claim(
        kind=CHANGE,
        start=row[0].start,
        end=row[-1].end,
        anchor_start=stated.start,
        anchor_end=stated.end,
        stated=f"{direction} {format_percent(stated.value, stated.decimals)}",
        verdict=verdict,
        explanation=(
            f"Dòng “{_row_name(row)}”, từ cột “{header[old_k].text}” đến cột "
            f"“{header[new_k].text}”: {explanation}"
        ),
        parts=[old.part("kỳ trước"), new.part("kỳ này"), stated.part("mức tăng/giảm nêu")],
        computed=exact,
        correct=correct,
    )


def _base_column(body: list[list[Cell]], top_k: int, k: int, columns: list[int]) -> int:
    """The count column the percentages of column ``k`` are a share of, when no header names
    it: the one that makes the most rows agree ("Số vụ tiếp nhận | Thuộc thẩm quyền | Đã giải
    quyết | Tỷ lệ": the second); the first one on a tie."""

    return max(columns, key=lambda j: (_agreeing_rows(body, top_k, j, k), -j))


def _agreeing_rows(body: list[list[Cell]], top_k: int, j: int, k: int) -> int:
    """How many rows' percentage (column ``k``) is column ``top_k`` out of column ``j``."""
    agree = 0
    for row in body:
        top, base, stated = (_cell_value(row[c]) for c in (top_k, j, k))
        if None in (top, base, stated):
            continue
        verdict = v.ratio_verdict(top[0], base[0], stated[0], stated[1])[0]
        agree += verdict != v.INCONSISTENT
    return agree


# ---------------------------------------------------------------- entry point


def normalize(text: str) -> str:
    """NFC, Unix line ends, non-breaking spaces as spaces (spans refer to this text)."""
    text = unicodedata.normalize("NFC", text or "")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")


def find_claims(text: str) -> list[Claim]:
    """Every claim of an already normalised text, in order of its stated figure."""
    return _Finder(text).run()
