"""Reads of the emulation records that depend on who asks, and which units count for a year.

**The year's units** (:func:`year_units`) — 4-tốt pledges and "làm theo" registrations are
yearly and belong to the units that exist at the end of the year: for a root unit and a year
Y, the units alive on the year's day D (31/12/Y, or today for the running year) that were in
the root's subtree (its tree on D, clamped to the root's lifetime as the study figures do,
:func:`dangvu.study.selectors.reference_day`) or whose current path lies under the root (old
units merged in the 2025 reform live under their successor: a new commune "in 2024" is the
old communes that formed it and their cells). The list pages filtered by unit and year and
the figures use this same set, so a figure and the list it links to agree.

**Members expected to register** (:func:`expected_members`) — members whose period on D is
dự bị or chính thức with their *home* unit in the year's units; excused members (miễn công
tác và sinh hoạt) are not expected, and members placed there only temporarily count at home.

Models, "Dân vận khéo" models and recognitions are records of a year that stay with their
unit: they count at a root through :func:`dangvu.study.selectors.counted_units_q` (its tree
on D plus the ended units now under it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for, today
from dangvu.members.lifecycle import Status
from dangvu.members.models import Member
from dangvu.members.selectors import period_on
from dangvu.orgs.models import Unit, UnitVersion
from dangvu.orgs.selectors import subtree_on
from dangvu.orgs.tree_paths import path_range, path_within
from dangvu.study.selectors import counted_units_q, reference_day
from dangvu.vntext.search_keys import search_terms

from .models import CriteriaSet, Example, Pledge, Recognition, Registration

EXPECTED_STATUSES = (Status.PROBATIONARY, Status.OFFICIAL)


def year_day(year: int) -> date:
    """The day a year's units and members are read: 31/12, or today for the running year."""
    return min(date(year, 12, 31), today())


def year_units(root: Unit, year: int):
    """The units counted at ``root`` for ``year`` (see the module docstring): a queryset."""
    day = year_day(year)
    low, high = path_range(root.path)
    in_tree = subtree_on(root, reference_day(root, day)).values("unit_id")
    return Unit.objects.alive_on(day).filter(Q(pk__in=in_tree) | Q(path__gte=low, path__lt=high))


def expected_members(root: Unit, year: int):
    """Periods (one per member) of the members expected to register at ``root`` in ``year``."""
    return period_on(year_day(year)).filter(
        status__in=EXPECTED_STATUSES, unit__in=year_units(root, year).values("pk")
    )


@dataclass
class YearTree:
    """The year's units with their place on the year's day, grouped into rows: the root's
    children then (or, for a root formed later, the topmost of the units)."""

    root: Unit
    year: int
    day: date
    units: dict[int, UnitVersion]  # unit id → its version on ``day`` (with kind)
    rows: list[UnitVersion] = field(default_factory=list)

    def row_of(self, unit_id: int) -> int | None:
        version = self.units.get(unit_id)
        if version is None:
            return None
        for row in self.rows:
            if path_within(version.path, row.path):
                return row.unit_id
        return None

    @property
    def cells(self) -> list[int]:
        return [uid for uid, v in self.units.items() if v.kind.is_cell]

    @property
    def committees(self) -> list[int]:
        return [uid for uid, v in self.units.items() if v.kind.is_grassroots and not v.kind.is_cell]

    @property
    def below_root(self) -> list[int]:
        return [uid for uid in self.units if uid != self.root.pk]


def year_tree(root: Unit, year: int) -> YearTree:
    """One query: the versions on the year's day of :func:`year_units`."""
    day = year_day(year)
    versions = (
        UnitVersion.objects.valid_on(day)
        .filter(unit__in=year_units(root, year).values("pk"))
        .select_related("kind")
        .only(
            "unit_id",
            "parent_id",
            "path",
            "name",
            "sort_key",
            "kind__is_cell",
            "kind__is_grassroots",
        )
        .order_by("path")
    )
    units = {v.unit_id: v for v in versions}
    if root.pk in units:
        rows = [v for v in units.values() if v.parent_id == root.pk]
    else:
        rows = [v for v in units.values() if v.parent_id not in units]
    rows.sort(key=lambda v: (v.sort_key, v.unit_id))
    return YearTree(root=root, year=year, day=day, units=units, rows=rows)


