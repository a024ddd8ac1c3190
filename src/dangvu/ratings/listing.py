"""The rating list's filters read from a query string (the page, its export and export job)."""

from __future__ import annotations

from dangvu.accounts.scopes import today
from dangvu.jobs.list_exports import EXPORT_INLINE_MAX, list_title  # noqa: F401 - views read it here

from . import selectors
from .forms import RatingFilterForm
from .models import Round

EXPORT_JOB = "ratings.export"
GOOD_OR_BETTER = "tot_tro_len"


def filtered(user, data, *, unit=None, units=()):
    """``(form, ratings)`` for the query string ``data``; ``unit`` is the already-checked
    ``don_vi`` (a unit the user may read)."""
    form = RatingFilterForm(data or None, units=units)
    cleaned = form.cleaned_data if form.is_valid() else {}
    year, quarter = cleaned.get("nam"), cleaned.get("quy")
    round_ = None
    if cleaned.get("dot"):
        round_ = Round.objects.visible_to(user).filter(pk=cleaned["dot"]).first()
    level = cleaned.get("muc") or ""
    day = None
    if year:
        from .figures import Period

        day = Period(year, quarter or 0).end
    ratings = selectors.rating_list(
        user,
        unit=unit,
        day=day,
        year=year,
        quarter=quarter,
        subject_kind=cleaned.get("doi_tuong") or "",
        level="" if level == GOOD_OR_BETTER else level,
        good_or_better=level == GOOD_OR_BETTER,
        round_=round_,
    )
    return form, ratings


def export_title(unit) -> str:
    return list_title("KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG", unit)


def export_name() -> str:
    return f"xep-loai-chat-luong-{today():%Y%m%d}.xlsx"
