"""Where a class counts: its organising unit placed in the tree as of a day.

A figure "for unit R over a period" takes the tree as it stood on the period's last day.
An organiser alive that day counts where its version of that day puts it; one that ended
before (a commune merged on 01/07/2025, a district dissolved) counts at the unit(s) that
took it over by that day, through the lineage links — the same rule as
:func:`dangvu.orgs.selectors.successors_on`, asked here for many units in one recursive query
(after a split, the class counts once, at the first successor in tree order).

Every function takes a handful of *distinct organiser ids* (already aggregated in SQL), never
one row per class.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import connection

from dangvu.orgs.models import LineageLink, Unit, UnitVersion
from dangvu.orgs.tree_paths import path_within


@dataclass(frozen=True)
class Placement:
    unit_id: int  # the organiser itself, or its successor on the day
    path: str  # that unit's path on the day
    via_successor: bool


_SUCCESSORS_MANY_SQL = """
WITH RECURSIVE succ(origin, unit_id, hops) AS (
    SELECT u.id, u.id, 0 FROM {units} u WHERE u.id IN ({marks})
    UNION
    SELECT succ.origin, l.successor_id, succ.hops + 1 FROM {links} l
      JOIN succ ON l.predecessor_id = succ.unit_id
      JOIN {units} p ON p.id = succ.unit_id
     WHERE l.effective_date <= %s
       AND NOT (p.created_on <= %s AND (p.ended_on IS NULL OR p.ended_on > %s))
       AND succ.hops < 32
)
SELECT succ.origin, v.unit_id, v.path FROM succ
  JOIN {versions} v ON v.unit_id = succ.unit_id
 WHERE succ.hops > 0
   AND v.valid_from <= %s AND (v.valid_to IS NULL OR v.valid_to > %s)
 ORDER BY succ.origin, v.path
"""


def placements_on(unit_ids, day: date) -> dict[int, Placement]:
    """Each organiser's place in the tree on ``day`` (two queries at most).

    Units with no version that day and no successor alive that day (dissolved without
    successor, or not yet created) are left out: their classes count nowhere on that tree.
    """
    ids = sorted({int(i) for i in unit_ids})
    if not ids:
        return {}
    placed = {
        unit_id: Placement(unit_id, path, False)
        for unit_id, path in UnitVersion.objects.valid_on(day)
        .filter(unit_id__in=ids)
        .values_list("unit_id", "path")
    }
    missing = [i for i in ids if i not in placed]
    if missing:
        sql = _SUCCESSORS_MANY_SQL.format(
            units=Unit._meta.db_table,
            links=LineageLink._meta.db_table,
            versions=UnitVersion._meta.db_table,
            marks=", ".join(["%s"] * len(missing)),
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*missing, day, day, day, day, day])
            for origin, unit_id, path in cursor.fetchall():
                placed.setdefault(origin, Placement(unit_id, path, True))
    return placed


def root_path_on(unit: Unit, day: date) -> str | None:
    """The path of ``unit`` on ``day`` (None when it did not exist that day)."""
    return (
        UnitVersion.objects.valid_on(day).filter(unit=unit).values_list("path", flat=True).first()
    )


def inside(placements: dict[int, Placement], root_path: str) -> set[int]:
    """The organiser ids placed inside the subtree at ``root_path``."""
    return {uid for uid, p in placements.items() if path_within(p.path, root_path)}
