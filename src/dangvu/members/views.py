"""Member pages: the scoped list, profiles (every view logged), the change forms (through the
services), work lists and counts. A member or unit outside the user's scope answers 404."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from dangvu.accounts import permissions
from dangvu.accounts.scopes import has_perm_at, scope_for, today
from dangvu.audit.models import ReadLogEntry
from dangvu.audit.services import record_change, record_read
from dangvu.orgs.models import Unit
from dangvu.web.as_of import as_of
from dangvu.web.form_actions import NOTHING, form_page, submit
from dangvu.web.pagination import list_page
from dangvu.web.unit_choices import capped_units, indented_name, unit_from_query

from . import selectors, services, worklists
from .export import xlsx_response
from .forms import AGE_BAND_LABELS, CardForm, CorrectionForm, EventForm, FilterForm, RegisterForm
from .models import SENSITIVE_FIELDS, Member, TheoryLevel
from .sections import render_sections

PER_PAGE = 50


def _member(request, member_id: int) -> Member:
    return get_object_or_404(
        Member.objects.visible_to(request.user).select_related("unit"), pk=member_id
    )


def _managed(request, member_id: int) -> Member:
    member = _member(request, member_id)
    if member.unit is None or not has_perm_at(
        request.user, permissions.MANAGE_MEMBERS, member.unit
    ):
        raise Http404
    return member


def _cells(request):
    return (
        Unit.objects.visible_to(request.user, permissions.MANAGE_MEMBERS)
        .current()
        .filter(kind__is_cell=True)
        .order_by("sort_key")
    )


def _unit_choices(request, selected: Unit | None = None) -> list[Unit]:
    """The units offered in the "Tổ chức" filter: every current unit the user may read, or
    only the non-cell ones when there are too many (a province); plus the selected one."""
    readable = Unit.objects.visible_to(request.user, permissions.READ).current().order_by("path")
    units = capped_units(readable, [selected])
    for unit in units:
        unit.label = indented_name(unit)
    return units


def _selected_unit(request) -> Unit | None:
    return unit_from_query(request, Unit.objects.visible_to(request.user))


def _filtered(request, *, with_choices: bool = False):
    """The list's filters read from the query string, and the members they select."""
    unit = _selected_unit(request)
    form = FilterForm(
        request.GET or None,
        sensitive=selectors.sees_any_sensitive(request.user),
        units=_unit_choices(request, unit) if with_choices else [unit] if unit else [],
    )
    data = form.cleaned_data if form.is_valid() else {}
    day = data.get("ngay") or today()
    members = selectors.member_list(
        request.user,
        q=data.get("q") or "",
        unit=unit,
        status=data.get("status"),
        on=day,
        gender=data.get("gender"),
        age_band=data.get("age_band"),
        theory_level=data.get("theory_level"),
        ethnicity=data.get("ethnicity"),
        religion=data.get("religion"),
    )
    return form, unit, day, members


def _left_scope(request, form, unit, day) -> int:
    """For a past day's list of a unit by status (a dashboard figure's link), how many of
    the members counted there have moved out of the viewer's scope since."""
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    plain = not any(data.get(f) for f in ("q", "age_band", "theory_level", "ethnicity", "religion"))
    if unit is None or not data.get("status") or day >= today() or not plain:
        return 0
    return selectors.left_scope_count(
        request.user, unit=unit, status=data["status"], on=day, gender=data.get("gender")
    )


@login_required
def export(request):
    """The filtered list as XLSX, in the list's order (re-importable)."""
    _, unit, day, members = _filtered(request)
    title = "DANH SÁCH ĐẢNG VIÊN" + (f" — {unit.name}" if unit else "")
    if settings.DEV_DEFAULTS:
        title += " (DỮ LIỆU MÔ PHỎNG)"
    record_change(
        actor=request.user,
        action="members.export",
        obj=request.user,
        unit=unit,
        after={"filters": request.GET.urlencode()},
    )
    return xlsx_response(members, request.user, f"dang-vien-{day:%Y%m%d}.xlsx", title=title)


