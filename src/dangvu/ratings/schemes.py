"""Which thresholds and quota apply to a round, and whether a round's top level is over quota.

The thresholds are data (:class:`~.models.Scheme`): the row of the round unit's province (the
root of its path) with the latest ``effective_year`` ≤ the round's year, else the national
row (no province), else the QĐ 366 defaults (≥ 90 HTXSNV, 70–< 90 HTTNV, 50–< 70 HTNV,
< 50 KHTNV; HTXSNV at most 20 %).

**Quota reading.** QĐ 366 (like QĐ 132 before it) caps the number rated HTXSNV at 20 % of
those rated HTTNV; an HTXSNV is chosen *among* those who completed their tasks well, so the
default base counts everyone rated HTTNV **or better** (HTXSNV + HTTNV):
``HTXSNV ≤ 20 % × (HTXSNV + HTTNV)``. A province that reads it as "20 % of HTTNV only" sets
``quota_base = tot`` on its scheme. The quota is per round (the level that decides) and only
warns: the ratings are kept as decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from dangvu.orgs.models import Unit
from dangvu.orgs.tree_paths import path_ids
from dangvu.vntext.formats import format_number, format_percent

from .models import DEFAULT_SCHEME, Level, QuotaBase, Rating, Scheme, Thresholds


def thresholds_for(unit: Unit, year: int) -> Thresholds:
    """The scheme in force for a round of ``unit`` in ``year`` (one query)."""
    province_id = path_ids(unit.path)[0] if unit.path else None
    rows = list(
        Scheme.objects.filter(effective_year__lte=year)
        .filter(Q(province_id=province_id) | Q(province__isnull=True))
        .order_by("-effective_year")
    )
    for row in rows:
        if row.province_id == province_id:
            return row.thresholds()
    for row in rows:
        if row.province_id is None:
            return row.thresholds()
    return DEFAULT_SCHEME


@dataclass(frozen=True)
class Quota:
    excellent: int
    base: int
    percent: Decimal | None
    base_label: str

    @property
    def limit(self) -> int | None:
        """The most HTXSNV allowed (rounded down), None when there is no quota."""
        if self.percent is None:
            return None
        return int(self.base * self.percent / 100)

    @property
    def exceeded(self) -> bool:
        return self.limit is not None and self.excellent > self.limit

    def warning(self) -> str:
        if not self.exceeded:
            return ""
        return (
            f"Số xếp loại hoàn thành xuất sắc nhiệm vụ ({format_number(self.excellent)}) vượt "
            f"tỷ lệ {format_percent(self.percent, 0)} của {self.base_label.lower()} "
            f"({format_number(self.base)}, tối đa {format_number(self.limit)}). Hãy rà soát lại; "
            "kết quả vẫn được lưu như đã quyết định."
        )


def quota_of(round_, thresholds: Thresholds | None = None) -> Quota:
    """The quota check over all the round's ratings (one aggregate query)."""
    thresholds = thresholds or thresholds_for(round_.unit, round_.year)
    counts = Rating.objects.filter(round=round_).aggregate(
        excellent=Count("id", filter=Q(level=Level.EXCELLENT)),
        good=Count("id", filter=Q(level=Level.GOOD)),
    )
    base = counts["good"]
    if thresholds.quota_base == QuotaBase.GOOD_OR_BETTER:
        base += counts["excellent"]
    return Quota(
        excellent=counts["excellent"],
        base=base,
        percent=thresholds.quota_percent,
        base_label=QuotaBase(thresholds.quota_base).label,
    )
