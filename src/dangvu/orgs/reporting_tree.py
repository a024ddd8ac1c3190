"""The tree a report counts in: every unit alive on a date, and where each ended unit counts.

Figures of a period are added up the tree *as it stood on a chosen day* (by default the
period's last day). A record attached to a unit that no longer exists on that day counts at
the unit that took it over: its successor through the lineage links (merge, split: the first
successor; a unit split in several keeps its records at the one listed first), and, for a unit
dissolved without successor, at its nearest ancestor that is still alive. So no record is lost
from a higher unit's total by a reorganisation, and the report can say that figures were mapped
("số liệu quy đổi theo đơn vị hành chính mới").

Built in three queries whatever the size of the tree: the versions valid on the day, the
lineage links up to the day, and the versions of the units that ended by then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .models import LineageLink, UnitVersion
from .tree_paths import path_ids

MAX_HOPS = 32


@dataclass
class ReportingTree:
    day: date
    parent: dict[int, int | None]  # alive unit → its parent on ``day``
    path: dict[int, str]  # alive unit → its path on ``day``
    moved: dict[int, int] = field(default_factory=dict)  # ended unit → the alive unit it counts at

    def counted_at(self, unit_id: int) -> int | None:
        """The unit alive on ``day`` whose figures include ``unit_id``'s records (None for a
        unit created after ``day`` or without any successor or ancestor left)."""
        if unit_id in self.path:
            return unit_id
        return self.moved.get(unit_id)

    _chains: dict[int, tuple[int, ...]] = field(default_factory=dict, repr=False)

    def chain(self, unit_id: int) -> tuple[int, ...]:
        """The unit and its ancestors on ``day``, the unit first (parsed once per unit)."""
        found = self._chains.get(unit_id)
        if found is None:
            found = self._chains[unit_id] = _chain_of(self.path[unit_id])
        return found

    def children(self, unit_id: int) -> list[int]:
        return [u for u, p in self.parent.items() if p == unit_id]

    def within(self, root_id: int) -> list[int]:
        prefix = self.path[root_id]
        return [u for u, p in self.path.items() if p.startswith(prefix)]

    @property
    def mapped_units(self) -> int:
        return len(self.moved)


@lru_cache(maxsize=1_000_000)
def _chain_of(path: str) -> tuple[int, ...]:
    """A path's ids from the unit up (shared by the trees of many days: most paths do not
    change from one month to the next)."""
    return tuple(reversed(path_ids(path)))


def reporting_tree(day: date) -> ReportingTree:
    versions = UnitVersion.objects.valid_on(day).values_list("unit_id", "parent_id", "path")
    parent: dict[int, int | None] = {}
    path: dict[int, str] = {}
    for unit_id, parent_id, unit_path in versions:
        parent[unit_id] = parent_id
        path[unit_id] = unit_path
    successors: dict[int, int] = {}
    links = (
        LineageLink.objects.filter(effective_date__lte=day)
        .order_by("predecessor_id", "-effective_date", "id")
        .values_list("predecessor_id", "successor_id")
    )
    for predecessor, successor in links:
        successors.setdefault(predecessor, successor)  # the latest event, its first link
    # the parent each ended unit had in its last version (versions in order: the last wins)
    parents_before_end = dict(
        UnitVersion.objects.filter(unit__ended_on__lte=day)
        .order_by("unit_id", "valid_from")
        .values_list("unit_id", "parent_id")
    )
    tree = ReportingTree(day=day, parent=parent, path=path)
    for unit_id in parents_before_end:
        target = _resolve(unit_id, path, successors, parents_before_end)
        if target is not None:
            tree.moved[unit_id] = target
    return tree


def _resolve(unit_id, alive, successors, parents_before_end) -> int | None:
    current = unit_id
    for _hop in range(MAX_HOPS):
        if current in alive:
            return current
        nxt = successors.get(current)
        if nxt is None:
            nxt = parents_before_end.get(current)
        if nxt is None:
            return None
        current = nxt
    return None
