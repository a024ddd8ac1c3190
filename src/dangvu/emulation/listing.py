"""The four lists' filters read from a query string — shared by the pages, the export job and
the API, so that they always select the same records (and the figures' links land on the
records they count: ``don_vi`` + ``nam`` use the figures' own unit sets)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404

from dangvu.accounts import permissions
from dangvu.orgs.models import Unit

from . import selectors
from .forms import ExampleFilter, PledgeFilter, RecognitionFilter, RegistrationFilter


def _pledges(user, unit, data):
    return selectors.pledge_list(
        user,
        unit=unit,
        year=data.get("nam"),
        target=data.get("doi_tuong") or "",
        result=data.get("ket_qua") or "",
    )


def _registrations(user, unit, data):
    return selectors.registration_list(
        user,
        unit=unit,
        year=data.get("nam"),
        who=data.get("doi_tuong") or "",
        q=data.get("q") or "",
    )


def _examples(user, unit, data):
    return selectors.example_list(
        user,
        unit=unit,
        year=data.get("nam"),
        kind=data.get("loai") or "",
        who=data.get("doi_tuong") or "",
        movement=data.get("phong_trao") or "",
        state=data.get("trang_thai") or "",
        q=data.get("q") or "",
    )


def _recognitions(user, unit, data):
    return selectors.recognition_list(user, unit=unit, year=data.get("nam"), kind=data.get("loai"))


@dataclass(frozen=True)
class Table:
    code: str
    title: str  # "Đăng ký, đánh giá 4 tốt"
    noun: str  # "đăng ký"
    list_url: str
    form: type
    select: Any


TABLES = {
    t.code: t
    for t in [
        Table(
            "4-tot",
            "Đăng ký, đánh giá “4 tốt”",
            "đăng ký",
            "emulation:list",
            PledgeFilter,
            _pledges,
        ),
        Table(
            "lam-theo",
            "Đăng ký học tập và làm theo",
            "đăng ký",
            "emulation:registrations",
            RegistrationFilter,
            _registrations,
        ),
        Table(
            "mo-hinh",
            "Mô hình hay, điển hình tiên tiến, “Dân vận khéo”",
            "mô hình",
            "emulation:examples",
            ExampleFilter,
            _examples,
        ),
        Table(
            "bieu-duong",
            "Biểu dương, tôn vinh",
            "lượt biểu dương",
            "emulation:recognitions",
            RecognitionFilter,
            _recognitions,
        ),
    ]
}


def chosen_unit(user, params: QueryDict) -> Unit | None:
    raw = params.get("don_vi", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return get_object_or_404(Unit.objects.visible_to(user, permissions.READ), pk=int(raw))


def filtered(user, table: Table, params: QueryDict, *, units=None):
    """``(form, unit, records)``; ``units`` are the unit choices to offer (default: only
    the chosen one). A unit outside the user's scope answers 404."""
    unit = chosen_unit(user, params)
    form = table.form(params or None, units=units if units is not None else [unit] if unit else [])
    data = form.cleaned_data if form.is_valid() else {}
    return form, unit, table.select(user, unit, data)


def export_title(table: Table, unit) -> str:
    title = table.title.upper() + (f" — {unit.name.upper()}" if unit else "")
    if settings.DEV_DEFAULTS:
        title += " (DỮ LIỆU MÔ PHỎNG)"
    return title
