from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from dangvu.accounts import permissions
from dangvu.accounts.scopes import has_perm_at
from dangvu.web.as_of import as_of
from dangvu.web.form_actions import form_page

from . import forms, selectors, services
from .models import Unit, UnitVersion


def _visible(request, unit_id: int, perm: str = permissions.VIEW_UNITS) -> Unit:
    return get_object_or_404(
        Unit.objects.visible_to(request.user, perm).select_related("kind", "parent"), pk=unit_id
    )


def _with_child_counts(versions, day):
    counts = selectors.child_counts_on([v.unit_id for v in versions], day)
    for version in versions:
        version.child_count = counts.get(version.unit_id, 0)
    return versions


@login_required
def tree(request):
    """The top of the user's part of the tree as of a date; branches open with htmx."""
    day, error = as_of(request)
    visible = Unit.objects.visible_to(request.user)
    tops = list(
        UnitVersion.objects.valid_on(day)
        .filter(unit__in=visible)
        .exclude(parent__in=visible)
        .select_related("kind")
        .order_by("path")
    )
    if error:
        messages.warning(request, error)
    return render(
        request,
        "orgs/tree.html",
        {"day": day, "nodes": _with_child_counts(tops, day), "nothing": not tops},
    )


@login_required
def children(request, unit_id: int):
    """The children of one unit as of a date (an htmx fragment of the tree)."""
    unit = _visible(request, unit_id)
    day, _ = as_of(request)
    nodes = list(
        selectors.children_on(unit, day).filter(unit__in=Unit.objects.visible_to(request.user))
    )
    return render(
        request, "orgs/_nodes.html", {"day": day, "nodes": _with_child_counts(nodes, day)}
    )


@login_required
def detail(request, unit_id: int):
    unit = _visible(request, unit_id)
    day, error = as_of(request)
    if error:
        messages.warning(request, error)
    version = selectors.version_on(unit, day)
    visible = Unit.objects.visible_to(request.user)
    ancestors = selectors.ancestors_on(unit, day) if version else []
    if ancestors:
        shown = set(
            visible.filter(pk__in=[v.unit_id for v in ancestors]).values_list("pk", flat=True)
        )
        ancestors = [v for v in ancestors if v.unit_id in shown]
    nodes = list(selectors.children_on(unit, day).filter(unit__in=visible)) if version else []
    history = selectors.history_of(unit)
    versions = list(unit.versions.select_related("kind", "parent").order_by("valid_from"))
    successors = selectors.successors_on(unit, day) if unit.ended_on and version is None else []
    return render(
        request,
        "orgs/detail.html",
        {
            "unit": unit,
            "day": day,
            "version": version,
            "ancestors": ancestors,
            "nodes": _with_child_counts(nodes, day),
            "history": history,
            "versions": versions,
            "successors": successors,
            "can_manage": has_perm_at(request.user, permissions.MANAGE_UNITS, unit),
            "panels": [reverse(name, args=[unit.pk]) for name in unit_panel_names()],
        },
    )


def unit_panel_names() -> list[str]:
    """Panels other modules show on a unit's page, loaded with htmx: each app declares
    ``unit_panels = ["app:url_name", …]`` (a URL taking the unit id and ``?ngay=``) on its
    AppConfig, so the org tree does not need to know the modules."""
    configs = apps.get_app_configs()
    return [name for config in configs for name in getattr(config, "unit_panels", ())]


@login_required
def search(request):
    q = request.GET.get("q", "").strip()
    units = Unit.objects.none()
    if q:
        units = selectors.search_units(
            Unit.objects.visible_to(request.user).select_related("kind", "parent"), q
        ).order_by("ended_on", "sort_key")
    page = Paginator(units, 50).get_page(request.GET.get("trang"))
    return render(request, "orgs/search.html", {"q": q, "page": page})


# ---------------------------------------------------------------- changes


def _change_page(request, unit, form, title, action, success):
    """A tree change form: on success go to the resulting unit's page."""
    return form_page(
        request,
        form,
        action,
        success=success,
        template="orgs/change.html",
        context={"unit": unit, "title": title},
        target=lambda result: ("orgs:detail", (result if isinstance(result, Unit) else unit).pk),
    )


def _managed(request, unit_id: int) -> Unit:
    unit = _visible(request, unit_id)
    if not has_perm_at(request.user, permissions.MANAGE_UNITS, unit):
        raise Http404
    return unit


