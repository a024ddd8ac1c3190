"""The office's work lists, scoped to the user: what needs doing soon."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q

from dangvu.accounts.scopes import today

from .lifecycle import (
    BADGE_YEARS,
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


def recognition_due(user, *, horizon_days: int = 60):
    """Probationary today, probation ending within ``horizon_days`` or already ended."""
    day = today()
    still_probationary = period_on(day).filter(member=OuterRef("pk"), status=Status.PROBATIONARY)
    members = list(
        Member.objects.visible_to(user)
        .filter(Exists(still_probationary), probation_end__lte=day + timedelta(days=horizon_days))
        .select_related("unit")
        .order_by("probation_end", "sort_key")[:LIMIT]
    )
    for member in members:
        member.deadline = add_working_days(member.probation_end, RECOGNITION_WINDOW_WORKING_DAYS)
        member.overdue = member.deadline < day
    return members


def badges_due(user):
    """Members due a badge at the next award date: the highest milestone not yet awarded."""
    award = next_award_date(today())
    members_now = period_on(award).filter(
        member=OuterRef("pk"), status__in=[Status.OFFICIAL, Status.EXCUSED]
    )
    candidates = (
        Member.objects.visible_to(user)
        .filter(Exists(members_now), party_anchor__lte=add_months(award, -12 * BADGE_YEARS[0]))
        .select_related("unit")
        .order_by("party_anchor")
    )
    result = []
    for member in candidates[: LIMIT * 5]:
        years = _full_years(member.party_anchor, award)
        due = max((y for y in BADGE_YEARS if y <= years), default=None)
        if due is None:
            continue
        member.badge_years = due
        result.append(member)
    awarded = set(
        MemberEvent.objects.filter(
            member__in=[m.pk for m in result], kind=EventKind.BADGE, voided_by__isnull=True
        ).values_list("member_id", "years")
    )
    return award, [m for m in result if (m.pk, m.badge_years) not in awarded][:LIMIT]


def _full_years(anchor, day) -> int:
    years = day.year - anchor.year
    if (day.month, day.day) < (anchor.month, anchor.day):
        years -= 1
    return years


def temporary_transfers_ending(user, *, within_days: int = 30):
    day = today()
    periods = period_on(day).filter(
        member=OuterRef("pk"),
        away_until__gte=day,
        away_until__lte=day + timedelta(days=within_days),
    )
    return list(
        Member.objects.visible_to(user)
        .filter(Exists(periods))
        .select_related("unit")
        .order_by("sort_key")[:LIMIT]
    )


def missing_identifiers(user):
    current = period_on(today()).filter(
        member=OuterRef("pk"), status__in=[Status.PROBATIONARY, Status.OFFICIAL, Status.EXCUSED]
    )
    has_card = PartyCard.objects.filter(member=OuterRef("pk"))
    # cards are issued on recognition: only official (or excused) members lack one
    official = current.filter(status__in=[Status.OFFICIAL, Status.EXCUSED])
    return list(
        Member.objects.visible_to(user)
        .filter(Exists(current))
        .filter(Q(cccd="") | (~Exists(has_card) & Exists(official)))
        .select_related("unit")
        .order_by("sort_key")[:LIMIT]
    )


def missed_meetings(user):
    """Members absent without reason three months or more in a year: fed by the meetings
    module (not built yet), so empty for now."""
    return Member.objects.none()


def all_lists(user) -> dict:
    award, badges = badges_due(user)
    return {
        "recognition": recognition_due(user),
        "award_date": award,
        "badges": badges,
        "temporary": temporary_transfers_ending(user),
        "missing": missing_identifiers(user),
        "missed_meetings": missed_meetings(user),
    }