@login_required
def member_list(request):
    form, unit, day, members = _filtered(request, with_choices=not request.htmx)
    page = list_page(request, members, PER_PAGE)
    periods = selectors.status_today(page.object_list, day)
    for member in page.object_list:
        member.period = periods.get(member.pk)
    query = request.GET.copy()
    for name in ("trang", *(f for f in SENSITIVE_FIELDS if f not in form.fields)):
        query.pop(name, None)
    context = {
        "form": form,
        "page": page,
        "unit": unit,
        "day": day,
        "query": query.urlencode(),
        "left_scope": _left_scope(request, form, unit, day),
        "can_register": not scope_for(request.user, permissions.MANAGE_MEMBERS).is_empty,
    }
    if request.htmx:
        return render(request, "members/_results.html", context)
    return render(request, "members/list.html", context)


@login_required
def member_detail(request, member_id: int):
    member = _member(request, member_id)
    record_read(actor=request.user, obj=member, unit=member.unit)
    events = list(member.events.select_related("unit").order_by("date", "id"))
    timeline = services.timeline_of(member, events)
    periods = list(member.periods.select_related("unit", "away_unit").order_by("start"))
    sensitive = selectors.can_see_sensitive(request.user, member.unit)
    corrections = list(member.corrections.select_related("actor"))
    for correction in corrections:
        correction.hidden = correction.field in SENSITIVE_FIELDS and not sensitive
        correction.label = _field_label(correction.field)
    return render(
        request,
        "members/detail.html",
        {
            "member": member,
            "sensitive": sensitive,
            "can_manage": member.unit is not None
            and has_perm_at(request.user, permissions.MANAGE_MEMBERS, member.unit),
            "can_audit": member.unit is not None
            and has_perm_at(request.user, permissions.VIEW_AUDIT, member.unit),
            "now": timeline.period_on(today()) or timeline.current,
            "party_age": timeline.party_age_on(today()),
            "periods": periods,
            "events": events,
            "cards": list(member.cards.all()),
            "corrections": corrections,
            "sections": render_sections(request, member),
        },
    )


def _field_label(name: str) -> str:
    try:
        return str(Member._meta.get_field(name).verbose_name).capitalize()
    except Exception:  # a field that no longer exists keeps its code
        return name


def _page(request, member, form, title, action, success, template="members/change.html"):
    return form_page(
        request,
        form,
        action,
        success=success,
        template=template,
        context={"member": member, "title": title},
        target=lambda _: ("members:detail", member.pk),
    )


@login_required
def record_event(request, member_id: int):
    member = _managed(request, member_id)
    units = Unit.objects.visible_to(request.user).current().filter(kind__is_cell=True)
    if request.method == "POST":
        form = EventForm(
            request.POST, units=units.order_by("sort_key"), kind=request.POST.get("kind", "")
        )
    else:  # choosing the kind (htmx) redraws the form with that kind's fields
        initial = {k: v for k, v in request.GET.items() if k != "csrfmiddlewaretoken"}
        if not str(initial.get("revision", "")).isdigit():
            initial["revision"] = member.revision
        form = EventForm(
            initial=initial, units=units.order_by("sort_key"), kind=request.GET.get("kind", "")
        )
    form.fields["kind"].widget.attrs["hx-get"] = request.path
    return _page(
        request,
        member,
        form,
        f"Ghi nhận sự kiện — {member.full_name}",
        lambda f: services.record_event(
            actor=request.user,
            member=member,
            kind=f.cleaned_data["kind"],
            date=f.cleaned_data["date"],
            expected_revision=f.cleaned_data["revision"],
            **f.details(),
        ),
        "Đã ghi nhận sự kiện.",
        template="members/event.html",
    )


@login_required
def correct(request, member_id: int):
    member = _managed(request, member_id)
    sensitive = selectors.can_see_sensitive(request.user, member.unit)
    form = CorrectionForm(
        request.POST or None, sensitive=sensitive, initial={"revision": member.revision}
    )
    return _page(
        request,
        member,
        form,
        f"Đính chính hồ sơ — {member.full_name}",
        lambda f: services.correct_member(
            actor=request.user,
            member=member,
            changes={f.cleaned_data["field"]: f.cleaned_data["value"]},
            reason=f.cleaned_data["reason"],
            decision_ref=f.cleaned_data["decision_ref"],
            expected_revision=f.cleaned_data["revision"],
        ),
        "Đã ghi đính chính.",
    )


