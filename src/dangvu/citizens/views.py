"""Dân vận pages: the feedback list (filters, htmx), create / edit / detail, the routing,
answer, referral and closing actions as forms, the overdue work list, the pressing issues,
the figures page and the XLSX export (a job).

A record or unit outside the user's ``read`` scope answers 404 (a feedback is also visible at
the unit it was routed to); an action needs ``write`` at the recording unit — answering or
referring also at the unit it was routed to — and answers 404 otherwise."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from dangvu.accounts import permissions
from dangvu.accounts.scopes import has_perm_at, scope_for, today
from dangvu.jobs.services import start_job
from dangvu.orgs.models import Unit
from dangvu.orgs.selectors import ancestors_on
from dangvu.study.selectors import period_of
from dangvu.web.form_actions import form_page
from dangvu.web.pagination import CappedPaginator, list_page, query_without_page
from dangvu.web.unit_choices import capped_units, indented_name

from . import figures as figures_module
from . import selectors, services
from .forms import (
    AnswerForm,
    CloseForm,
    FeedbackForm,
    FiguresForm,
    IssueForm,
    IssueResultForm,
    ReferForm,
    RouteForm,
)
from .listing import EXPORT_JOB, feedback_from_query, issues_from_query, unit_param
from .models import Feedback, FeedbackState, PressingIssue

PER_PAGE = 50


# ---------------------------------------------------------------- lookups


def _units(user, perm=permissions.READ, selected=(), *, current_only=False) -> list[Unit]:
    """Units offered in a "Tổ chức" choice: those in the user's scope for ``perm`` (ended ones
    too, unless ``current_only``: feedback before the 2025 reorganisation was received by the
    old units), only the non-cell ones in a large scope; plus ``selected``."""
    scoped = Unit.objects.visible_to(user, perm).order_by("path")
    if current_only:
        scoped = scoped.current()
    units = capped_units(scoped, selected)
    for unit in units:
        unit.choice_label = indented_name(unit)
        if unit.ended_on:
            unit.choice_label += f" (đến {unit.ended_on:%d/%m/%Y})"
    return units


def _list_url(name: str, params: dict) -> str:
    query = QueryDict(mutable=True)
    for key, value in params.items():
        if value not in (None, ""):
            query[key] = value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)
    return f"{reverse(name)}?{query.urlencode()}"


def _can_create(user) -> bool:
    return not scope_for(user, permissions.WRITE).is_empty


# ---------------------------------------------------------------- feedback list, detail


@login_required
def feedback_list(request):
    units = None if request.htmx else _units(request.user)
    form, unit, feedback = feedback_from_query(request.user, request.GET, units=units)
    page = list_page(request, feedback, PER_PAGE)
    context = {
        "form": form,
        "page": page,
        "unit": unit,
        "query": query_without_page(request),
        "today": today(),
        "can_create": _can_create(request.user),
    }
    if request.htmx:
        return render(request, "citizens/_results.html", context)
    return render(request, "citizens/list.html", context)


@login_required
def overdue(request):
    """The work list: feedback overdue today that the user can see — recorded in the scope or
    routed to a unit in it."""
    day = today()
    page = list_page(request, selectors.overdue_list(request.user, day), PER_PAGE)
    return render(
        request,
        "citizens/overdue.html",
        {"page": page, "today": day, "query": query_without_page(request)},
    )


@login_required
def feedback_detail(request, feedback_id: int):
    feedback = selectors.feedback_for(request.user, feedback_id)
    manage = selectors.can_manage(request.user, feedback)
    respond = selectors.can_respond(request.user, feedback)
    actions = []
    if feedback.state == FeedbackState.RECEIVED and manage:
        actions.append(("citizens:route", "Chuyển xử lý"))
    if feedback.state == FeedbackState.ROUTED and respond:
        actions += [("citizens:answer", "Ghi trả lời"), ("citizens:refer", "Chuyển cơ quan")]
    if feedback.state in (FeedbackState.ANSWERED, FeedbackState.REFERRED) and manage:
        actions.append(("citizens:close", "Kết thúc"))
    return render(
        request,
        "citizens/detail.html",
        {
            "feedback": feedback,
            "can_edit": manage and feedback.state != FeedbackState.CLOSED,
            "actions": actions,
            "overdue": feedback.overdue_at(today()),
        },
    )


# ---------------------------------------------------------------- create, edit


def _record_page(
    request, record, *, form_class, fields, initial, create, update, texts, current_only=True
):
    """Create (``record`` None) or edit a record through its form; the services decide.
    ``texts``: (title when creating, title when editing, success message, detail URL name,
    list URL name)."""
    user = request.user
    if record is None and not _can_create(user):
        raise Http404
    new_title, edit_title, success, detail, listing = texts
    units = _units(user, permissions.WRITE, current_only=current_only) if record is None else []
    if record is not None:
        initial = {name: record.serializable_value(name) for name in [*fields, "revision"]}
    form = form_class(
        request.POST if request.method == "POST" else None,
        initial=initial,
        units=units,
        fixed_unit=record is not None,
    )

    def action(f):
        data = dict(f.cleaned_data)
        revision = data.pop("revision", None)
        if record is not None:
            return update(record, actor=user, expected_revision=revision, **data)
        data["unit"] = get_object_or_404(
            Unit.objects.visible_to(user, permissions.WRITE), pk=data["unit"]
        )
        return create(actor=user, **data)

    return form_page(
        request,
        form,
        action,
        success=success,
        template="citizens/form.html",
        context={
            "title": edit_title if record else new_title,
            "back": reverse(detail, args=[record.pk]) if record else reverse(listing),
            "record": record,
        },
        target=lambda r: (detail, r.pk),
    )


def _feedback_page(request, feedback: Feedback | None):
    return _record_page(
        request,
        feedback,
        form_class=FeedbackForm,
        fields=services.FEEDBACK_FIELDS,
        initial={"received_on": today()},
        create=services.record_feedback,
        update=lambda f, **kw: services.update_feedback(feedback=f, **kw),
        current_only=False,  # feedback of 2024 was received by the units of the time
        texts=(
            "Ghi nhận ý kiến, kiến nghị",
            "Sửa ý kiến, kiến nghị",
            "Đã ghi ý kiến, kiến nghị.",
            "citizens:detail",
            "citizens:list",
        ),
    )


@login_required
def feedback_create(request):
    return _feedback_page(request, None)


@login_required
def feedback_edit(request, feedback_id: int):
    feedback = selectors.feedback_for(request.user, feedback_id)
    if not selectors.can_manage(request.user, feedback):
        raise Http404
    return _feedback_page(request, feedback)


# ---------------------------------------------------------------- the actions


def _route_units(user, feedback: Feedback) -> list[Unit]:
    """Where a feedback may be routed: current units in the user's scope and the recording
    unit's ancestors (the committee above it)."""
    above = (
        [v.unit for v in ancestors_on(feedback.unit, today())] if not feedback.unit.ended_on else []
    )
    return _units(
        user, permissions.READ, [Unit.objects.get(pk=u.pk) for u in above], current_only=True
    )


