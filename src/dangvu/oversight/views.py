"""Oversight pages: plans, cases and discipline decisions (list, create, edit, detail,
export) and the figures. A record or unit outside the user's scope answers 404; writing
needs ``manage_discipline`` over the acting unit; a decision's page needs
``manage_discipline`` (others see only the counts on the list and the figures)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from dangvu.accounts.scopes import today
from dangvu.jobs.list_exports import export_list
from dangvu.members.models import Member
from dangvu.orgs.models import Unit
from dangvu.study.selectors import period_of
from dangvu.web.form_actions import NOTHING, form_page, submit
from dangvu.web.pagination import list_page, query_without_page
from dangvu.web.unit_choices import MAX_UNIT_CHOICES, capped_units, indented_name, unit_from_query

from . import listing, selectors, services
from .export import write_cases, write_decisions
from .figures import case_figures, discipline_figures
from .forms import (
    CaseForm,
    DecisionForm,
    FiguresForm,
    PlanFilterForm,
    PlanForm,
    PlanItemForm,
)
from .models import Activity, Case, CaseKind, Form, PlanItem, SubjectKind

PER_PAGE = 50


# ---------------------------------------------------------------- shared


def _labelled(units) -> list[Unit]:
    units = list(units)
    for unit in units:
        unit.label = indented_name(unit)
        if unit.ended_on is not None:
            unit.label += " (đã kết thúc)"
    return units


def _filter_units(request, selected: Unit | None) -> list[Unit]:
    """Units offered in the "Tổ chức" filters (current ones; non-cells when there are many)."""
    readable = selectors.readable_units(request.user).current().order_by("path")
    return _labelled(capped_units(readable, [selected], non_cell_limit=MAX_UNIT_CHOICES))


def _subject_units(request) -> list[Unit]:
    """Units that may be the subject of a case or decision: in the user's managed scope,
    including those that have ended (discipline applies to merged or dissolved units)."""
    return _labelled(
        Unit.objects.visible_to(request.user, selectors.MANAGE).order_by("path")[:MAX_UNIT_CHOICES]
    )


def _selected_unit(request, *, default_top: bool = False) -> Unit | None:
    unit = unit_from_query(request, selectors.readable_units(request.user))
    return selectors.top_unit(request.user) if unit is None and default_top else unit


def _managed_unit(request, unit_id) -> Unit:
    return get_object_or_404(selectors.managed_units(request.user), pk=unit_id)


def _subject(request, data) -> dict:
    """The subject chosen on a form, re-checked against the user's scope."""
    if data.get("subject_type") == SubjectKind.UNIT:
        unit = (
            Unit.objects.visible_to(request.user, selectors.MANAGE)
            .filter(pk=data["subject_unit"])
            .first()
        )
        if unit is None:
            raise ValidationError("Tổ chức đã chọn không thuộc phạm vi của bạn.")
        return {"subject_unit": unit}
    member = Member.objects.visible_to(request.user).filter(pk=data["subject_member"]).first()
    if member is None:
        raise ValidationError(
            f"Không có đảng viên mã {data['subject_member']} trong phạm vi của bạn."
        )
    return {"subject_member": member}


# ---------------------------------------------------------------- cases


@login_required
def case_list(request):
    unit = _selected_unit(request)
    form, cases = listing.filtered_cases(
        request.user, request.GET, unit=unit, units=_filter_units(request, unit)
    )
    page = list_page(request, cases, PER_PAGE)
    return render(
        request,
        "oversight/case_list.html",
        {
            "form": form,
            "unit": unit,
            "page": page,
            "query": query_without_page(request),
            "can_create": selectors.managed_units(request.user).exists(),
        },
    )


@login_required
def case_export(request):
    unit = _selected_unit(request)
    _, cases = listing.filtered_cases(request.user, request.GET, unit=unit)
    return export_list(
        request,
        rows=cases,
        job_kind=listing.CASES_EXPORT_JOB,
        unit=unit,
        action="oversight.cases.export",
        name=listing.cases_name(),
        write=lambda handle: write_cases(handle, cases, title_lines=[listing.cases_title(unit)]),
        inline_max=listing.EXPORT_INLINE_MAX,
    )


def _plan_items(request):
    return list(
        PlanItem.objects.filter(plan__in=selectors.plan_list(request.user).values("pk"))
        .filter(
            plan__unit__in=selectors.managed_units(request.user), plan__year__gte=today().year - 1
        )
        .select_related("plan__unit")
        .order_by("-plan__year", "plan__unit__path", "month", "id")[:MAX_UNIT_CHOICES]
    )


