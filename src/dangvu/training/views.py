"""Training pages: classes (list, create, edit, detail, enrol, results), candidates, figures,
the work list, exports (background jobs) and the member-page fragment.

A class or candidate outside the user's ``read`` scope answers 404; changing one needs
``write`` at its unit (404 otherwise), as on every page of dangvu.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dangvu.accounts import permissions
from dangvu.accounts.scopes import has_perm_at, scope_for, today
from dangvu.jobs.services import start_job
from dangvu.members.lifecycle import MEMBER_STATUSES
from dangvu.members.models import Member
from dangvu.members.selectors import period_on
from dangvu.orgs.models import Unit
from dangvu.orgs.selectors import subtree_on
from dangvu.web.form_actions import NOTHING, submit
from dangvu.web.pagination import list_page, query_without_page
from dangvu.web.unit_choices import MAX_UNIT_CHOICES, capped_units, indented_name, unit_from_query

from . import selectors, services
from .forms import (
    CandidateForm,
    ClassFilterForm,
    EnrolForm,
    FiguresForm,
    ResultsForm,
    TrainingClassForm,
    WorklistForm,
)
from .models import Candidate, Enrolment, TrainingClass

PER_PAGE = 50
MAX_MEMBER_CHOICES = 600
WORKLIST_ROWS = 200


# ---------------------------------------------------------------- helpers


def _units(request, perm: str, selected: Unit | None = None, *, cells_only=False) -> list[Unit]:
    """Current units where the user holds ``perm``, labelled by depth (non-cells only when
    there are too many, as on the member pages); plus the selected one."""
    qs = Unit.objects.visible_to(request.user, perm).current().order_by("path")
    if cells_only:
        qs = qs.filter(kind__is_cell=True)
    if cells_only:
        units = list(qs[: MAX_UNIT_CHOICES + 1])
        if selected is not None and selected.pk not in {u.pk for u in units}:
            units.append(selected)
    else:
        units = capped_units(qs, [selected])
    for unit in units:
        unit.label = indented_name(unit)
    return units


def _selected_unit(request, name: str = "don_vi") -> Unit | None:
    return unit_from_query(request, Unit.objects.visible_to(request.user, permissions.READ), name)


def _class(request, class_id: int) -> TrainingClass:
    return get_object_or_404(
        TrainingClass.objects.visible_to(request.user).select_related("programme", "unit"),
        pk=class_id,
    )


def _writable(request, class_id: int) -> TrainingClass:
    training_class = _class(request, class_id)
    if not has_perm_at(request.user, permissions.WRITE, training_class.unit):
        raise Http404
    return training_class


def _can_write_anywhere(request) -> bool:
    return not scope_for(request.user, permissions.WRITE).is_empty


def _filtered(request, *, with_choices: bool):
    unit = _selected_unit(request)
    form = ClassFilterForm(
        request.GET or None, units=_units(request, permissions.READ, unit) if with_choices else []
    )
    data = form.cleaned_data if form.is_valid() else {}
    error = ""
    try:
        classes = selectors.class_list(
            request.user,
            programme=data.get("chuong_trinh"),
            unit=unit,
            date_from=data.get("tu_ngay"),
            date_to=data.get("den_ngay"),
            q=data.get("q") or "",
        )
        if unit is not None and request.GET.get("truc_tiep") == "1":
            classes = selectors.directly_organised(classes, unit, data.get("den_ngay") or today())
    except selectors.UnitNotOnTree:
        error = (
            f"{unit.name} không có trên cây tổ chức tại ngày cuối kỳ; hãy chọn kỳ khác hoặc "
            "tổ chức kế thừa."
        )
        classes = TrainingClass.objects.none()
    return form, unit, data, classes, error


# ---------------------------------------------------------------- classes


@login_required
def class_list(request):
    form, unit, _data, classes, error = _filtered(request, with_choices=not request.htmx)
    page = list_page(request, classes, PER_PAGE)
    query = query_without_page(request)
    context = {
        "form": form,
        "page": page,
        "unit": unit,
        "error": error,
        "query": query,
        "can_create": _can_write_anywhere(request),
    }
    template = "training/_class_results.html" if request.htmx else "training/class_list.html"
    return render(request, template, context)


def _class_form_page(request, form, title, action, training_class=None):
    result = submit(request, form, action)
    if result is not NOTHING:
        messages.success(request, "Đã ghi thông tin lớp.")
        return redirect("training:detail", result.pk)
    return render(
        request,
        "training/change.html",
        {"form": form, "title": title, "training_class": training_class},
    )


@login_required
def class_create(request):
    if not _can_write_anywhere(request):
        raise Http404
    form = TrainingClassForm(request.POST or None, units=_units(request, permissions.WRITE))
    return _class_form_page(
        request,
        form,
        "Mở lớp đào tạo, bồi dưỡng",
        lambda f: services.create_class(actor=request.user, **f.class_data()),
    )


@login_required
def class_edit(request, class_id: int):
    training_class = _writable(request, class_id)
    initial = {
        "programme": training_class.programme_id,
        "unit": training_class.unit_id,
        **{
            k: getattr(training_class, k)
            for k in ("name", "number", "start_date", "end_date", "place", "audience", "form")
        },
        "note": training_class.note,
        "revision": training_class.revision,
    }
    form = TrainingClassForm(
        request.POST or None,
        initial=initial,
        units=_units(request, permissions.WRITE, training_class.unit),
    )
    return _class_form_page(
        request,
        form,
        f"Sửa thông tin lớp — {training_class.name}",
        lambda f: services.update_class(
            actor=request.user,
            training_class=training_class,
            expected_revision=f.cleaned_data["revision"],
            **f.class_data(),
        ),
        training_class,
    )


@login_required
def class_detail(request, class_id: int):
    training_class = _class(request, class_id)
    enrolments = list(selectors.class_enrolments(training_class))
    counts = {"total": len(enrolments)}
    for e in enrolments:
        counts[e.result or "pending"] = counts.get(e.result or "pending", 0) + 1
    return render(
        request,
        "training/class_detail.html",
        {
            "training_class": training_class,
            "enrolments": enrolments,
            "counts": counts,
            "can_write": has_perm_at(request.user, permissions.WRITE, training_class.unit),
        },
    )


def _enrol_choices(request, training_class: TrainingClass, unit: Unit | None):
    """Members of ``unit``'s subtree (as of the class start) not yet in the class, and the
    candidates in the user's scope not yet in it."""
    start = training_class.start_date
    taken_members = training_class.enrolments.filter(member__isnull=False).values("member_id")
    members = []
    if unit is not None:
        periods = period_on(start).filter(
            unit__in=subtree_on(unit, start).values("unit_id"), status__in=MEMBER_STATUSES
        )
        members = list(
            Member.objects.visible_to(request.user)
            .filter(pk__in=periods.values("member_id"))
            .exclude(pk__in=taken_members)
            .select_related("unit")
            .order_by("sort_key", "id")[:MAX_MEMBER_CHOICES]
        )
    candidates = []
    if training_class.programme.takes_candidates:
        candidates = list(
            Candidate.objects.visible_to(request.user)
            .filter(member__isnull=True)
            .exclude(
                pk__in=training_class.enrolments.values("candidate_id").exclude(candidate_id=None)
            )
            .filter(unit__in=Unit.objects.subtree_of(unit or training_class.unit))
            .select_related("unit")
            .order_by("sort_key", "id")[:MAX_MEMBER_CHOICES]
        )
    return members, candidates


