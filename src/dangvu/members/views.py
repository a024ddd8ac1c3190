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
from dangvu.web.form_actions import NOTHING, form_page, submit
from dangvu.web.pagination import CappedPaginator

from . import selectors, services, worklists
from .export import xlsx_response
from .forms import CardForm, CorrectionForm, EventForm, FilterForm, RegisterForm
from .models import Member


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


def _filtered(request):
    sensitive = not scope_for(request.user, permissions.SEE_SENSITIVE).is_empty
    form = FilterForm(request.GET or None, sensitive=sensitive)
    data = form.cleaned_data if form.is_valid() else {}
    unit = None
    if request.GET.get("don_vi", "").isdigit():
        unit = get_object_or_404(
            Unit.objects.visible_to(request.user), pk=int(request.GET["don_vi"])
        )
    day = data.get("ngay") or today()
    members = selectors.member_list(
        request.user,
        q=data.get("q", ""),
        unit=unit,
        status=data.get("status", ""),
        on=day,
        gender=data.get("gender", ""),
        age_band=data.get("age_band", ""),
        theory_level=data.get("theory_level", ""),
        ethnicity=data.get("ethnicity", ""),
    )
    return form, unit, day, members


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
    form, unit, day, members = _filtered(request)
    page = CappedPaginator(members, 50).get_page(request.GET.get("trang"))
    periods = selectors.status_today(page.object_list, day)
    for member in page.object_list:
        member.period = periods.get(member.pk)
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "members/list.html",
        {
            "form": form,
            "page": page,
            "unit": unit,
            "day": day,
            "query": query.urlencode(),
            "can_register": not scope_for(request.user, permissions.MANAGE_MEMBERS).is_empty,
        },
    )


@login_required
def member_detail(request, member_id: int):
    member = _member(request, member_id)
    record_read(actor=request.user, obj=member, unit=member.unit)
    events = list(member.events.select_related("unit").order_by("date", "id"))
    timeline = services.timeline_of(member, events)
    periods = list(member.periods.select_related("unit", "away_unit").order_by("start"))
    return render(
        request,
        "members/detail.html",
        {
            "member": member,
            "sensitive": selectors.can_see_sensitive(request.user, member.unit),
            "can_manage": member.unit is not None
            and has_perm_at(request.user, permissions.MANAGE_MEMBERS, member.unit),
            "can_audit": member.unit is not None
            and has_perm_at(request.user, permissions.VIEW_AUDIT, member.unit),
            "now": timeline.period_on(today()) or timeline.current,
            "party_age": timeline.party_age_on(today()),
            "periods": periods,
            "events": events,
            "cards": list(member.cards.all()),
            "corrections": list(member.corrections.select_related("actor")),
        },
    )


def _page(request, member, form, title, action, success):
    return form_page(
        request,
        form,
        action,
        success=success,
        template="members/change.html",
        context={"member": member, "title": title},
        target=lambda _: ("members:detail", member.pk),
    )


@login_required
def record_event(request, member_id: int):
    member = _managed(request, member_id)
    units = Unit.objects.visible_to(request.user).current().filter(kind__is_cell=True)
    form = EventForm(
        request.POST or None,
        units=units.order_by("sort_key"),
        initial={"revision": member.revision},
    )
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
    units = _cells(request)
    sensitive = not scope_for(request.user, permissions.SEE_SENSITIVE).is_empty
    form = RegisterForm(request.POST or None, units=units, sensitive=sensitive)

    def action(f):
        data = dict(f.cleaned_data)
        identity = {
            **services.name_parts(data.pop("full_name")),
            **{
                k: data[k]
                for k in (
                    "gender",
                    "birth_date",
                    "cccd",
                    "hometown",
                    "permanent_address",
                    "ethnicity",
                    "religion",
                )
                if k in data
            },
        }
        return services.register_member(
            actor=request.user,
            identity=identity,
            admission_date=data["admission_date"],
            ceremony_date=data["ceremony_date"],
            unit=data["unit"],
            sponsors=data["sponsors"],
            decision_number=data["decision_number"],
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
    return render(request, "members/worklists.html", worklists.all_lists(request.user))


@login_required
def counts(request):
    visible = Unit.objects.visible_to(request.user, permissions.READ)
    if request.GET.get("don_vi", "").isdigit():
        unit = get_object_or_404(visible, pk=int(request.GET["don_vi"]))
    else:
        unit = visible.current().order_by("depth", "path").first()
    form = FilterForm(request.GET or None, sensitive=False)
    day = form.cleaned_data.get("ngay") if form.is_valid() else None
    day = day or today()
    figures = selectors.unit_counts(request.user, unit, day) if unit else None
    return render(request, "members/counts.html", {"unit": unit, "day": day, "figures": figures})
