"""The demo's training records: every level and programme, valid enrolments, figures that read
back from the pages, expiring certificates for the work list."""

import random
import time
from datetime import date, timedelta

import pytest

from dangvu.accounts.models import User
from dangvu.demo.generator import build_demo
from dangvu.demo.training import populate
from dangvu.orgs.tree_paths import path_within
from dangvu.training import selectors
from dangvu.training.models import Candidate, Enrolment, Programme, Result, TrainingClass

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_demo_training_records():
    """One build (the demo is slow to make), every property checked on it."""
    result = build_demo(seed=5, scale=0.05, work_records=False)
    started = time.monotonic()
    counts = populate(
        rng=random.Random(5),
        province=result.province,
        start=date(2024, 1, 1),
        end=date.today(),
        say=None,
    )
    print(f"training demo: {time.monotonic() - started:.1f} s, {counts}")
    demo = (result, counts)
    classes_at_every_level_of_every_programme(demo)
    enrolments_follow_the_rules(demo)
    work_list_has_expiring_and_expired_certificates(demo)
    commune_figures_read_back_from_the_list(demo)


def classes_at_every_level_of_every_programme(demo):
    result, counts = demo
    assert counts["training_classes"] == TrainingClass.objects.count() > 20
    assert counts["training_enrolments"] == Enrolment.objects.count() > 300
    assert counts["training_candidates"] == Candidate.objects.count() > 0
    used = set(TrainingClass.objects.values_list("programme__code", flat=True))
    assert used == set(Programme.objects.values_list("code", flat=True))
    levels = set(TrainingClass.objects.values_list("unit__kind__code", flat=True))
    assert {"tinh", "huyen", "xa"} <= levels
    assert TrainingClass.objects.filter(unit=result.province).count() >= 20


def enrolments_follow_the_rules(demo):
    # members were in the organiser's subtree at the start (the service checked it: no
    # exception needed); candidates only in programmes that take them; results only for
    # classes that ended; nhận thức certificates last 60 months
    assert not Enrolment.objects.exclude(outside_reason="").exists()
    assert not Enrolment.objects.filter(
        candidate__isnull=False, training_class__programme__audience="dang_vien"
    ).exists()
    assert (
        not Enrolment.objects.filter(training_class__end_date__gte=date.today())
        .exclude(result="")
        .exists()
    )
    e = Enrolment.objects.filter(
        result=Result.COMPLETED, training_class__programme__code="nhan_thuc_ve_dang"
    ).first()
    assert e.valid_until.year - e.certificate_date.year == 5


def work_list_has_expiring_and_expired_certificates(demo):
    _result, counts = demo
    province_user = User.objects.get(username="tinh")
    rows = list(selectors.certificates_expiring(province_user, within_days=90))
    today = date.today()
    assert any(r.valid_until < today for r in rows)
    assert any(today <= r.valid_until <= today + timedelta(days=90) for r in rows)
    assert counts["training_candidates_admitted"] > 0
    assert not any(r.candidate and r.candidate.member_id for r in rows)


def commune_figures_read_back_from_the_list(demo):
    officer = User.objects.get(username="xa_a")
    commune = officer.role_assignments.get().unit
    year = date.today().year
    figures = selectors.figures(
        officer, unit=commune, date_from=date(2024, 1, 1), date_to=date(year, 12, 31)
    )
    listed = selectors.class_list(
        officer, unit=commune, date_from=date(2024, 1, 1), date_to=date(year, 12, 31)
    )
    assert figures.total.classes == listed.count() > 0
    assert figures.total.trainees == sum(c.trainees for c in listed)
    assert all(path_within(c.unit.path, commune.path) for c in listed)
