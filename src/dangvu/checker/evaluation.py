"""Score the checker against the labelled corpus in ``tests/corpus/`` (used by
``bench/checker.py`` and by the corpus test).

``expected.json`` lists, for each text, the claims a careful reader would check — a quote
that contains the stated figure, the kind and the verdict — and the numbers that are not
figures. A found claim matches an expected one when its stated figure lies inside the quote
and the kinds belong to the same family (a rate, a change, a total, a sum of shares).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from . import verdicts as v
from .checking import check_text
from .extraction import CHANGE, DIFFERENCE, PERCENT, RATIO, SHARE_OF_BASE, SHARES_SUM, TOTAL
from .reading import docx_text

CORPUS = Path(__file__).parent / "tests" / "corpus"
PARTS = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7")
FAMILY = {
    RATIO: "rate",
    SHARE_OF_BASE: "rate",
    PERCENT: "rate",
    CHANGE: "change",
    DIFFERENCE: "change",
    TOTAL: "total",
    SHARES_SUM: "sum",
}


@dataclass
class Score:
    expected_checkable: int = 0
    found_checkable: int = 0
    found_right: int = 0  # found checkable claims that match an expected checkable one
    expected_inconsistent: int = 0
    flagged: int = 0
    flagged_right: int = 0
    verdicts_right: int = 0  # matched checkable claims with the expected verdict
    non_figure_claims: int = 0  # claims that used a date, a symbol, a year …
    misses: list[str] = field(default_factory=list)
    false_finds: list[str] = field(default_factory=list)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def find_recall(self) -> float:
        return self._ratio(self.found_right, self.expected_checkable)

    @property
    def find_precision(self) -> float:
        return self._ratio(self.found_right, self.found_checkable)

    @property
    def flag_recall(self) -> float:
        return self._ratio(self.flagged_right, self.expected_inconsistent)

    @property
    def flag_precision(self) -> float:
        return self._ratio(self.flagged_right, self.flagged)

    def meets_targets(self) -> bool:
        """Issue 7 §4: finds ≥ 90% of the checkable claims, flags ≥ 95% of the inconsistent
        ones, fewer than 1 in 20 "inconsistent" verdicts wrong, no claim from a non-figure."""
        return (
            self.find_recall >= 0.90
            and self.flag_recall >= 0.95
            and self.flag_precision > 0.95
            and self.non_figure_claims == 0
        )


def load_expected(path: Path | None = None) -> dict:
    """The labels of ``path`` (the corpus's ``expected.json`` by default), without the
    ``_``-prefixed notes."""
    with (path or CORPUS / "expected.json").open(encoding="utf-8") as stream:
        data = json.load(stream)
    return {name: entry for name, entry in data.items() if not name.startswith("_")}


def read_corpus_file(path: Path) -> str:
    """A corpus text: .txt as UTF-8, .docx read as an upload is (tables as tab-separated lines)."""
    if path.suffix == ".docx":
        return docx_text(path.read_bytes())
    return path.read_text(encoding="utf-8")


def _span(text: str, quote: str, name: str) -> tuple[int, int]:
    start = text.find(quote)
    if start < 0:
        raise ValueError(f"{name}: quote not in the text: {quote!r}")
    return start, start + len(quote)


def score(part: str) -> Score:
    """The scores of one part of the corpus (``dev``, ``heldout7`` …)."""
    entries = {n: e for n, e in load_expected().items() if n.startswith(f"{part}/")}
    return score_entries(entries, CORPUS)


def score_directory(directory: Path, expected: Path | None = None) -> Score:
    """The scores of texts outside the corpus: ``directory`` holds the texts and (unless
    ``expected`` names another file) an ``expected.json`` in the corpus's format whose names
    are relative to ``directory``. Used for real reports that must not enter the repository."""
    directory = Path(directory)
    return score_entries(load_expected(expected or directory / "expected.json"), directory)


def score_entries(entries: dict, root: Path) -> Score:
    """Check every labelled text (names relative to ``root``) and score the claims found
    against the labels."""
    result = Score()
    for name, entry in sorted(entries.items()):
        report = check_text(read_corpus_file(root / name))
        text = report.text
        expected = [
            {**claim, "span": _span(text, claim["quote"], name)} for claim in entry["claims"]
        ]
        masks = [_span(text, quote, name) for quote in entry.get("non_figures", [])]
        taken: set[int] = set()
        found_checkable: dict[int, bool] = {}
        for claim in report.claims:
            uses_mask = any(
                start < part_["end"] and part_["start"] < end
                for part_ in claim.parts
                for start, end in masks
            )
            if uses_mask:
                result.non_figure_claims += 1
                result.false_finds.append(
                    f"{name}: {text[claim.start : claim.end][:80]!r} uses a non-figure"
                )
            match = next(
                (
                    k
                    for k, e in enumerate(expected)
                    if k not in taken
                    and e["span"][0] <= claim.anchor_start
                    and claim.anchor_end <= e["span"][1]
                    and FAMILY[e["kind"]] == FAMILY[claim.kind]
                ),
                None,
            )
            label = f"{name}: {text[claim.start : claim.end][:80]!r} → {claim.verdict}"
            if match is not None:
                taken.add(match)
                found_checkable[match] = claim.verdict != v.UNCHECKED
            wanted = expected[match] if match is not None else None
            if claim.verdict != v.UNCHECKED:
                result.found_checkable += 1
                if wanted and wanted["verdict"] != v.UNCHECKED:
                    result.found_right += 1
                    result.verdicts_right += wanted["verdict"] == claim.verdict
                else:
                    result.false_finds.append(label)
            if claim.verdict == v.INCONSISTENT:
                result.flagged += 1
                if wanted and wanted["verdict"] == v.INCONSISTENT:
                    result.flagged_right += 1
                elif label not in result.false_finds:
                    result.false_finds.append(label + f" (expected {wanted and wanted['verdict']})")
        for k, e in enumerate(expected):
            if e["verdict"] != v.UNCHECKED:
                result.expected_checkable += 1
            if e["verdict"] == v.INCONSISTENT:
                result.expected_inconsistent += 1
            if e["verdict"] != v.UNCHECKED and not found_checkable.get(k):
                result.misses.append(f"{name}: {e['quote']!r} ({e['kind']}, {e['verdict']})")
    return result
