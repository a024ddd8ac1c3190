"""The demo's emulation records: criteria, pledges and evaluations for each year (2025 at the
units after the reform), làm-theo registrations at 95–99%, models and Dân vận khéo models,
recognitions — and the figures read off them in plausible ranges."""

import random
from datetime import date

import pytest

from dangvu.demo.emulation import populate
from dangvu.demo.generator import REFORM, build_demo
from dangvu.emulation.figures import figures
from dangvu.emulation.models import (
    CriteriaSet,
    Evaluation,
    Example,
    Movement,
    Pledge,
    Recognition,
    Registration,
    Target,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_emulation_records_across_the_reform_and_their_figures():
    province = build_demo(seed=7, scale=0.05, work_records=False).province
    today = date.today()
    counts = populate(
        rng=random.Random(7), province=province, start=date(2024, 1, 1), end=today, say=print
    )
    assert counts["emulation_pledges"] == Pledge.objects.count() > 10
    assert CriteriaSet.objects.filter(year=2024, province=province).count() == 2
    assert Evaluation.objects.filter(pledge__year=2024).exists()
    assert Evaluation.objects.filter(pledge__year=2025).exists()
    # 2025 was pledged by the units that exist after the reform
    assert not Pledge.objects.filter(year=2025, unit__ended_on__lte=date(2025, 12, 31)).exists()
    assert Pledge.objects.filter(year=2024, unit__ended_on=REFORM).exists()
    assert Registration.objects.filter(member__isnull=False).count() > 50
    assert Example.objects.filter(movement=Movement.LAM_THEO, member__isnull=False).exists()
    assert Example.objects.filter(movement=Movement.DAN_VAN_KHEO, state="hieu_qua").exists()
    assert Recognition.objects.exists()
    examples = []
    for year in (2024, 2025):
        f = figures(province, year)
        examples.append(f.examples)
        rate = f.total.lam_theo.rate.percent()
        assert 90 <= rate <= 100, (year, rate)
        cells = f.total.four_good[Target.CELL]
        assert cells.existing > 0 and 0.9 <= cells.pledged / cells.existing <= 1
        assert 0.6 <= cells.passed / cells.pledged <= 0.95
    assert all(e.total > 0 for e in examples)
    assert sum(e.collective for e in examples) and sum(e.individual for e in examples)
    assert sum(e.dvk_registered for e in examples) >= sum(e.dvk_effective for e in examples) > 0
