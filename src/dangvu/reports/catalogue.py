"""The indicator catalogue: every figure a report or dashboard shows is defined here once.

Each module declares its indicators in its own ``indicators.py`` and names the list on its
AppConfig (``indicators = "dangvu.meetings.indicators.INDICATORS"``), the same way modules
declare their menu entries; :func:`catalogue` gathers them.

An indicator's ``compute(start, end)`` runs one (or a few) SQL ``GROUP BY`` over the module's
records and yields ``(unit_id, category, numerator, denominator)`` rows keyed by the unit each
record was attached to — possibly a unit that has since been merged; the engine
(:mod:`.engine`) maps those to the tree of the day and adds them up. ``category`` is ``""``
for the total and ``"dimension:value"`` for a breakdown (``"trang_thai:du_bi"``,
``"gioi_tinh:nu"``). For a **state** indicator the rows describe the day ``end``; for a
**flow** indicator, the records dated within ``[start, end]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from django.apps import apps
from django.utils.module_loading import import_string

STATE, FLOW = "state", "flow"

Row = tuple[int, str, int, int | None]


@dataclass(frozen=True)
class Indicator:
    code: str  # "sinh_hoat.du_hop"
    name: str  # "Đảng viên dự sinh hoạt chi bộ"
    kind: str  # STATE or FLOW
    unit: str  # what is counted: "đảng viên", "lượt", "chi bộ"
    compute: Callable[[date, date], Iterable[Row]]
    section: str  # the report section / dashboard group: "Tổ chức", "Đảng viên" …
    denominator: str = ""  # for a rate: what the numerator is a share of ("lượt phải dự")
    categories: dict[str, str] = field(default_factory=dict)  # "dim:value" → label
    records: Callable | None = None  # (unit, period, category) → URL of the records behind it
    sources: tuple[str, ...] = ()  # audit action prefixes whose writes change the figure
    # (audit entries) → the first days of the months whose figures they may change; None: all
    touched_months: Callable | None = None
    app: str = ""  # the app that declares it (set by :func:`catalogue`)
    # how rows of units mapped to the same successor combine: added ("sum"), or — for facts
    # about a unit, one row each with a denominator of 1 — true if all are ("all") / any is
    combine: str = "sum"
    # the report's clause, in the seed articles' form; fields: {value} {base} {ratio} {percent}
    # {change} {change_clause} and {c[category]} (see :mod:`.narrative`)
    sentence: str = ""
    permission: str = ""  # needed to open the records; without it the figure is a count only
    order: int = 0

    @property
    def is_rate(self) -> bool:
        return bool(self.denominator)

    @property
    def module(self) -> str:
        return self.code.split(".", 1)[0]


@cache
def catalogue() -> dict[str, Indicator]:
    found: dict[str, Indicator] = {}
    for config in apps.get_app_configs():
        path = getattr(config, "indicators", None)
        if not path:
            continue
        for item in import_string(path):
            if item.code in found:
                raise ValueError(f"indicator {item.code} is defined twice")
            found[item.code] = replace(
                item, app=config.label, sources=item.sources or (f"{config.label}.",)
            )
    return dict(sorted(found.items(), key=lambda item: (item[1].order, item[0])))


def indicator(code: str) -> Indicator:
    return catalogue()[code]
