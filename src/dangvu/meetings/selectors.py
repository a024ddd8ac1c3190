"""Reads of cell meetings that depend on who asks: one SQL filter on the user's subtree.

A meeting is visible where the user holds ``read`` over its cell (``Meeting.unit.path``: a
cell that ended lives under its successor, so its old meetings stay visible to the successor's
officers). Writing needs ``write`` over the cell (a cell secretary: their own cell only).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from dangvu.accounts import permissions
from dangvu.accounts.scopes import has_perm_at, scope_for, today
from dangvu.members.models import Member
from dangvu.orgs.models import Unit
from dangvu.orgs.selectors import reference_day

from .cell_sets import cells_of
from .figures import last_day
from .models import Attendance, Meeting, Presence


def visible_meetings(user, perm: str = permissions.READ):
    return Meeting.objects.visible_to(user, perm)


def meeting_for(user, meeting_id: int, *, write: bool = False) -> Meeting:
    """The meeting if the user may read it (or write it, with ``write``); else 404."""
    meeting = get_object_or_404(
        visible_meetings(user).select_related("unit__kind", "chair", "secretary"), pk=meeting_id
    )
    if write and not has_perm_at(user, permissions.WRITE, meeting.unit):
        raise Http404
    return meeting


def can_write(user, unit: Unit) -> bool:
    return has_perm_at(user, permissions.WRITE, unit)


def writable_cells(user):
    """Current cells where the user may record meetings."""
    return (
        Unit.objects.visible_to(user, permissions.WRITE)
        .current()
        .filter(kind__is_cell=True)
        .order_by("sort_key")
    )


def meeting_list(
    user,
    *,
    unit: Unit | None = None,
    first: date | None = None,
    last: date | None = None,
    kind: str = "",
    topic=None,
):
    """Meetings the user may read, filtered (one query): ``unit`` = the cells of its subtree as
    of the end of the period (their predecessors included), months ``first``..``last``."""
    qs = visible_meetings(user).select_related("unit")
    if first is not None:
        qs = qs.filter(month__gte=first)
    if last is not None:
        qs = qs.filter(month__lte=last)
    if unit is not None:
        day = reference_day(unit, last_day(last) if last else today())  # a unit formed later:
        qs = qs.filter(cells_of(unit, day).q("unit_id"))  # its cells then, and their predecessors
    if kind:
        qs = qs.filter(kind=kind)
    if topic is not None:
        qs = qs.filter(topics=topic)
    return qs.order_by("-month", "-date", "unit__sort_key", "id")


def members_absent_months(user, *, year: int, minimum: int = 3):
    """Members the user may read who were absent without reason (vắng không lý do) in at
    least ``minimum`` different months of ``year`` — a ground for xóa tên (Điều lệ Đảng).
    Each row carries ``absent_months``. One query."""
    absent = Attendance.objects.filter(
        status=Presence.UNEXCUSED, month__gte=date(year, 1, 1), month__lt=date(year + 1, 1, 1)
    )
    counted = (
        absent.values("member_id")
        .annotate(n=Count("month", distinct=True))
        .filter(n__gte=minimum)
        .values("member_id")
    )
    months = (
        absent.filter(member_id=OuterRef("pk"))
        .order_by()
        .values("member_id")
        .annotate(n=Count("month", distinct=True))
        .values("n")
    )
    # the scope is cached on the user: one query in all (the work-list page counts them)
    return (
        Member.objects.filter(scope_for(user, permissions.READ).q("unit__path"))
        .filter(pk__in=counted)
        .annotate(absent_months=Subquery(months, output_field=IntegerField()))
        .select_related("unit")
        .order_by("-absent_months", "sort_key", "id")
    )


def readable_units(user):
    return Unit.objects.visible_to(user, permissions.READ)


def top_unit(user) -> Unit | None:
    return readable_units(user).top()


def scope_is_empty(user) -> bool:
    return scope_for(user, permissions.READ).is_empty


def absences_of(member_ids, meeting_id: int) -> dict[int, Attendance]:
    return {
        a.member_id: a
        for a in Attendance.objects.filter(meeting_id=meeting_id, member_id__in=list(member_ids))
    }


def member_section(request, member):
    """The member page's section (see ``dangvu.members.sections``): attendance at the cell's
    meetings this year and last, with the counts per status, in one query."""
    since = date(today().year - 1, 1, 1)
    rows = list(
        Attendance.objects.filter(member=member, month__gte=since)
        .select_related("meeting", "cell")
        .order_by("-month", "-meeting__date", "-id")
    )
    counts = {status: 0 for status in Presence}
    for row in rows:
        counts[row.status] += 1
    return "meetings/_member_attendance.html", {
        "attendance_rows": rows,
        "attendance_counts": [(Presence(s).label, n) for s, n in counts.items() if n],
        "attendance_since": since,
    }