@login_required
def enrol(request, class_id: int):
    """Enrol many people in one submission: tick members of a unit (``?don_vi=`` picks the
    unit, default the organiser), tick existing candidates, or paste new candidates."""
    training_class = _writable(request, class_id)
    unit = _selected_unit(request) or training_class.unit
    members, candidates = _enrol_choices(request, training_class, unit)
    if not training_class.programme.takes_members:
        members = []
    cells = _units(request, permissions.WRITE, cells_only=True)
    form = EnrolForm(
        request.POST or None,
        members=members,
        candidates=candidates,
        units=cells,
        initial={"revision": training_class.revision},
    )

    def action(f):
        chosen = {m.pk: m for m in members}
        picked = {c.pk: c for c in candidates}
        return services.enrol(
            actor=request.user,
            training_class=training_class,
            members=[chosen[i] for i in f.cleaned_data["members"]],
            candidates=[picked[i] for i in f.cleaned_data["candidates"]],
            new_candidates=f.cleaned_data["new_candidates"],
            outside_reason=f.cleaned_data["outside_reason"],
            expected_revision=f.cleaned_data["revision"],
        )

    rows = submit(request, form, action)
    if rows is not NOTHING:
        messages.success(request, f"Đã ghi danh {len(rows)} học viên.")
        return redirect("training:detail", training_class.pk)
    return render(
        request,
        "training/enrol.html",
        {
            "form": form,
            "training_class": training_class,
            "unit": unit,
            "units": _units(request, permissions.READ, unit),
            "capped": len(members) >= MAX_MEMBER_CHOICES,
        },
    )


