"""Every write to cell meetings: meetings, attendance (one form or a whole batch), assignments.

Each service checks the rules, writes the rows and one audit entry in the same transaction; a
refusal is a Vietnamese ``ValidationError`` and writes nothing. Rules:

* a meeting belongs to a cell (a unit whose kind ``is_cell``) alive on the meeting date, is
  not in the future, and counts for the month of its date or the month before;
* at most one regular (thường kỳ) meeting per cell and month;
* chair and secretary are members listed for the cell on the meeting date;
* attendance covers exactly the members listed for the cell on the meeting date
  (:mod:`.roster`); members excused from party work are stored as "miễn sinh hoạt" and not
  counted; "vắng có lý do" needs the reason;
* edits carry the revision they started from; a stale one is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from dangvu.accounts.scopes import today
from dangvu.audit.context import current_source
from dangvu.audit.models import AuditEntry
from dangvu.audit.revisions import refuse_stale
from dangvu.audit.services import acting_user, record_change, snapshot
from dangvu.fast_insert import insert_rows
from dangvu.orgs.models import Unit, UnitVersion
from dangvu.orgs.tree_paths import path_ids
from dangvu.vntext.formats import format_date
from dangvu.vntext.normalize import clean_text

from .models import (
    EXPECTED,
    AssigneePresence,
    Assignment,
    Attendance,
    Meeting,
    MeetingKind,
    Presence,
    Topic,
)
from .roster import RosterBook, roster

MEETING_TEXT_FIELDS = ("title", "content", "opinions", "conclusion", "documents_text")
REASON_MAX = 200


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def previous_month(month: date) -> date:
    return (month - timedelta(days=1)).replace(day=1)


def month_label(month: date) -> str:
    return f"{month.month:02d}/{month.year}"


# ---------------------------------------------------------------- meetings


def _check_cell(unit: Unit, day: date) -> None:
    if not unit.kind.is_cell:
        raise ValidationError(
            f"“{unit.name}” không phải chi bộ: chỉ ghi sinh hoạt cho chi bộ (chi bộ trực thuộc "
            "hoặc chi bộ cơ sở)."
        )
    if unit.created_on > day or (unit.ended_on is not None and unit.ended_on <= day):
        raise ValidationError(
            f"Ngày {format_date(day)} chi bộ “{unit.name}” không hoạt động "
            f"(thành lập {format_date(unit.created_on)}"
            + (f", chấm dứt {format_date(unit.ended_on)}" if unit.ended_on else "")
            + ")."
        )


def _check_date_and_month(day: date, month: date | None) -> date:
    if day > today():
        raise ValidationError("Ngày sinh hoạt ở tương lai: chỉ ghi buổi sinh hoạt đã diễn ra.")
    month = first_of_month(month or day)
    if month not in (first_of_month(day), previous_month(first_of_month(day))):
        raise ValidationError(
            f"Buổi sinh hoạt ngày {format_date(day)} chỉ được tính cho tháng "
            f"{month_label(first_of_month(day))} hoặc tháng trước đó, không phải "
            f"{month_label(month)}."
        )
    return month


def _check_one_regular(unit: Unit, month: date, kind: str, exclude: int | None = None) -> None:
    if kind != MeetingKind.REGULAR:
        return
    clash = Meeting.objects.filter(unit=unit, month=month, kind=MeetingKind.REGULAR)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    other = clash.first()
    if other is not None:
        raise ValidationError(
            f"Chi bộ “{unit.name}” đã có buổi sinh hoạt thường kỳ tháng {month_label(month)} "
            f"(ngày {format_date(other.date)}). Mỗi tháng chỉ có một buổi thường kỳ; buổi khác "
            "hãy ghi là sinh hoạt chuyên đề."
        )


def _check_officers(unit: Unit, day: date, chair, secretary) -> None:
    if chair is None and secretary is None:
        return
    listed = {entry.member.pk for entry in roster(unit, day)}
    for label, person in (("Người chủ trì", chair), ("Thư ký", secretary)):
        if person is not None and person.pk not in listed:
            raise ValidationError(
                f"{label} {person.full_name} không sinh hoạt tại chi bộ “{unit.name}” ngày "
                f"{format_date(day)}."
            )


def _clean_texts(fields: dict) -> dict:
    out = {}
    for name in MEETING_TEXT_FIELDS:
        if name in fields:
            value = fields[name]
            out[name] = clean_text(value) if value else ("" if name != "documents_text" else None)
    return out


@transaction.atomic
def create_meeting(
    *,
    actor,
    unit: Unit,
    kind: str,
    date: date,
    month: date | None = None,
    topics: Iterable[Topic] = (),
    chair=None,
    secretary=None,
    **texts,
) -> Meeting:
    unknown = set(texts) - set(MEETING_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    if kind not in MeetingKind.values:
        raise ValidationError("Loại buổi sinh hoạt không hợp lệ.")
    unit = Unit.objects.select_related("kind").select_for_update().get(pk=unit.pk)
    _check_cell(unit, date)
    month = _check_date_and_month(date, month)
    _check_one_regular(unit, month, kind)
    _check_officers(unit, date, chair, secretary)
    meeting = Meeting.objects.create(
        unit=unit,
        kind=kind,
        date=date,
        month=month,
        chair=chair,
        secretary=secretary,
        **_clean_texts(texts),
    )
    meeting.topics.set(list(topics))
    record_change(
        actor=actor,
        action="meetings.meeting.create",
        obj=meeting,
        unit=unit,
        after={**_meeting_snapshot(meeting), "topics": sorted(t.pk for t in topics)},
    )
    return meeting


def _meeting_snapshot(meeting: Meeting) -> dict:
    return snapshot(meeting, ["kind", "date", "month", "title", "chair", "secretary", "conclusion"])


def _lock(meeting: Meeting, expected_revision: int | None) -> Meeting:
    locked = Meeting.objects.select_for_update().select_related("unit__kind").get(pk=meeting.pk)
    refuse_stale(locked, expected_revision, "Buổi sinh hoạt này")
    return locked


@transaction.atomic
def update_meeting(
    *,
    actor,
    meeting: Meeting,
    expected_revision: int | None,
    kind: str,
    date: date,
    month: date | None = None,
    topics: Iterable[Topic] = (),
    chair=None,
    secretary=None,
    **texts,
) -> Meeting:
    """Change a meeting's fields. Once attendance is recorded the date may move only to a day
    when the cell's list is the same (the attendance stays true)."""
    meeting = _lock(meeting, expected_revision)
    if kind not in MeetingKind.values:
        raise ValidationError("Loại buổi sinh hoạt không hợp lệ.")
    unit = meeting.unit
    _check_cell(unit, date)
    month = _check_date_and_month(date, month)
    _check_one_regular(unit, month, kind, exclude=meeting.pk)
    _check_officers(unit, date, chair, secretary)
    if meeting.attendance_recorded and date != meeting.date:
        listed = {(e.member.pk, e.expected) for e in roster(unit, date)}
        stored = {
            (m, s != Presence.EXEMPT)
            for m, s in meeting.attendance.values_list("member_id", "status")
        }
        if listed != stored:
            raise ValidationError(
                f"Đã điểm danh theo danh sách chi bộ ngày {format_date(meeting.date)}; danh sách "
                f"ngày {format_date(date)} khác. Giữ ngày cũ, hoặc ghi buổi sinh hoạt mới."
            )
    before = {
        **_meeting_snapshot(meeting),
        "topics": sorted(meeting.topics.values_list("pk", flat=True)),
    }
    meeting.kind, meeting.date, meeting.month = kind, date, month
    meeting.chair, meeting.secretary = chair, secretary
    for name, value in _clean_texts(texts).items():
        setattr(meeting, name, value)
    meeting.revision = F("revision") + 1
    meeting.save()
    meeting.refresh_from_db()
    meeting.topics.set(list(topics))
    if meeting.attendance_recorded:
        meeting.attendance.update(month=month, regular=kind == MeetingKind.REGULAR)
    record_change(
        actor=actor,
        action="meetings.meeting.update",
        obj=meeting,
        unit=unit,
        before=before,
        after={**_meeting_snapshot(meeting), "topics": sorted(t.pk for t in topics)},
    )
    return meeting


