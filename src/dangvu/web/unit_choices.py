"""The units offered in a "Tổ chức" choice (a list's filter, a form's unit field).

Every page offers the units of the user's scope, but a province holds thousands of cells: past
``limit`` units only the non-cell ones are offered. The unit already selected is always among
the choices.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

MAX_UNIT_CHOICES = 500


def capped_units(scoped, selected=(), *, limit: int = MAX_UNIT_CHOICES, non_cell_limit=None):
    """The units of ``scoped`` (a queryset ordered by path): all of them when there are at
    most ``limit``, else only the non-cells (at most ``non_cell_limit``, default 4 × limit);
    plus those of ``selected`` not among them (``None`` is skipped)."""
    units = list(scoped[: limit + 1])
    if len(units) > limit:
        cap = limit * 4 if non_cell_limit is None else non_cell_limit
        units = list(scoped.filter(kind__is_cell=False)[:cap])
    known = {u.pk for u in units}
    units += [u for u in selected if u is not None and u.pk not in known]
    return units


def indented_name(unit) -> str:
    """The unit's name indented by its depth ("· · Chi bộ …"), the province flush left."""
    return "· " * max(unit.depth - 1, 0) + unit.name


def unit_from_query(request, scoped, name: str = "don_vi"):
    """The unit chosen in the query string's ``name`` (``None`` when none): one of
    ``scoped``, else 404."""
    raw = request.GET.get(name, "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return get_object_or_404(scoped, pk=int(raw))