def _case_kwargs(request, data) -> dict:
    item = None
    if data.get("plan_item"):
        item = PlanItem.objects.filter(pk=data["plan_item"]).select_related("plan").first()
    return {
        "activity": data["activity"],
        "kind": data["kind"],
        "start_date": data["start_date"],
        "end_date": data["end_date"],
        "plan_item": item,
        "title": data["title"],
        "findings": data["findings"],
        "conclusion": data["conclusion"],
        "follow_up": data["follow_up"],
    }


@login_required
def case_create(request):
    units = _labelled(selectors.managed_units(request.user))
    if not units:
        raise Http404
    form = CaseForm(
        request.POST or None,
        units=units,
        subjects=_subject_units(request),
        items=_plan_items(request),
        initial={
            "activity": Activity.INSPECTION,
            "kind": CaseKind.REGULAR,
            "subject_type": SubjectKind.UNIT,
            "start_date": today(),
        },
    )

    def create(f):
        data = f.cleaned_data
        return services.create_case(
            actor=request.user,
            unit=_managed_unit(request, data["unit"]),
            **_subject(request, data),
            **_case_kwargs(request, data),
        )

    return form_page(
        request,
        form,
        create,
        success="Đã ghi cuộc kiểm tra, giám sát.",
        template="oversight/change.html",
        context={"title": "Ghi cuộc kiểm tra, giám sát", "back": reverse("oversight:list")},
        target=lambda r: ("oversight:case_detail", r.pk),
    )


@login_required
def case_edit(request, case_id: int):
    case = selectors.case_for(request.user, case_id, write=True)
    initial = {
        name: getattr(case, name)
        for name in ("activity", "kind", "start_date", "end_date", "title", "findings")
    }
    initial.update(
        conclusion=case.conclusion,
        follow_up=case.follow_up,
        plan_item=case.plan_item_id,
        revision=case.revision,
    )
    form = CaseForm(request.POST or None, items=_plan_items(request), editing=True, initial=initial)
    back = reverse("oversight:case_detail", args=[case.pk])
    title = f"Sửa: {case} — {case.subject_name}"
    return form_page(
        request,
        form,
        lambda f: services.update_case(
            actor=request.user,
            case=case,
            expected_revision=f.cleaned_data["revision"],
            **_case_kwargs(request, f.cleaned_data),
        ),
        success="Đã cập nhật cuộc kiểm tra, giám sát.",
        template="oversight/change.html",
        context={"title": title, "back": back},
        target=lambda r: ("oversight:case_detail", case.pk),
    )


@login_required
def case_detail(request, case_id: int):
    case = selectors.case_for(request.user, case_id)
    return render(
        request,
        "oversight/case_detail.html",
        {
            "case": case,
            "can_write": selectors.can_manage(request.user, case.unit),
            "decisions": list(selectors.detailed_decisions(request.user).filter(case=case)),
        },
    )


# ---------------------------------------------------------------- plans


@login_required
def plan_list(request):
    unit = _selected_unit(request)
    form = PlanFilterForm(request.GET or None, units=_filter_units(request, unit))
    year = form.cleaned_data.get("nam") if form.is_valid() else None
    plans = selectors.plan_list(request.user, unit=unit, year=year)
    page = list_page(request, plans, PER_PAGE)
    return render(
        request,
        "oversight/plan_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "can_create": selectors.managed_units(request.user).exists(),
        },
    )


@login_required
def plan_create(request):
    units = _labelled(selectors.managed_units(request.user))
    if not units:
        raise Http404
    form = PlanForm(request.POST or None, units=units, initial={"year": today().year})
    back = reverse("oversight:plan_list")
    title = "Kế hoạch kiểm tra, giám sát mới"
    return form_page(
        request,
        form,
        lambda f: services.create_plan(
            actor=request.user,
            unit=_managed_unit(request, f.cleaned_data["unit"]),
            year=f.cleaned_data["year"],
            title=f.cleaned_data["title"],
            number=f.cleaned_data["number"],
            note=f.cleaned_data["note"],
        ),
        success="Đã ghi kế hoạch. Hãy thêm các nội dung kiểm tra, giám sát.",
        template="oversight/change.html",
        context={"title": title, "back": back},
        target=lambda r: ("oversight:plan_detail", r.pk),
    )


