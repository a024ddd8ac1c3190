"""Score bands (edges 90, 70, 50), a level that disagrees with its score, schemes as data."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dangvu.ratings.models import DEFAULT_SCHEME, Level, Scheme
from dangvu.ratings.schemes import thresholds_for
from dangvu.ratings.services import level_and_score

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("score", "level"),
    [
        ("100", Level.EXCELLENT),
        ("90", Level.EXCELLENT),
        ("89,9", Level.GOOD),
        ("70", Level.GOOD),
        ("69.9", Level.PASS),
        ("50", Level.PASS),
        ("49,9", Level.FAIL),
        ("0", Level.FAIL),
    ],
)
def test_level_is_derived_from_the_score_at_the_edges(score, level):
    assert level_and_score(score, "", DEFAULT_SCHEME) == (level, Decimal(score.replace(",", ".")))
    # the same level given explicitly is accepted
    assert level_and_score(score, level, DEFAULT_SCHEME)[0] == level


@pytest.mark.parametrize(
    ("score", "level", "band"),
    [
        ("89,9", Level.EXCELLENT, "từ 90,0 điểm trở lên"),
        ("90", Level.GOOD, "từ 70,0 đến dưới 90,0 điểm"),
        ("69,9", Level.GOOD, "từ 70,0 đến dưới 90,0 điểm"),
        ("70", Level.PASS, "từ 50,0 đến dưới 70,0 điểm"),
        ("50", Level.FAIL, "dưới 50,0 điểm"),
        ("49,9", Level.PASS, "từ 50,0 đến dưới 70,0 điểm"),
    ],
)
def test_a_score_outside_its_level_band_is_refused(score, level, band):
    with pytest.raises(ValidationError) as caught:
        level_and_score(score, level, DEFAULT_SCHEME)
    message = " ".join(caught.value.messages)
    assert band in message and "không khớp mức" in message


@pytest.mark.parametrize("score", ["101", "-1", "abc", "85,55"])
def test_bad_scores_are_refused(score):
    with pytest.raises(ValidationError):
        level_and_score(score, "", DEFAULT_SCHEME)


def test_the_national_default_row_is_data(world):
    row = Scheme.objects.get(province__isnull=True)
    assert (row.excellent_min, row.good_min, row.pass_min) == (90, 70, 50)
    assert thresholds_for(world.commune_a, 2025).excellent_min == 90


def test_a_province_scheme_applies_from_its_effective_year(world):
    Scheme.objects.create(
        province=world.province,
        effective_year=2025,
        excellent_min=Decimal(85),
        good_min=Decimal(65),
        pass_min=Decimal(50),
    )
    assert thresholds_for(world.commune_a, 2025).excellent_min == 85
    assert thresholds_for(world.c1, 2026).excellent_min == 85
    assert thresholds_for(world.commune_a, 2024).excellent_min == 90  # before: the national one
    assert level_and_score("86", "", thresholds_for(world.c4, 2025))[0] == Level.EXCELLENT
    assert level_and_score("86", "", thresholds_for(world.c4, 2024))[0] == Level.GOOD


def test_without_any_row_the_qd366_defaults_apply(world):
    Scheme.objects.all().delete()
    assert thresholds_for(world.commune_a, 2025) == DEFAULT_SCHEME