# ---------------------------------------------------------------- attendance


def _top_id(unit: Unit, day: date) -> int:
    version = UnitVersion.objects.valid_on(day).filter(unit=unit).values_list("path", flat=True)
    path = version.first() or unit.path
    return path_ids(path)[0]


def parse_entries(listed: dict[int, bool], entries: dict, names: dict[int, str]) -> tuple:
    """Check one meeting's entries against its list: ``listed`` = ``{member_id: expected}``,
    ``entries`` = ``{member_id: (status, reason)}``. Returns (rows, counts, errors)."""
    errors: list[str] = []
    rows: list[tuple[int, int, str]] = []
    counts = dict.fromkeys(("expected", "present", "excused", "unexcused", "exempt"), 0)
    for member_id in entries:
        if member_id not in listed:
            errors.append(
                f"Mã đảng viên {member_id} không có trong danh sách sinh hoạt của chi bộ ngày họp."
            )
    for member_id, expected in listed.items():
        name = names.get(member_id, str(member_id))
        if not expected:
            rows.append((member_id, Presence.EXEMPT, ""))
            counts["exempt"] += 1
            continue
        if member_id not in entries:
            errors.append(f"Thiếu điểm danh của {name}.")
            continue
        status, reason = entries[member_id]
        reason = clean_text(reason) if reason else ""
        if status not in EXPECTED:
            errors.append(f"{name}: trạng thái điểm danh không hợp lệ.")
            continue
        if status == Presence.EXCUSED and not reason:
            errors.append(f"{name}: vắng có lý do thì phải ghi lý do.")
            continue
        if len(reason) > REASON_MAX:
            errors.append(f"{name}: lý do dài quá {REASON_MAX} ký tự.")
            continue
        rows.append((member_id, status, reason if status != Presence.PRESENT else ""))
        counts["expected"] += 1
        counts[{1: "present", 2: "excused", 3: "unexcused"}[int(status)]] += 1
    return rows, counts, errors


