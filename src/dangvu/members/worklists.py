"""The office's work lists, scoped to the user: what needs doing soon.

Each list is a queryset (one SQL query, scoped with ``Member.objects.visible_to``); the
page shows its first :data:`LIMIT` rows. What cannot be said in SQL (the 30-working-day
deadline) is added to those rows only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When

from dangvu.accounts.scopes import today

from .lifecycle import (
    BADGE_YEARS,
    MEMBER_STATUSES,
    RECOGNITION_WINDOW_WORKING_DAYS,
    EventKind,
    Status,
    add_months,
    add_working_days,
    next_award_date,
)
from .models import Member, MemberEvent, PartyCard
from .selectors import period_on

LIMIT = 200
RECOGNITION_HORIZON_DAYS = 60
TEMPORARY_HORIZON_DAYS = 30


def _visible(user, members):
    """The members the lists start from: ``members`` if given (one scope for every list of
    a page), else those ``user`` may read."""
    return members if members is not None else Member.objects.visible_to(user)


def recognition_due(
    user,
    *,
    day: date | None = None,
    horizon_days: int = RECOGNITION_HORIZON_DAYS,
    members=None,
):
    """Probationary on ``day`` (default today) with the probation ending within
    ``horizon_days`` or already ended: the cell must vote within 30 working days after."""
    day = day or today()
    still_probationary = period_on(day).filter(member=OuterRef("pk"), status=Status.PROBATIONARY)
    return (
        _visible(user, members)
        .filter(Exists(still_probationary), probation_end__lte=day + timedelta(days=horizon_days))
        .select_related("unit")
        .order_by("probation_end", "sort_key", "id")
    )


def with_deadlines(members, day: date | None = None) -> list[Member]:
    """Add ``deadline`` (probation end + 30 working days) and ``overdue`` to a page of rows."""
    day = day or today()
    members = list(members)
    for member in members:
        member.deadline = add_working_days(member.probation_end, RECOGNITION_WINDOW_WORKING_DAYS)
        member.overdue = member.deadline < day
    return members


def badges_due(user, *, day: date | None = None, members=None):
    """``(award_date, members)``: the members due a badge at the next award date on or after
    ``day``, each annotated with ``badge_years`` — the highest milestone (30, 40, 45 … 90
    years of party age) reached by the award date for which no badge of at least as many
    years has been given. Party age comes from ``Member.party_anchor`` (admission date
    shifted by the gaps between an exit and a re-admission), all in SQL.
    """
    award = next_award_date(day or today())
    milestone = Case(
        *[
            When(party_anchor__lte=add_months(award, -12 * years), then=Value(years))
            for years in sorted(BADGE_YEARS, reverse=True)
        ],
        default=Value(None),
        output_field=IntegerField(),
    )
    member_then = period_on(award).filter(
        member=OuterRef("pk"), status__in=[Status.OFFICIAL, Status.EXCUSED]
    )
    given = MemberEvent.objects.filter(
        member=OuterRef("pk"),
        kind=EventKind.BADGE,
        voided_by__isnull=True,
        years__gte=OuterRef("badge_years"),
    )
    due = (
        _visible(user, members)
        .filter(party_anchor__lte=add_months(award, -12 * min(BADGE_YEARS)))
        .filter(Exists(member_then))
        .annotate(badge_years=milestone)
        .filter(~Exists(given))
        .select_related("unit")
        .order_by("-badge_years", "sort_key", "id")
    )
    return award, due


def temporary_transfers_ending(
    user, *, day: date | None = None, within_days: int = TEMPORARY_HORIZON_DAYS, members=None
):
    """The periods (member, home unit, where, until) of members now temporarily in another
    unit whose temporary transfer ends within ``within_days``."""
    day = day or today()
    return (
        period_on(day)
        .filter(
            member__in=_visible(user, members).values("pk"),
            away_until__gte=day,
            away_until__lte=day + timedelta(days=within_days),
        )
        .select_related("member", "unit", "away_unit")
        .order_by("away_until", "member__sort_key", "member_id")
    )


def missing_identifiers(user, *, day: date | None = None, members=None):
    """Current members whose record lacks the CCCD, or — once official (cards come with
    recognition) — any party card. Rows carry ``has_card`` and ``needs_card``."""
    current = period_on(day or today()).filter(member=OuterRef("pk"))
    return (
        _visible(user, members)
        .filter(Exists(current.filter(status__in=MEMBER_STATUSES)))
        .annotate(
            has_card=Exists(PartyCard.objects.filter(member=OuterRef("pk"))),
            needs_card=Exists(current.filter(status__in=[Status.OFFICIAL, Status.EXCUSED])),
        )
        .filter(Q(cccd="") | Q(has_card=False, needs_card=True))
        .select_related("unit")
        .order_by("sort_key", "id")
    )


def missed_meetings(user):
    """Members absent without reason three months or more this year (ground for xóa tên),
    from the cell meetings' attendance, scoped to ``user`` like the others."""
    from dangvu.meetings.selectors import members_absent_months

    return members_absent_months(user, year=today().year)


@dataclass
class Shown:
    """The first rows of a work list and whether there are more."""

    rows: list
    more: bool

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)


def first(qs, limit: int = LIMIT) -> Shown:
    rows = list(qs[: limit + 1])
    return Shown(rows[:limit], len(rows) > limit)


def all_lists(user, *, day: date | None = None) -> dict:
    """Every work list's first rows (one query each)."""
    day = day or today()
    members = Member.objects.visible_to(user)  # the scope resolved once for every list
    award, badges = badges_due(user, day=day, members=members)
    recognition = first(recognition_due(user, day=day, members=members))
    recognition.rows = with_deadlines(recognition.rows, day)
    return {
        "day": day,
        "recognition": recognition,
        "award_date": award,
        "badges": first(badges),
        "temporary": first(temporary_transfers_ending(user, day=day, members=members)),
        "missing": first(missing_identifiers(user, day=day, members=members)),
        "missed_meetings": first(missed_meetings(user)),
    }
