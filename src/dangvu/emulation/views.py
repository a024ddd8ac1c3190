"""Emulation pages: the four scoped lists (4 tốt, làm theo, models, recognitions) with their
create / edit / detail pages, the 4-tốt criteria sets, the evaluation form, the Dân vận
khéo steps, the figures page and the XLSX export (a job).

A record or unit outside the user's ``read`` scope answers 404; changing one needs
``write`` over its unit (404 otherwise); evaluating a pledge needs ``write`` at a unit above
it (the services refuse anything else with a Vietnamese reason shown on the form)."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.accounts import permissions
from dangvu.accounts.scopes import has_perm_at, scope_for, today
from dangvu.jobs.services import start_job
from dangvu.members.models import Member
from dangvu.orgs.models import Unit
from dangvu.orgs.selectors import ancestors_on
from dangvu.web.form_actions import NOTHING, form_page, submit
from dangvu.web.pagination import CappedPaginator, list_page, query_without_page
from dangvu.web.unit_choices import capped_units

from . import selectors, services
from .figures import figures as compute_figures
from .forms import (
    CriteriaSetForm,
    EvaluationForm,
    ExampleForm,
    FiguresForm,
    MoveForm,
    PledgeForm,
    RecognitionForm,
    RegistrationForm,
    criteria_text,
)
from .job_handlers import EXPORT_JOB
from .listing import TABLES, chosen_unit, filtered
from .models import (
    DVK_TRANSITIONS,
    CriteriaSet,
    Evaluation,
    Example,
    Pledge,
    Recognition,
    Registration,
)

PER_PAGE = 50


# ---------------------------------------------------------------- lookups


def _units(request, perm=permissions.READ, selected=()) -> list[Unit]:
    """Units for a choice: the user's scope for ``perm`` (ended ones too — records before
    the 2025 reform belong to the old units), only non-cells in a large scope; plus
    ``selected``."""
    return capped_units(Unit.objects.visible_to(request.user, perm).order_by("path"), selected)


def _member(request, member_id):
    """A member the user may read, or a form error (None)."""
    if not member_id:
        return None
    return Member.objects.visible_to(request.user).filter(pk=member_id).first()


def _write_unit(request, unit_id):
    return get_object_or_404(Unit.objects.visible_to(request.user, permissions.WRITE), pk=unit_id)


def _can_create(request) -> bool:
    return not scope_for(request.user, permissions.WRITE).is_empty


def _writable(request, record, unit=None):
    if not has_perm_at(request.user, permissions.WRITE, unit or record.unit):
        raise Http404
    return record


# ---------------------------------------------------------------- lists


def _list(request, code: str):
    table = TABLES[code]
    units = (
        None if request.htmx else _units(request, selected=[chosen_unit(request.user, request.GET)])
    )
    form, unit, records = filtered(request.user, table, request.GET, units=units)
    page = list_page(request, records, PER_PAGE)
    query = query_without_page(request)
    context = {
        "table": table,
        "form": form,
        "page": page,
        "unit": unit,
        "query": query,
        "can_create": _can_create(request),
    }
    if request.htmx:
        return render(request, "emulation/_results.html", context)
    return render(request, "emulation/list.html", context)


@login_required
def pledge_list(request):
    return _list(request, "4-tot")


@login_required
def registration_list(request):
    return _list(request, "lam-theo")


@login_required
def example_list(request):
    return _list(request, "mo-hinh")


@login_required
def recognition_list(request):
    return _list(request, "bieu-duong")


# ---------------------------------------------------------------- criteria sets


@login_required
def criteria_list(request):
    sets = selectors.criteria_sets(request.user).prefetch_related("criteria")
    return render(
        request,
        "emulation/criteria_list.html",
        {"sets": list(sets[:200]), "can_create": _can_create(request)},
    )


@login_required
def criteria_detail(request, set_id: int):
    criteria_set = get_object_or_404(selectors.criteria_sets(request.user), pk=set_id)
    return render(
        request,
        "emulation/criteria_detail.html",
        {
            "set": criteria_set,
            "criteria": list(criteria_set.criteria.all()),
            "can_write": has_perm_at(request.user, permissions.WRITE, criteria_set.province),
        },
    )


def _criteria_page(request, criteria_set: CriteriaSet | None):
    provinces = [u for u in _units(request, permissions.WRITE) if u.parent_id is None] or (
        [criteria_set.province] if criteria_set else []
    )
    if not provinces:
        raise Http404
    initial = {"year": today().year, "province": provinces[0].pk}
    if criteria_set is not None:
        initial = {
            "province": criteria_set.province_id,
            "year": criteria_set.year,
            "target": criteria_set.target,
            "title": criteria_set.title,
            "decision_ref": criteria_set.decision_ref,
            "pass_score": criteria_set.pass_score,
            "criteria": criteria_text(criteria_set),
            "revision": criteria_set.revision,
        }
    form = CriteriaSetForm(
        request.POST if request.method == "POST" else None, initial=initial, units=provinces
    )

    def action(f):
        data = f.cleaned_data
        return services.save_criteria_set(
            actor=request.user,
            province=_write_unit(request, data["province"]),
            year=data["year"],
            target=data["target"],
            title=data["title"],
            decision_ref=data["decision_ref"],
            pass_score=data["pass_score"],
            criteria=data["criteria"],
            criteria_set=criteria_set,
            expected_revision=data["revision"],
        )

    return form_page(
        request,
        form,
        action,
        success="Đã ghi bộ tiêu chí.",
        template="emulation/form.html",
        context={"title": "Bộ tiêu chí “4 tốt”", "back": reverse("emulation:criteria")},
        target=lambda s: ("emulation:criteria_detail", s.pk),
    )


@login_required
def criteria_create(request):
    return _criteria_page(request, None)


@login_required
def criteria_edit(request, set_id: int):
    criteria_set = get_object_or_404(selectors.criteria_sets(request.user), pk=set_id)
    _writable(request, criteria_set, criteria_set.province)
    return _criteria_page(request, criteria_set)


# ---------------------------------------------------------------- pledges


def _pledge(request, pledge_id: int) -> Pledge:
    return get_object_or_404(
        Pledge.objects.visible_to(request.user).select_related("unit"), pk=pledge_id
    )


@login_required
def pledge_detail(request, pledge_id: int):
    pledge = _pledge(request, pledge_id)
    evaluation = (
        Evaluation.objects.select_related("decided_by", "criteria_set")
        .filter(pledge=pledge)
        .first()
    )
    results = list(evaluation.results.select_related("criterion")) if evaluation is not None else []
    return render(
        request,
        "emulation/pledge_detail.html",
        {
            "pledge": pledge,
            "evaluation": evaluation,
            "results": results,
            "can_write": has_perm_at(request.user, permissions.WRITE, pledge.unit),
            "can_evaluate": bool(_deciders(request, pledge)),
        },
    )


def _pledge_page(request, pledge: Pledge | None):
    if pledge is None and not _can_create(request):
        raise Http404
    units = _units(request, permissions.WRITE, [pledge.unit] if pledge else [])
    initial = {"year": today().year, "pledged_on": today()}
    if pledge is not None:
        initial = {
            "unit": pledge.unit_id,
            "year": pledge.year,
            "pledged_on": pledge.pledged_on,
            "note": pledge.note,
            "revision": pledge.revision,
        }
    form = PledgeForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        units=units,
        editing=pledge is not None,
    )

    def action(f):
        data = f.cleaned_data
        if pledge is not None:
            return services.update_pledge(
                actor=request.user,
                pledge=pledge,
                expected_revision=data["revision"],
                pledged_on=data["pledged_on"],
                note=data["note"],
            )
        return services.create_pledge(
            actor=request.user,
            unit=_write_unit(request, data["unit"]),
            year=data["year"],
            pledged_on=data["pledged_on"],
            note=data["note"],
        )

    return form_page(
        request,
        form,
        action,
        success="Đã ghi đăng ký “4 tốt”.",
        template="emulation/form.html",
        context={"title": "Đăng ký “4 tốt”", "back": reverse("emulation:list")},
        target=lambda p: ("emulation:pledge_detail", p.pk),
    )


@login_required
def pledge_create(request):
    return _pledge_page(request, None)


@login_required
def pledge_edit(request, pledge_id: int):
    return _pledge_page(request, _writable(request, _pledge(request, pledge_id)))


def _deciders(request, pledge: Pledge, day=None) -> list[Unit]:
    """The units above the pledging unit (on ``day``) where the user may write."""
    scope = scope_for(request.user, permissions.WRITE)
    ids = [v.unit_id for v in ancestors_on(pledge.unit, day or today())]
    if not ids and pledge.unit.ended_on:
        ids = [v.unit_id for v in ancestors_on(pledge.unit, pledge.pledged_on)]
    return [u for u in Unit.objects.filter(pk__in=ids).order_by("depth") if scope.covers(u.path)]


@login_required
def pledge_evaluate(request, pledge_id: int):
    pledge = _pledge(request, pledge_id)
    deciders = _deciders(request, pledge)
    if not deciders:
        raise Http404
    criteria_set = services.criteria_for(pledge.unit, pledge.year, pledge.target)
    criteria = list(criteria_set.criteria.all()) if criteria_set else []
    initial = {
        "decided_by": deciders[-1].pk,
        "decided_on": today(),
        "revision": pledge.revision,
        **{f"tc_{c.pk}": True for c in criteria},
    }
    form = EvaluationForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        units=deciders,
        criteria=criteria,
    )

    def action(f):
        data = f.cleaned_data
        decided_by = next((u for u in deciders if u.pk == data["decided_by"]), None)
        if decided_by is None:
            raise Http404
        return services.evaluate_pledge(
            actor=request.user,
            pledge=pledge,
            decided_by=decided_by,
            decided_on=data["decided_on"],
            results=f.results(),
            result=data["result"],
            decision_ref=data["decision_ref"],
            comment=data["comment"],
            expected_revision=data["revision"],
        )

    return form_page(
        request,
        form,
        action,
        success="Đã ghi kết quả “4 tốt”.",
        template="emulation/form.html",
        context={
            "title": f"Đánh giá {pledge}",
            "back": reverse("emulation:pledge_detail", args=[pledge.pk]),
            "note": None if criteria_set else "Đảng bộ tỉnh chưa ban hành bộ tiêu chí năm này.",
        },
        target=lambda e: ("emulation:pledge_detail", pledge.pk),
    )


# ---------------------------------------------------------------- registrations


def _registration(request, registration_id: int) -> Registration:
    return get_object_or_404(
        Registration.objects.visible_to(request.user).select_related("unit", "member"),
        pk=registration_id,
    )


@login_required
def registration_detail(request, registration_id: int):
    registration = _registration(request, registration_id)
    return render(
        request,
        "emulation/registration_detail.html",
        {
            "r": registration,
            "can_write": has_perm_at(request.user, permissions.WRITE, registration.unit),
        },
    )


def _registration_page(request, registration: Registration | None):
    if registration is None and not _can_create(request):
        raise Http404
    units = _units(request, permissions.WRITE, [registration.unit] if registration else [])
    initial = {"year": today().year, "registered_on": today()}
    if request.GET.get("dang_vien", "").isdigit():
        initial["member"] = int(request.GET["dang_vien"])
    if registration is not None:
        initial = {
            "year": registration.year,
            "unit": registration.unit_id if registration.collective else None,
            "member": registration.member_id,
            "registered_on": registration.registered_on,
            "content": registration.content,
            "revision": registration.revision,
        }
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        units=units,
        editing=registration is not None,
    )

    def action(f):
        data = f.cleaned_data
        if registration is not None:
            return services.update_registration(
                actor=request.user,
                registration=registration,
                expected_revision=data["revision"],
                registered_on=data["registered_on"],
                content=data["content"],
            )
        member = _member(request, data["member"])
        if data["member"] and member is None:
            f.add_error("member", "Không tìm thấy đảng viên này trong phạm vi của bạn.")
            return NOTHING
        return services.register(
            actor=request.user,
            year=data["year"],
            registered_on=data["registered_on"],
            unit=_write_unit(request, data["unit"]) if data["unit"] else None,
            member=member,
            content=data["content"],
        )

    result = submit(request, form, action)
    if result is not NOTHING:
        messages.success(request, "Đã ghi đăng ký học tập và làm theo.")
        return redirect("emulation:registration_detail", result.pk)
    return render(
        request,
        "emulation/form.html",
        {
            "form": form,
            "title": "Đăng ký học tập và làm theo",
            "back": reverse("emulation:registrations"),
        },
    )


@login_required
def registration_create(request):
    return _registration_page(request, None)


@login_required
def registration_edit(request, registration_id: int):
    return _registration_page(request, _writable(request, _registration(request, registration_id)))


# ---------------------------------------------------------------- models and examples


def _example(request, example_id: int) -> Example:
    return get_object_or_404(
        Example.objects.visible_to(request.user).select_related(
            "unit", "member", "field", "recognised_by"
        ),
        pk=example_id,
    )


@login_required
def example_detail(request, example_id: int):
    example = _example(request, example_id)
    can_write = has_perm_at(request.user, permissions.WRITE, example.unit)
    move_form = None
    if can_write and example.state and DVK_TRANSITIONS[example.state]:
        move_form = MoveForm(
            initial={"revision": example.revision, "recognised_on": today()},
            units=_units(request, permissions.WRITE),
        )
        move_form.fields["state"].choices = [(s, s.label) for s in DVK_TRANSITIONS[example.state]]
    return render(
        request,
        "emulation/example_detail.html",
        {"e": example, "can_write": can_write, "move_form": move_form},
    )


def _example_page(request, example: Example | None):
    if example is None and not _can_create(request):
        raise Http404
    selected = [example.unit, example.recognised_by] if example else []
    units = _units(request, permissions.WRITE, selected)
    recognisers = _units(request, permissions.READ, selected)
    initial = {"year": today().year, "movement": "lam_theo"}
    if example is not None:
        initial = {
            "kind": example.kind,
            "movement": example.movement,
            "title": example.title,
            "unit": example.unit_id if example.collective else None,
            "member": example.member_id,
            "field": example.field_id,
            "year": example.year,
            "description": example.description,
            "recognised_by": example.recognised_by_id,
            "recognised_body": example.recognised_body,
            "decision_ref": example.decision_ref,
            "recognised_on": example.recognised_on,
            "revision": example.revision,
        }
    form = ExampleForm(
        request.POST if request.method == "POST" else None, initial=initial, units=units
    )
    form.fields["recognised_by"].choices = [("", "—")] + [(u.pk, u.name) for u in recognisers]

    def action(f):
        data = dict(f.cleaned_data)
        revision = data.pop("revision")
        member = _member(request, data["member"])
        if data["member"] and member is None:
            f.add_error("member", "Không tìm thấy đảng viên này trong phạm vi của bạn.")
            return NOTHING
        data["member"] = member
        data["unit"] = _write_unit(request, data["unit"]) if data["unit"] else None
        data["recognised_by"] = (
            get_object_or_404(Unit.objects.visible_to(request.user), pk=data["recognised_by"])
            if data["recognised_by"]
            else None
        )
        return services.save_example(
            actor=request.user, example=example, expected_revision=revision, **data
        )

    result = submit(request, form, action)
    if result is not NOTHING:
        messages.success(request, "Đã ghi mô hình, điển hình.")
        return redirect("emulation:example_detail", result.pk)
    return render(
        request,
        "emulation/form.html",
        {"form": form, "title": "Mô hình, điển hình", "back": reverse("emulation:examples")},
    )


@login_required
def example_create(request):
    return _example_page(request, None)


@login_required
def example_edit(request, example_id: int):
    return _example_page(request, _writable(request, _example(request, example_id)))


@login_required
@require_POST
def example_move(request, example_id: int):
    example = _writable(request, _example(request, example_id))
    form = MoveForm(request.POST, units=_units(request, permissions.WRITE))

    def action(f):
        data = f.cleaned_data
        return services.move_example(
            actor=request.user,
            example=example,
            state=data["state"],
            expected_revision=data["revision"],
            recognised_by=_write_unit(request, data["recognised_by"])
            if data["recognised_by"]
            else None,
            recognised_on=data["recognised_on"],
            decision_ref=data["decision_ref"],
        )

    result = submit(request, form, action)
    if result is NOTHING:
        for error in form.non_field_errors() or ["Dữ liệu không hợp lệ."]:
            messages.error(request, error)
    else:
        messages.success(request, f"Mô hình chuyển sang bước “{result.get_state_display()}”.")
    return redirect("emulation:example_detail", example.pk)


# ---------------------------------------------------------------- recognitions


def _recognition(request, recognition_id: int) -> Recognition:
    return get_object_or_404(
        Recognition.objects.visible_to(request.user).select_related(
            "kind", "member", "unit", "recognised_by"
        ),
        pk=recognition_id,
    )


@login_required
def recognition_detail(request, recognition_id: int):
    recognition = _recognition(request, recognition_id)
    return render(
        request,
        "emulation/recognition_detail.html",
        {
            "r": recognition,
            "can_write": has_perm_at(request.user, permissions.WRITE, recognition.recognised_by),
        },
    )


def _recognition_page(request, recognition: Recognition | None):
    if recognition is None and not _can_create(request):
        raise Http404
    units = _units(request, permissions.WRITE, [recognition.recognised_by] if recognition else [])
    initial = {"year": today().year, "recognised_on": today()}
    if recognition is not None:
        initial = {
            "kind": recognition.kind_id,
            "member": recognition.member_id,
            "year": recognition.year,
            "recognised_by": recognition.recognised_by_id,
            "recognised_on": recognition.recognised_on,
            "decision_ref": recognition.decision_ref,
            "note": recognition.note,
            "revision": recognition.revision,
        }
    form = RecognitionForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        units=units,
        editing=recognition is not None,
    )

    def action(f):
        data = f.cleaned_data
        if recognition is not None:
            return services.update_recognition(
                actor=request.user,
                recognition=recognition,
                expected_revision=data["revision"],
                decision_ref=data["decision_ref"],
                note=data["note"],
                recognised_on=data["recognised_on"],
            )
        member = _member(request, data["member"])
        if member is None:
            f.add_error("member", "Không tìm thấy đảng viên này trong phạm vi của bạn.")
            return NOTHING
        return services.record_recognition(
            actor=request.user,
            kind=data["kind"],
            member=member,
            year=data["year"],
            recognised_by=_write_unit(request, data["recognised_by"]),
            recognised_on=data["recognised_on"],
            decision_ref=data["decision_ref"],
            note=data["note"],
        )

    result = submit(request, form, action)
    if result is not NOTHING:
        messages.success(request, "Đã ghi biểu dương.")
        return redirect("emulation:recognition_detail", result.pk)
    return render(
        request,
        "emulation/form.html",
        {"form": form, "title": "Biểu dương, tôn vinh", "back": reverse("emulation:recognitions")},
    )


@login_required
def recognition_create(request):
    return _recognition_page(request, None)


@login_required
def recognition_edit(request, recognition_id: int):
    recognition = _recognition(request, recognition_id)
    return _recognition_page(request, _writable(request, recognition, recognition.recognised_by))


# ---------------------------------------------------------------- figures


def _list_url(name: str, params: dict) -> str:
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query[key] = str(value)
    return f"{reverse(name)}?{query.urlencode()}"


def _linker(unit: Unit, year: int):
    """``link(key, text)`` for the sentences: each number links to the list of its records."""
    base = {"don_vi": unit.pk, "nam": year}
    targets = {
        "reg_collective": ("emulation:registrations", {"doi_tuong": "tap_the"}),
        "reg_individual": ("emulation:registrations", {"doi_tuong": "ca_nhan"}),
        "examples": ("emulation:examples", {"phong_trao": "lam_theo"}),
        "examples_collective": (
            "emulation:examples",
            {"phong_trao": "lam_theo", "doi_tuong": "tap_the"},
        ),
        "examples_individual": (
            "emulation:examples",
            {"phong_trao": "lam_theo", "doi_tuong": "ca_nhan"},
        ),
        "dvk": ("emulation:examples", {"phong_trao": "dan_van_kheo"}),
        "dvk_evaluated": (
            "emulation:examples",
            {"phong_trao": "dan_van_kheo", "trang_thai": "da_danh_gia_tro_len"},
        ),
        "dvk_effective": (
            "emulation:examples",
            {"phong_trao": "dan_van_kheo", "trang_thai": "hieu_qua"},
        ),
    }

    def link(key, text: str) -> str:
        if isinstance(key, tuple):
            what, value = key
            name, extra = {
                "pledged": ("emulation:list", {"doi_tuong": value}),
                "passed": ("emulation:list", {"doi_tuong": value, "ket_qua": "dat"}),
                "kind": ("emulation:examples", {"phong_trao": "lam_theo", "loai": value}),
                "recognition": ("emulation:recognitions", {"loai": value}),
            }[what]
        else:
            name, extra = targets[key]
        return format_html('<a href="{}">{}</a>', _list_url(name, {**base, **extra}), text)

    return link


def _safe(sentence_of, link) -> str:
    """A sentence whose numbers are links: the wording (which may hold names from the code
    tables) is escaped, then each number's placeholder becomes its link."""
    pieces: list[str] = []

    def mark(key, text: str) -> str:
        pieces.append(link(key, conditional_escape(text)))
        return f"\x00{len(pieces) - 1}\x00"

    text = conditional_escape(sentence_of(mark))
    return mark_safe(re.sub("\x00(\\d+)\x00", lambda m: pieces[int(m.group(1))], text))


