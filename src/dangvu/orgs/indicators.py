"""The org tree's indicator: units on the day, by kind (see :mod:`dangvu.reports.catalogue`).

Each unit alive on the day counts once, at itself, in the total, under its kind
(``loai:xa``; cells only as ``cap:chi_bo``, the row a cell would repeat) and, where it is one,
as a grassroots organisation (``cap:co_so``). A unit's subtree figure includes the unit itself.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from dangvu.reports.catalogue import STATE, Indicator

from .kinds import DEFAULT_KINDS
from .models import UnitVersion


def units_on(start: date, end: date):
    rows = UnitVersion.objects.valid_on(end).values_list(
        "unit_id", "kind__code", "kind__is_grassroots", "kind__is_cell"
    )
    for unit_id, kind, grassroots, cell in rows:
        yield unit_id, "", 1, None
        if cell:  # a cell's kind is told by "cap:chi_bo" (and "cap:co_so" for a chi bộ cơ sở)
            yield unit_id, "cap:chi_bo", 1, None
        else:
            yield unit_id, f"loai:{kind}", 1, None
        if grassroots:
            yield unit_id, "cap:co_so", 1, None


def _tree(unit, period, category: str = "") -> str:
    return reverse("orgs:detail", args=[unit.pk])


INDICATORS = [
    Indicator(
        code="to_chuc.so_luong",
        name="Tổ chức đảng",
        kind=STATE,
        unit="tổ chức",
        compute=units_on,
        section="Tổ chức đảng",
        categories={
            "cap:co_so": "tổ chức cơ sở đảng",
            "cap:chi_bo": "chi bộ",
            **{
                f"loai:{code}": name.lower()
                for code, name, _order, _grassroots, cell, _historical in DEFAULT_KINDS
                if not cell
            },
        },
        records=_tree,
        sentence="toàn đảng bộ có {c[cap:co_so]} tổ chức cơ sở đảng, {c[cap:chi_bo]} chi bộ",
        order=10,
    ),
]