ACTIONS = {
    "route": ("Chuyển xử lý", RouteForm, "Đã chuyển xử lý."),
    "answer": ("Ghi trả lời", AnswerForm, "Đã ghi trả lời."),
    "refer": ("Chuyển cơ quan có thẩm quyền", ReferForm, "Đã chuyển cơ quan có thẩm quyền."),
    "close": ("Kết thúc", CloseForm, "Đã kết thúc ý kiến."),
}


@login_required
def feedback_action(request, feedback_id: int, action: str):
    """One transition of the feedback as a form; the service refuses what the state does not
    allow (in Vietnamese, shown on the form)."""
    user = request.user
    feedback = selectors.feedback_for(user, feedback_id)
    allowed = (
        selectors.can_respond(user, feedback)
        if action in ("answer", "refer")
        else selectors.can_manage(user, feedback)
    )
    if not allowed:
        raise Http404
    title, form_class, success = ACTIONS[action]
    initial = {"revision": feedback.revision}
    for name in ("routed_on", "responded_on", "closed_on"):
        initial[name] = today()
    kwargs = {"units": _route_units(user, feedback)} if action == "route" else {}
    form = form_class(request.POST if request.method == "POST" else None, initial=initial, **kwargs)

    def run(f):
        data = dict(f.cleaned_data)
        revision = data.pop("revision")
        common = {"actor": user, "feedback": feedback, "expected_revision": revision}
        if action == "route":
            unit_id = data.pop("routed_unit")
            data["routed_unit"] = Unit.objects.get(pk=unit_id) if unit_id else None
            return services.route_feedback(**common, **data)
        if action == "answer":
            return services.answer_feedback(**common, **data)
        if action == "refer":
            return services.refer_feedback(**common, **data)
        return services.close_feedback(**common, **data)

    return form_page(
        request,
        form,
        run,
        success=success,
        template="citizens/form.html",
        context={
            "title": title,
            "record": feedback,
            "back": reverse("citizens:detail", args=[feedback.pk]),
        },
        target=lambda f: ("citizens:detail", f.pk),
    )


# ---------------------------------------------------------------- pressing issues


@login_required
def issue_list(request):
    units = None if request.htmx else _units(request.user)
    form, unit, issues = issues_from_query(request.user, request.GET, units=units)
    page = list_page(request, issues, PER_PAGE)
    context = {
        "form": form,
        "page": page,
        "unit": unit,
        "query": query_without_page(request),
        "can_create": _can_create(request.user),
    }
    if request.htmx:
        return render(request, "citizens/_issue_results.html", context)
    return render(request, "citizens/issue_list.html", context)


@login_required
def issue_detail(request, issue_id: int):
    issue = selectors.issue_for(request.user, issue_id)
    return render(
        request,
        "citizens/issue_detail.html",
        {"issue": issue, "can_write": has_perm_at(request.user, permissions.WRITE, issue.unit)},
    )


