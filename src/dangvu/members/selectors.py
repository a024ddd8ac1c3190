"""Reads of the registry that depend on who asks: one SQL query each, scoped to the user."""

from __future__ import annotations

import re
from datetime import date

from django.db.models import Count, Q

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for, today
from dangvu.orgs.models import Unit
from dangvu.orgs.selectors import subtree_on
from dangvu.vntext.search_keys import search_terms

from .lifecycle import MEMBER_STATUSES, add_months
from .models import Member, MemberPeriod, PartyCard

AGE_BANDS = {
    "<30": (None, 30),
    "30-45": (30, 46),
    "46-60": (46, 61),
    ">60": (61, None),
}
CARD_PATTERN = re.compile(r"^(\d{12}|\d{2}\.\d{6})$")


def can_see_sensitive(user, unit: Unit | None) -> bool:
    return unit is not None and scope_for(user, permissions.SEE_SENSITIVE).covers(unit.path)


def period_on(day: date):
    """Periods covering ``day``."""
    return MemberPeriod.objects.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gt=day))


def member_list(
    user,
    *,
    q: str = "",
    unit: Unit | None = None,
    status: str = "",
    on: date | None = None,
    gender: str = "",
    age_band: str = "",
    theory_level: str = "",
    ethnicity: str = "",
):
    """The members the user may read, filtered, in Vietnamese name order."""
    day = on or today()
    qs = Member.objects.visible_to(user).select_related("unit")
    text = (q or "").strip()
    if text:
        digits = text.replace(" ", "")
        if CARD_PATTERN.match(digits):
            by_card = PartyCard.objects.filter(number=digits).values("member_id")
            qs = qs.filter(Q(cccd=digits) | Q(pk__in=by_card))
        else:
            for term in search_terms(text):
                qs = qs.filter(name_key__contains=term)
    if status or unit is not None:
        # one uncorrelated semi-join: the database builds the set of matching members once
        periods = period_on(day)
        if status == "dang_vien":
            periods = periods.filter(status__in=MEMBER_STATUSES)
        elif status:
            periods = periods.filter(status=status)
        if unit is not None:
            periods = periods.filter(unit__in=subtree_on(unit, day).values("unit_id"))
        qs = qs.filter(pk__in=periods.values("member_id"))
    if gender:
        qs = qs.filter(gender=gender)
    if age_band in AGE_BANDS:
        low, high = AGE_BANDS[age_band]
        if low is not None:  # at least ``low`` years old on ``day``
            qs = qs.filter(birth_date__lte=add_months(day, -12 * low))
        if high is not None:  # younger than ``high``
            qs = qs.filter(birth_date__gt=add_months(day, -12 * high))
    if theory_level:
        qs = qs.filter(theory_level=theory_level)
    if ethnicity:
        # only within the part of the tree where the user may see sensitive fields
        qs = qs.filter(scope_for(user, permissions.SEE_SENSITIVE).q("unit__path"))
        qs = qs.filter(ethnicity=ethnicity)
    return qs.order_by("sort_key", "id")


def status_today(members, day: date | None = None) -> dict[int, MemberPeriod]:
    """The period covering ``day`` for each of a page of members (one query)."""
    rows = period_on(day or today()).filter(member__in=[m.pk for m in members])
    return {p.member_id: p for p in rows.select_related("unit", "away_unit")}


def unit_counts(user, unit: Unit, day: date) -> dict:
    """Counts for the unit's subtree as it stood on ``day`` (home unit; temporarily away
    members count at home)."""
    periods = period_on(day).filter(
        unit__in=subtree_on(unit, day).values("unit_id"), status__in=MEMBER_STATUSES
    )
    by_status = dict(periods.values_list("status").annotate(n=Count("id")).order_by())
    counts = {
        "total": sum(by_status.values()),
        "by_status": by_status,
        "away": periods.filter(Q(away_unit__isnull=False) | ~Q(away_external="")).count(),
        "by_gender": dict(periods.values_list("member__gender").annotate(n=Count("id")).order_by()),
        "by_theory": dict(
            periods.values_list("member__theory_level").annotate(n=Count("id")).order_by()
        ),
    }
    bands = {}
    for band, (low, high) in AGE_BANDS.items():
        band_qs = periods
        if low is not None:
            band_qs = band_qs.filter(member__birth_date__lte=add_months(day, -12 * low))
        if high is not None:
            band_qs = band_qs.filter(member__birth_date__gt=add_months(day, -12 * high))
        bands[band] = band_qs.count()
    counts["by_age"] = bands
    if can_see_sensitive(user, unit):
        counts["by_ethnicity"] = dict(
            periods.values_list("member__ethnicity").annotate(n=Count("id")).order_by("-n")
        )
    return counts
