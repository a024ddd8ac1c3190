"""The list's filters read from a query string — shared by the page, the export job and
the API, so the three always select the same sessions."""

from __future__ import annotations

from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404

from dangvu.accounts import permissions
from dangvu.documents.models import Document
from dangvu.orgs.models import Unit

from . import selectors
from .forms import FilterForm


def chosen(user, params: QueryDict) -> tuple[Unit | None, Document | None]:
    """The unit and document named in ``don_vi`` / ``van_ban``; 404 outside the scope."""
    unit_id, doc_id = params.get("don_vi", ""), params.get("van_ban", "")
    for raw in (unit_id, doc_id):
        if raw and not raw.isdigit():
            raise Http404
    unit = (
        get_object_or_404(Unit.objects.visible_to(user, permissions.READ), pk=int(unit_id))
        if unit_id
        else None
    )
    document = (
        get_object_or_404(Document.objects.visible_to(user), pk=int(doc_id)) if doc_id else None
    )
    return unit, document


def sessions_from_query(user, params: QueryDict, *, units=None, documents=None):
    """(form, unit, document, sessions) for the filters in ``params``. ``units`` and
    ``documents`` are the choices to offer (default: just the chosen ones)."""
    unit, document = chosen(user, params)
    form = FilterForm(
        params or None,
        units=units if units is not None else [unit] if unit else [],
        documents=documents if documents is not None else [document] if document else [],
    )
    data = form.cleaned_data if form.is_valid() else {}
    sessions = selectors.session_list(
        user,
        unit=unit,
        only_unit=bool(data.get("truc_tiep")),
        date_from=data.get("tu_ngay"),
        date_to=data.get("den_ngay"),
        document=document,
        kind=data.get("doi_tuong"),
        q=data.get("q") or "",
    )
    return form, unit, document, sessions