@login_required
def plan_edit(request, plan_id: int):
    plan = selectors.plan_for(request.user, plan_id, write=True)
    form = PlanForm(
        request.POST or None,
        editing=True,
        initial={
            "title": plan.title,
            "number": plan.number,
            "note": plan.note,
            "revision": plan.revision,
        },
    )
    back = reverse("oversight:plan_detail", args=[plan.pk])
    title = f"Sửa kế hoạch năm {plan.year} — {plan.unit.name}"
    return form_page(
        request,
        form,
        lambda f: services.update_plan(
            actor=request.user,
            plan=plan,
            expected_revision=f.cleaned_data["revision"],
            title=f.cleaned_data["title"],
            number=f.cleaned_data["number"],
            note=f.cleaned_data["note"],
        ),
        success="Đã cập nhật kế hoạch.",
        template="oversight/change.html",
        context={"title": title, "back": back},
        target=lambda r: ("oversight:plan_detail", plan.pk),
    )


@login_required
def plan_detail(request, plan_id: int):
    """The plan, its items with the cases carried out under each, and (for those who manage
    it) the form adding an item."""
    plan = selectors.plan_for(request.user, plan_id)
    can_write = selectors.can_manage(request.user, plan.unit)
    form = None
    if can_write:
        form = PlanItemForm(
            request.POST or None,
            units=_subject_units(request),
            initial={"revision": plan.revision},
        )

        def add(f):
            data = dict(f.cleaned_data)
            subject = None
            if data.get("subject_unit"):
                subject = _subject(request, {"subject_type": "to_chuc", **data})["subject_unit"]
            return services.add_plan_item(
                actor=request.user,
                plan=plan,
                expected_revision=data.pop("revision"),
                activity=data["activity"],
                kind=data["kind"],
                content=data["content"],
                subject_unit=subject,
                subject_text=data["subject_text"],
                month=data["month"],
            )

        if submit(request, form, add) is not NOTHING:
            messages.success(request, "Đã thêm nội dung vào kế hoạch.")
            return redirect("oversight:plan_detail", plan.pk)
    elif request.method == "POST":
        raise Http404
    items = list(plan.items.select_related("subject_unit").order_by("month", "id"))
    done: dict[int, list[Case]] = {}
    for case in Case.objects.visible_to(request.user).filter(plan_item__plan=plan):
        done.setdefault(case.plan_item_id, []).append(case)
    for item in items:
        item.done = done.get(item.pk, [])
    return render(
        request,
        "oversight/plan_detail.html",
        {"plan": plan, "items": items, "form": form, "can_write": can_write},
    )


# ---------------------------------------------------------------- decisions


@login_required
def decision_list(request):
    """Counts for everybody who reads the unit; the rows only where the user holds
    ``manage_discipline``."""
    unit = _selected_unit(request)
    form, filters = listing.decision_filters(
        request.GET, unit=unit, units=_filter_units(request, unit)
    )
    counts = selectors.decision_counts(request.user, **filters)
    page = None
    if selectors.manages_anywhere(request.user):
        rows = selectors.detailed_decisions(request.user, **filters)
        page = list_page(request, rows, PER_PAGE)
    return render(
        request,
        "oversight/decision_list.html",
        {
            "form": form,
            "unit": unit,
            "counts": counts,
            "page": page,
            "query": query_without_page(request),
            "can_create": selectors.managed_units(request.user).exists(),
        },
    )


@login_required
def decision_export(request):
    unit = _selected_unit(request)
    _, filters = listing.decision_filters(request.GET, unit=unit)
    decisions = listing.exported_decisions(request.user, filters)
    return export_list(
        request,
        rows=decisions,
        job_kind=listing.DECISIONS_EXPORT_JOB,
        unit=unit,
        action="oversight.decisions.export",
        name=listing.decisions_name(),
        write=lambda handle: write_decisions(
            handle, request.user, decisions, title_lines=[listing.decisions_title(unit)]
        ),
        inline_max=listing.EXPORT_INLINE_MAX,
    )


def _decision_kwargs(request, data) -> dict:
    case = None
    if data.get("case"):
        case = Case.objects.visible_to(request.user).filter(pk=data["case"]).first()
        if case is None:
            raise ValidationError(
                f"Không có cuộc kiểm tra mã {data['case']} trong phạm vi của bạn."
            )
    return {
        "number": data["number"],
        "date": data["date"],
        "violation": data["violation"],
        "form": data["form"],
        "text": data["text"],
        "case": case,
    }


