"""Reads of the registry that depend on who asks: SQL filters scoped to the user.

* :func:`member_list` — the searchable, filterable list in Vietnamese name order.
* :func:`unit_counts` — the figures of a unit's subtree as it stood on a date, from the derived
  periods (status, home unit) joined to the member's identity: a few aggregate queries.

Sensitive fields (dân tộc, tôn giáo) are filtered and counted only inside the part of the
tree where the user holds ``see_sensitive``.
"""

from __future__ import annotations

import json
import re
from datetime import date

from django.db import connections
from django.db.models import BooleanField, CharField, Count, Exists, F, Func, OuterRef, Q, Subquery

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for, today
from dangvu.orgs.models import Unit
from dangvu.orgs.selectors import counted_units_q, subtree_on
from dangvu.vntext.search_keys import search_terms

from .lifecycle import MEMBER_STATUSES, Status, add_months
from .models import Gender, Member, MemberPeriod, PartyCard, member_scope

# band → (at least this old, younger than this) on the day asked
AGE_BANDS = {
    "<30": (None, 30),
    "30-45": (30, 46),
    "46-60": (46, 61),
    ">60": (61, None),
}
CCCD_PATTERN = re.compile(r"^\d{12}$")
CARD_PATTERN = re.compile(r"^(\d{12}|\d{2}\.\d{6})$")
ALL_MEMBERS = "dang_vien"  # the status filter "any of dự bị, chính thức, miễn sinh hoạt"


def can_see_sensitive(user, unit: Unit | None) -> bool:
    """May ``user`` see dân tộc / tôn giáo of the members of ``unit``?"""
    return unit is not None and scope_for(user, permissions.SEE_SENSITIVE).covers(unit.path)


def sees_any_sensitive(user) -> bool:
    """Does ``user`` hold ``see_sensitive`` anywhere (to show the sensitive filters at all)?"""
    return not scope_for(user, permissions.SEE_SENSITIVE).is_empty


def period_on(day: date):
    """Periods covering ``day``."""
    return MemberPeriod.objects.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gt=day))


def born_in_band(band: str, day: date, field: str = "birth_date") -> Q:
    """Members whose age on ``day`` lies in ``band`` (one of :data:`AGE_BANDS`)."""
    low, high = AGE_BANDS[band]
    condition = Q()
    if low is not None:  # at least ``low`` years old on ``day``
        condition &= Q(**{f"{field}__lte": add_months(day, -12 * low)})
    if high is not None:  # younger than ``high``
        condition &= Q(**{f"{field}__gt": add_months(day, -12 * high)})
    return condition


def _name_terms(text: str) -> list[str]:
    """The name words of the search box (none for a CCCD or a card number)."""
    text = (text or "").strip()
    if not text or CARD_PATTERN.match(text.replace(" ", "")):
        return []
    return search_terms(text)


class MatchesSorted(Func):
    """``sort_key`` as an expression: the same order, but no index can give it, so the
    database finds the matches first and sorts only those (see :func:`member_list`)."""

    template = "(%(expressions)s || '')"
    output_field = CharField()


def search(qs, text: str):
    """Narrow ``qs`` by the search box: a CCCD, a card number, or words of the name.

    12 digits are a CCCD or a 2025 card number; ``NN.NNNNNN`` is an old card number; anything
    else is name words, each of which must appear in the name (diacritics, case and tone-mark
    placement ignored).
    """
    text = (text or "").strip()
    if not text:
        return qs
    compact = text.replace(" ", "")
    if CARD_PATTERN.match(compact):
        by_card = PartyCard.objects.filter(number=compact).values("member_id")
        if CCCD_PATTERN.match(compact):
            return qs.filter(Q(cccd=compact) | Q(pk__in=by_card))
        return qs.filter(pk__in=by_card)
    for term in _name_terms(text):
        qs = qs.filter(name_key__contains=term)
    return qs


def _counted_periods(unit: Unit | None, status: str | None, day: date):
    """The periods of ``day`` with ``status`` at ``unit``'s subtree (the reports' mapping
    for a unit formed later), and the statuses and subtree units they were filtered on."""
    periods = period_on(day)
    statuses = MEMBER_STATUSES if status == ALL_MEMBERS else (status,) if status else ()
    if statuses:
        periods = periods.filter(status__in=statuses)
    units = None
    if unit is not None:
        if unit.created_on > day:  # a unit formed later: the units it took over
            periods = periods.filter(counted_units_q(unit, day))
        else:
            units = subtree_on(unit, day).values("unit_id")
            periods = periods.filter(unit__in=units)
    return periods, statuses, units


def left_scope_count(user, *, unit: Unit, status: str, on: date, gender: str | None = None) -> int:
    """Members counted at ``unit`` on a past day whom ``user`` may no longer open: they have
    moved out of the user's scope since. The list names the count, so that it adds up to
    the dashboard's figure, which counts members where they were that day (one query)."""
    in_scope, _narrow = member_scope(user)
    periods, _statuses, _units = _counted_periods(unit, status, on)
    qs = Member.objects.filter(pk__in=periods.values("member_id")).exclude(in_scope)
    if gender:
        qs = qs.filter(gender=gender)
    return qs.count()


