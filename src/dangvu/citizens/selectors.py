"""Reads of the citizen-engagement records that depend on who asks.

Scope: a feedback is visible to readers of the unit that recorded it **and** of the unit it
was routed to (:meth:`~.models.FeedbackQuerySet.visible_to`); anything else answers 404.
A pressing issue is visible to readers of the unit that selected it.

**Which records belong to a unit** (the list's unit filter and the figures use the same rule,
so a figure and the list it links to agree): those recorded by a unit inside its subtree on
the tree of the period's last day (clamped to the unit's lifetime, as the study figures do:
:func:`dangvu.study.selectors.reference_day`); a recording unit that had ended by then — an old
commune merged on 01/07/2025 — counts at its successor (:mod:`dangvu.training.organisers`).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.shortcuts import get_object_or_404

from dangvu.accounts import permissions
from dangvu.accounts.scopes import has_perm_at, today
from dangvu.orgs.models import Unit
from dangvu.orgs.selectors import children_on
from dangvu.orgs.tree_paths import path_range, path_within
from dangvu.study.selectors import reference_day
from dangvu.training.organisers import Placement, placements_on, root_path_on
from dangvu.vntext.search_keys import search_terms

from .models import Feedback, FeedbackState, PressingIssue, on_time_q, overdue_q, responded_q

# the list's "tình hình" filter at a date
STATUS_FILTERS = {
    "da_tra_loi": ("Đã trả lời hoặc chuyển cơ quan có thẩm quyền", responded_q),
    "dung_han": ("Trả lời đúng hạn", on_time_q),
    "chua_tra_loi": ("Chưa trả lời", lambda day: ~responded_q(day)),
    "qua_han": ("Quá hạn", overdue_q),
}


def readable_units(user):
    return Unit.objects.visible_to(user, permissions.READ)


def visible_feedback(user, perm: str = permissions.READ):
    return Feedback.objects.visible_to(user, perm)


def feedback_for(user, feedback_id: int) -> Feedback:
    return get_object_or_404(
        visible_feedback(user).select_related("unit", "routed_unit", "channel", "sector"),
        pk=feedback_id,
    )


def can_manage(user, feedback: Feedback) -> bool:
    """Route, edit, close: ``write`` at the recording unit."""
    return has_perm_at(user, permissions.WRITE, feedback.unit)


def can_respond(user, feedback: Feedback) -> bool:
    """Answer or refer: ``write`` at the recording unit or at the unit it was routed to."""
    return can_manage(user, feedback) or (
        feedback.routed_unit is not None
        and has_perm_at(user, permissions.WRITE, feedback.routed_unit)
    )


def placed_on(unit_ids, day: date) -> dict[int, Placement]:
    """Each recording unit's place in the tree on ``day``: where it stood that day, or its
    successor's place (:func:`dangvu.training.organisers.placements_on`); a unit that ended
    without a successor (a district dissolved on 01/07/2025) keeps its last place, so its
    records count at the unit above it. Three queries at most."""
    placed = placements_on(unit_ids, day)
    missing = {int(i) for i in unit_ids} - set(placed)
    for pk, path in Unit.objects.filter(pk__in=missing).values_list("pk", "path"):
        placed[pk] = Placement(pk, path, True)
    return placed


class Buckets:
    """The rows a figure is broken into — the unit itself, then each direct sub-unit on the
    tree day — and which of them a recording unit counts in (None: outside the subtree)."""

    def __init__(self, unit: Unit, day: date, unit_ids):
        self.root = root_path_on(unit, day) or unit.path
        self.placed = placed_on(unit_ids, day)
        self.children = list(children_on(unit, day))

    def child_of(self, unit_id: int):
        """The child version the unit counts under, ``"own"`` for the unit itself, or None."""
        placed = self.placed.get(unit_id)
        if placed is None or not path_within(placed.path, self.root):
            return None
        return next((c for c in self.children if path_within(placed.path, c.path)), "own")

    @property
    def via_successor(self) -> bool:
        return any(p.via_successor and path_within(p.path, self.root) for p in self.placed.values())


def in_unit(qs, unit: Unit, day: date, *, only_unit: bool = False):
    """Records counted at ``unit`` for a period ending ``day`` (see the module docstring);
    with ``only_unit`` those of the unit itself (and of ended units counted at it)."""
    ids = set(qs.order_by().values_list("unit_id", flat=True).distinct())
    buckets = Buckets(unit, reference_day(unit, day), ids)
    keep = [
        uid
        for uid in ids
        if (where := buckets.child_of(uid)) is not None and (not only_unit or where == "own")
    ]
    return qs.filter(unit_id__in=keep)


def feedback_list(
    user,
    *,
    unit: Unit | None = None,
    only_unit: bool = False,
    routed_to: Unit | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    channel=None,
    sector=None,
    state: str = "",
    status: str = "",
    at: date | None = None,
    q: str = "",
):
    """Feedback the user may read, filtered, newest first. ``date_from``/``date_to`` bound the
    received date; ``status`` is a key of :data:`STATUS_FILTERS`, judged at ``at`` (default:
    ``date_to`` or today, never after today); ``routed_to`` keeps those routed to a unit of
    that subtree."""
    qs = visible_feedback(user)
    if date_from is not None:
        qs = qs.filter(received_on__gte=date_from)
    if date_to is not None:
        qs = qs.filter(received_on__lte=date_to)
    if channel is not None:
        qs = qs.filter(channel=channel)
    if sector is not None:
        qs = qs.filter(sector=sector)
    if state:
        qs = qs.filter(state=state)
    if status in STATUS_FILTERS:
        qs = qs.filter(STATUS_FILTERS[status][1](min(at or date_to or today(), today())))
    if routed_to is not None:
        low, high = path_range(routed_to.path)
        qs = qs.filter(routed_unit__path__gte=low, routed_unit__path__lt=high)
    for term in search_terms(q):
        qs = qs.filter(content_key__contains=term)
    if unit is not None:
        qs = in_unit(qs, unit, date_to or today(), only_unit=only_unit)
    return qs.select_related("unit", "routed_unit", "channel", "sector").order_by(
        "-received_on", "-id"
    )


def overdue_list(user, day: date | None = None):
    """The work list: feedback overdue at ``day`` (default today) that the user can see,
    the longest overdue first."""
    day = day or today()
    return (
        visible_feedback(user)
        .filter(overdue_q(day))
        .select_related("unit", "routed_unit", "channel", "sector")
        .order_by("due_on", "id")
    )


def open_states() -> list[str]:
    return [FeedbackState.RECEIVED, FeedbackState.ROUTED]


# ---------------------------------------------------------------- pressing issues


def visible_issues(user, perm: str = permissions.READ):
    return PressingIssue.objects.visible_to(user, perm)


def issue_for(user, issue_id: int) -> PressingIssue:
    return get_object_or_404(visible_issues(user).select_related("unit", "sector"), pk=issue_id)


def resolved_q(day: date) -> Q:
    """Resolved on or before ``day``."""
    return Q(state="da_giai_quyet", resolved_on__lte=day)


def issue_list(
    user,
    *,
    unit: Unit | None = None,
    only_unit: bool = False,
    year_from: int | None = None,
    year_to: int | None = None,
    sector=None,
    state: str = "",
    resolved_by: date | None = None,
    q: str = "",
):
    """Issues the user may read, newest year first; ``resolved_by`` keeps those resolved on
    or before that day; ``unit`` takes the tree of 31/12 of ``year_to`` (default today)."""
    qs = visible_issues(user)
    if year_from is not None:
        qs = qs.filter(year__gte=year_from)
    if year_to is not None:
        qs = qs.filter(year__lte=year_to)
    if sector is not None:
        qs = qs.filter(sector=sector)
    if state:
        qs = qs.filter(state=state)
    if resolved_by is not None:
        qs = qs.filter(resolved_q(resolved_by))
    for term in search_terms(q):
        qs = qs.filter(title_key__contains=term)
    if unit is not None:
        day = min(date(year_to, 12, 31), today()) if year_to else today()
        qs = in_unit(qs, unit, day, only_unit=only_unit)
    return qs.select_related("unit", "sector").order_by("-year", "unit__path", "id")