@login_required
def results(request, class_id: int):
    """Every trainee's result, grade and certificate in one submission."""
    training_class = _writable(request, class_id)
    enrolments = list(selectors.class_enrolments(training_class))
    form = ResultsForm(
        request.POST or None,
        enrolments=enrolments,
        initial={"revision": training_class.revision},
    )
    changed = submit(
        request,
        form,
        lambda f: services.record_results(
            actor=request.user,
            training_class=training_class,
            results=f.results(),
            expected_revision=f.cleaned_data["revision"],
        ),
    )
    if changed is not NOTHING:
        messages.success(request, f"Đã ghi kết quả của {changed} học viên.")
        return redirect("training:detail", training_class.pk)
    return render(
        request, "training/results.html", {"form": form, "training_class": training_class}
    )


@login_required
@require_POST
def unenrol(request, class_id: int, enrolment_id: int):
    training_class = _writable(request, class_id)
    enrolment = get_object_or_404(Enrolment, pk=enrolment_id, training_class=training_class)
    try:
        services.remove_enrolment(
            actor=request.user,
            enrolment=enrolment,
            reason=request.POST.get("reason", ""),
            expected_revision=int(request.POST.get("revision") or 0),
        )
    except services.ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã xóa học viên khỏi lớp.")
    return redirect("training:detail", training_class.pk)


# ---------------------------------------------------------------- exports (background jobs)


@login_required
def export_classes(request):
    """The filtered class list as XLSX, written by a background job."""
    _form, unit, data, _classes, _error = _filtered(request, with_choices=False)
    params = {
        "q": data.get("q") or "",
        "programme": data["chuong_trinh"].pk if data.get("chuong_trinh") else None,
        "unit": unit.pk if unit else None,
        "date_from": data.get("tu_ngay"),
        "date_to": data.get("den_ngay"),
        "direct": request.GET.get("truc_tiep") == "1",
    }
    job = start_job(actor=request.user, kind="training.classes_export", unit=unit, params=params)
    return redirect("jobs:detail", job.pk)


@login_required
def export_trainees(request, class_id: int):
    training_class = _class(request, class_id)
    job = start_job(
        actor=request.user,
        kind="training.trainees_export",
        unit=training_class.unit,
        params={"class_id": training_class.pk},
        title=f"Xuất danh sách học viên — {training_class.name}"[:255],
    )
    return redirect("jobs:detail", job.pk)


# ---------------------------------------------------------------- candidates


@login_required
def candidate_list(request):
    unit = _selected_unit(request)
    q = request.GET.get("q", "")
    candidates = selectors.candidate_list(request.user, q=q, unit=unit)
    page = list_page(request, candidates, PER_PAGE)
    query = query_without_page(request)
    return render(
        request,
        "training/candidate_list.html",
        {
            "page": page,
            "q": q,
            "unit": unit,
            "units": _units(request, permissions.READ, unit),
            "query": query,
            "can_create": _can_write_anywhere(request),
        },
    )


@login_required
def candidate_create(request):
    if not _can_write_anywhere(request):
        raise Http404
    form = CandidateForm(
        request.POST or None, units=_units(request, permissions.WRITE, cells_only=True)
    )
    result = submit(
        request, form, lambda f: services.create_candidate(actor=request.user, **f.identity())
    )
    if result is not NOTHING:
        messages.success(request, f"Đã ghi nhận quần chúng {result.full_name}.")
        return redirect("training:candidates")
    return render(request, "training/change.html", {"form": form, "title": "Thêm quần chúng ưu tú"})


@login_required
def candidate_edit(request, candidate_id: int):
    candidate = get_object_or_404(
        Candidate.objects.visible_to(request.user).select_related("unit"), pk=candidate_id
    )
    if not has_perm_at(request.user, permissions.WRITE, candidate.unit):
        raise Http404
    form = CandidateForm(
        request.POST or None,
        units=_units(request, permissions.WRITE, candidate.unit, cells_only=True),
        initial={
            "full_name": candidate.full_name,
            "birth_date": candidate.birth_date,
            "gender": candidate.gender,
            "cccd": candidate.cccd,
            "unit": candidate.unit_id,
            "revision": candidate.revision,
        },
    )
    result = submit(
        request,
        form,
        lambda f: services.update_candidate(
            actor=request.user,
            candidate=candidate,
            expected_revision=f.cleaned_data["revision"],
            **f.identity(),
        ),
    )
    if result is not NOTHING:
        messages.success(request, "Đã cập nhật.")
        return redirect("training:candidates")
    history = list(
        candidate.enrolments.select_related("training_class__programme").order_by(
            "-training_class__start_date"
        )
    )
    admitted = None
    if candidate.member_id:
        admitted = Member.objects.filter(pk=candidate.member_id).first()
    return render(
        request,
        "training/change.html",
        {
            "form": form,
            "title": f"Quần chúng — {candidate.full_name}",
            "history": history,
            "candidate": candidate,
            "admitted": admitted,
            "admission_choices": _admission_choices(request, candidate) if not admitted else [],
        },
    )


