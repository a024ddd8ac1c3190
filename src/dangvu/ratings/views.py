"""Rating pages: rounds (list, create, edit, detail with the quota warning), the whole-cell
rating form, a unit's rating (decided by the level above), the rating list and its XLSX,
remedial commitments, the figures and the unit panel. Anything outside the user's scope
answers 404; writing needs ``write`` (over the cell for members, over the parent for units)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for, today
from dangvu.jobs.list_exports import export_list
from dangvu.members.models import Member
from dangvu.orgs.models import Unit
from dangvu.web.form_actions import NOTHING, submit
from dangvu.web.pagination import list_page, query_without_page
from dangvu.web.unit_choices import MAX_UNIT_CHOICES, capped_units, indented_name, unit_from_query

from . import listing, selectors, services
from .export import write_ratings
from .figures import Period
from .figures import figures as compute_figures
from .forms import (
    CellRatingForm,
    CommitmentFilterForm,
    CommitmentForm,
    FiguresForm,
    RatingEditForm,
    RoundFilterForm,
    RoundForm,
    UnitRatingForm,
)
from .models import LEVEL_ORDER, Rating, SubjectKind
from .schemes import quota_of, thresholds_for

PER_PAGE = 50


# ---------------------------------------------------------------- shared


def _label(units):
    for unit in units:
        unit.label = indented_name(unit)
    return units


def _unit_choices(request, selected: Unit | None = None, perm=permissions.READ) -> list[Unit]:
    """Current units the user may read (only non-cells when there are too many), plus the
    selected one."""
    qs = Unit.objects.visible_to(request.user, perm).current().order_by("path")
    return _label(capped_units(qs, [selected]))


def _selected_unit(request, *, default_top: bool = False) -> Unit | None:
    unit = unit_from_query(request, selectors.readable_units(request.user))
    return selectors.top_unit(request.user) if unit is None and default_top else unit


def _page(request, qs):
    page = list_page(request, qs, PER_PAGE)
    query = query_without_page(request)
    return page, query


# ---------------------------------------------------------------- rounds


@login_required
def round_list(request):
    unit = _selected_unit(request)
    form = RoundFilterForm(request.GET or None, units=_unit_choices(request, unit))
    cleaned = form.cleaned_data if form.is_valid() else {}
    rounds = selectors.round_list(
        request.user,
        unit=unit,
        year=cleaned.get("nam"),
        subject_kind=cleaned.get("doi_tuong") or "",
    )
    page, query = _page(request, rounds)
    return render(
        request,
        "ratings/list.html",
        {
            "form": form,
            "unit": unit,
            "page": page,
            "query": query,
            "can_create": Unit.objects.visible_to(request.user, permissions.WRITE).exists(),
        },
    )


def _round_kwargs(form) -> dict:
    data = form.cleaned_data
    return {"date": data["date"], "title": data["title"], "note": data["note"]}


@login_required
def round_create(request):
    writable = Unit.objects.visible_to(request.user, permissions.WRITE).current().order_by("path")
    units = _label(list(writable[:MAX_UNIT_CHOICES]))
    if not units:
        raise Http404
    now = today()
    form = RoundForm(
        request.POST or None,
        units=units,
        initial={
            "year": now.year,
            "quarter": 0,
            "date": now.replace(month=12, day=15),
            "subject_kind": SubjectKind.MEMBER,
        },
    )

    def create(f):
        unit = get_object_or_404(writable, pk=f.cleaned_data["unit"])
        return services.create_round(
            actor=request.user,
            unit=unit,
            subject_kind=f.cleaned_data["subject_kind"],
            year=f.cleaned_data["year"],
            quarter=f.cleaned_data["quarter"],
            **_round_kwargs(f),
        )

    round_ = submit(request, form, create)
    if round_ is not NOTHING:
        messages.success(request, f"Đã mở đợt “{round_}”.")
        return redirect("ratings:round", round_.pk)
    return render(
        request, "ratings/change.html", {"form": form, "title": "Mở đợt đánh giá, xếp loại"}
    )


def _writable_round(request, round_id: int):
    round_ = selectors.round_for(request.user, round_id)
    if not scope_for(request.user, permissions.WRITE).covers(round_.unit.path):
        raise Http404
    return round_


@login_required
def round_edit(request, round_id: int):
    round_ = _writable_round(request, round_id)
    form = RoundForm(
        request.POST or None,
        editing=True,
        initial={
            "date": round_.date,
            "title": round_.title,
            "note": round_.note,
            "revision": round_.revision,
        },
    )
    result = submit(
        request,
        form,
        lambda f: services.update_round(
            actor=request.user,
            round_=round_,
            expected_revision=f.cleaned_data["revision"],
            **_round_kwargs(f),
        ),
    )
    if result is not NOTHING:
        messages.success(request, "Đã cập nhật đợt đánh giá.")
        return redirect("ratings:round", round_.pk)
    return render(
        request, "ratings/change.html", {"form": form, "title": f"Sửa {round_} — {round_.unit}"}
    )


@login_required
def round_detail(request, round_id: int):
    round_ = selectors.round_for(request.user, round_id)
    thresholds = thresholds_for(round_.unit, round_.year)
    ratings = selectors.rating_list(request.user, round_=round_)
    page, query = _page(request, ratings)
    by_level = dict(
        ratings.order_by().values_list("level").annotate(n=Count("id")).values_list("level", "n")
    )
    context = {
        "round": round_,
        "levels": [(level.label, by_level.get(level, 0)) for level in LEVEL_ORDER],
        "thresholds": thresholds,
        "quota": quota_of(round_, thresholds),
        "page": page,
        "query": query,
        "can_edit": scope_for(request.user, permissions.WRITE).covers(round_.unit.path),
        "cells": [],
        "can_rate_units": False,
    }
    if round_.subject_kind == SubjectKind.MEMBER:
        context["cells"] = list(selectors.rateable_cells(request.user, round_)[:200])
    else:
        context["can_rate_units"] = bool(selectors.rateable_units(request.user, round_))
    return render(request, "ratings/round.html", context)


# ---------------------------------------------------------------- rating


@login_required
def rate_cell(request, round_id: int, cell_id: int):
    """The whole cell in one form (all or nothing)."""
    round_ = selectors.round_for(request.user, round_id)
    if round_.subject_kind != SubjectKind.MEMBER:
        raise Http404
    cell = get_object_or_404(selectors.rateable_cells(request.user, round_), pk=cell_id)
    rated, excused = selectors.eligible_in_cell(cell, round_.date)
    stored = {
        r.member_id: r
        for r in Rating.objects.filter(round=round_, member_id__in=[m.pk for m in rated])
    }
    form = CellRatingForm(request.POST or None, members=rated, stored=stored)
    thresholds = thresholds_for(round_.unit, round_.year)

    def save(f):
        entries = [services.Entry(**row) for row in f.filled()]
        return services.rate_members(actor=request.user, round_=round_, entries=entries)

    outcome = submit(request, form, save)
    if outcome is not NOTHING:
        messages.success(
            request,
            f"Đã ghi kết quả xếp loại của {cell.name}: {outcome.created} mới, "
            f"{outcome.updated} sửa.",
        )
        for warning in outcome.warnings:
            messages.warning(request, warning)
        return redirect("ratings:round", round_.pk)
    return render(
        request,
        "ratings/rate_cell.html",
        {
            "round": round_,
            "cell": cell,
            "form": form,
            "excused": excused,
            "thresholds": thresholds,
            "quota": quota_of(round_, thresholds),
        },
    )


@login_required
def rate_unit(request, round_id: int):
    """One unit's rating, by the level above (the units offered are those whose parent the
    user may write)."""
    round_ = selectors.round_for(request.user, round_id)
    if round_.subject_kind != SubjectKind.UNIT:
        raise Http404
    units = selectors.rateable_units(request.user, round_)
    if not units:
        raise Http404
    stored = {
        r.subject_unit_id: r
        for r in Rating.objects.filter(round=round_, subject_unit__in=[u.pk for u in units])
    }
    raw = request.GET.get("to_chuc", "")
    chosen = stored.get(int(raw)) if raw.isdigit() else None
    initial = {"unit": int(raw) if raw.isdigit() else None}
    if chosen is not None:
        initial.update(
            score=str(chosen.score).replace(".", ","),
            level=chosen.level,
            note=chosen.note,
            revision=chosen.revision,
        )
    form = UnitRatingForm(request.POST or None, units=units, initial=initial)
    thresholds = thresholds_for(round_.unit, round_.year)

    def save(f):
        unit = next((u for u in units if u.pk == f.cleaned_data["unit"]), None)
        if unit is None:
            raise Http404
        return services.rate_unit(
            actor=request.user,
            round_=round_,
            unit=unit,
            score=f.cleaned_data["score"],
            level=f.cleaned_data["level"],
            note=f.cleaned_data["note"],
            expected_revision=f.cleaned_data["revision"],
        )

    result = submit(request, form, save)
    if result is not NOTHING:
        rating, outcome = result
        messages.success(request, f"Đã ghi xếp loại của {rating.subject_unit.name}.")
        for warning in outcome.warnings:
            messages.warning(request, warning)
        return redirect("ratings:round", round_.pk)
    return render(
        request,
        "ratings/rate_unit.html",
        {
            "round": round_,
            "form": form,
            "stored": stored,
            "units": units,
            "thresholds": thresholds,
            "quota": quota_of(round_, thresholds),
        },
    )


@login_required
def rating_edit(request, rating_id: int):
    rating = selectors.rating_for(request.user, rating_id, write=True)
    form = RatingEditForm(
        request.POST or None,
        initial={
            "score": str(rating.score).replace(".", ","),
            "level": rating.level,
            "note": rating.note,
            "revision": rating.revision,
        },
    )

    def save(f):
        data = f.cleaned_data
        if rating.subject_kind == SubjectKind.UNIT:
            return services.rate_unit(
                actor=request.user,
                round_=rating.round,
                unit=rating.subject_unit,
                score=data["score"],
                level=data["level"],
                note=data["note"],
                expected_revision=data["revision"],
            )[1]
        entry = services.Entry(
            member_id=rating.member_id,
            score=data["score"],
            level=data["level"],
            note=data["note"],
            revision=data["revision"],
        )
        return services.rate_members(actor=request.user, round_=rating.round, entries=[entry])

    outcome = submit(request, form, save)
    if outcome is not NOTHING:
        messages.success(request, "Đã sửa kết quả xếp loại.")
        for warning in outcome.warnings:
            messages.warning(request, warning)
        return redirect("ratings:round", rating.round_id)
    return render(
        request,
        "ratings/change.html",
        {"form": form, "title": f"Sửa kết quả xếp loại — {rating}"},
    )


# ---------------------------------------------------------------- rating list and export


def _filtered(request, *, with_choices: bool):
    unit = _selected_unit(request)
    units = _unit_choices(request, unit) if with_choices else [unit] if unit else []
    form, ratings = listing.filtered(request.user, request.GET, unit=unit, units=units)
    return form, unit, ratings


@login_required
def rating_list(request):
    form, unit, ratings = _filtered(request, with_choices=True)
    page, query = _page(request, ratings)
    return render(
        request,
        "ratings/ratings.html",
        {"form": form, "unit": unit, "page": page, "query": query},
    )


@login_required
def export(request):
    """The filtered rating list as XLSX: at once when short, else as a background job."""
    _, unit, ratings = _filtered(request, with_choices=False)
    return export_list(
        request,
        rows=ratings,
        job_kind=listing.EXPORT_JOB,
        unit=unit,
        action="ratings.export",
        name=listing.export_name(),
        write=lambda handle: write_ratings(
            handle, ratings, title_lines=[listing.export_title(unit)]
        ),
        inline_max=listing.EXPORT_INLINE_MAX,
    )


# ---------------------------------------------------------------- commitments


@login_required
def commitment_list(request):
    unit = _selected_unit(request)
    form = CommitmentFilterForm(request.GET or None, units=_unit_choices(request, unit))
    cleaned = form.cleaned_data if form.is_valid() else {}
    items = selectors.commitment_list(request.user, unit=unit, state=cleaned.get("trang_thai", ""))
    page, query = _page(request, items)
    return render(
        request,
        "ratings/commitments.html",
        {
            "form": form,
            "unit": unit,
            "page": page,
            "query": query,
            "today": today(),
            "can_create": Unit.objects.visible_to(request.user, permissions.WRITE).exists(),
        },
    )


def _commitment_kwargs(form) -> dict:
    data = form.cleaned_data
    return {"shortcoming": data["shortcoming"], "action": data["action"], "due": data["due"]}


@login_required
def commitment_create(request):
    """From a rating (``?xep_loai=``: its member or unit) or for a unit the user may write
    (the collective or one of its members)."""
    raw = request.GET.get("xep_loai", "")
    writable = Unit.objects.visible_to(request.user, permissions.WRITE)
    rating = None
    if raw:
        if not raw.isdigit():
            raise Http404
        rating = selectors.rating_for(request.user, int(raw))
        if not writable.filter(pk=rating.subject_unit_id).exists():
            raise Http404
        form = CommitmentForm(request.POST or None)
    else:
        units = list(writable.current().order_by("path")[:MAX_UNIT_CHOICES])
        if not units:
            raise Http404
        members = list(
            Member.objects.visible_to(request.user, permissions.WRITE).order_by("sort_key", "id")[
                :2000
            ]
        )
        form = CommitmentForm(request.POST or None, units=units, members=members)

    def create(f):
        if rating is not None:
            return services.create_commitment(
                actor=request.user, rating=rating, **_commitment_kwargs(f)
            )
        unit = get_object_or_404(writable, pk=f.cleaned_data["unit"])
        member = None
        if f.cleaned_data.get("member"):
            member = get_object_or_404(
                Member.objects.visible_to(request.user, permissions.WRITE),
                pk=f.cleaned_data["member"],
            )
        return services.create_commitment(
            actor=request.user, unit=unit, member=member, **_commitment_kwargs(f)
        )

    result = submit(request, form, create)
    if result is not NOTHING:
        messages.success(request, "Đã ghi đăng ký khắc phục hạn chế, khuyết điểm.")
        return redirect("ratings:commitment", result.pk)
    title = "Đăng ký khắc phục hạn chế, khuyết điểm"
    if rating is not None:
        title += f" — {rating.member.full_name if rating.member_id else rating.subject_unit.name}"
    return render(request, "ratings/change.html", {"form": form, "title": title})


@login_required
def commitment_detail(request, commitment_id: int):
    commitment = selectors.commitment_for(request.user, commitment_id)
    return render(
        request,
        "ratings/commitment.html",
        {
            "c": commitment,
            "today": today(),
            "can_write": scope_for(request.user, permissions.WRITE).covers(commitment.unit.path),
        },
    )


@login_required
def commitment_edit(request, commitment_id: int):
    commitment = selectors.commitment_for(request.user, commitment_id, write=True)
    form = CommitmentForm(
        request.POST or None,
        editing=True,
        initial={
            "shortcoming": commitment.shortcoming,
            "action": commitment.action,
            "due": commitment.due,
            "done_on": commitment.done_on,
            "result": commitment.result,
            "revision": commitment.revision,
        },
    )
    result = submit(
        request,
        form,
        lambda f: services.update_commitment(
            actor=request.user,
            commitment=commitment,
            expected_revision=f.cleaned_data["revision"],
            done_on=f.cleaned_data["done_on"],
            result=f.cleaned_data["result"],
            **_commitment_kwargs(f),
        ),
    )
    if result is not NOTHING:
        messages.success(request, "Đã cập nhật đăng ký khắc phục.")
        return redirect("ratings:commitment", commitment.pk)
    return render(request, "ratings/change.html", {"form": form, "title": f"Sửa — {commitment}"})


# ---------------------------------------------------------------- figures and the unit panel


def _rating_link(unit: Unit, period: Period, **extra) -> str:
    params = {"don_vi": unit.pk, "nam": period.year, "quy": period.quarter, **extra}
    return f"{reverse('ratings:ratings')}?{urlencode(params)}"


@login_required
def figures(request):
    unit = _selected_unit(request, default_top=True)
    now = today()
    data = request.GET.copy()
    data.setdefault("nam", str(now.year - 1 if now.month < 12 else now.year))
    form = FiguresForm(data, units=_unit_choices(request, unit))
    if form.is_valid():
        period = Period(form.cleaned_data["nam"], form.cleaned_data["quy"] or 0)
    else:
        period = Period(now.year)
    result = compute_figures(unit, period) if unit is not None else None
    links = {}
    if unit is not None:
        links = {
            "members": _rating_link(unit, period, doi_tuong=SubjectKind.MEMBER),
            "members_good": _rating_link(
                unit, period, doi_tuong=SubjectKind.MEMBER, muc=listing.GOOD_OR_BETTER
            ),
            "units": _rating_link(unit, period, doi_tuong=SubjectKind.UNIT),
            "units_good": _rating_link(
                unit, period, doi_tuong=SubjectKind.UNIT, muc=listing.GOOD_OR_BETTER
            ),
        }
        for row in result.rows:
            row.link_members = _rating_link(row.unit, period, doi_tuong=SubjectKind.MEMBER)
            row.link_units = _rating_link(row.unit, period, doi_tuong=SubjectKind.UNIT)
    return render(
        request,
        "ratings/figures.html",
        {"form": form, "unit": unit, "period": period, "f": result, "links": links},
    )


@login_required
def unit_panel(request, unit_id: int):
    unit = get_object_or_404(selectors.readable_units(request.user), pk=unit_id)
    counts = selectors.commitment_counts(request.user, unit)
    latest = (
        selectors.visible_ratings(request.user)
        .filter(subject_unit=unit, member__isnull=True)
        .select_related("round")
        .order_by("-year", "-quarter")
        .first()
    )
    context = {"unit": unit, "counts": counts, "latest": latest}
    template = "ratings/_unit.html" if request.htmx else "ratings/unit.html"
    return render(request, template, context)
