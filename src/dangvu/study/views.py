"""Study-session pages: the scoped list, create/edit (revision check), detail, the attendance
form (a whole list in one submission), the figures page and the XLSX export (a job).

A session or unit outside the user's ``read`` scope answers 404; changing one needs
``write`` over its organising unit (404 otherwise)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from dangvu.accounts import permissions
from dangvu.accounts.scopes import has_perm_at, scope_for, today
from dangvu.documents.models import Document
from dangvu.jobs.services import start_job
from dangvu.members.models import Member
from dangvu.members.selectors import search as search_members
from dangvu.orgs.models import Unit
from dangvu.orgs.selectors import subtree_on
from dangvu.web.form_actions import NOTHING, submit
from dangvu.web.pagination import CappedPaginator, list_page, query_without_page
from dangvu.web.unit_choices import MAX_UNIT_CHOICES, capped_units, indented_name

from . import selectors, services
from .forms import BY_COUNT, BY_LIST, AddMembersForm, FiguresForm, GroupFormSet, SessionEditForm
from .job_handlers import EXPORT_JOB
from .listing import chosen, sessions_from_query
from .models import Attendee, AudienceGroup, StudySession
from .sections import member_rows

PER_PAGE = 50
MAX_DOCUMENTS = 300
MAX_CANDIDATES = 100


# ---------------------------------------------------------------- lookups


def _units(request, perm=permissions.READ, selected: Unit | None = None) -> list[Unit]:
    """Units offered in a "Tổ chức" choice: all in the user's scope for ``perm`` (ended ones
    too: sessions before the 2025 reorganisation were organised by the old units), or only
    the non-cell ones in a large scope; plus the selected one."""
    units = capped_units(Unit.objects.visible_to(request.user, perm).order_by("path"), [selected])
    for unit in units:
        unit.choice_label = indented_name(unit)
        if unit.ended_on:
            unit.choice_label += f" (đến {unit.ended_on:%d/%m/%Y})"
    return units


def _documents(request, selected_ids=()):
    docs = Document.objects.visible_to(request.user).select_related("doc_type")
    listed = list(docs.order_by("-date", "-id")[:MAX_DOCUMENTS])
    missing = set(selected_ids) - {d.pk for d in listed}
    if missing:
        listed += list(docs.filter(pk__in=missing))
    return listed


def _document(request, document_id: int | None):
    if document_id is None:
        return None
    return get_object_or_404(Document.objects.visible_to(request.user), pk=document_id)


def _unit(request, unit_id: int | None, perm=permissions.READ) -> Unit | None:
    if unit_id is None:
        return None
    return get_object_or_404(Unit.objects.visible_to(request.user, perm), pk=unit_id)


def _raw_id(request, name: str) -> int | None:
    raw = request.GET.get(name, "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return int(raw)


def _session(request, session_id: int) -> StudySession:
    return get_object_or_404(
        selectors.visible_sessions(request.user).select_related("unit"), pk=session_id
    )


def _managed(request, session_id: int) -> StudySession:
    session = _session(request, session_id)
    if not has_perm_at(request.user, permissions.WRITE, session.unit):
        raise Http404
    return session


def _filtered(request, *, with_choices: bool):
    if not with_choices:
        form, unit, _, sessions = sessions_from_query(request.user, request.GET)
        return form, unit, sessions
    unit, document = chosen(request.user, request.GET)
    form, unit, _, sessions = sessions_from_query(
        request.user,
        request.GET,
        units=_units(request, selected=unit),
        documents=_documents(request, [document.pk] if document else []),
    )
    return form, unit, sessions


# ---------------------------------------------------------------- list, detail


@login_required
def session_list(request):
    form, unit, sessions = _filtered(request, with_choices=not request.htmx)
    page = list_page(request, sessions, PER_PAGE)
    page.object_list = selectors.with_groups(page.object_list)
    query = query_without_page(request)
    context = {
        "form": form,
        "page": page,
        "unit": unit,
        "query": query,
        "can_create": not scope_for(request.user, permissions.WRITE).is_empty,
    }
    if request.htmx:
        return render(request, "study/_results.html", context)
    return render(request, "study/list.html", context)


@login_required
def session_detail(request, session_id: int):
    session = _session(request, session_id)
    groups = list(session.groups.select_related("kind").order_by("kind__sort_order", "id"))
    attendees = {}
    for group in groups:
        attendees[group.pk] = []
    if any(g.by_list for g in groups):
        rows = (
            Attendee.objects.filter(group__session=session)
            .select_related("member__unit")
            .order_by("member__sort_key", "member_id")
        )
        for row in rows:
            attendees[row.group_id].append(row)
    for group in groups:
        group.rows = attendees[group.pk]
    return render(
        request,
        "study/detail.html",
        {
            "session": session,
            "groups": groups,
            "documents": list(session.documents.select_related("doc_type")),
            "can_write": has_perm_at(request.user, permissions.WRITE, session.unit),
        },
    )


# ---------------------------------------------------------------- create, edit


def _group_initial(session: StudySession | None) -> list[dict]:
    if session is None:
        return [{"mode": BY_COUNT}]
    return [
        {
            "kind": g.kind_id,
            "mode": BY_LIST if g.by_list else BY_COUNT,
            "expected": g.expected,
            "attended": g.attended,
        }
        for g in session.groups.order_by("kind__sort_order", "id")
    ]


def _edit_page(request, session: StudySession | None):
    if session is None and scope_for(request.user, permissions.WRITE).is_empty:
        raise Http404
    doc_ids = list(session.documents.values_list("pk", flat=True)) if session else []
    units = _units(request, permissions.WRITE, session.unit if session else None)
    documents = _documents(request, doc_ids)
    if request.method == "POST":
        form = SessionEditForm(request.POST, units=units, documents=documents)
        formset = GroupFormSet(request.POST)
    else:
        initial = {"form": "truc_tiep", "date": today()}
        if session is not None:
            initial = {
                "unit": session.unit_id,
                "date": session.date,
                "end_date": session.end_date,
                "title": session.title,
                "form": session.form,
                "place": session.place,
                "note": session.note,
                "documents": doc_ids,
                "revision": session.revision,
            }
        form = SessionEditForm(initial=initial, units=units, documents=documents)
        extra = _group_initial(session)
        formset = GroupFormSet(initial=extra + [{"mode": BY_COUNT}] * 2)

    def action(f):
        if not formset.is_valid():
            return NOTHING
        data = f.cleaned_data
        unit = get_object_or_404(
            Unit.objects.visible_to(request.user, permissions.WRITE), pk=data["unit"]
        )
        docs = [d for d in documents if d.pk in set(data["documents"])]
        fields = {
            "unit": unit,
            "date": data["date"],
            "end_date": data["end_date"],
            "title": data["title"],
            "form": data["form"],
            "place": data["place"],
            "note": data["note"],
        }
        if session is None:
            return services.create_session(
                actor=request.user, groups=formset.groups(), documents=docs, **fields
            )
        return services.update_session(
            actor=request.user,
            session=session,
            expected_revision=data["revision"],
            groups=formset.groups(),
            documents=docs,
            **fields,
        )

    result = submit(request, form, action)
    if result is not NOTHING:
        messages.success(request, "Đã ghi nhận hội nghị.")
        lists = result.groups.filter(by_list=True, expected=0).order_by("id").first()
        if lists is not None:
            return redirect("study:attendance", result.pk, lists.pk)
        return redirect("study:detail", result.pk)
    return render(
        request,
        "study/edit.html",
        {
            "form": form,
            "formset": formset,
            "session": session,
            "title": "Sửa hội nghị" if session else "Ghi nhận hội nghị học tập, quán triệt",
        },
    )


@login_required
def session_create(request):
    return _edit_page(request, None)


@login_required
def session_edit(request, session_id: int):
    return _edit_page(request, _managed(request, session_id))


# ---------------------------------------------------------------- attendance


def _subtree_units(session: StudySession) -> list[Unit]:
    versions = subtree_on(session.unit, session.date).select_related("unit")[:MAX_UNIT_CHOICES]
    units = []
    for version in versions:
        version.unit.choice_label = "· " * max(version.depth - 1, 0) + version.name
        units.append(version.unit)
    return units


@login_required
def attendance(request, session_id: int, group_id: int):
    """The whole list of one audience in one submission: present / absent (with a note)
    for each listed member, remove some, add a unit's members or members found by name."""
    session = _managed(request, session_id)
    group = get_object_or_404(
        AudienceGroup.objects.select_related("kind"), pk=group_id, session=session
    )
    if not group.by_list:
        raise Http404
    rows = list(
        group.attendees.select_related("member__unit").order_by("member__sort_key", "member_id")
    )
    eligible = selectors.eligible_members(session.unit, session.date)
    found = request.GET.get("tim", "").strip()
    candidates = []
    if found:
        listed = {r.member_id for r in rows}
        candidates = [
            m
            for m in search_members(eligible, found).select_related("unit")[: MAX_CANDIDATES + 10]
            if m.pk not in listed
        ][:MAX_CANDIDATES]
    units = _subtree_units(session)
    add_form = AddMembersForm(
        request.POST if request.method == "POST" else None,
        units=units,
        candidates=candidates,
        initial={"added_present": True},
    )
    errors: list[str] = []
    if request.method == "POST":
        revision = request.POST.get("revision", "")
        if add_form.is_valid():
            entries = []
            for row in rows:
                if request.POST.get(f"xoa_{row.member_id}"):
                    continue
                entries.append(
                    (
                        row.member_id,
                        bool(request.POST.get(f"co_mat_{row.member_id}")),
                        (request.POST.get(f"ghi_chu_{row.member_id}") or "")[:255],
                    )
                )
            present = add_form.cleaned_data["added_present"]
            known = {e[0] for e in entries} | {r.member_id for r in rows}
            additions = list(add_form.cleaned_data["add_ids"])
            if add_form.cleaned_data["add_unit"]:
                if add_form.cleaned_data["add_unit"] not in {u.pk for u in units}:
                    raise Http404
                unit = Unit.objects.get(pk=add_form.cleaned_data["add_unit"])
                additions += list(
                    selectors.eligible_members(unit, session.date).values_list("pk", flat=True)
                )
            for member_id in additions:
                if member_id not in known:
                    entries.append((member_id, present, ""))
                    known.add(member_id)
            try:
                updated = services.set_attendance(
                    actor=request.user,
                    group=group,
                    entries=entries,
                    expected_revision=int(revision) if revision.isdigit() else None,
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(
                    request,
                    f"Đã ghi danh sách {group.kind.name}: {updated.attended}/{updated.expected} "
                    "có mặt.",
                )
                return redirect("study:attendance", session.pk, group.pk)
    return render(
        request,
        "study/attendance.html",
        {
            "session": session,
            "group": group,
            "rows": rows,
            "add_form": add_form,
            "candidates": candidates,
            "found": found,
            "errors": errors,
            "posted": request.POST if request.method == "POST" else None,
        },
    )


# ---------------------------------------------------------------- the member page


@login_required
def member_sessions(request, member_id: int):
    """The member page's section (loaded by htmx): the sessions the member was listed at.
    404 when the member is outside the user's scope; empty when never listed."""
    member = get_object_or_404(Member.objects.visible_to(request.user), pk=member_id)
    rows = member_rows(request.user, member)
    if not rows:
        return HttpResponse("")
    return render(request, "study/_member_sessions.html", {"member": member, "study_rows": rows})


# ---------------------------------------------------------------- figures


def figures_context(request):
    readable = selectors.readable_units(request.user)
    unit_id = _raw_id(request, "don_vi")
    unit = _unit(request, unit_id) if unit_id is not None else readable.top()
    doc_id = _raw_id(request, "van_ban")
    document = _document(request, doc_id)
    form = FiguresForm(
        request.GET or None,
        units=_units(request, selected=unit),
        documents=_documents(request, [doc_id] if doc_id else []),
        initial={"don_vi": unit.pk if unit else None, "nam": today().year},
    )
    data = form.cleaned_data if form.is_valid() else {}
    period = selectors.period_of(
        year=data.get("nam"),
        quarter=data.get("quy"),
        month=data.get("thang"),
        start=data.get("tu_ngay"),
        end=data.get("den_ngay"),
    )
    figures = selectors.rates(request.user, unit, period, document=document) if unit else None
    return {"form": form, "unit": unit, "document": document, "period": period, "rates": figures}


@login_required
def figures(request):
    context = figures_context(request)
    rates = context["rates"]
    if rates is not None:
        base = {
            "tu_ngay": rates.period.start.strftime("%d/%m/%Y"),
            "den_ngay": rates.period.end.strftime("%d/%m/%Y"),
        }
        if context["document"] is not None:
            base["van_ban"] = context["document"].pk
        for row in [rates.total, *rates.rows]:
            params = {**base, "don_vi": row.unit.pk}
            if row.only_unit:
                params["truc_tiep"] = "on"
            row.link = _list_url(params)
            for kind in row.kind_list:
                kind.link = _list_url({**params, "doi_tuong": kind.kind_id})
    return render(request, "study/figures.html", context)


def _list_url(params: dict) -> str:
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query[key] = str(value)
    return f"{reverse('study:list')}?{query.urlencode()}"


# ---------------------------------------------------------------- export


@login_required
@require_http_methods(["GET", "POST"])
def export(request):
    """GET: what will be exported (the list's filters); POST: start the export job."""
    form, unit, sessions = _filtered(request, with_choices=False)
    if request.method == "POST":
        job = start_job(
            actor=request.user,
            kind=EXPORT_JOB,
            unit=unit,
            params={"filters": request.GET.urlencode()},
            title="Xuất danh sách hội nghị học tập, quán triệt"
            + (f" — {unit.name}" if unit else ""),
        )
        return redirect("jobs:detail", job.pk)
    count = CappedPaginator(sessions, PER_PAGE).count
    return render(
        request,
        "study/export.html",
        {"form": form, "unit": unit, "count": count, "query": request.GET.urlencode()},
    )
