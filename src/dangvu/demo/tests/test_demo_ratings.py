"""The demo's reviews and ratings: 2024 at the old units, 2025 at the new ones."""

import random
from datetime import date

import pytest

from dangvu.audit.models import AuditEntry
from dangvu.demo.generator import build_demo
from dangvu.demo.ratings import populate
from dangvu.members.lifecycle import Status
from dangvu.members.selectors import period_on
from dangvu.ratings.figures import Period, figures
from dangvu.ratings.models import Commitment, Level, Rating, Round, SubjectKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_yearly_ratings_across_the_reform():
    province = build_demo(seed=5, scale=0.05, work_records=False).province
    today = date.today()
    counts = populate(
        rng=random.Random(3),
        province=province,
        start=date(2024, 1, 1),
        end=today,
        say=lambda *a: None,
    )
    assert counts["member_ratings"] == Rating.objects.filter(subject_kind="dang_vien").count() > 0
    assert counts["unit_ratings"] == Rating.objects.filter(subject_kind="to_chuc").count() > 0
    # 2024 rounds at units that ended in the reform, 2025 rounds at units alive after it
    old = Round.objects.filter(year=2024, subject_kind=SubjectKind.MEMBER)
    new = Round.objects.filter(year=2025, subject_kind=SubjectKind.MEMBER)
    assert old.filter(unit__ended_on=date(2025, 7, 1)).exists()
    assert not new.filter(unit__created_on__gt=date(2025, 12, 15)).exists()
    assert new.filter(unit__created_on=date(2025, 7, 1)).exists()
    # nobody excused on the round date is rated
    for year, day in ((2024, date(2024, 12, 15)), (2025, date(2025, 12, 15))):
        excused = set(
            period_on(day).filter(status=Status.EXCUSED).values_list("member_id", flat=True)
        )
        assert excused
        assert not Rating.objects.filter(year=year, member_id__in=excused).exists()
    # a realistic distribution
    f = figures(province, Period(2025))
    members = f.total.members
    share = members.counts[Level.EXCELLENT] / members.total
    assert 0.08 < share < 0.25
    assert members.counts[Level.GOOD] > members.total / 2
    assert 0 < members.counts[Level.FAIL] < members.total * 0.05
    assert members.good_or_better.percent() > 85
    assert f.total.units.total > 0
    # commitments: some done, some overdue
    assert Commitment.objects.filter(done_on__isnull=False).exists()
    assert Commitment.objects.filter(done_on__isnull=True, due__lt=today).exists()
    assert AuditEntry.objects.filter(action="ratings.rating.record").exists()
