"""Reads of the training records that depend on who asks: scoped SQL, few queries.

* :func:`class_list` — the filtered list of classes (programme, unit subtree, period, name).
* :func:`figures` — classes and trainees per programme and per sub-unit for a unit's subtree
  over a period: "Mở 14 lớp … cho 2.229 học viên".
* :func:`training_for_member` — a member's classes, results and certificates.
* :func:`certificates_expiring` — the work list of certificates running out.

**Which classes belong to a period**: those that *ended* (bế giảng) in it — a class is
counted once, in the period in which it finished and its results are known; a class still
running at the period's end is not counted yet. **Which belong to a unit**: those organised
by the unit or any unit below it in the tree as it stood on the period's last day; an
organiser that had ended by then (a commune merged on 01/07/2025) counts at its successor
(see :mod:`.organisers`). Trainees are enrolments (lượt học viên): a person in two classes
counts twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, Count, Exists, OuterRef, Q, When

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for, today
from dangvu.members.models import Member
from dangvu.orgs.models import Unit
from dangvu.orgs.selectors import children_on, reference_day
from dangvu.orgs.tree_paths import path_within
from dangvu.vntext.search_keys import search_terms

from .models import Candidate, Enrolment, Programme, Result, TrainingClass
from .organisers import inside, placements_on, root_path_on


class UnitNotOnTree(Exception):
    """The unit asked for did not exist on the day whose tree a figure uses."""


def _search(qs, text: str, field_name: str = "name_key"):
    for term in search_terms(text):
        qs = qs.filter(**{f"{field_name}__contains": term})
    return qs


def in_subtree_on(qs, unit: Unit, day: date):
    """Narrow a class queryset to those organised inside ``unit``'s subtree on ``day``
    (organisers that had ended by then count at their successors). Three small queries:
    the distinct organisers, their placement, the unit's path."""
    root = root_path_on(unit, day)
    if root is None:
        raise UnitNotOnTree(unit)
    organisers = qs.order_by().values_list("unit_id", flat=True).distinct()
    return qs.filter(unit_id__in=inside(placements_on(organisers, day), root))


def directly_organised(qs, unit: Unit, day: date):
    """Classes organised by ``unit`` itself (or by predecessors now counted at it) on the tree
    of ``day`` — the "trực tiếp tổ chức" row of the figures."""
    root = root_path_on(unit, day)
    if root is None:
        raise UnitNotOnTree(unit)
    organisers = qs.order_by().values_list("unit_id", flat=True).distinct()
    placed = placements_on(organisers, day)
    return qs.filter(unit_id__in=[uid for uid, p in placed.items() if p.path == root])


