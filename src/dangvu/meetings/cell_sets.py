"""Which cells' meetings count for a unit over a period: the tree as of the period's end.

The cells are those of the unit's subtree on the last day of the period (one indexed range
query on the versions, :func:`dangvu.orgs.selectors.subtree_on`) **plus** every cell that was
merged or split into one of them on or before that day (their meetings count at their
successor). The predecessors are found through the lineage links, one query per generation
(a handful at most), never per cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dangvu.orgs.models import LineageLink, Unit, UnitVersion
from dangvu.orgs.selectors import subtree_on

MAX_GENERATIONS = 8


@dataclass
class CellSet:
    root: Unit
    day: date
    current: dict[int, UnitVersion]  # the cells of the subtree on ``day``, by unit id
    successor_of: dict[int, int] = field(default_factory=dict)  # predecessor → cell on ``day``
    covers_everything: bool = False  # the root is the only tree: no filter needed

    @property
    def ids(self) -> list[int]:
        return [*self.current, *self.successor_of]

    def counted_at(self, cell_id: int) -> int:
        """The cell of ``day`` whose figures include ``cell_id``'s meetings."""
        return self.successor_of.get(cell_id, cell_id)

    def q(self, field_name: str = "unit_id"):
        from django.db.models import Q

        if self.covers_everything:
            return Q()
        return Q(**{f"{field_name}__in": self.ids})


def cells_of(unit: Unit, day: date) -> CellSet:
    cells = subtree_on(unit, day).filter(kind__is_cell=True)
    versions = {v.unit_id: v for v in cells.only("unit_id", "name", "sort_key", "path")}
    successor_of: dict[int, int] = {}
    frontier = {uid: uid for uid in versions}  # unit → the current cell it counts at
    for generation in range(MAX_GENERATIONS):
        if not frontier:
            break
        # the first generation joins the subtree in SQL (thousands of cells in a province)
        successors = cells.values("unit_id") if generation == 0 else list(frontier)
        links = LineageLink.objects.filter(
            successor_id__in=successors, effective_date__lte=day
        ).values_list("predecessor_id", "successor_id")
        nxt = {}
        for predecessor, successor in links:
            if predecessor in versions or predecessor in successor_of:
                continue
            successor_of[predecessor] = frontier[successor]
            nxt[predecessor] = frontier[successor]
        frontier = nxt
    everything = (
        unit.parent_id is None
        and not Unit.objects.filter(parent__isnull=True).exclude(pk=unit.pk).exists()
    )
    return CellSet(
        root=unit,
        day=day,
        current=versions,
        successor_of=successor_of,
        covers_everything=everything,
    )
