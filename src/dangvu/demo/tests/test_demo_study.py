"""The demo's study sessions: province, district and commune sessions from 2024 to today,
before and after the reform, some with member lists, attendance 90–100%, figures readable."""

import random
from datetime import date

import pytest

from dangvu.demo.generator import REFORM, build_demo
from dangvu.demo.study import populate
from dangvu.study.models import Attendee, AudienceGroup, StudySession
from dangvu.study.selectors import eligible_members, period_of, rates

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_sessions_across_the_reform_with_lists_and_counts():
    province = build_demo(seed=5, scale=0.05, work_records=False).province
    today = date.today()
    counts = populate(
        rng=random.Random(5),
        province=province,
        start=date(2024, 1, 1),
        end=today,
        say=lambda _: None,
    )
    sessions = StudySession.objects.all()
    assert counts["study_sessions"] == sessions.count() > 10
    assert sessions.filter(unit=province).count() >= 8  # one a quarter
    assert sessions.filter(unit__kind__code="huyen", date__lt=REFORM).exists()
    assert sessions.filter(unit__kind__code="dang_bo_co_so", date__lt=REFORM).exists()
    assert sessions.filter(unit__kind__code="xa", date__gte=REFORM).exists()
    assert not sessions.filter(date__gt=today).exists()
    assert counts["study_sessions_with_lists"] > 0 and Attendee.objects.exists()
    assert AudienceGroup.objects.filter(by_list=False).exists()
    for group in AudienceGroup.objects.all():
        assert 0.89 <= group.attended / group.expected <= 1.0 or group.expected < 10
    # listed members belonged to the organising unit on the day
    group = AudienceGroup.objects.filter(by_list=True).select_related("session__unit").first()
    listed = set(group.attendees.values_list("member_id", flat=True))
    assert listed == set(
        eligible_members(group.session.unit, group.session.date).values_list("pk", flat=True)
    )
    assert (group.expected, group.attended) == (
        len(listed),
        group.attendees.filter(present=True).count(),
    )
    assert StudySession.documents.through.objects.exists()


def test_the_province_figures_read_off_the_demo():
    from dangvu.accounts.models import User
    from dangvu.demo import documents

    province = build_demo(seed=5, scale=0.05, work_records=False).province
    # as wired in the demo: the documents module first, then the sessions study them
    documents.populate(
        rng=random.Random(5),
        province=province,
        start=date(2024, 1, 1),
        end=date.today(),
        say=lambda _: None,
    )
    populate(
        rng=random.Random(5),
        province=province,
        start=date(2024, 1, 1),
        end=date.today(),
        say=lambda _: None,
    )
    officer = User.objects.get(username="tinh")
    figures = rates(officer, province, period_of(year=2025))
    assert figures.total.sessions > 4
    chu_chot = next(k for k in figures.kinds if k.name == "cán bộ chủ chốt")
    assert 90 <= chu_chot.ratio.percent() <= 100
    assert "lượt cán bộ chủ chốt tham gia, đạt" in figures.total.sentence()
    assert figures.merged  # old communes and districts counted at their successors
    links = StudySession.documents.through.objects.select_related("document", "studysession")
    assert links.exists()
    for link in links:  # the province's own documents or the organiser's, issued before
        assert link.document.unit_id in (province.pk, link.studysession.unit_id)
        assert link.document.date <= link.studysession.date
    commune_officer = User.objects.get(username="xa_a")
    commune = commune_officer.role_assignments.get().unit
    assert rates(commune_officer, commune, period_of(year=2024)).total.sessions >= 1