# ---------------------------------------------------------------- scoped lists


def readable_units(user):
    return Unit.objects.visible_to(user, permissions.READ)


def can_write_at(user, unit: Unit) -> bool:
    return scope_for(user, permissions.WRITE).covers(unit.path)


def criteria_sets(user):
    return CriteriaSet.objects.visible_to(user).select_related("province")


def pledge_list(user, *, unit=None, year=None, target="", result=""):
    """Pledges the user may read; ``unit`` with ``year``: those counted in that year's
    figures; ``unit`` alone: those of units counted at it today (old units included)."""
    qs = Pledge.objects.visible_to(user).select_related("unit", "evaluation")
    if year:
        qs = qs.filter(year=year)
    if unit is not None:
        if year:
            qs = qs.filter(unit__in=year_units(unit, year).values("pk"))
        else:
            qs = qs.filter(counted_units_q(unit, today()))
    if target:
        qs = qs.filter(target=target)
    if result == "chua":
        qs = qs.filter(evaluation__isnull=True)
    elif result:
        qs = qs.filter(evaluation__result=result)
    return qs.order_by("-year", "unit__sort_key", "id")


def registration_list(user, *, unit=None, year=None, who="", q=""):
    """Registrations the user may read. ``unit`` with ``year``: the collectives among the
    year's units below ``unit`` and the individuals among its expected members (exactly
    what the figures count); ``who``: ``tap_the`` or ``ca_nhan``."""
    qs = Registration.objects.visible_to(user).select_related("unit", "member")
    if year:
        qs = qs.filter(year=year)
    if unit is not None:
        if year:
            qs = qs.filter(
                Q(
                    member__isnull=True,
                    unit__in=year_units(unit, year).exclude(pk=unit.pk).values("pk"),
                )
                | Q(
                    member__isnull=False,
                    member__in=expected_members(unit, year).values("member_id"),
                )
            )
        else:
            qs = qs.filter(counted_units_q(unit, today()))
    if who == "tap_the":
        qs = qs.filter(member__isnull=True)
    elif who == "ca_nhan":
        qs = qs.filter(member__isnull=False)
    for term in search_terms(q):
        qs = qs.filter(member__search_key__contains=term)
    return qs.order_by("-year", "member_id", "unit__sort_key", "id")


def example_list(user, *, unit=None, year=None, kind="", who="", movement="", state="", q=""):
    """Models and examples the user may read; ``unit``: those counted at it for ``year``
    (its tree at the year's day plus the ended units now under it)."""
    qs = Example.objects.visible_to(user).select_related("unit", "member", "field", "recognised_by")
    if year:
        qs = qs.filter(year=year)
    if unit is not None:
        qs = qs.filter(counted_units_q(unit, year_day(year) if year else today()))
    if kind:
        qs = qs.filter(kind=kind)
    if who == "tap_the":
        qs = qs.filter(member__isnull=True)
    elif who == "ca_nhan":
        qs = qs.filter(member__isnull=False)
    if movement:
        qs = qs.filter(movement=movement)
    if state == "da_danh_gia_tro_len":
        qs = qs.exclude(state__in=["", "dang_ky"])
    elif state:
        qs = qs.filter(state=state)
    for term in search_terms(q):
        qs = qs.filter(title_key__contains=term)
    return qs.order_by("-year", "title_key", "id")


def recognition_list(user, *, unit=None, year=None, kind=None):
    qs = Recognition.objects.visible_to(user).select_related(
        "kind", "member", "unit", "recognised_by"
    )
    if year:
        qs = qs.filter(year=year)
    if unit is not None:
        qs = qs.filter(counted_units_q(unit, year_day(year) if year else today()))
    if kind is not None:
        qs = qs.filter(kind=kind)
    return qs.order_by("-year", "kind__sort_order", "member__sort_key", "id")


def member_home_on(member: Member, day: date):
    """The member's period on ``day`` (None when not a member then)."""
    return period_on(day).filter(member=member).select_related("unit").first()
