"""Reads of reviews and ratings that depend on who asks: one SQL filter on the user's subtree.

* A **round** is visible to readers of its unit *and* to readers of any unit below it (a cell
  secretary sees the commune's round, to rate the cell in it, and the 2024 round of the old
  commune the cell belonged to then): the ids of the units above the user's scope roots are
  read off the paths of the roots' versions (one query).
* A **rating** is visible where the user reads its ``subject_unit`` (the rated unit, or the
  member's cell on the round date); a **commitment** where the user reads its unit.
* Anything outside answers 404 on the object pages.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for, today
from dangvu.meetings.roster import roster
from dangvu.orgs.models import Unit, UnitVersion
from dangvu.orgs.selectors import subtree_on
from dangvu.orgs.tree_paths import path_ids
from dangvu.study.selectors import counted_units_q

from .models import Commitment, Level, Rating, Round, SubjectKind
from .services import may_rate_unit


def visible_rounds_q(user, perm: str = permissions.READ) -> Q:
    scope = scope_for(user, perm)
    if scope.everything:
        return Q()
    if scope.is_empty:
        return Q(pk__in=[])
    # the units above the roots today and in every earlier placement (the old commune that
    # ran the 2024 round of a cell now under the new one): one query on the root versions
    paths = set(scope.roots) | set(
        UnitVersion.objects.filter(unit__path__in=list(scope.roots)).values_list("path", flat=True)
    )
    above = sorted({uid for path in paths for uid in path_ids(path)})
    return scope.q("unit__path") | Q(unit_id__in=above)


def readable_units(user):
    return Unit.objects.visible_to(user, permissions.READ)


def top_unit(user) -> Unit | None:
    return readable_units(user).top()


def round_for(user, round_id: int) -> Round:
    return get_object_or_404(Round.objects.visible_to(user).select_related("unit"), pk=round_id)


def round_list(user, *, unit: Unit | None = None, year=None, subject_kind: str = ""):
    """Rounds the user may see; ``unit``: rounds run by it or by a unit inside it."""
    qs = Round.objects.visible_to(user).select_related("unit")
    if unit is not None:
        qs = qs.filter(counted_units_q(unit, today()))
    if year:
        qs = qs.filter(year=year)
    if subject_kind:
        qs = qs.filter(subject_kind=subject_kind)
    return qs.annotate(n_ratings=Count("ratings")).order_by("-year", "-quarter", "unit__path")


def visible_ratings(user):
    return Rating.objects.visible_to(user)


def rating_for(user, rating_id: int, *, write: bool = False) -> Rating:
    rating = get_object_or_404(
        visible_ratings(user).select_related("round__unit", "member", "subject_unit"),
        pk=rating_id,
    )
    if write and not can_edit_rating(user, rating):
        raise Http404
    return rating


def can_edit_rating(user, rating: Rating) -> bool:
    if rating.subject_kind == SubjectKind.UNIT:
        return may_rate_unit(user, rating.subject_unit)
    return scope_for(user, permissions.WRITE).covers(rating.subject_unit.path)


def rating_list(
    user,
    *,
    unit: Unit | None = None,
    day: date | None = None,
    year=None,
    quarter=None,
    subject_kind: str = "",
    level: str = "",
    good_or_better: bool = False,
    round_=None,
):
    """Ratings the user may read, filtered. ``unit`` keeps the ratings counted at it for a
    period ending ``day`` (its subtree, plus the units merged into it: the figures use the same
    condition, so a figure and the list it links to agree)."""
    qs = visible_ratings(user).select_related("round__unit", "member", "subject_unit")
    if unit is not None:
        qs = qs.filter(counted_units_q(unit, day or today(), prefix="subject_unit"))
    if year:
        qs = qs.filter(year=year)
    if quarter is not None:
        qs = qs.filter(quarter=quarter)
    if subject_kind:
        qs = qs.filter(subject_kind=subject_kind)
    if level:
        qs = qs.filter(level=level)
    if good_or_better:
        qs = qs.filter(level__in=[Level.EXCELLENT, Level.GOOD])
    if round_ is not None:
        qs = qs.filter(round=round_)
    return qs.order_by("-year", "-quarter", "subject_unit__path", "member__sort_key", "id")


# ---------------------------------------------------------------- what a user may rate


def rateable_cells(user, round_: Round):
    """Cells of the round's subtree on its date where the user may rate members."""
    cells = subtree_on(round_.unit, round_.date).filter(kind__is_cell=True).values("unit_id")
    return Unit.objects.visible_to(user, permissions.WRITE).filter(pk__in=cells).order_by("path")