@login_required
def figures(request):
    readable = selectors.readable_units(request.user)
    unit = chosen_unit(request.user, request.GET) or readable.top()
    form = FiguresForm(
        request.GET or None,
        units=_units(request, selected=[unit]),
        initial={"don_vi": unit.pk if unit else None, "nam": today().year},
    )
    year = form.cleaned_data["nam"] if form.is_valid() else today().year
    context = {"form": form, "unit": unit, "year": year, "f": None}
    if unit is not None:
        result = compute_figures(unit, year)
        link = _linker(unit, year)
        context["f"] = result
        context["total"] = {
            "four_good": [_safe(fg.sentence, link) for fg in result.total.four_good.values()],
            "lam_theo": _safe(result.total.lam_theo.sentence, link),
            "examples": _safe(result.examples.sentence, link),
            "dvk": _safe(result.examples.dvk_sentence, link),
            "recognitions": _safe(result.recognition_sentence, link),
        }
        for row in result.rows:
            row.link = _list_url("emulation:list", {"don_vi": row.unit.pk, "nam": year})
            row.reg_link = _list_url(
                "emulation:registrations", {"don_vi": row.unit.pk, "nam": year}
            )
    return render(request, "emulation/figures.html", context)


# ---------------------------------------------------------------- export


@login_required
@require_http_methods(["GET", "POST"])
def export(request):
    """GET: what will be exported (``bang`` = the list, with its filters); POST: the job."""
    code = request.GET.get("bang", "4-tot")
    table = TABLES.get(code)
    if table is None:
        raise Http404
    params = request.GET.copy()
    params.pop("bang", None)
    _, unit, records = filtered(request.user, table, params)
    if request.method == "POST":
        job = start_job(
            actor=request.user,
            kind=EXPORT_JOB,
            unit=unit,
            params={"table": code, "filters": params.urlencode()},
            title=f"Xuất danh sách {table.title}" + (f" — {unit.name}" if unit else ""),
        )
        return redirect("jobs:detail", job.pk)
    count = CappedPaginator(records, PER_PAGE).count
    return render(
        request,
        "emulation/export.html",
        {
            "table": table,
            "unit": unit,
            "count": count,
            "query": request.GET.urlencode(),
            "filters": params.urlencode(),
        },
    )