@login_required
def add_card(request, member_id: int):
    member = _managed(request, member_id)
    form = CardForm(request.POST or None)
    return _page(
        request,
        member,
        form,
        f"Thẻ đảng viên — {member.full_name}",
        lambda f: services.issue_card(actor=request.user, member=member, **f.cleaned_data),
        "Đã ghi nhận thẻ.",
    )


@login_required
def register(request):
    if scope_for(request.user, permissions.MANAGE_MEMBERS).is_empty:
        raise Http404
    form = RegisterForm(
        request.POST or None,
        units=_cells(request),
        sensitive=selectors.sees_any_sensitive(request.user),
    )

    def action(f):
        identity = f.identity()
        unit = f.cleaned_data["unit"]
        if not selectors.can_see_sensitive(request.user, unit):
            for name in SENSITIVE_FIELDS:
                if identity.pop(name, None):
                    f.add_error(name, "Bạn không có quyền ghi thông tin này cho chi bộ đã chọn.")
        if f.errors:
            return NOTHING
        return services.register_member(
            actor=request.user,
            identity={**services.name_parts(f.cleaned_data["full_name"]), **identity},
            admission_date=f.cleaned_data["admission_date"],
            ceremony_date=f.cleaned_data["ceremony_date"],
            official_date_decided=f.cleaned_data["official_date_decided"],
            unit=unit,
            sponsors=f.cleaned_data["sponsors"],
            decision_number=f.cleaned_data["decision_number"],
        )

    member = submit(request, form, action)
    if member is not NOTHING:
        messages.success(request, f"Đã ghi nhận kết nạp {member.full_name}.")
        return redirect("members:detail", member.pk)
    return render(
        request, "members/change.html", {"form": form, "title": "Kết nạp đảng viên", "member": None}
    )


@login_required
def viewers(request, member_id: int):
    member = _member(request, member_id)
    if member.unit is None or not has_perm_at(request.user, permissions.VIEW_AUDIT, member.unit):
        raise Http404
    reads = ReadLogEntry.objects.filter(
        object_type="members.member", object_id=str(member.pk)
    ).select_related("actor")
    page = Paginator(reads, 100).get_page(request.GET.get("trang"))
    return render(request, "members/viewers.html", {"member": member, "page": page})


@login_required
def work_lists(request):
    """What the office must do soon (``?ngay=`` to look from another day)."""
    day, error = as_of(request)
    if error:
        messages.warning(request, error)
    return render(request, "members/worklists.html", worklists.all_lists(request.user, day=day))


def _counted_unit(request):
    visible = Unit.objects.visible_to(request.user, permissions.READ)
    return unit_from_query(request, visible) or visible.top()


@login_required
def counts(request):
    """Counts of a unit's subtree at a date (default: the user's top unit, today)."""
    unit = _counted_unit(request)
    day, error = as_of(request)
    if error:
        messages.warning(request, error)
    figures = selectors.unit_counts(request.user, unit, day) if unit else None
    labels = dict(TheoryLevel.choices)
    return render(
        request,
        "members/counts.html",
        {
            "unit": unit,
            "day": day,
            "figures": figures,
            "units": _unit_choices(request, unit),
            "age_rows": [(AGE_BAND_LABELS[b], n) for b, n in figures["by_age"].items()]
            if figures
            else [],
            "theory_rows": [(labels.get(c, c), n) for c, n in figures["by_theory"].items()]
            if figures
            else [],
        },
    )


@login_required
def unit_summary(request, unit_id: int):
    """A fragment for the unit's page (loaded by htmx): its member counts on the page's date,
    with links to the list and the counts page. 404 without ``read`` over the unit."""
    unit = get_object_or_404(Unit.objects.visible_to(request.user, permissions.READ), pk=unit_id)
    day, _ = as_of(request)
    figures = selectors.unit_counts(request.user, unit, day)
    return render(
        request, "members/_unit_summary.html", {"unit": unit, "day": day, "figures": figures}
    )
