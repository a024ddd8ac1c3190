"""Sinh hoạt chi bộ under /api/meetings/: same scopes (404 outside) and services as the pages."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from dangvu.accounts.scopes import today
from dangvu.api_writes import Problem, api_write
from dangvu.vntext.schema_types import NFCStr

from . import selectors, services
from .figures import figures as compute_figures
from .models import AssigneePresence, Attendance, Topic

router = Router(tags=["Sinh hoạt chi bộ"])


class MeetingBase(Schema):
    id: int
    unit_id: int
    kind: str
    date: date
    month: date
    title: str
    attendance_recorded: bool
    expected_count: int
    present_count: int
    excused_count: int
    unexcused_count: int
    revision: int


class MeetingOut(MeetingBase):
    unit_name: str = Field(..., alias="unit.name")


class AttendanceOut(Schema):
    member_id: int
    full_name: str
    status: int
    status_label: str
    reason: str


class AssigneeOut(Schema):
    assignment_id: int
    name: str
    attended: bool


class MeetingDetailOut(MeetingBase):
    unit_name: str
    topics: list[str]
    chair_id: int | None
    secretary_id: int | None
    content: str
    opinions: str
    conclusion: str
    documents_text: str | None
    attendance: list[AttendanceOut]
    assignees: list[AssigneeOut]


class EntryIn(Schema):
    member_id: int
    status: int
    reason: NFCStr = ""


class AssigneeIn(Schema):
    assignment_id: int
    attended: bool


class AttendanceIn(Schema):
    """The whole cell at once: one entry per expected member (1 có mặt, 2 vắng có lý do — with
    ``reason`` —, 3 vắng không lý do); ``expected_revision`` is the meeting's ``revision``."""

    expected_revision: int
    entries: list[EntryIn]
    assignees: list[AssigneeIn] | None = None


class CountsOut(Schema):
    expected: int
    present: int
    excused: int
    unexcused: int
    exempt: int


class RatioOut(Schema):
    numerator: int
    denominator: int
    percent: float | None


class FiguresOut(Schema):
    unit_id: int
    first_month: date
    last_month: date
    tree_on: date
    regular_meetings: int
    thematic_meetings: int
    attendance: RatioOut
    cells_meeting_criteria: RatioOut
    regular_meetings_meeting_criteria: RatioOut
    cells_with_ho_chi_minh_topic: RatioOut
    cells_in_tree: int
    merged_cells_counted_at_successors: int


def _ratio(r) -> dict:
    percent = r.percent()
    return {
        "numerator": r.numerator,
        "denominator": r.denominator,
        "percent": float(percent) if percent is not None else None,
    }


@router.get("", response=list[MeetingOut], summary="Danh sách buổi sinh hoạt chi bộ (lọc)")
@paginate(LimitOffsetPagination)
def meeting_list(
    request,
    unit: int | None = None,
    first_month: date | None = None,
    last_month: date | None = None,
    kind: str = "",
    topic: int | None = None,
):
    """``unit``: the cells of its subtree as of the end of the period; months are given by any
    day in them."""
    root = None
    if unit is not None:
        root = get_object_or_404(selectors.readable_units(request.user), pk=unit)
    topic_obj = get_object_or_404(Topic, pk=topic) if topic is not None else None
    return selectors.meeting_list(
        request.user,
        unit=root,
        first=first_month.replace(day=1) if first_month else None,
        last=last_month.replace(day=1) if last_month else None,
        kind=kind,
        topic=topic_obj,
    )


@router.get(
    "figures",
    response=FiguresOut,
    summary="Số liệu sinh hoạt chi bộ của một tổ chức (cả cấp dưới) trong một kỳ",
)
def meeting_figures(request, unit: int, first_month: date, last_month: date | None = None):
    root = get_object_or_404(selectors.readable_units(request.user), pk=unit)
    first = first_month.replace(day=1)
    last = (last_month or today()).replace(day=1)
    f = compute_figures(root, first, last)
    return {
        "unit_id": root.pk,
        "first_month": first,
        "last_month": last,
        "tree_on": f.day,
        "regular_meetings": f.regular,
        "thematic_meetings": f.thematic,
        "attendance": _ratio(f.attendance),
        "cells_meeting_criteria": _ratio(f.criteria),
        "regular_meetings_meeting_criteria": _ratio(f.criteria_months),
        "cells_with_ho_chi_minh_topic": _ratio(f.hcm),
        "cells_in_tree": f.cells_total,
        "merged_cells_counted_at_successors": f.merged_cells,
    }


@router.get("{meeting_id}", response=MeetingDetailOut, summary="Một buổi sinh hoạt và điểm danh")
def meeting_detail(request, meeting_id: int):
    meeting = selectors.meeting_for(request.user, meeting_id)
    rows = Attendance.objects.filter(meeting=meeting).select_related("member")
    assignees = AssigneePresence.objects.filter(meeting=meeting).select_related("assignment")
    return {
        **{name: getattr(meeting, name) for name in MeetingBase.model_fields},
        "unit_name": meeting.unit.name,
        "topics": [t.name for t in meeting.topics.all()],
        "chair_id": meeting.chair_id,
        "secretary_id": meeting.secretary_id,
        "content": meeting.content,
        "opinions": meeting.opinions,
        "conclusion": meeting.conclusion,
        "documents_text": meeting.documents_text,
        "attendance": [
            {
                "member_id": a.member_id,
                "full_name": a.member.full_name,
                "status": a.status,
                "status_label": a.get_status_display(),
                "reason": a.reason,
            }
            for a in rows.order_by("member__sort_key", "member_id")
        ],
        "assignees": [
            {"assignment_id": p.assignment_id, "name": p.assignment.name, "attended": p.attended}
            for p in assignees
        ],
    }


@router.post(
    "{meeting_id}/attendance",
    response={200: CountsOut, 422: Problem},
    summary="Ghi điểm danh cả chi bộ (cần quyền ghi tại chi bộ)",
)
def submit_attendance(request, meeting_id: int, payload: AttendanceIn):
    """Through the same service as the form: a refused submission answers 422 with every
    reason in Vietnamese and writes nothing."""
    meeting = selectors.meeting_for(request.user, meeting_id, write=True)
    entries = {e.member_id: (e.status, e.reason) for e in payload.entries}
    if len(entries) != len(payload.entries):
        return Status(422, {"detail": "Một đảng viên có nhiều hơn một dòng điểm danh."})
    assignees = (
        {a.assignment_id: a.attended for a in payload.assignees}
        if payload.assignees is not None
        else None
    )
    with api_write():
        counts = services.record_attendance(
            actor=request.user,
            meeting=meeting,
            entries=entries,
            assignees=assignees,
            expected_revision=payload.expected_revision,
        )
    return Status(200, counts)