def _managed_issue(request, issue_id: int) -> PressingIssue:
    issue = selectors.issue_for(request.user, issue_id)
    if not has_perm_at(request.user, permissions.WRITE, issue.unit):
        raise Http404
    return issue


def _issue_page(request, issue: PressingIssue | None):
    return _record_page(
        request,
        issue,
        form_class=IssueForm,
        fields=[f for f in services.ISSUE_FIELDS if f != "unit"],
        initial={"year": today().year},
        create=services.select_issue,
        update=lambda i, **kw: services.update_issue(issue=i, **kw),
        texts=(
            "Chọn việc nổi cộm, bức xúc",
            "Sửa việc nổi cộm, bức xúc",
            "Đã ghi việc nổi cộm, bức xúc.",
            "citizens:issue_detail",
            "citizens:issues",
        ),
    )


@login_required
def issue_create(request):
    return _issue_page(request, None)


@login_required
def issue_edit(request, issue_id: int):
    return _issue_page(request, _managed_issue(request, issue_id))


@login_required
def issue_result(request, issue_id: int):
    issue = _managed_issue(request, issue_id)
    form = IssueResultForm(
        request.POST if request.method == "POST" else None,
        initial={
            "state": issue.state,
            "resolved_on": issue.resolved_on,
            "result": issue.result,
            "revision": issue.revision,
        },
    )

    def action(f):
        data = dict(f.cleaned_data)
        return services.record_issue_result(
            actor=request.user, issue=issue, expected_revision=data.pop("revision"), **data
        )

    return form_page(
        request,
        form,
        action,
        success="Đã ghi kết quả giải quyết.",
        template="citizens/form.html",
        context={
            "title": "Kết quả giải quyết",
            "record": issue,
            "back": reverse("citizens:issue_detail", args=[issue.pk]),
        },
        target=lambda i: ("citizens:issue_detail", i.pk),
    )


# ---------------------------------------------------------------- figures


@login_required
def figures(request):
    user = request.user
    readable = selectors.readable_units(user)
    unit = unit_param(user, request.GET.get("don_vi", "")) or readable.top()
    form = FiguresForm(
        request.GET or None,
        units=_units(user, selected=[unit]),
        initial={"don_vi": unit.pk if unit else None, "nam": today().year},
    )
    data = form.cleaned_data if form.is_valid() else {}
    period = period_of(
        year=data.get("nam"),
        quarter=data.get("quy"),
        month=data.get("thang"),
        start=data.get("tu_ngay"),
        end=data.get("den_ngay"),
    )
    feedback = issues = None
    if unit is not None:
        feedback = figures_module.feedback_figures(user, unit, period)
        issues = figures_module.issue_figures(user, unit, period)
        _link_feedback(feedback)
        _link_issues(issues)
    return render(
        request,
        "citizens/figures.html",
        {"form": form, "unit": unit, "period": period, "feedback": feedback, "issues": issues},
    )


def _link_feedback(f) -> None:
    base = {"tu_ngay": f.period.start, "den_ngay": f.period.end, "tai_ngay": f.as_of}
    for row in [f.total, *f.units, *f.by_sector, *f.by_channel]:
        params = {**base, "don_vi": (row.unit or f.unit).pk}
        if row.only_unit:
            params["truc_tiep"] = "on"
        if row.code is not None:
            params["linh_vuc" if row in f.by_sector else "kenh"] = row.code.pk
        row.links = {
            key: _list_url("citizens:list", {**params, "tinh_hinh": status})
            for key, status in (
                ("received", ""),
                ("responded", "da_tra_loi"),
                ("on_time", "dung_han"),
                ("overdue", "qua_han"),
            )
        }


def _link_issues(f) -> None:
    base = {"tu_nam": f.period.start.year, "den_nam": f.period.end.year}
    for row in [f.total, *f.units, *f.by_sector]:
        params = {**base, "don_vi": (row.unit or f.unit).pk}
        if row.only_unit:
            params["truc_tiep"] = "on"
        if row.code is not None:
            params["linh_vuc"] = row.code.pk
        row.links = {
            "selected": _list_url("citizens:issues", params),
            "resolved": _list_url("citizens:issues", {**params, "giai_quyet_den": f.as_of}),
        }


# ---------------------------------------------------------------- export


@login_required
@require_http_methods(["GET", "POST"])
def export(request):
    """GET: what will be exported (the list's filters); POST: start the export job."""
    _, unit, feedback = feedback_from_query(request.user, request.GET)
    if request.method == "POST":
        job = start_job(
            actor=request.user,
            kind=EXPORT_JOB,
            unit=unit,
            params={"filters": request.GET.urlencode()},
            title="Xuất danh sách ý kiến, kiến nghị" + (f" — {unit.name}" if unit else ""),
        )
        return redirect("jobs:detail", job.pk)
    count = CappedPaginator(feedback, PER_PAGE).count
    return render(
        request,
        "citizens/export.html",
        {"unit": unit, "count": count, "query": request.GET.urlencode()},
    )