def _admission_choices(request, candidate: Candidate) -> list[Member]:
    """Members of the candidate's cell admitted recently (newest first): the record that the
    candidate became, to pick from."""
    return list(
        Member.objects.visible_to(request.user)
        .filter(unit=candidate.unit, party_since__isnull=False)
        .order_by("-party_since", "sort_key")[:100]
    )


@login_required
@require_POST
def candidate_admitted(request, candidate_id: int):
    """Link the candidate to their member record: their certificate leaves the work list."""
    candidate = get_object_or_404(
        Candidate.objects.visible_to(request.user).select_related("unit"), pk=candidate_id
    )
    if not has_perm_at(request.user, permissions.WRITE, candidate.unit):
        raise Http404
    raw = request.POST.get("member", "")
    member = (
        Member.objects.visible_to(request.user).filter(pk=int(raw)).first()
        if raw.isdigit()
        else None
    )
    if member is None:
        messages.error(request, "Hãy chọn hồ sơ đảng viên của người này (trong phạm vi của bạn).")
    elif candidate.member_id:
        messages.error(request, "Quần chúng này đã được ghi nhận kết nạp.")
    else:
        services.mark_admitted(actor=request.user, candidate=candidate, member=member)
        messages.success(request, f"Đã ghi nhận {candidate.full_name} được kết nạp.")
    return redirect("training:candidate_edit", candidate.pk)


# ---------------------------------------------------------------- figures, work list


def _period(data) -> tuple[date, date]:
    end = data.get("den_ngay") or today()
    start = data.get("tu_ngay") or date(end.year, 1, 1)
    return start, end


@login_required
def figures(request):
    """Classes and trainees of a unit's subtree over a period, per programme and sub-unit."""
    unit = _selected_unit(request)
    units = _units(request, permissions.READ, unit)
    if unit is None and units:
        unit = units[0]
    form = FiguresForm(request.GET or None, units=units, initial={"don_vi": unit and unit.pk})
    data = form.cleaned_data if form.is_valid() else {}
    start, end = _period(data)
    result, error = None, ""
    if unit is not None:
        try:
            result = selectors.figures(request.user, unit=unit, date_from=start, date_to=end)
        except selectors.UnitNotOnTree:
            error = (
                f"{unit.name} không có trên cây tổ chức ngày {end:%d/%m/%Y} (chưa thành lập "
                "hoặc đã sáp nhập); hãy chọn tổ chức kế thừa hoặc kỳ kết thúc sớm hơn."
            )
    base = reverse("training:list")
    period = f"tu_ngay={start:%d/%m/%Y}&den_ngay={end:%d/%m/%Y}"
    return render(
        request,
        "training/figures.html",
        {
            "form": form,
            "unit": unit,
            "start": start,
            "end": end,
            "figures": result,
            "error": error,
            "list_url": base,
            "period_query": period,
        },
    )


@login_required
def worklist(request):
    """Certificates expiring within N days (default 90) or expired without admission."""
    form = WorklistForm(request.GET or None)
    days = form.cleaned_data.get("so_ngay") if form.is_valid() else None
    days = selectors.DEFAULT_WITHIN_DAYS if days is None else days
    day = today()
    rows = list(
        selectors.certificates_expiring(request.user, day=day, within_days=days)[
            : WORKLIST_ROWS + 1
        ]
    )
    more = len(rows) > WORKLIST_ROWS
    rows = rows[:WORKLIST_ROWS]
    for row in rows:
        row.expired = row.valid_until < day
    return render(
        request,
        "training/worklist.html",
        {
            "form": form,
            "rows": rows,
            "more": more,
            "days": days,
            "day": day,
            "horizon": day + timedelta(days=days),
        },
    )


@login_required
def member_training(request, member_id: int):
    """The fragment for the member page (also included directly by the member page)."""
    member = get_object_or_404(Member.objects.visible_to(request.user), pk=member_id)
    return render(
        request,
        "training/_member_training.html",
        {"member": member, "training": selectors.training_for_member(member, request.user)},
    )