def _initial(unit: Unit) -> dict:
    return {"revision": unit.revision}


@login_required
def create_child(request, unit_id: int):
    parent = _managed(request, unit_id)
    form = forms.CreateChildForm(request.POST or None, parent_kind_id=parent.kind_id)
    return _change_page(
        request,
        parent,
        form,
        f"Thành lập tổ chức trực thuộc {parent.name}",
        lambda f: services.create_unit(
            actor=request.user,
            parent=parent,
            name=f.cleaned_data["name"],
            kind=f.cleaned_data["kind"],
            code=f.cleaned_data["code"],
            **f.change_kwargs(),
        ),
        "Đã thành lập tổ chức mới.",
    )


@login_required
def rename(request, unit_id: int):
    unit = _managed(request, unit_id)
    initial = {**_initial(unit), "name": unit.name, "code": unit.code}
    form = forms.RenameForm(request.POST or None, initial=initial)
    return _change_page(
        request,
        unit,
        form,
        f"Đổi tên {unit.name}",
        lambda f: services.rename_unit(
            actor=request.user,
            unit=unit,
            name=f.cleaned_data["name"],
            code=f.cleaned_data["code"],
            **f.change_kwargs(),
        ),
        "Đã đổi tên.",
    )


@login_required
def move(request, unit_id: int):
    unit = _managed(request, unit_id)
    candidates = Unit.objects.visible_to(request.user, permissions.MANAGE_UNITS)
    form = forms.MoveForm(
        request.POST or None, initial=_initial(unit), unit=unit, candidates=candidates
    )
    return _change_page(
        request,
        unit,
        form,
        f"Điều chuyển {unit.name}",
        lambda f: services.move_unit(
            actor=request.user,
            unit=unit,
            new_parent=f.cleaned_data["new_parent"],
            **f.change_kwargs(),
        ),
        "Đã điều chuyển tổ chức.",
    )


@login_required
def reclassify(request, unit_id: int):
    unit = _managed(request, unit_id)
    form = forms.ReclassifyForm(request.POST or None, initial=_initial(unit), unit=unit)
    return _change_page(
        request,
        unit,
        form,
        f"Đổi loại hình {unit.name}",
        lambda f: services.reclassify_unit(
            actor=request.user, unit=unit, kind=f.cleaned_data["kind"], **f.change_kwargs()
        ),
        "Đã đổi loại hình tổ chức.",
    )


@login_required
def dissolve(request, unit_id: int):
    unit = _managed(request, unit_id)
    form = forms.DissolveForm(request.POST or None, initial=_initial(unit))
    return _change_page(
        request,
        unit,
        form,
        f"Giải thể / kết thúc hoạt động {unit.name}",
        lambda f: services.dissolve_unit(actor=request.user, unit=unit, **f.change_kwargs()),
        "Đã ghi nhận kết thúc hoạt động.",
    )


@login_required
def merge(request, unit_id: int):
    parent = _managed(request, unit_id)
    form = forms.MergeForm(request.POST or None, parent=parent)

    def action(f):
        data = f.cleaned_data
        return services.merge_units(
            actor=request.user,
            sources=list(data["sources"]),
            into=data.get("into"),
            new_name=data.get("new_name") or "",
            new_kind=data.get("new_kind"),
            new_parent=parent,
            **f.change_kwargs(),
        )

    return _change_page(
        request,
        parent,
        form,
        f"Hợp nhất các tổ chức trực thuộc {parent.name}",
        action,
        "Đã hợp nhất.",
    )


@login_required
def split(request, unit_id: int):
    unit = _managed(request, unit_id)
    children = list(
        Unit.objects.filter(
            pk__in=UnitVersion.objects.filter(parent=unit, valid_to__isnull=True).values("unit_id")
        ).order_by("sort_key")
    )
    form = forms.SplitForm(
        request.POST or None, initial=_initial(unit), unit=unit, children=children
    )

    def action(f):
        parts = [
            services.SplitPart(name=name, kind=kind, children=members)
            for name, kind, members in f.parts()
        ]
        created = services.split_unit(
            actor=request.user,
            unit=unit,
            parts=parts,
            keep_source=f.cleaned_data["keep_source"],
            **f.change_kwargs(),
        )
        return created[0]

    return _change_page(request, unit, form, f"Chia tách {unit.name}", action, "Đã chia tách.")