def member_list(
    user,
    *,
    q: str = "",
    unit: Unit | None = None,
    status: str | None = None,
    on: date | None = None,
    gender: str | None = None,
    age_band: str | None = None,
    theory_level: str | None = None,
    ethnicity: str | None = None,
    religion: str | None = None,
):
    """The members the user may read, filtered, in Vietnamese name order (one SQL query).

    ``unit`` (a subtree root the caller has checked is visible) and ``status`` are read from
    the period covering ``on`` (default today): "members of commune A on 31/12/2024" follows
    the tree as it stood that day. ``status`` is a :class:`Status` value or ``"dang_vien"``
    (any current-member status). ``ethnicity`` and ``religion`` only ever match members
    inside the user's ``see_sensitive`` scope — for a user without it they match nobody.

    How the SQL is shaped (bench/members.py; the tests pin it):

    * on PostgreSQL, for today or a later day, ``status`` and ``unit`` are read from the
      member's cached standing (:func:`_standing_matches`; one index holds unit, status,
      gender), with the periods only for members whose standing began after that day
      (SQLite keeps the shapes below: its count took the ``status_since`` index for the
      ``OR`` and read every member);
    * for an earlier day with a ``unit``, the periods of the subtree's units are a small
      set: the members are picked from it (``id IN (…)``), then sorted;
    * a ``status`` without a unit covers most of the registry: each member met while walking
      the name order is tested (``EXISTS``), so the first page stops early — with ``IN`` SQLite
      built the whole set and sorted it;
    * a name search on PostgreSQL sorts its matches (found by the trigram index) instead of
      walking the name order, where a rare word or a given name late in the alphabet meant
      reading most of the registry's rows — unless, for the whole registry or a province,
      the planner expects many matches and a probe finds them dense among the first rows
      of the name order (:func:`_walk_is_better`: "nguyen" has 30,000 matches to sort but
      50 in the first 800 rows); on SQLite the name-order index holds the name key (migration 0003),
      so walking it reads only the matching rows.
    """
    day = on or today()
    in_scope, narrow = member_scope(user)
    qs = Member.objects.filter(in_scope).select_related("unit")
    if status or unit is not None:
        periods, statuses, units = _counted_periods(unit, status, day)
        if (
            day >= today()
            and (unit is None or units is not None)
            and connections[qs.db].vendor == "postgresql"
        ):
            qs = qs.filter(_standing_matches(day, statuses, units, periods))
        elif unit is not None:
            # one uncorrelated semi-join: the database builds the set of matching members once
            qs = qs.filter(pk__in=periods.values("member_id"))
        else:
            qs = qs.filter(Exists(periods.filter(member=OuterRef("pk"))))
    if gender:
        qs = qs.filter(gender=gender)
    if age_band in AGE_BANDS:
        qs = qs.filter(born_in_band(age_band, day))
    if theory_level:
        qs = qs.filter(theory_level=theory_level)
    if ethnicity or religion:
        qs = qs.filter(scope_for(user, permissions.SEE_SENSITIVE).q("unit__path"))
        if ethnicity:
            qs = qs.filter(ethnicity=ethnicity)
        if religion:
            qs = qs.filter(religion=religion)
    terms = _name_terms(q)
    searched = search(qs, q)
    if (
        connections[qs.db].vendor == "postgresql"
        and any(len(t) >= 3 for t in terms)
        and (narrow or unit is not None or not _walk_is_better(qs, searched, terms))
    ):
        return searched.order_by(MatchesSorted("sort_key"), "id")
    return searched.order_by("sort_key", "id")


FEW_MATCHES = 5000  # the planner's estimate under which sorting the matches is cheap
PROBE_ROWS = 1000
PROBE_PAGE = 25


def _walk_is_better(qs, searched, terms: list[str]) -> bool:
    """Should a name search of the whole registry or a province walk the name order rather
    than sort its matches? (PostgreSQL; a commune's matches are few: never asked.)

    Only when the planner expects many matches (pg_trgm's estimate, from ``EXPLAIN``: no
    rows read) and a probe of the first rows in name order finds them dense there
    (:func:`_first_page_is_near`).
    """
    sql, params = searched.order_by().values("pk").query.sql_with_params()
    with connections[qs.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    if plan[0]["Plan"]["Plan Rows"] < FEW_MATCHES:
        return False
    return _first_page_is_near(qs, terms)


def _first_page_is_near(qs, terms: list[str]) -> bool:
    """Do the first :data:`PROBE_ROWS` members of ``qs`` in name order hold at least
    :data:`PROBE_PAGE` matches for the name words? (One small query.)

    Then walking the name order finds a first page of 50 within a few thousand rows: a
    word found all over the alphabet ("nguyen", "thi": họ, tên đệm) is listed at once,
    where sorting its tens of thousands of matches took most of the time. A word that is
    mostly a given name ("tuan", "uoc") sits in one stretch of the name order, maybe late:
    its matches are found by the trigram index and sorted.
    """
    window = qs.order_by("sort_key", "id").values("name_key")[:PROBE_ROWS]
    sql, params = window.query.sql_with_params()
    tests = " AND ".join(["w.name_key LIKE %s"] * len(terms))
    likes = [f"%{connections[qs.db].ops.prep_for_like_query(t)}%" for t in terms]
    with connections[qs.db].cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM ({sql}) w WHERE {tests} LIMIT %s) s",
            [*params, *likes, PROBE_PAGE],
        )
        return cursor.fetchone()[0] >= PROBE_PAGE


