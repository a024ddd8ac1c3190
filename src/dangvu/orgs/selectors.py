"""Reads of the org tree. Each "as of date" read is one SQL query, never a Python tree walk."""

from datetime import date, timedelta

from django.db.models import Count, Q, Subquery, Value
from django.db.models.functions import Concat

from dangvu.vntext.search_keys import search_terms

from .models import LineageEvent, LineageLink, Unit, UnitVersion
from .tree_paths import UPPER, path_range


def version_on(unit: Unit, day: date) -> UnitVersion | None:
    return UnitVersion.objects.valid_on(day).filter(unit=unit).select_related("kind").first()


def subtree_on(unit: Unit, day: date, *, include_root: bool = True):
    """The versions (name, kind, parent, path) of the unit's subtree as it stood on ``day``.

    One query: the root's path on ``day`` is a scalar subquery and the subtree is the
    index range ``path >= P AND path < P || '~'`` among versions valid on ``day``.
    """
    root_path = UnitVersion.objects.valid_on(day).filter(unit=unit).order_by().values("path")[:1]
    qs = UnitVersion.objects.valid_on(day).filter(
        path__gte=Subquery(root_path), path__lt=Concat(Subquery(root_path), Value(UPPER))
    )
    if not include_root:
        qs = qs.exclude(unit=unit)
    return qs.order_by("path")


_ANCESTORS_SQL = """
WITH RECURSIVE chain(version_id, parent_id, hops) AS (
    SELECT v.id, v.parent_id, 0 FROM {table} v
     WHERE v.unit_id = %s AND v.valid_from <= %s AND (v.valid_to IS NULL OR v.valid_to > %s)
    UNION ALL
    SELECT v.id, v.parent_id, chain.hops + 1 FROM {table} v
      JOIN chain ON v.unit_id = chain.parent_id
     WHERE v.valid_from <= %s AND (v.valid_to IS NULL OR v.valid_to > %s) AND chain.hops < 64
)
SELECT v.* FROM {table} v JOIN chain ON chain.version_id = v.id
 WHERE chain.hops > 0
 ORDER BY v.depth
"""


def ancestors_on(unit: Unit, day: date) -> list[UnitVersion]:
    """The unit's ancestors on ``day``, root first: one recursive query on indexed columns."""
    sql = _ANCESTORS_SQL.format(table=UnitVersion._meta.db_table)
    return list(UnitVersion.objects.raw(sql, [unit.pk, day, day, day, day]))


_SUCCESSORS_SQL = """
WITH RECURSIVE succ(unit_id) AS (
    SELECT CAST(%s AS BIGINT)
    UNION
    SELECT l.successor_id FROM {links} l
      JOIN succ ON l.predecessor_id = succ.unit_id
      JOIN {units} p ON p.id = succ.unit_id
     WHERE l.effective_date <= %s
       AND NOT (p.created_on <= %s AND (p.ended_on IS NULL OR p.ended_on > %s))
)
SELECT u.* FROM {units} u
 WHERE u.id IN (SELECT unit_id FROM succ)
   AND u.created_on <= %s AND (u.ended_on IS NULL OR u.ended_on > %s)
 ORDER BY u.path
"""


def successors_on(unit: Unit, day: date) -> list[Unit]:
    """The unit(s) that ``unit`` maps to on ``day`` through merges and splits.

    A unit alive on ``day`` maps to itself; an ended one to the units that took it over
    (several after a split; none after a dissolution without successor). One query.
    """
    sql = _SUCCESSORS_SQL.format(links=LineageLink._meta.db_table, units=Unit._meta.db_table)
    return list(Unit.objects.raw(sql, [unit.pk, day, day, day, day, day]))


def children_on(unit: Unit | None, day: date):
    """Direct children on ``day`` (roots when ``unit`` is None), with their kinds."""
    qs = UnitVersion.objects.valid_on(day).select_related("kind", "unit")
    qs = qs.filter(parent__isnull=True) if unit is None else qs.filter(parent=unit)
    return qs.order_by("kind__sort_order", "sort_key")


def child_counts_on(parent_ids, day: date) -> dict[int, int]:
    rows = (
        UnitVersion.objects.valid_on(day)
        .filter(parent_id__in=list(parent_ids))
        .values("parent_id")
        .annotate(n=Count("id"))
    )
    return {row["parent_id"]: row["n"] for row in rows}


def search_units(queryset, text: str):
    """Units whose current or any former name matches every word (diacritics ignored)."""
    terms = search_terms(text)
    if not terms:
        return queryset.none()
    condition = Q()
    for term in terms:
        condition &= Q(search_key__contains=term)
    matching_versions = UnitVersion.objects.filter(condition).values("unit_id")
    return queryset.filter(pk__in=matching_versions)


def history_of(unit: Unit) -> list[LineageEvent]:
    """Every lineage event that concerns the unit: its own and the merges/splits it was in."""
    link_events = LineageLink.objects.filter(Q(predecessor=unit) | Q(successor=unit)).values(
        "event_id"
    )
    return list(
        LineageEvent.objects.filter(Q(unit=unit) | Q(pk__in=link_events))
        .select_related("unit", "actor")
        .prefetch_related("links__predecessor", "links__successor")
        .order_by("effective_date", "id")
    )


# ---------------------------------------------------------------- a unit over a period


def reference_day(unit: Unit, day: date) -> date:
    """``day`` clamped to the unit's lifetime: the tree is read on the unit's last day when
    it ended earlier, on its first day when it was formed later (commune A "in 2024" is
    the old communes that formed it)."""
    if unit.ended_on is not None and day >= unit.ended_on:
        day = unit.ended_on - timedelta(days=1)
    return max(day, unit.created_on)


def counted_in_today_tree(root: Unit) -> list[int]:
    """Every unit, alive or ended, whose records count at ``root`` in today's tree — the
    mapping of the aggregates (:mod:`.reporting_tree`: an ended unit counts at its latest
    successor, else its last parent), so that a figure read in today's tree and the list
    behind it hold the same records."""
    from django.utils import timezone

    from .reporting_tree import reporting_tree

    tree = reporting_tree(timezone.localdate())
    if root.pk not in tree.path:
        return []
    inside = set(tree.within(root.pk))
    return sorted(inside | {unit for unit, at in tree.moved.items() if at in inside})


def counted_units_q(root: Unit, day: date, prefix: str = "unit") -> Q:
    """A condition on ``<prefix>`` (an FK to Unit) keeping the units that count at ``root``
    for a period ending on ``day``: its subtree on :func:`reference_day`, plus the units that
    had ended by then and now live under it (an ended unit's path is under its successor).
    A root formed after ``day`` reads the period in today's tree, as the aggregates do
    (:func:`counted_in_today_tree`)."""
    if root.created_on > day:
        return Q(**{f"{prefix}__in": counted_in_today_tree(root)})
    ref = reference_day(root, day)
    low, high = path_range(root.path)
    return Q(**{f"{prefix}__in": subtree_on(root, ref).values("unit_id")}) | Q(
        **{
            f"{prefix}__ended_on__lte": ref,
            f"{prefix}__path__gte": low,
            f"{prefix}__path__lt": high,
        }
    )
