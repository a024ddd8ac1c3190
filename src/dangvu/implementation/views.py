"""Implementation pages: items (targets and tasks) of a document, assignments and progress
reports, the roll-up per period, the overdue work list, a unit's overview, yearly work
programmes. Writes go through the services; anything outside the user's scope answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dangvu.accounts import permissions
from dangvu.accounts.scopes import has_perm_at, scope_for, today
from dangvu.documents.models import Document
from dangvu.jobs.services import start_job
from dangvu.orgs.models import Unit
from dangvu.orgs.tree_paths import path_depth, path_range
from dangvu.reports.periods import Period, period_choices
from dangvu.web.form_actions import form_page
from dangvu.web.pagination import list_page

from . import selectors, services
from .forms import (
    AssignForm,
    CorrectionForm,
    ItemFilterForm,
    ItemForm,
    ProgrammeForm,
    ProgrammeItemForm,
    ReportForm,
)
from .models import Assignment, Field, Item, ProgrammeItem, Report, WorkProgramme
from .rollup import compute_rollup

PER_PAGE = 50
MAX_UNIT_CHOICES = 500


# ---------------------------------------------------------------- helpers


def _unit_param(request, name: str = "don_vi", perm: str = permissions.READ) -> Unit | None:
    raw = request.GET.get(name, "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return get_object_or_404(Unit.objects.visible_to(request.user, perm), pk=int(raw))


def _top_unit(request) -> Unit | None:
    return (
        Unit.objects.visible_to(request.user, permissions.READ)
        .current()
        .order_by("depth", "path")
        .first()
    )


def _unit_choices(
    request, *, perm=permissions.READ, within: Unit | None = None, selected=None, levels=1
):
    """Current units the user may reach with ``perm``, down to ``levels`` below the top ones
    (a province officer gets the province and its communes, not ten thousand cells)."""
    scope = scope_for(request.user, perm)
    units = Unit.objects.visible_to(request.user, perm).current().order_by("path")
    top = path_depth(within.path) if within is not None else None
    if within is not None:
        low, high = path_range(within.path)
        units = units.filter(path__gte=low, path__lt=high)
    elif scope.roots:
        top = min(path_depth(root) for root in scope.roots)
    if top is not None:
        units = units.filter(depth__lte=top + levels)
    listed = list(units.select_related(None)[:MAX_UNIT_CHOICES])
    if selected is not None and selected.pk not in {u.pk for u in listed}:
        listed.append(selected)
    depth = min((u.depth for u in listed), default=0)
    for unit in listed:
        unit.label = "· " * max(unit.depth - depth, 0) + unit.name
    return listed


def _document(request, document_id: int) -> Document:
    document = get_object_or_404(
        Document.objects.select_related("doc_type", "unit"), pk=document_id
    )
    if not selectors.sees_document(request.user, document):
        raise Http404
    return document


def _can_write(request, unit) -> bool:
    return has_perm_at(request.user, permissions.WRITE, unit)


def _item(request, item_id: int) -> Item:
    return get_object_or_404(
        Item.objects.visible_to(request.user).select_related(
            "document__doc_type", "document__unit"
        ),
        pk=item_id,
    )


def _managed_item(request, item_id: int) -> Item:
    item = _item(request, item_id)
    if not _can_write(request, item.document.unit):
        raise Http404
    return item


def _assignment(request, assignment_id: int, perm=permissions.READ) -> Assignment:
    return get_object_or_404(
        Assignment.objects.visible_to(request.user, perm).select_related(
            "unit", "item__document__doc_type", "item__document__unit"
        ),
        pk=assignment_id,
    )


def _report(request, report_id: int, perm=permissions.READ) -> Report:
    return get_object_or_404(
        Report.objects.visible_to(request.user, perm).select_related(
            "assignment__unit", "assignment__item__document__doc_type"
        ),
        pk=report_id,
    )


def _period(request) -> tuple[Period, str]:
    raw = request.GET.get("ky", "")
    if not raw:
        return Period.quarter_of(today()), ""
    try:
        return Period.parse(raw), ""
    except ValidationError as exc:  # say why and show this quarter
        return Period.quarter_of(today()), " ".join(exc.messages)


# ---------------------------------------------------------------- items


@login_required
def item_list(request):
    unit = _unit_param(request)
    choices = [unit] if unit else []  # an htmx redraw needs only the chosen one
    if not request.htmx:
        choices = _unit_choices(request, selected=unit)
    form = ItemFilterForm(request.GET or None, units=choices)
    data = form.cleaned_data if form.is_valid() else {}
    day = today()
    items = selectors.item_list(
        request.user,
        kind=data.get("kind") or None,
        q=data.get("q") or "",
        unit=unit,
        overdue_on=day if data.get("qua_han") else None,
    )
    page = list_page(request, items, PER_PAGE)
    _annotate_items(request, page.object_list, day)
    query = request.GET.copy()
    query.pop("trang", None)
    context = {"form": form, "page": page, "unit": unit, "query": query.urlencode(), "day": day}
    template = "implementation/_items.html" if request.htmx else "implementation/list.html"
    return render(request, template, context)


def _annotate_items(request, items, day) -> None:
    """Per item on the page: assignments the user sees, reached, overdue (one query)."""
    items = list(items)
    counts = {
        row["item_id"]: row
        for row in Assignment.objects.visible_to(request.user)
        .filter(item__in=items)
        .values("item_id")
        .annotate(
            n=Count("id"),
            reached=Count("id", filter=Q(achieved=True)),
            late=Count("id", filter=Q(achieved=False, item__deadline__lt=day)),
        )
    }
    for item in items:
        row = counts.get(item.pk, {})
        item.n_assigned = row.get("n", 0)
        item.n_reached = row.get("reached", 0)
        item.n_late = row.get("late", 0)


@login_required
def document(request, document_id: int):
    document = _document(request, document_id)
    items = list(selectors.item_list(request.user, document=document))
    day = today()
    _annotate_items(request, items, day)
    return render(
        request,
        "implementation/document.html",
        {
            "document": document,
            "items": items,
            "day": day,
            "can_write": _can_write(request, document.unit),
            "period": Period.quarter_of(day),
        },
    )


@login_required
def item_new(request, document_id: int):
    document = _document(request, document_id)
    if not _can_write(request, document.unit):
        raise Http404
    form = ItemForm(request.POST or None, initial={"kind": request.GET.get("loai", "chi_tieu")})
    return form_page(
        request,
        form,
        lambda f: services.create_item(actor=request.user, document=document, **f.values()),
        success="Đã thêm.",
        template="implementation/change.html",
        context={"title": f"Thêm chỉ tiêu, nhiệm vụ — {document.symbol}", "document": document},
        target=lambda item: ("implementation:item", item.pk),
    )


@login_required
def item_detail(request, item_id: int):
    item = _item(request, item_id)
    assignments = list(
        Assignment.objects.visible_to(request.user)
        .filter(item=item)
        .select_related("unit", "last_report")
        .order_by("unit__path")
    )
    for assignment in assignments:
        assignment.item = item
        assignment.late = (
            item.deadline is not None and item.deadline < today() and not assignment.achieved
        )
    return render(
        request,
        "implementation/item.html",
        {
            "item": item,
            "document": item.document,
            "assignments": assignments,
            "can_write": _can_write(request, item.document.unit),
            "period": Period.quarter_of(today()),
        },
    )


@login_required
def item_edit(request, item_id: int):
    item = _managed_item(request, item_id)
    initial = {name: getattr(item, name) for name in services.ITEM_FIELDS}
    form = ItemForm(request.POST or None, initial={**initial, "revision": item.revision})
    return form_page(
        request,
        form,
        lambda f: services.update_item(
            actor=request.user,
            item=item,
            expected_revision=f.cleaned_data["revision"],
            **f.values(),
        ),
        success="Đã lưu.",
        template="implementation/change.html",
        context={"title": f"Sửa — {item}", "document": item.document, "item": item},
        target=lambda item: ("implementation:item", item.pk),
    )


@login_required
def assign(request, item_id: int):
    item = _managed_item(request, item_id)
    taken = set(item.assignments.values_list("unit_id", flat=True))
    units = [
        u
        for u in _unit_choices(request, perm=permissions.WRITE, within=item.document.unit, levels=2)
        if u.pk not in taken
    ]
    form = AssignForm(request.POST or None, units=units)
    by_id = {u.pk: u for u in units}

    def action(f):
        return services.assign_item(
            actor=request.user,
            item=item,
            units=[by_id[pk] for pk in f.cleaned_data["units"]],
            target_value=f.cleaned_data["target_value"],
            note=f.cleaned_data["note"],
        )

    return form_page(
        request,
        form,
        action,
        success="Đã giao cho các đơn vị.",
        template="implementation/change.html",
        context={"title": f"Giao thực hiện — {item}", "document": item.document, "item": item},
        target=lambda _: ("implementation:item", item.pk),
    )


# ---------------------------------------------------------------- assignments and reports


@login_required
def assignment_detail(request, assignment_id: int):
    assignment = _assignment(request, assignment_id)
    reports = list(assignment.reports.select_related("reported_by").order_by("-end", "start"))
    return render(
        request,
        "implementation/assignment.html",
        {
            "assignment": assignment,
            "item": assignment.item,
            "document": assignment.item.document,
            "reports": reports,
            "can_report": _can_write(request, assignment.unit),
        },
    )


@login_required
def report_new(request, assignment_id: int):
    assignment = _assignment(request, assignment_id, permissions.WRITE)
    item = assignment.item
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        item=item,
        day=today(),
        initial={"period": request.GET.get("ky") or Period.quarter_of(today()).code},
    )
    return form_page(
        request,
        form,
        lambda f: services.submit_report(
            actor=request.user,
            assignment=assignment,
            period=f.cleaned_data["period"],
            evidence=f.cleaned_data.get("evidence"),
            **f.values(),
        ),
        success="Đã ghi nhận báo cáo tiến độ.",
        template="implementation/change.html",
        context={
            "title": f"Báo cáo tiến độ — {assignment.unit.name}",
            "subtitle": str(item),
            "document": item.document,
            "item": item,
            "multipart": True,
        },
        target=lambda _: ("implementation:assignment", assignment.pk),
    )


@login_required
def report_edit(request, report_id: int):
    report = _report(request, report_id, permissions.WRITE)
    item = report.assignment.item
    initial = {name: getattr(report, name) for name in services.REPORT_FIELDS}
    form = CorrectionForm(
        request.POST or None,
        request.FILES or None,
        item=item,
        initial={**initial, "revision": report.revision},
    )
    return form_page(
        request,
        form,
        lambda f: services.correct_report(
            actor=request.user,
            report=report,
            expected_revision=f.cleaned_data["revision"],
            reason=f.cleaned_data["reason"],
            evidence=f.cleaned_data.get("evidence"),
            **f.values(),
        ),
        success="Đã sửa báo cáo; giá trị cũ được giữ trong nhật ký.",
        template="implementation/change.html",
        context={
            "title": f"Sửa báo cáo {report.period.label} — {report.assignment.unit.name}",
            "subtitle": str(item),
            "document": item.document,
            "item": item,
            "multipart": True,
        },
        target=lambda _: ("implementation:assignment", report.assignment_id),
    )


@login_required
def evidence(request, report_id: int):
    report = _report(request, report_id)
    if not report.evidence:
        raise Http404
    return FileResponse(
        report.evidence.open("rb"), as_attachment=True, filename=report.evidence_name
    )


# ---------------------------------------------------------------- roll-up and export


def _rollup_context(request, document):
    root = _unit_param(request) or _top_unit(request)
    if root is None:
        raise Http404
    period, error = _period(request)
    items = list(selectors.item_list(request.user, document=document))
    rollup = compute_rollup(root, period, items)
    return root, period, error, items, rollup


@login_required
def rollup(request, document_id: int):
    document = _document(request, document_id)
    root, period, error, items, result = _rollup_context(request, document)
    if error:
        messages.warning(request, error)
    chosen = None
    raw = request.GET.get("muc", "")
    if raw.isdigit():
        chosen = next((i for i in items if i.pk == int(raw)), None)
    chosen = chosen or (items[0] if items else None)
    years = range(today().year, document.date.year - 1, -1)
    return render(
        request,
        "implementation/rollup.html",
        {
            "document": document,
            "root": root,
            "period": period,
            "items": items,
            "chosen": chosen,
            "summary": [(i, result.root_figure(i)) for i in items],
            "rows": result.rows_for(chosen) if chosen else [],
            "periods": period_choices(years),
            "units": _unit_choices(request, selected=root),
        },
    )


@login_required
@require_POST
def rollup_export(request, document_id: int):
    document = _document(request, document_id)
    root = _unit_param(request) or _top_unit(request)
    if root is None:
        raise Http404
    period, error = _period(request)
    if error:
        messages.warning(request, error)
    job = start_job(
        actor=request.user,
        kind="implementation.rollup_export",
        unit=root,
        params={"document": document.pk, "unit": root.pk, "period": period.code},
        title=f"Xuất tổng hợp {document.symbol} — {period.label} — {root.name}",
    )
    return redirect("jobs:detail", job.pk)


# ---------------------------------------------------------------- work list and unit page


@login_required
def overdue(request):
    unit = _unit_param(request)
    day = today()
    rows = selectors.overdue(request.user, day, unit=unit)
    page = list_page(request, rows, PER_PAGE)
    for assignment in page.object_list:
        assignment.days_late = (day - assignment.item.deadline).days
    return render(
        request,
        "implementation/overdue.html",
        {"page": page, "unit": unit, "day": day, "units": _unit_choices(request, selected=unit)},
    )


@login_required
def unit_overview(request, unit_id: int):
    unit = get_object_or_404(Unit.objects.visible_to(request.user, permissions.READ), pk=unit_id)
    day = today()
    context = {
        "unit": unit,
        "day": day,
        "figures": selectors.unit_figures(request.user, unit, day),
        "late": list(selectors.overdue(request.user, day, unit=unit)[:20]),
        "programmes": list(selectors.programme_list(request.user, unit=unit)[:6]),
    }
    template = "implementation/_unit.html" if request.htmx else "implementation/unit.html"
    return render(request, template, context)


# ---------------------------------------------------------------- work programmes


def _programme(request, programme_id: int, perm=permissions.READ) -> WorkProgramme:
    return get_object_or_404(
        WorkProgramme.objects.visible_to(request.user, perm).select_related("unit"),
        pk=programme_id,
    )


@login_required
def programme_list(request):
    unit = _unit_param(request)
    raw_year = request.GET.get("nam", "")
    year = int(raw_year) if raw_year.isdigit() else None
    programmes = selectors.programme_list(request.user, year=year, unit=unit)
    page = list_page(request, programmes, PER_PAGE)
    fields = Field.choices
    for programme in page.object_list:
        programme.by_field = [getattr(programme, f"n_{value}") for value, _ in fields]
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "implementation/programmes.html",
        {
            "page": page,
            "unit": unit,
            "year": year,
            "fields": fields,
            "query": query.urlencode(),
            "units": _unit_choices(request, selected=unit),
            "years": range(today().year + 1, today().year - 5, -1),
            "can_create": not scope_for(request.user, permissions.WRITE).is_empty,
        },
    )


@login_required
def programme_new(request):
    if scope_for(request.user, permissions.WRITE).is_empty:
        raise Http404
    units = _unit_choices(request, perm=permissions.WRITE)
    by_id = {u.pk: u for u in units}
    form = ProgrammeForm(request.POST or None, units=units, initial={"year": today().year + 1})

    def action(f):
        data = f.cleaned_data
        return services.create_programme(
            actor=request.user,
            unit=by_id[data["unit"]],
            year=data["year"],
            title=data["title"],
            adopted_on=data["adopted_on"],
            note=data["note"],
        )

    return form_page(
        request,
        form,
        action,
        success="Đã tạo chương trình công tác.",
        template="implementation/change.html",
        context={"title": "Chương trình công tác năm mới"},
        target=lambda programme: ("implementation:programme", programme.pk),
    )


@login_required
def programme_detail(request, programme_id: int):
    programme = _programme(request, programme_id)
    items = list(programme.items.all())
    groups = []
    for value, label, count in selectors.field_counts(programme):
        groups.append((label, count, [i for i in items if i.field == value]))
    return render(
        request,
        "implementation/programme.html",
        {
            "programme": programme,
            "groups": groups,
            "total": len(items),
            "can_write": _can_write(request, programme.unit),
        },
    )


@login_required
def programme_edit(request, programme_id: int):
    programme = _programme(request, programme_id, permissions.WRITE)
    form = ProgrammeForm(
        request.POST or None,
        editing=True,
        initial={
            "title": programme.title,
            "adopted_on": programme.adopted_on,
            "note": programme.note,
            "revision": programme.revision,
        },
    )
    return form_page(
        request,
        form,
        lambda f: services.update_programme(
            actor=request.user,
            programme=programme,
            expected_revision=f.cleaned_data["revision"],
            title=f.cleaned_data["title"],
            adopted_on=f.cleaned_data["adopted_on"],
            note=f.cleaned_data["note"],
        ),
        success="Đã lưu.",
        template="implementation/change.html",
        context={"title": f"Sửa — {programme}", "programme": programme},
        target=lambda p: ("implementation:programme", p.pk),
    )


@login_required
def programme_item_new(request, programme_id: int):
    programme = _programme(request, programme_id, permissions.WRITE)
    form = ProgrammeItemForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda f: services.add_programme_items(
            actor=request.user, programme=programme, items=[f.values()]
        ),
        success="Đã thêm nội dung.",
        template="implementation/change.html",
        context={"title": f"Thêm nội dung — {programme}", "programme": programme},
        target=lambda _: ("implementation:programme", programme.pk),
    )


@login_required
def programme_item_edit(request, entry_id: int):
    entry = get_object_or_404(
        ProgrammeItem.objects.filter(
            programme__in=WorkProgramme.objects.visible_to(request.user, permissions.WRITE)
        ).select_related("programme__unit"),
        pk=entry_id,
    )
    initial = {name: getattr(entry, name) for name in services.PROGRAMME_ITEM_FIELDS}
    form = ProgrammeItemForm(request.POST or None, initial={**initial, "revision": entry.revision})
    return form_page(
        request,
        form,
        lambda f: services.update_programme_item(
            actor=request.user,
            item=entry,
            expected_revision=f.cleaned_data["revision"],
            **f.values(),
        ),
        success="Đã lưu.",
        template="implementation/change.html",
        context={"title": "Sửa nội dung", "programme": entry.programme},
        target=lambda _: ("implementation:programme", entry.programme_id),
    )