def class_list(
    user,
    *,
    programme: Programme | None = None,
    unit: Unit | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    q: str = "",
):
    """The classes the user may read, newest first. ``date_from`` / ``date_to`` bound the
    day the class ended; ``unit`` takes the tree of ``date_to`` (default today)."""
    qs = TrainingClass.objects.visible_to(user).select_related("programme", "unit")
    if programme is not None:
        qs = qs.filter(programme=programme)
    if date_from is not None:
        qs = qs.filter(end_date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(end_date__lte=date_to)
    qs = _search(qs, q)
    if unit is not None:
        qs = in_subtree_on(qs, unit, reference_day(unit, date_to or today()))
    return qs.annotate(trainees=Count("enrolments")).order_by("-start_date", "-id")


def class_enrolments(training_class: TrainingClass):
    """The trainees of a class: members then candidates, each in Vietnamese name order."""
    return (
        training_class.enrolments.select_related("member__unit", "candidate__unit")
        .annotate(candidate_first=Case(When(candidate__isnull=False, then=1), default=0))
        .order_by("candidate_first", "member__sort_key", "candidate__sort_key", "id")
    )


# ---------------------------------------------------------------- figures


@dataclass
class Row:
    label: str
    classes: int = 0
    trainees: int = 0
    completed: int = 0
    unit: Unit | None = None
    programme: Programme | None = None
    by_programme: dict[int, list[int]] = field(default_factory=dict)  # id → [classes, trainees]


@dataclass
class Figures:
    unit: Unit
    date_from: date
    date_to: date
    total: Row
    programmes: list[Row]
    units: list[Row]  # the unit itself ("trực tiếp tổ chức") and each direct sub-unit
    via_successor: bool  # some organisers had ended and count at their successors


def figures(user, *, unit: Unit, date_from: date, date_to: date) -> Figures:
    """Classes that ended in ``[date_from, date_to]``, organised inside ``unit``'s subtree on
    ``date_to``, within the user's ``read`` scope: totals, per programme, per direct sub-unit.

    One aggregate query grouped by (organiser, programme); the organisers are then placed on
    the tree of ``date_to`` (two queries) and bucketed under the unit's children (one query).
    """
    root = root_path_on(unit, date_to)
    if root is None:
        raise UnitNotOnTree(unit)
    rows = (
        TrainingClass.objects.filter(scope_for(user, permissions.READ).q("unit__path"))
        .filter(end_date__gte=date_from, end_date__lte=date_to)
        .values("unit_id", "programme_id")
        .annotate(
            classes=Count("id", distinct=True),
            trainees=Count("enrolments"),
            completed=Count("enrolments", filter=Q(enrolments__result=Result.COMPLETED)),
        )
        .order_by()
    )
    rows = list(rows)
    placements = placements_on({r["unit_id"] for r in rows}, date_to)
    kept = inside(placements, root)
    children = list(children_on(unit, date_to))
    programmes = {p.pk: p for p in Programme.objects.all()}
    total = Row("Tổng số")
    by_programme: dict[int, Row] = {}
    own = Row(f"{unit.name} trực tiếp tổ chức", unit=unit)
    by_child = {v.unit_id: Row(v.name, unit=v.unit) for v in children}
    child_paths = [(v.path, v.unit_id) for v in children]
    via_successor = False
    for r in rows:
        if r["unit_id"] not in kept:
            continue
        placement = placements[r["unit_id"]]
        via_successor |= placement.via_successor
        programme = programmes[r["programme_id"]]
        target = next(
            (by_child[uid] for path, uid in child_paths if path_within(placement.path, path)), own
        )
        prow = by_programme.setdefault(programme.pk, Row(programme.name, programme=programme))
        for bucket in (total, prow, target):
            bucket.classes += r["classes"]
            bucket.trainees += r["trainees"]
            bucket.completed += r["completed"]
        cell = target.by_programme.setdefault(programme.pk, [0, 0])
        cell[0] += r["classes"]
        cell[1] += r["trainees"]
    ordered = sorted(by_programme.values(), key=lambda row: (row.programme.sort_order, row.label))
    units = [own, *by_child.values()]
    return Figures(unit, date_from, date_to, total, ordered, units, via_successor)


# ---------------------------------------------------------------- a member's training


def training_for_member(member: Member, user=None) -> list[Enrolment]:
    """The member's classes (newest first) with result and certificate (one query). With
    ``user``, each row says whether the user may open the class (``row.class_visible``)."""
    rows = list(
        member.training_enrolments.select_related(
            "training_class__programme", "training_class__unit"
        ).order_by("-training_class__start_date", "-id")
    )
    scope = scope_for(user, permissions.READ) if user is not None else None
    day = today()
    for row in rows:
        row.class_visible = scope is not None and scope.covers(row.training_class.unit.path)
        row.expired = row.valid_until is not None and row.valid_until < day
    return rows


def member_section(request, member: Member):
    """The member page's training section (see ``dangvu.members.sections``)."""
    return "training/_member_training.html", {"training": training_for_member(member, request.user)}


# ---------------------------------------------------------------- work list


DEFAULT_WITHIN_DAYS = 90


def certificates_expiring(
    user, *, day: date | None = None, within_days: int = DEFAULT_WITHIN_DAYS, unit=None
):
    """Certificates that run out within ``within_days`` of ``day`` or already have, for
    people in the user's scope (by their cell), soonest first:

    * candidates not yet admitted (no member record linked, none with the same CCCD);
    * members, for programmes they may take again;
    * only each person's latest certificate of a programme (a renewed one replaces it).
    """
    day = day or today()
    scope = scope_for(user, permissions.READ)
    later = Enrolment.objects.filter(
        training_class__programme=OuterRef("training_class__programme"),
        result=Result.COMPLETED,
        valid_until__gt=OuterRef("valid_until"),
    ).filter(
        Q(member__isnull=False, member=OuterRef("member"))
        | Q(candidate__isnull=False, candidate=OuterRef("candidate"))
    )
    admitted_cccd = Member.objects.filter(cccd=OuterRef("candidate__cccd")).exclude(cccd="")
    qs = (
        Enrolment.objects.filter(
            result=Result.COMPLETED,
            valid_until__isnull=False,
            valid_until__lte=day + timedelta(days=within_days),
        )
        .filter(scope.q("candidate__unit__path") | scope.q("member__unit__path"))
        .filter(
            Q(candidate__isnull=True) | Q(candidate__member__isnull=True, candidate__isnull=False)
        )
        .exclude(Exists(later))
        .exclude(Q(candidate__isnull=False) & Exists(admitted_cccd))
        .select_related(
            "training_class__programme",
            "training_class__unit",
            "candidate__unit",
            "member__unit",
        )
        .order_by("valid_until", "id")
    )
    if unit is not None:
        qs = qs.filter(
            Q(candidate__unit__in=Unit.objects.subtree_of(unit))
            | Q(member__unit__in=Unit.objects.subtree_of(unit))
        )
    return qs


def candidate_list(user, *, q: str = "", unit: Unit | None = None):
    qs = Candidate.objects.visible_to(user).select_related("unit", "member")
    qs = _search(qs, q)
    if unit is not None:
        qs = qs.filter(unit__in=Unit.objects.subtree_of(unit))
    return qs.annotate(classes=Count("enrolments")).order_by("sort_key", "id")