class InSubquery(Func):
    """``column IN (subquery)`` that stays an index condition inside an ``OR``: on
    PostgreSQL ``column = ANY(ARRAY(subquery))`` (the subquery runs once, before the scan;
    an ``IN (subquery)`` under ``OR`` is tested row by row)."""

    output_field = BooleanField()

    def __init__(self, column: str, queryset):
        super().__init__(F(column), Subquery(queryset))

    def as_sql(self, compiler, connection, **extra):
        column, subquery = self.source_expressions
        lhs, lhs_params = compiler.compile(column)
        rhs, rhs_params = compiler.compile(subquery)
        operator = "= ANY(ARRAY%s)" if connection.vendor == "postgresql" else "IN %s"
        return f"{lhs} {operator % rhs}", (*lhs_params, *rhs_params)


def _standing_matches(day: date, statuses, units, periods) -> Q:
    """Members whose period covering ``day`` has one of ``statuses`` (any, if empty) and a
    home unit among ``units`` (a subquery of unit ids; any, if None).

    From the member's cached standing (``Timeline.standing``: status and home unit from
    ``status_since`` on) when ``status_since <= day`` — one index on the member table answers
    "commune + status + gender" without reading a row per period — and from the ``periods``
    (already filtered the same way) for the few members whose standing began after ``day``.
    """
    cached = Q(status_since__lte=day)
    if statuses:
        cached &= Q(status__in=statuses)
    if units is not None:
        cached &= Q(InSubquery("status_unit_id", units))
    later = Q(status_since__gt=day) & Q(Exists(periods.filter(member=OuterRef("pk"))))
    return cached | later


def status_today(members, day: date | None = None) -> dict[int, MemberPeriod]:
    """The period covering ``day`` for each of a page of members (one query)."""
    rows = period_on(day or today()).filter(member__in=[m.pk for m in members])
    return {p.member_id: p for p in rows.select_related("unit", "away_unit")}


def _grouped(periods, field: str) -> dict[str, int]:
    rows = periods.values_list(field).annotate(n=Count("id")).order_by("-n", field)
    return {key or "": n for key, n in rows}


def unit_counts(user, unit: Unit, day: date) -> dict:
    """Figures for the unit's subtree as it stood on ``day``.

    Counted: the members (dự bị, chính thức, miễn sinh hoạt) whose period on ``day`` has a
    home unit in the subtree on that day; those temporarily elsewhere count at home and are
    also counted in ``away``. One aggregate for the totals, statuses, genders and age bands,
    one grouping each for theory level and education, and — only when the user may see
    sensitive data at ``unit`` — one for ethnicity (otherwise the key is absent).
    """
    periods = period_on(day).filter(
        unit__in=subtree_on(unit, day).values("unit_id"), status__in=MEMBER_STATUSES
    )
    aggregates = {
        "total": Count("id"),
        "official": Count("id", filter=Q(status=Status.OFFICIAL)),
        "probationary": Count("id", filter=Q(status=Status.PROBATIONARY)),
        "excused": Count("id", filter=Q(status=Status.EXCUSED)),
        "away": Count("id", filter=Q(away_unit__isnull=False) | ~Q(away_external="")),
    }
    for code, _ in Gender.choices:
        aggregates[f"gender_{code}"] = Count("id", filter=Q(member__gender=code))
    for index, band in enumerate(AGE_BANDS):
        aggregates[f"age_{index}"] = Count(
            "id", filter=born_in_band(band, day, "member__birth_date")
        )
    row = periods.aggregate(**aggregates)
    counts = {
        "total": row["total"],
        "official": row["official"],
        "probationary": row["probationary"],
        "excused": row["excused"],
        "away": row["away"],
        "by_status": {
            Status.OFFICIAL.value: row["official"],
            Status.PROBATIONARY.value: row["probationary"],
            Status.EXCUSED.value: row["excused"],
        },
        "by_gender": {code: row[f"gender_{code}"] for code, _ in Gender.choices},
        "by_age": {band: row[f"age_{i}"] for i, band in enumerate(AGE_BANDS)},
        "by_theory": _grouped(periods, "member__theory_level"),
        "by_education": _grouped(periods, "member__education"),
    }
    if can_see_sensitive(user, unit):
        counts["by_ethnicity"] = _grouped(periods, "member__ethnicity")
    return counts