@login_required
def decision_create(request):
    units = _labelled(selectors.managed_units(request.user))
    if not units:
        raise Http404
    initial = {"subject_type": SubjectKind.UNIT, "form": Form.REPRIMAND}
    if request.GET.get("cuoc", "").isdigit():
        initial["case"] = int(request.GET["cuoc"])
    form = DecisionForm(
        request.POST or None, units=units, subjects=_subject_units(request), initial=initial
    )

    def create(f):
        data = f.cleaned_data
        return services.decide_discipline(
            actor=request.user,
            unit=_managed_unit(request, data["unit"]),
            **_subject(request, data),
            **_decision_kwargs(request, data),
        )

    back = reverse("oversight:decision_list")
    title = "Ghi quyết định kỷ luật"
    return form_page(
        request,
        form,
        create,
        success="Đã ghi quyết định kỷ luật.",
        template="oversight/change.html",
        context={"title": title, "back": back},
        target=lambda r: ("oversight:decision_detail", r.pk),
    )


@login_required
def decision_edit(request, decision_id: int):
    decision = selectors.decision_for(request.user, decision_id, write=True)
    form = DecisionForm(
        request.POST or None,
        editing=True,
        initial={
            "number": decision.number,
            "date": decision.date,
            "violation": decision.violation,
            "form": decision.form,
            "text": decision.text,
            "case": decision.case_id,
            "revision": decision.revision,
        },
    )
    back = reverse("oversight:decision_detail", args=[decision.pk])
    title = f"Sửa {decision}"
    return form_page(
        request,
        form,
        lambda f: services.update_decision(
            actor=request.user,
            decision=decision,
            expected_revision=f.cleaned_data["revision"],
            **_decision_kwargs(request, f.cleaned_data),
        ),
        success="Đã cập nhật quyết định kỷ luật.",
        template="oversight/change.html",
        context={"title": title, "back": back},
        target=lambda r: ("oversight:decision_detail", decision.pk),
    )


@login_required
def decision_detail(request, decision_id: int):
    decision = selectors.decision_for(request.user, decision_id)
    return render(
        request,
        "oversight/decision_detail.html",
        {"d": decision, "can_write": selectors.can_manage(request.user, decision.unit)},
    )


# ---------------------------------------------------------------- figures


def _link(name: str, unit: Unit, period, **extra) -> str:
    params = {
        "don_vi": unit.pk,
        "tu_ngay": f"{period.start:%d/%m/%Y}",
        "den_ngay": f"{period.end:%d/%m/%Y}",
        **{k: v for k, v in extra.items() if v},
    }
    return f"{reverse(name)}?{urlencode(params)}"


@login_required
def figures(request):
    unit = _selected_unit(request, default_top=True)
    data = request.GET.copy()
    data.setdefault("nam", str(today().year))
    form = FiguresForm(data, units=_filter_units(request, unit))
    year, quarter = today().year, None
    if form.is_valid():
        year, quarter = form.cleaned_data["nam"], form.cleaned_data["quy"]
    context = {"form": form, "unit": unit}
    if unit is not None:
        period = period_of(year=year, quarter=quarter)
        cases = case_figures(unit, period)
        discipline = discipline_figures(unit, period)
        activities = []
        for activity in Activity:
            kinds = [
                (label, n, _link("oversight:list", unit, period, hoat_dong=activity, loai=kind))
                for kind, label, n in cases.by_kind(activity)
            ]
            activities.append(
                {
                    "label": activity.label,
                    "total": cases.total(activity),
                    "link": _link("oversight:list", unit, period, hoat_dong=activity),
                    "kinds": kinds,
                    "sentence": cases.sentence(activity),
                }
            )
        forms_table = []
        for subject, label in (("dang_vien", "Đảng viên"), (SubjectKind.UNIT, "Tổ chức đảng")):
            previous = dict((f, n) for f, _l, n in discipline.previous.forms(subject))
            forms_table.append(
                {
                    "label": label,
                    "rows": [
                        (
                            form_label,
                            n,
                            previous.get(form_code, 0),
                            _link(
                                "oversight:decision_list",
                                unit,
                                period,
                                doi_tuong=subject,
                                hinh_thuc=form_code,
                            ),
                        )
                        for form_code, form_label, n in discipline.current.forms(subject)
                    ],
                }
            )
        for row in cases.rows:
            row.link = None if row.only_unit else _link("oversight:list", row.unit, period)
        for row in discipline.rows:
            row.link = None if row.only_unit else _link("oversight:decision_list", row.unit, period)
        context.update(
            period=period,
            cases=cases,
            activities=activities,
            discipline=discipline,
            forms_table=forms_table,
            links={
                "members": _link("oversight:decision_list", unit, period, doi_tuong="dang_vien"),
                "units": _link("oversight:decision_list", unit, period, doi_tuong="to_chuc"),
                "members_before": _link(
                    "oversight:decision_list",
                    unit,
                    discipline.previous.period,
                    doi_tuong="dang_vien",
                ),
            },
        )
    return render(request, "oversight/figures.html", context)
