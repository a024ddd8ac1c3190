"""The demo's cell meetings: every cell every month, attendance for every expected member."""

import random
from datetime import date

import pytest

from dangvu.audit.models import AuditEntry
from dangvu.demo.generator import build_demo
from dangvu.demo.meetings import populate
from dangvu.meetings.figures import figures
from dangvu.meetings.models import Assignment, Attendance, Meeting, MeetingKind, Presence
from dangvu.meetings.roster import roster
from dangvu.orgs.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_monthly_meetings_with_attendance_for_every_expected_member():
    province = build_demo(seed=5, scale=0.05, work_records=False).province
    today = date.today()
    start = date(2024, 1, 1)
    counts = populate(
        rng=random.Random(3), province=province, start=start, end=today, say=lambda *a: None
    )
    assert counts["meetings"] == Meeting.objects.count() > 0
    assert counts["attendance"] == Attendance.objects.count()
    assert counts["assignments"] == Assignment.objects.count()
    # a regular meeting every month for a cell with members
    cell = Unit.objects.get(pk=Meeting.objects.values_list("unit_id", flat=True).first())
    months = set(
        Meeting.objects.filter(unit=cell, kind=MeetingKind.REGULAR).values_list("month", flat=True)
    )
    assert date(2024, 1, 1) in months and date(2025, 7, 1) in months
    # every expected member of a sample of meetings has a row, excused ones are not counted
    for meeting in Meeting.objects.order_by("?")[:20]:
        listed = {e.member.pk: e.expected for e in roster(meeting.unit, meeting.date)}
        rows = dict(Attendance.objects.filter(meeting=meeting).values_list("member_id", "status"))
        assert set(rows) == set(listed)
        assert all((rows[m] != Presence.EXEMPT) == expected for m, expected in listed.items())
    assert Meeting.objects.filter(kind=MeetingKind.THEMATIC).exists()
    assert Attendance.objects.filter(status=Presence.UNEXCUSED).exists()
    assert AuditEntry.objects.filter(action="meetings.attendance.record_bulk").exists()
    f = figures(province, date(2025, 1, 1), date(2025, 12, 1))
    assert 0.7 < f.cells_hcm / f.cells_held <= 1
    assert f.cells_ok < f.cells_held  # some cells fail the criteria
    assert 0.85 < f.attendance.numerator / f.attendance.denominator < 1
