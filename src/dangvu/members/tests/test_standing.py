"""The cached standing (``Member.status``, ``status_unit``, ``status_since``) against the
derivation from the events, after random event sequences through the services.

The status stays derived from the events: the cache is rebuilt from them in the same
transaction, and the member list's status + unit filter must give what the periods give
on every day, before, on and after the cache's ``status_since``.
"""

import contextlib
import importlib
import random
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection

from dangvu.accounts.scopes import today
from dangvu.members import selectors, services
from dangvu.members.lifecycle import MEMBER_STATUSES, EventKind, Status
from dangvu.members.models import Member
from dangvu.orgs.selectors import subtree_on

pytestmark = pytest.mark.django_db

KINDS = [
    EventKind.RECOGNITION,
    EventKind.TRANSFER,
    EventKind.TEMP_TRANSFER,
    EventKind.TEMP_RETURN,
    EventKind.EXCUSED,
    EventKind.EXCUSE_END,
    EventKind.STRUCK_OFF,
    EventKind.READMISSION,
    EventKind.DIED,
]


def random_history(rng: random.Random, world, member: Member, steps: int) -> None:
    """Random events (some dated in the future, some refused, some voided later)."""
    cells = [world.c1, world.c2, world.c3, world.c4]
    first = today() - timedelta(days=1500)
    for _ in range(steps):
        kind = rng.choice(KINDS)
        day = first + timedelta(days=rng.randrange(2000))  # up to ~500 days ahead
        details = {}
        if kind in (EventKind.TRANSFER, EventKind.TEMP_TRANSFER, EventKind.READMISSION):
            details["unit"] = rng.choice(cells)
        if kind == EventKind.TEMP_TRANSFER:
            details["end_date"] = day + timedelta(days=rng.randrange(95, 360))
        if kind == EventKind.READMISSION:
            details["ceremony_date"] = day
        with contextlib.suppress(ValidationError):  # a refused event writes nothing
            services.record_event(actor=None, member=member, kind=kind, date=day, **details)
        if rng.random() < 0.15:
            live = list(member.events.filter(voided_by__isnull=True).exclude(kind="ket_nap"))
            if live:
                with contextlib.suppress(ValidationError):
                    services.void_event(
                        actor=None, member=member, event=rng.choice(live), reason="nhập nhầm"
                    )


def derived_standing(member: Member):
    return services.timeline_of(member).standing


def cached_standing(member: Member):
    member.refresh_from_db()
    return member.status, member.status_unit_id, member.status_since


@pytest.fixture
def histories(world):
    rng = random.Random(20261201)
    members = []
    for i in range(24):
        admitted = today() - timedelta(days=1600 + rng.randrange(400))
        member = services.register_member(
            actor=None,
            identity={
                "ho": "Lê",
                "ten_dem": "Văn",
                "ten": f"Số {i}",
                "gender": rng.choice(["nam", "nu"]),
                "birth_date": date(1980, 1, 1) + timedelta(days=i),
            },
            admission_date=admitted,
            ceremony_date=admitted,
            unit=rng.choice([world.c1, world.c2, world.c3, world.c4]),
        )
        random_history(rng, world, member, steps=rng.randrange(2, 9))
        members.append(member)
    return members


def test_the_cache_is_the_derivation_after_random_events(histories):
    kinds = set()
    for member in histories:
        timeline = services.timeline_of(member)
        status, unit_id, since = cached_standing(member)
        assert (status, unit_id, since) == timeline.standing
        kinds.update(p.status for p in timeline.periods)
        # from ``since`` on, every day's period has exactly this status and home unit
        for offset in (0, 1, 30, 400, 4000):
            period = timeline.period_on(since + timedelta(days=offset))
            assert (period.status, period.unit_id) == (status, unit_id)
        if since > timeline.periods[0].start:  # the day before, something else held
            period = timeline.period_on(since - timedelta(days=1))
            assert (period.status, period.unit_id) != (status, unit_id)
    assert {Status.OFFICIAL, Status.LEFT}.issubset(kinds)  # the sequences do vary
    assert any(cached_standing(m)[2] > today() for m in histories)  # future-dated changes


def test_the_list_filter_matches_the_periods_on_every_day(histories, world):
    officer = world.users["province"]
    days = [today(), today() + timedelta(days=45), today() + timedelta(days=300)]
    days += [today() - timedelta(days=200)]  # an earlier day: the periods alone
    for day in days:
        timelines = {m.pk: services.timeline_of(m) for m in histories}
        for status in (Status.OFFICIAL, Status.EXCUSED, Status.PROBATIONARY, "dang_vien", ""):
            wanted = MEMBER_STATUSES if status == "dang_vien" else (status,)
            for unit in (None, world.x1, world.c3, world.x3):
                if unit is None and not status:
                    continue
                units = (
                    None
                    if unit is None
                    else set(subtree_on(unit, day).values_list("unit_id", flat=True))
                )
                expected = set()
                for pk, timeline in timelines.items():
                    period = timeline.period_on(day)
                    if period is None:
                        continue
                    if status and period.status not in wanted:
                        continue
                    if units is not None and period.unit_id not in units:
                        continue
                    expected.add(pk)
                listed = selectors.member_list(officer, status=status or None, unit=unit, on=day)
                got = {m.pk for m in listed} & set(timelines)
                assert got == expected, (day, status, unit)


def test_bulk_registration_fills_the_cache(world):
    day = today() - timedelta(days=800)
    services.bulk_register(
        actor=None,
        people=[
            {
                "identity": {
                    "ho": "Hà",
                    "ten_dem": "Thị",
                    "ten": "Mai",
                    "gender": "nu",
                    "birth_date": date(1985, 3, 3),
                },
                "events": [
                    {
                        "kind": EventKind.ADMISSION,
                        "date": day,
                        "ceremony_date": day,
                        "unit": world.c1,
                    },
                    {"kind": EventKind.RECOGNITION, "date": day + timedelta(days=400)},
                    {
                        "kind": EventKind.TEMP_TRANSFER,
                        "date": today() - timedelta(days=10),
                        "end_date": today() + timedelta(days=120),
                        "unit": world.c3,
                    },
                ],
                "cards": [],
            }
        ],
    )
    member = Member.objects.get(ten="Mai")
    assert cached_standing(member) == derived_standing(member)
    # the temporary transfer changed neither status nor home unit
    assert member.status_since == services.timeline_of(member).official_date


def test_the_migration_fills_the_cache_from_the_periods(histories):
    Member.objects.update(status="", status_unit=None, status_since=None)
    migration = importlib.import_module("dangvu.members.migrations.0004_member_standing")
    migration.fill(apps, SimpleNamespace(connection=connection))
    for member in histories:
        assert cached_standing(member) == derived_standing(member)