def _set_counts(meeting: Meeting, counts: dict) -> None:
    meeting.expected_count = counts["expected"]
    meeting.present_count = counts["present"]
    meeting.excused_count = counts["excused"]
    meeting.unexcused_count = counts["unexcused"]
    meeting.attendance_recorded = True


@transaction.atomic
def record_attendance(
    *,
    actor,
    meeting: Meeting,
    entries: dict[int, tuple[int, str]],
    expected_revision: int | None,
    assignees: dict[int, bool] | None = None,
) -> dict:
    """Record (or re-record) the whole cell's attendance at once: ``entries`` maps each
    expected member's id to ``(status, reason)``. Excused members (miễn sinh hoạt) are stored
    as not expected whatever is sent for them. One audit entry naming the counts."""
    meeting = _lock(meeting, expected_revision)
    if meeting.date > today():
        raise ValidationError("Chưa đến ngày sinh hoạt: chưa điểm danh được.")
    listed_rows = roster(meeting.unit, meeting.date)
    listed = {e.member.pk: e.expected for e in listed_rows}
    names = {e.member.pk: e.member.full_name for e in listed_rows}
    entries = {k: v for k, v in entries.items() if not (k in listed and not listed[k])}
    rows, counts, errors = parse_entries(listed, entries, names)
    assignee_rows = []
    if assignees:
        active = {a.pk for a in assignments_on(meeting.unit, meeting.date)}
        for assignment_id, attended in assignees.items():
            if assignment_id not in active:
                errors.append("Người được phân công dự không thuộc chi bộ này vào ngày sinh hoạt.")
                continue
            assignee_rows.append(
                AssigneePresence(
                    meeting=meeting, assignment_id=assignment_id, attended=bool(attended)
                )
            )
    if errors:
        raise ValidationError(errors)
    before = {
        "expected": meeting.expected_count,
        "present": meeting.present_count,
        "excused": meeting.excused_count,
        "unexcused": meeting.unexcused_count,
    }
    top = _top_id(meeting.unit, meeting.date)
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(
        [
            Attendance(
                meeting=meeting,
                member_id=member_id,
                status=status,
                reason=reason,
                cell_id=meeting.unit_id,
                top_id=top,
                month=meeting.month,
                regular=meeting.kind == MeetingKind.REGULAR,
            )
            for member_id, status, reason in rows
        ],
        batch_size=2000,
    )
    if assignees is not None:
        meeting.assignees.all().delete()
        AssigneePresence.objects.bulk_create(assignee_rows)
    was_recorded = meeting.attendance_recorded
    _set_counts(meeting, counts)
    Meeting.objects.filter(pk=meeting.pk).update(
        expected_count=meeting.expected_count,
        present_count=meeting.present_count,
        excused_count=meeting.excused_count,
        unexcused_count=meeting.unexcused_count,
        attendance_recorded=True,
        revision=F("revision") + 1,
    )
    meeting.refresh_from_db()
    record_change(
        actor=actor,
        action="meetings.attendance.record",
        obj=meeting,
        unit=meeting.unit,
        before=before if was_recorded else None,
        after={k: counts[k] for k in ("expected", "present", "excused", "unexcused", "exempt")}
        | {"assignees_attended": sum(1 for a in assignee_rows if a.attended)},
    )
    return counts


