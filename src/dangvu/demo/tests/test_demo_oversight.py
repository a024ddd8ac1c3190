"""The demo's inspection, supervision and discipline: plans and cases every year at the
province, district (before the reform), commune and cell levels; a modest number of
decisions, mostly khiển trách; a few khai trừ that appear as exits in the registry and
leave the other modules' records consistent; figures readable for the province."""

import random
import time
from datetime import date

import pytest

from dangvu.demo.generator import REFORM, build_demo
from dangvu.demo.oversight import populate
from dangvu.meetings.models import Attendance
from dangvu.members.lifecycle import EventKind
from dangvu.members.models import MemberEvent
from dangvu.oversight.figures import case_figures, discipline_figures
from dangvu.oversight.models import Case, DisciplineDecision, Form, Plan
from dangvu.study.selectors import period_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_records_across_the_reform_and_their_figures():
    province = build_demo(seed=5, scale=0.05, work_records=False).province
    today = date.today()
    started = time.monotonic()
    counts = populate(
        rng=random.Random(5),
        province=province,
        start=date(2024, 1, 1),
        end=today,
        say=lambda _: None,
    )
    assert time.monotonic() - started < 20
    assert counts["cases"] == Case.objects.count() > 20
    assert counts["plans"] == Plan.objects.count()
    years = range(2024, today.year + 1)
    assert set(Plan.objects.filter(unit=province).values_list("year", flat=True)) == set(years)
    cases = Case.objects.all()
    assert cases.filter(unit__kind__code="huyen", start_date__lt=REFORM).exists()
    assert cases.filter(unit__kind__code="dang_bo_co_so", start_date__lt=REFORM).exists()
    assert cases.filter(unit__kind__code="xa", start_date__gte=REFORM).exists()
    assert cases.filter(unit__kind__is_cell=True, subject_member__isnull=False).exists()
    assert cases.filter(plan_item__isnull=False).exists() and cases.filter(kind="dau_hieu").exists()
    assert not cases.filter(start_date__gt=today).exists()

    decisions = DisciplineDecision.objects.all()
    assert counts["decisions"] == decisions.count() >= 4
    reprimands = decisions.filter(form=Form.REPRIMAND).count()
    assert reprimands > decisions.count() / 2  # mostly khiển trách
    assert not decisions.filter(form=Form.DISSOLUTION).exists()
    expelled = decisions.filter(form=Form.EXPULSION)
    assert expelled.count() == counts["expulsions"] >= 1
    for decision in expelled:
        assert MemberEvent.objects.filter(
            member=decision.subject_member, kind=EventKind.EXPELLED, date=decision.date
        ).exists()
        # nobody attends a meeting after being expelled
        assert not Attendance.objects.filter(
            member=decision.subject_member, meeting__date__gte=decision.date
        ).exists()

    year = period_of(year=today.year)
    discipline = discipline_figures(province, year)
    assert discipline.current.members + discipline.current.units > 0
    assert discipline.sentence().startswith(f"Năm {today.year} thi hành kỷ luật ")
    f = case_figures(province, year)
    assert f.total("kiem_tra") > 0 and f.total("giam_sat") > 0
    crossing = case_figures(province, period_of(year=2025))
    assert crossing.merged  # the districts' and old communes' cases of 2025, at successors
