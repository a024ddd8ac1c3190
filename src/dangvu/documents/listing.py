"""The document list's filters, read from a query string: the page, its XLSX export job and
the API read them the same way, so an export holds exactly the rows the list showed."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, QueryDict

from dangvu.accounts import permissions
from dangvu.orgs.models import Unit
from dangvu.web.unit_choices import capped_units

from . import selectors
from .forms import FilterForm
from .models import DocumentType


@dataclass
class Filtered:
    form: FilterForm
    unit: Unit | None
    documents: object  # QuerySet[Document]


def unit_choices(user, selected: Unit | None = None) -> list[Unit]:
    """Units offered in the "Tổ chức ban hành" filter: the readable current units (only the
    non-cell ones when there are too many), the units above them, plus the selected one."""
    units = capped_units(Unit.objects.visible_to(user, permissions.READ).current().order_by("path"))
    upper = selectors.upper_unit_ids(user)
    if upper:
        above = Unit.objects.filter(pk__in=sorted(upper)).current().order_by("path")
        units = list(above) + units
    if selected is not None and selected.pk not in {u.pk for u in units}:
        units.append(selected)
    for unit in units:
        unit.label = "· " * max(unit.depth, 0) + unit.name
    return units


def selected_unit(user, raw: str | None) -> Unit | None:
    """The issuer filter's unit: one whose documents the user may read, else 404."""
    if not raw:
        return None
    if not str(raw).isdigit():
        raise Http404
    unit = Unit.objects.filter(pk=int(raw)).first()
    if unit is None:
        raise Http404
    readable = Unit.objects.visible_to(user, permissions.READ).filter(pk=unit.pk).exists()
    if not readable and unit.pk not in selectors.upper_unit_ids(user):
        raise Http404
    return unit


def filtered(user, params: QueryDict | dict, *, with_choices: bool = False) -> Filtered:
    if isinstance(params, dict):
        query = QueryDict(mutable=True)
        for key, value in params.items():
            if isinstance(value, list):
                query.setlist(key, value)
            else:
                query[key] = value
        params = query
    unit = selected_unit(user, params.get("don_vi"))
    form = FilterForm(
        params or None,
        units=unit_choices(user, unit) if with_choices else [unit] if unit else [],
    )
    data = form.cleaned_data if form.is_valid() else {}
    doc_type = None
    if data.get("loai"):
        doc_type = DocumentType.objects.filter(pk=data["loai"]).first()
    documents = selectors.document_list(
        user,
        q=data.get("q") or "",
        doc_type=doc_type,
        unit=unit,
        within=params.get("cap_duoi") == "1",
        body=data.get("co_quan") or "",
        date_from=data.get("tu_ngay"),
        date_to=data.get("den_ngay"),
    )
    return Filtered(form=form, unit=unit, documents=documents)