@transaction.atomic
def bulk_record_meetings(
    *, actor, meetings: list[dict], reason: str = "", batch_size: int = 5000
) -> dict:
    """Many meetings with their attendance at once (the demo, a bulk load): same rules as the
    forms, checked for the whole batch before anything is written; one audit entry per batch.

    Each item: ``{"unit_id", "kind", "date", "month" (optional), "topic_ids" (optional),
    "chair_id"/"secretary_id" (optional), texts…, "absent": {member_id: (status, reason)}}``
    — members not named in ``absent`` are present; excused members are stored as not expected.
    """
    if not meetings:
        return {"meetings": 0, "attendance": 0}
    unit_ids = {m["unit_id"] for m in meetings}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_ids).select_related("kind")}
    first = min(m["date"] for m in meetings)
    last = max(m["date"] for m in meetings)
    book = RosterBook(unit_ids, first, last)
    tops = _tops(unit_ids, first, last)
    months = {}
    seen_regular = set()
    errors: list[str] = []
    for position, item in enumerate(meetings, start=1):
        unit = units.get(item["unit_id"])
        try:
            if unit is None:
                raise ValidationError("Không có tổ chức này.")
            _check_cell(unit, item["date"])
            month = _check_date_and_month(item["date"], item.get("month"))
            if item["kind"] not in MeetingKind.values:
                raise ValidationError("Loại buổi sinh hoạt không hợp lệ.")
            if item["kind"] == MeetingKind.REGULAR:
                key = (unit.pk, month)
                if key in seen_regular:
                    raise ValidationError(
                        f"Hai buổi thường kỳ tháng {month_label(month)} của “{unit.name}”."
                    )
                seen_regular.add(key)
            months[position] = month
        except ValidationError as exc:
            errors.append(f"Buổi thứ {position}: " + " ".join(exc.messages))
    if seen_regular:
        existing = Meeting.objects.filter(
            kind=MeetingKind.REGULAR,
            unit_id__in=unit_ids,
            month__gte=min(m for _, m in seen_regular),
            month__lte=max(m for _, m in seen_regular),
        ).values_list("unit_id", "month")
        for key in set(existing) & seen_regular:
            errors.append(
                f"“{units[key[0]].name}” đã có buổi thường kỳ tháng {month_label(key[1])}."
            )
    if errors:
        raise ValidationError(errors[:50])
    wanted = {a for item in meetings for a in item.get("assignees", {})}
    active_assignments = {
        pk: (unit_id, start, end)
        for pk, unit_id, start, end in Assignment.objects.filter(pk__in=wanted).values_list(
            "pk", "unit_id", "start", "end"
        )
    }
    prepared = []
    for position, item in enumerate(meetings, start=1):
        listed = book.on(item["unit_id"], item["date"])
        absent = item.get("absent", {})
        entries = {m: absent.get(m, (Presence.PRESENT, "")) for m, exp in listed.items() if exp}
        rows, counts, problems = parse_entries(listed, entries, {})
        unknown = set(absent) - set(listed)
        for member_id in (item.get("chair_id"), item.get("secretary_id")):
            if member_id is not None and member_id not in listed:
                unknown.add(member_id)
        for assignment_id in item.get("assignees", {}):
            start_end = active_assignments.get(assignment_id)
            if (
                start_end is None
                or start_end[0] != item["unit_id"]
                or start_end[1] > item["date"]
                or (start_end[2] is not None and start_end[2] < item["date"])
            ):
                problems.append("Người được phân công dự không thuộc chi bộ vào ngày sinh hoạt.")
        if problems or unknown:
            raise ValidationError(
                f"Buổi thứ {position}: "
                + " ".join(problems)
                + (f" Đảng viên không thuộc chi bộ ngày họp: {sorted(unknown)}." if unknown else "")
            )
        prepared.append((item, months[position], rows, counts))
    written_meetings = written_rows = 0
    through = Meeting.topics.through
    for start in range(0, len(prepared), batch_size):
        chunk = prepared[start : start + batch_size]
        # plain rows, not model instances: the ORM's per-field preparation cost more than
        # the insert itself for tens of thousands of meetings
        marker = timezone.now()
        adapt_day = connection.ops.adapt_datefield_value
        meeting_rows = []
        for item, month, _rows, counts in chunk:
            texts = _clean_texts({k: v for k, v in item.items() if k in MEETING_TEXT_FIELDS})
            meeting_rows.append(
                (
                    item["unit_id"],
                    item["kind"],
                    adapt_day(item["date"]),
                    adapt_day(month),
                    texts.get("title", ""),
                    item.get("chair_id"),
                    item.get("secretary_id"),
                    texts.get("content", ""),
                    texts.get("opinions", ""),
                    texts.get("conclusion", ""),
                    texts.get("documents_text"),
                    counts["expected"],
                    counts["present"],
                    counts["excused"],
                    counts["unexcused"],
                    True,
                    1,
                    connection.ops.adapt_datetimefield_value(marker),
                )
            )
        insert_rows(Meeting._meta.db_table, MEETING_COLUMNS, meeting_rows)
        ids = list(
            Meeting.objects.filter(created_at=marker, unit_id__in={r[0] for r in meeting_rows})
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if len(ids) != len(meeting_rows):  # pragma: no cover - another load at the same µs
            raise RuntimeError("bulk meeting insert: ids do not match the rows written")
        objects = [
            _Written(pk, item["unit_id"], item["kind"], item["date"])
            for pk, (item, _m, _r, _c) in zip(ids, chunk, strict=True)
        ]
        links, rows_out, presences = [], [], []
        totals = dict.fromkeys(("expected", "present", "excused", "unexcused"), 0)
        for meeting, (item, month, rows, counts) in zip(objects, chunk, strict=True):
            links.extend((meeting.pk, t) for t in item.get("topic_ids", ()))
            presences.extend(
                AssigneePresence(meeting_id=meeting.pk, assignment_id=a, attended=bool(came))
                for a, came in item.get("assignees", {}).items()
            )
            top = tops(meeting.unit_id, meeting.date)
            regular = meeting.kind == MeetingKind.REGULAR
            pk = meeting.pk
            day = adapt_day(month)
            rows_out.extend(
                (pk, member_id, int(status), reason_text, meeting.unit_id, top, day, regular)
                for member_id, status, reason_text in rows
            )
            for key in totals:
                totals[key] += counts[key]
        insert_rows(through._meta.db_table, ("meeting_id", "topic_id"), links)
        AssigneePresence.objects.bulk_create(presences, batch_size=batch_size)
        insert_rows(Attendance._meta.db_table, ATTENDANCE_COLUMNS, rows_out)
        AuditEntry.objects.create(
            actor=acting_user(actor),
            source=current_source(),
            action="meetings.attendance.record_bulk",
            object_type="meetings.meeting",
            object_id=f"{objects[0].pk}-{objects[-1].pk}",
            object_repr=f"{len(objects)} buổi sinh hoạt",
            unit_id=objects[0].unit_id if len(unit_ids) == 1 else None,
            after={"meetings": len(objects), "attendance_rows": len(rows_out), **totals},
            reason=reason,
        )
        written_meetings += len(objects)
        written_rows += len(rows_out)
    return {"meetings": written_meetings, "attendance": written_rows}


ATTENDANCE_COLUMNS = (
    "meeting_id",
    "member_id",
    "status",
    "reason",
    "cell_id",
    "top_id",
    "month",
    "regular",
)


@dataclass(frozen=True, slots=True)
class _Written:
    pk: int
    unit_id: int
    kind: str
    date: date


MEETING_COLUMNS = (
    "unit_id",
    "kind",
    "date",
    "month",
    "title",
    "chair_id",
    "secretary_id",
    "content",
    "opinions",
    "conclusion",
    "documents_text",
    "expected_count",
    "present_count",
    "excused_count",
    "unexcused_count",
    "attendance_recorded",
    "revision",
    "created_at",
)


def _tops(unit_ids, first: date, last: date):
    """``lookup(unit_id, day)`` → the root id of the unit's path on ``day`` (one query)."""
    versions: dict[int, list[tuple]] = {}
    rows = (
        UnitVersion.objects.filter(unit_id__in=list(unit_ids), valid_from__lte=last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=first))
        .values_list("unit_id", "valid_from", "valid_to", "path")
    )
    for unit_id, start, end, path in rows:
        versions.setdefault(unit_id, []).append((start, end, path_ids(path)[0]))

    def lookup(unit_id: int, day: date) -> int:
        for start, end, top in versions.get(unit_id, ()):
            if start <= day and (end is None or end > day):
                return top
        raise ValidationError(f"Tổ chức {unit_id} không tồn tại ngày {format_date(day)}.")

    return lookup


