"""Meeting pages: the scoped list (and its XLSX), create/edit, detail with attendance, the
one-form attendance of a whole cell, the XLSX template and its upload, the quality table and
the figures. A meeting or unit outside the user's scope answers 404; writing needs ``write``
over the cell (a cell secretary: their own cell only)."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for, today
from dangvu.documents.selectors import documents_mentioned
from dangvu.jobs.list_exports import export_list
from dangvu.jobs.xlsx import xlsx_response
from dangvu.members.models import Member, MemberPeriod
from dangvu.orgs.models import Unit
from dangvu.web.form_actions import NOTHING, submit
from dangvu.web.pagination import list_page, query_without_page
from dangvu.web.unit_choices import capped_units, indented_name, unit_from_query

from . import attendance_sheets, listing, selectors, services
from .cell_sets import cells_of
from .export import write_meetings
from .figures import figures as compute_figures
from .figures import last_day
from .forms import (
    AssignmentForm,
    AttendanceForm,
    CellChoiceForm,
    MeetingForm,
    PeriodForm,
    UploadForm,
)
from .models import AssigneePresence, Assignment, Attendance, Meeting, MeetingKind, Topic
from .quality import month_results, months_between
from .roster import roster

PER_PAGE = 50
QUALITY_CELLS_PER_PAGE = 50


# ---------------------------------------------------------------- shared


def _unit_choices(request, selected: Unit | None = None) -> list[Unit]:
    """Units offered in the "Tổ chức" filters: every current unit the user may read, or only
    the non-cell ones when there are too many (a province); plus the selected one."""
    units = capped_units(
        selectors.readable_units(request.user).current().order_by("path"), [selected]
    )
    for unit in units:
        unit.label = indented_name(unit)
    return units


def _selected_unit(request, *, default_top: bool = False) -> Unit | None:
    unit = unit_from_query(request, selectors.readable_units(request.user))
    return selectors.top_unit(request.user) if unit is None and default_top else unit


def _filtered(request, *, with_choices: bool):
    unit = _selected_unit(request)
    units = _unit_choices(request, unit) if with_choices else [unit] if unit else []
    form, meetings = listing.filtered(request.user, request.GET, unit=unit, units=units)
    return form, unit, meetings


def _cell_members(cell: Unit) -> list[Member]:
    """Everybody who has been at home in the cell (choices for chair/secretary; the service
    checks the meeting date)."""
    ids = MemberPeriod.objects.filter(unit=cell).values("member_id")
    return list(Member.objects.filter(pk__in=ids).order_by("sort_key", "id"))


def _period(request):
    """The period of the quality/figures pages: default January of this year → this month."""
    now = today()
    data = request.GET.copy()
    data.setdefault("tu_thang", f"01/{now.year}")
    data.setdefault("den_thang", f"{now.month:02d}/{now.year}")
    unit = _selected_unit(request, default_top=True)
    form = PeriodForm(data, units=_unit_choices(request, unit))
    if form.is_valid():
        first, last = form.cleaned_data["tu_thang"], form.cleaned_data["den_thang"]
    else:
        first, last = date(now.year, 1, 1), now.replace(day=1)
    return form, unit, first, last


def _month_query(unit: Unit | None, first: date, last: date, **extra) -> str:
    params = {"tu_thang": f"{first:%m/%Y}", "den_thang": f"{last:%m/%Y}", **extra}
    if unit is not None:
        params["don_vi"] = unit.pk
    return urlencode(params)


# ---------------------------------------------------------------- list and export


@login_required
def meeting_list(request):
    form, unit, meetings = _filtered(request, with_choices=True)
    page = list_page(request, meetings, PER_PAGE)
    query = query_without_page(request)
    return render(
        request,
        "meetings/list.html",
        {
            "form": form,
            "unit": unit,
            "page": page,
            "query": query,
            "can_create": selectors.writable_cells(request.user).exists(),
        },
    )


@login_required
def export(request):
    """The filtered list as XLSX: at once when short, else as a background job."""
    _, unit, meetings = _filtered(request, with_choices=False)
    return export_list(
        request,
        rows=meetings,
        job_kind=listing.EXPORT_JOB,
        unit=unit,
        action="meetings.export",
        name=listing.export_name(),
        write=lambda handle: write_meetings(
            handle, meetings, title_lines=[listing.export_title(unit)]
        ),
        inline_max=listing.EXPORT_INLINE_MAX,
    )


# ---------------------------------------------------------------- create, edit, detail


def _meeting_kwargs(form: MeetingForm, cell: Unit) -> dict:
    data = form.cleaned_data
    people = {m.pk: m for m in Member.objects.filter(pk__in=[data["chair"], data["secretary"]])}
    return {
        "kind": data["kind"],
        "date": data["date"],
        "month": data["month"],
        "topics": list(data["topics"]),
        "chair": people.get(data["chair"]),
        "secretary": people.get(data["secretary"]),
        "title": data["title"],
        "content": data["content"],
        "opinions": data["opinions"],
        "conclusion": data["conclusion"],
        "documents_text": data["documents_text"],
    }


@login_required
def create(request):
    cells = selectors.writable_cells(request.user)
    raw = request.GET.get("chi_bo", "")
    if not raw:
        if not cells.exists():
            raise Http404
        return render(
            request,
            "meetings/pick_cell.html",
            {"form": CellChoiceForm(cells=cells), "title": "Ghi buổi sinh hoạt chi bộ"},
        )
    if not raw.isdigit():
        raise Http404
    cell = get_object_or_404(cells, pk=int(raw))
    form = MeetingForm(
        request.POST or None,
        members=_cell_members(cell),
        initial={"kind": MeetingKind.REGULAR, "date": today()},
    )
    meeting = submit(
        request,
        form,
        lambda f: services.create_meeting(
            actor=request.user, unit=cell, **_meeting_kwargs(f, cell)
        ),
    )
    if meeting is not NOTHING:
        messages.success(request, "Đã ghi buổi sinh hoạt. Hãy điểm danh.")
        return redirect("meetings:attendance", meeting.pk)
    return render(
        request,
        "meetings/change.html",
        {"form": form, "title": f"Ghi buổi sinh hoạt — {cell.name}", "meeting": None},
    )


@login_required
def edit(request, meeting_id: int):
    meeting = selectors.meeting_for(request.user, meeting_id, write=True)
    initial = {
        "kind": meeting.kind,
        "date": meeting.date,
        "month": meeting.month,
        "title": meeting.title,
        "topics": list(meeting.topics.all()),
        "chair": meeting.chair_id,
        "secretary": meeting.secretary_id,
        "content": meeting.content,
        "opinions": meeting.opinions,
        "conclusion": meeting.conclusion,
        "documents_text": meeting.documents_text,
        "revision": meeting.revision,
    }
    form = MeetingForm(request.POST or None, members=_cell_members(meeting.unit), initial=initial)
    result = submit(
        request,
        form,
        lambda f: services.update_meeting(
            actor=request.user,
            meeting=meeting,
            expected_revision=f.cleaned_data["revision"],
            **_meeting_kwargs(f, meeting.unit),
        ),
    )
    if result is not NOTHING:
        messages.success(request, "Đã cập nhật buổi sinh hoạt.")
        return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/change.html",
        {"form": form, "title": f"Sửa buổi sinh hoạt — {meeting.unit.name}", "meeting": meeting},
    )


@login_required
def detail(request, meeting_id: int):
    meeting = selectors.meeting_for(request.user, meeting_id)
    rows = list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("member")
        .order_by("member__sort_key", "member_id")
    )
    assignees = list(AssigneePresence.objects.filter(meeting=meeting).select_related("assignment"))
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "topics": list(meeting.topics.all()),
            "rows": rows,
            "assignees": assignees,
            "can_write": selectors.can_write(request.user, meeting.unit),
            "documents": documents_mentioned(request.user, meeting.documents_text),
        },
    )


# ---------------------------------------------------------------- attendance


def _assignments_with_presence(meeting: Meeting) -> list[Assignment]:
    came = dict(
        AssigneePresence.objects.filter(meeting=meeting).values_list("assignment_id", "attended")
    )
    items = list(services.assignments_on(meeting.unit, meeting.date))
    for item in items:
        item.came = came.get(item.pk, False)
    return items


@login_required
def attendance(request, meeting_id: int):
    meeting = selectors.meeting_for(request.user, meeting_id, write=True)
    listed = roster(meeting.unit, meeting.date)
    recorded = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    assignments = _assignments_with_presence(meeting)
    form = AttendanceForm(
        request.POST or None,
        listed=listed,
        assignments=assignments,
        initial_rows=recorded,
        initial={"revision": meeting.revision},
    )
    result = submit(
        request,
        form,
        lambda f: services.record_attendance(
            actor=request.user,
            meeting=meeting,
            entries=f.entries(),
            assignees=f.assignees(),
            expected_revision=f.cleaned_data["revision"],
        ),
    )
    if result is not NOTHING:
        messages.success(
            request,
            f"Đã điểm danh: {result['present']}/{result['expected']} có mặt, "
            f"{result['excused']} vắng có lý do, {result['unexcused']} vắng không lý do.",
        )
        return redirect("meetings:detail", meeting.pk)
    return render(request, "meetings/attendance.html", {"meeting": meeting, "form": form})


@login_required
def template(request, meeting_id: int):
    meeting = selectors.meeting_for(request.user, meeting_id, write=True)
    listed = roster(meeting.unit, meeting.date)
    recorded = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    return xlsx_response(
        f"diem-danh-{meeting.unit.name}-{meeting.date:%Y%m%d}.xlsx",
        lambda handle: attendance_sheets.write_template(handle, meeting, listed, recorded),
    )


@login_required
def upload(request, meeting_id: int):
    meeting = selectors.meeting_for(request.user, meeting_id, write=True)
    form = UploadForm(
        request.POST or None, request.FILES or None, initial={"revision": meeting.revision}
    )
    errors = []
    if request.method == "POST" and form.is_valid():
        listed = roster(meeting.unit, meeting.date)
        upload_file = form.cleaned_data["file"]
        entries, errors = attendance_sheets.read_sheet(upload_file, upload_file.name, listed)
        if not errors:
            try:
                counts = services.record_attendance(
                    actor=request.user,
                    meeting=meeting,
                    entries=entries,
                    expected_revision=form.cleaned_data["revision"],
                )
            except ValidationError as exc:
                errors = [
                    attendance_sheets.SheetError(None, "", "", message) for message in exc.messages
                ]
            else:
                messages.success(
                    request,
                    f"Đã nhập điểm danh từ tệp: {counts['present']}/{counts['expected']} có mặt.",
                )
                return redirect("meetings:detail", meeting.pk)
    return render(
        request, "meetings/upload.html", {"meeting": meeting, "form": form, "errors": errors}
    )


# ---------------------------------------------------------------- quality and figures


class _Ids:
    def __init__(self, ids):
        self.ids = list(ids)

    def q(self, field_name: str):
        from django.db.models import Q

        return Q(**{f"{field_name}__in": self.ids})


@login_required
def quality(request):
    """Per cell (as of the period end) × month: meets the HD 12 criteria or why not."""
    form, unit, first, last = _period(request)
    context = {"form": form, "unit": unit, "first": first, "last": last, "page": None}
    if unit is not None:
        cells = cells_of(unit, last_day(last))
        current = sorted(cells.current.values(), key=lambda v: (v.sort_key, v.unit_id))
        page = Paginator(current, QUALITY_CELLS_PER_PAGE).get_page(request.GET.get("trang"))
        shown = {v.unit_id for v in page.object_list}
        ids = shown | {p for p, s in cells.successor_of.items() if s in shown}
        results = month_results(_Ids(ids), first, last)
        months = months_between(first, last)
        combined: dict[tuple[int, date], list] = {}
        for (cell_id, month), result in results.items():
            combined.setdefault((cells.counted_at(cell_id), month), []).append(result)
        table = []
        for version in page.object_list:
            row = []
            for month in months:
                found = combined.get((version.unit_id, month), [])
                row.append(
                    {
                        "month": month,
                        "held": bool(found),
                        "ok": bool(found) and all(r.ok for r in found),
                        "reasons": [reason for r in found for reason in r.reasons]
                        or ["Không sinh hoạt thường kỳ"],
                        "meeting_id": found[0].meeting_id if found else None,
                        "rate": found[0] if found else None,
                    }
                )
            table.append({"version": version, "months": row})
        query = query_without_page(request)
        context.update({"page": page, "months": months, "table": table, "query": query})
    return render(request, "meetings/quality.html", context)


@login_required
def figures(request):
    form, unit, first, last = _period(request)
    result = compute_figures(unit, first, last) if unit is not None else None
    links = {}
    if unit is not None:
        hcm = Topic.objects.filter(is_ho_chi_minh=True).first()
        base = reverse("meetings:list")
        links = {
            "regular": f"{base}?{_month_query(unit, first, last, loai=MeetingKind.REGULAR)}",
            "thematic": f"{base}?{_month_query(unit, first, last, loai=MeetingKind.THEMATIC)}",
            "quality": f"{reverse('meetings:quality')}?{_month_query(unit, first, last)}",
            "hcm": f"{base}?"
            + _month_query(
                unit, first, last, loai=MeetingKind.REGULAR, chu_de=hcm.pk if hcm else ""
            ),
        }
    return render(
        request,
        "meetings/figures.html",
        {"form": form, "unit": unit, "first": first, "last": last, "f": result, "links": links},
    )


# ---------------------------------------------------------------- assignments


@login_required
def assignments(request):
    """Phân công dự sinh hoạt chi bộ: the assignments in scope, and a form to add one."""
    visible = (
        Assignment.objects.filter(scope_for(request.user, permissions.READ).q("unit__path"))
        .select_related("unit", "user", "member")
        .annotate(
            attended=Count("presences", filter=Q(presences__attended=True)),
            recorded=Count("presences"),
        )
        .order_by("unit__sort_key", "start", "id")
    )
    page = list_page(request, visible, PER_PAGE)
    cells = selectors.writable_cells(request.user)
    form = None
    if cells.exists():
        form = AssignmentForm(request.POST or None, cells=cells)
        result = submit(request, form, lambda f: _assign(request, f, cells))
        if result is not NOTHING:
            messages.success(
                request, f"Đã phân công {result.name} dự sinh hoạt {result.unit.name}."
            )
            return redirect("meetings:assignments")
    elif request.method == "POST":
        raise Http404
    return render(request, "meetings/assignments.html", {"page": page, "form": form})


def _assign(request, form, cells):
    data = form.cleaned_data
    cell = get_object_or_404(cells, pk=data["chi_bo"])
    user = member = None
    if data["username"]:
        user = get_user_model().objects.filter(username=data["username"].strip()).first()
        if user is None:
            raise ValidationError(f"Không có tài khoản “{data['username']}”.")
    if data["member_id"]:
        member = Member.objects.visible_to(request.user).filter(pk=data["member_id"]).first()
        if member is None:
            raise ValidationError(
                f"Không có đảng viên mã {data['member_id']} trong phạm vi của bạn."
            )
    return services.assign_attendee(
        actor=request.user,
        unit=cell,
        start=data["start"],
        end=data["end"],
        user=user,
        member=member,
        name=data["name"],
        position=data["position"],
        decision=data["decision"],
    )
