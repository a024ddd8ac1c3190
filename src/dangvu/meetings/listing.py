"""The meeting list's filters read from a query string (pages, exports and export jobs)."""

from __future__ import annotations

from dangvu.accounts.scopes import today
from dangvu.jobs.list_exports import EXPORT_INLINE_MAX, list_title  # noqa: F401 - views read it here

from . import selectors
from .forms import FilterForm
from .models import Topic

EXPORT_JOB = "meetings.export"


def filtered(user, data, *, unit=None, units=()):
    """``(form, meetings)`` for the query string ``data``; ``unit`` is the already-checked
    ``don_vi`` (a unit the user may read)."""
    form = FilterForm(data or None, units=units)
    cleaned = form.cleaned_data if form.is_valid() else {}
    topic = None
    if cleaned.get("chu_de"):
        topic = Topic.objects.filter(pk=cleaned["chu_de"]).first()
    meetings = selectors.meeting_list(
        user,
        unit=unit,
        first=cleaned.get("tu_thang"),
        last=cleaned.get("den_thang"),
        kind=cleaned.get("loai") or "",
        topic=topic,
    )
    return form, meetings


def export_title(unit) -> str:
    return list_title("DANH SÁCH BUỔI SINH HOẠT CHI BỘ", unit)


def export_name() -> str:
    return f"sinh-hoat-chi-bo-{today():%Y%m%d}.xlsx"