def rateable_units(user, round_: Round) -> list[Unit]:
    """Units strictly inside the round unit's subtree on its date whose rating the user may
    decide (``write`` over their parent)."""
    inside = subtree_on(round_.unit, round_.date, include_root=False).values("unit_id")
    scope = scope_for(user, permissions.WRITE)
    units = Unit.objects.filter(pk__in=inside).filter(scope.q("path")).order_by("path")
    return [u for u in units if may_rate_unit(user, u)]


def eligible_in_cell(cell: Unit, day: date):
    """``(rated, excused)``: the cell's members on ``day`` who are rated (dự bị, chính thức)
    and those excused from party work (not rated), in name order (one query)."""
    listed = roster(cell, day)
    return [e.member for e in listed if e.expected], [e.member for e in listed if not e.expected]


# ---------------------------------------------------------------- commitments


def visible_commitments(user):
    return Commitment.objects.visible_to(user)


def commitment_for(user, commitment_id: int, *, write: bool = False) -> Commitment:
    commitment = get_object_or_404(
        visible_commitments(user).select_related("unit", "member", "rating__round"),
        pk=commitment_id,
    )
    if write and not scope_for(user, permissions.WRITE).covers(commitment.unit.path):
        raise Http404
    return commitment


OPEN, OVERDUE, DONE = "dang_thuc_hien", "qua_han", "da_xong"
STATES = [(OPEN, "Đang thực hiện (chưa đến hạn)"), (OVERDUE, "Quá hạn"), (DONE, "Đã khắc phục")]


def commitment_list(user, *, unit: Unit | None = None, state: str = "", day: date | None = None):
    day = day or today()
    qs = visible_commitments(user).select_related("unit", "member")
    if unit is not None:
        qs = qs.filter(counted_units_q(unit, day))
    if state == OPEN:
        qs = qs.filter(done_on__isnull=True, due__gte=day)
    elif state == OVERDUE:
        qs = qs.filter(done_on__isnull=True, due__lt=day)
    elif state == DONE:
        qs = qs.filter(done_on__isnull=False)
    return qs.order_by("done_on", "due", "id")


def commitment_counts(user, unit: Unit, day: date | None = None) -> dict:
    """Open / overdue / done commitments counted at ``unit`` (one query)."""
    day = day or today()
    return (
        visible_commitments(user)
        .filter(counted_units_q(unit, day))
        .aggregate(
            open=Count("id", filter=Q(done_on__isnull=True, due__gte=day)),
            overdue=Count("id", filter=Q(done_on__isnull=True, due__lt=day)),
            done=Count("id", filter=Q(done_on__isnull=False)),
        )
    )


# ---------------------------------------------------------------- the member page


def member_section(request, member):
    """The member page's section: the member's ratings by year, and their commitments
    (two queries); shown to those who may read the member's ratings."""
    ratings = list(
        visible_ratings(request.user)
        .filter(member=member)
        .select_related("round__unit", "subject_unit")
        .order_by("-year", "-quarter")
    )
    commitments = list(
        visible_commitments(request.user).filter(member=member).order_by("-due")[:20]
    )
    return "ratings/_member_section.html", {
        "member_ratings": ratings,
        "member_commitments": commitments,
        "today": today(),
    }