# ---------------------------------------------------------------- assignments


def assignments_on(unit: Unit, day: date):
    return (
        Assignment.objects.filter(unit=unit, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .order_by("name", "id")
    )


@transaction.atomic
def assign_attendee(
    *,
    actor,
    unit: Unit,
    start: date,
    end: date | None = None,
    user=None,
    member=None,
    name: str = "",
    position: str = "",
    decision: str = "",
) -> Assignment:
    """Phân công một cấp ủy viên cấp trên dự sinh hoạt chi bộ ``unit`` over ``[start, end]``."""
    unit = Unit.objects.select_related("kind").get(pk=unit.pk)
    if not unit.kind.is_cell:
        raise ValidationError(f"“{unit.name}” không phải chi bộ.")
    if user is None and member is None:
        raise ValidationError("Hãy chọn tài khoản hoặc đảng viên được phân công.")
    if end is not None and end < start:
        raise ValidationError("Ngày kết thúc phân công trước ngày bắt đầu.")
    name = clean_text(name) or (
        member.full_name if member is not None else (user.get_full_name() or user.username)
    )
    overlapping = Assignment.objects.filter(unit=unit).filter(
        Q(end__isnull=True) | Q(end__gte=start)
    )
    if end is not None:
        overlapping = overlapping.filter(start__lte=end)
    if (user is not None and overlapping.filter(user=user).exists()) or (
        member is not None and overlapping.filter(member=member).exists()
    ):
        raise ValidationError(
            f"{name} đã được phân công dự sinh hoạt chi bộ này trong thời gian đó."
        )
    assignment = Assignment.objects.create(
        unit=unit,
        user=user,
        member=member,
        name=name,
        position=clean_text(position),
        start=start,
        end=end,
        decision=clean_text(decision),
    )
    record_change(
        actor=actor,
        action="meetings.assignment.create",
        obj=assignment,
        unit=unit,
        after=snapshot(assignment, ["unit", "user", "member", "name", "position", "start", "end"]),
    )
    return assignment
