"""Every write to the citizen-engagement records.

Each service checks everything before writing (one ValidationError in Vietnamese listing the
problems; nothing written), writes the record and the audit entry in one transaction, and
bumps ``revision`` so a concurrent edit is detected, not overwritten.

Feedback moves only along :data:`TRANSITIONS` (received → routed → answered | referred →
closed); anything else is refused. The due date is set when the feedback is routed, and is
required then. A pressing issue is selected by a unit for a year: at most
:data:`~.models.MAX_ISSUES_PER_YEAR` per unit and year (the unit's row is locked while
counting, so two concurrent selections cannot both pass).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from dangvu.accounts.scopes import require_write, today
from dangvu.audit.revisions import refuse_stale
from dangvu.audit.services import acting_user, record_change, snapshot
from dangvu.orgs.models import Unit, UnitVersion
from dangvu.vntext.formats import format_date
from dangvu.vntext.normalize import clean_text
from dangvu.vntext.search_keys import search_key

from .models import (
    MAX_ISSUES_PER_YEAR,
    Channel,
    Feedback,
    FeedbackState,
    IssueState,
    PressingIssue,
    Sector,
)

S = FeedbackState
FEEDBACK_FIELDS = ["channel", "sector", "raised_by", "contact", "content", "received_on"]
STATE_FIELDS = [
    "state",
    "routed_unit",
    "routed_agency",
    "routed_on",
    "due_on",
    "referred_to",
    "response",
    "responded_on",
    "closed_on",
]
ISSUE_FIELDS = ["unit", "year", "sector", "title", "description", "plan"]
RESULT_FIELDS = ["state", "resolved_on", "result"]

RELATED = {Feedback: ("unit", "routed_unit"), PressingIssue: ("unit",)}

# action → (states it may start from, state it leads to, what the action is called)
TRANSITIONS = {
    "route": ((S.RECEIVED,), S.ROUTED, "chuyển xử lý"),
    "answer": ((S.ROUTED,), S.ANSWERED, "ghi trả lời"),
    "refer": ((S.ROUTED,), S.REFERRED, "chuyển cơ quan có thẩm quyền"),
    "close": ((S.ANSWERED, S.REFERRED), S.CLOSED, "kết thúc"),
}
HINTS = {
    S.RECEIVED: "hãy chuyển xử lý (giao tổ chức hoặc cơ quan và đặt hạn trả lời) trước",
    S.ROUTED: "ý kiến đang chờ trả lời hoặc chuyển cơ quan có thẩm quyền",
    S.ANSWERED: "ý kiến đã được trả lời; chỉ còn có thể kết thúc",
    S.REFERRED: "ý kiến đã được chuyển cơ quan có thẩm quyền; chỉ còn có thể kết thúc",
    S.CLOSED: "ý kiến đã kết thúc, không thay đổi được nữa",
}


# ---------------------------------------------------------------- shared checks


def _raise(errors: list[str]) -> None:
    if errors:
        raise ValidationError(errors)


def _alive(unit: Unit, day: date) -> bool:
    return UnitVersion.objects.valid_on(day).filter(unit=unit).exists()


def _check_day(
    value, label: str, errors: list[str], *, after: date | None = None, after_label: str = ""
) -> None:
    if not isinstance(value, date):
        errors.append(f"Thiếu {label} (dd/mm/yyyy).")
        return
    if value > today():
        errors.append(f"{label.capitalize()} {format_date(value)} ở tương lai.")
    if after is not None and value < after:
        errors.append(
            f"{label.capitalize()} {format_date(value)} trước {after_label} {format_date(after)}."
        )


# ---------------------------------------------------------------- feedback


def _clean_feedback(data: dict) -> dict:
    data = dict(data)
    for name in ("raised_by", "contact", "content"):
        data[name] = clean_text(data.get(name) or "") or ""
    return data


def _check_feedback(data: dict, errors: list[str], *, check_alive: bool = True) -> None:
    unit = data.get("unit")
    if not isinstance(unit, Unit):
        errors.append("Hãy chọn tổ chức tiếp nhận ý kiến.")
    if not isinstance(data.get("channel"), Channel):
        errors.append("Hãy chọn kênh tiếp nhận.")
    if not isinstance(data.get("sector"), Sector):
        errors.append("Hãy chọn lĩnh vực.")
    if not data.get("raised_by"):
        errors.append("Hãy ghi người hoặc nhóm phản ánh (tên gọi hoặc mô tả nhóm).")
    if not data.get("content"):
        errors.append("Thiếu nội dung ý kiến, kiến nghị.")
    _check_day(data.get("received_on"), "ngày tiếp nhận", errors)
    if (
        check_alive
        and not errors
        and isinstance(unit, Unit)
        and not _alive(unit, data["received_on"])
    ):
        errors.append(
            f"Ngày {format_date(data['received_on'])}, “{unit.name}” chưa thành lập hoặc đã kết "
            "thúc hoạt động; hãy chọn tổ chức đang hoạt động vào ngày tiếp nhận."
        )


def _state(feedback: Feedback) -> dict:
    return snapshot(feedback, ["unit", *FEEDBACK_FIELDS, *STATE_FIELDS])


@transaction.atomic
def record_feedback(
    *,
    actor,
    unit: Unit,
    channel: Channel,
    sector: Sector,
    raised_by: str,
    content: str,
    received_on: date,
    contact: str = "",
) -> Feedback:
    """Record a feedback as received (state ``tiep_nhan``)."""
    data = _clean_feedback(
        {
            "unit": unit,
            "channel": channel,
            "sector": sector,
            "raised_by": raised_by,
            "contact": contact,
            "content": content,
            "received_on": received_on,
        }
    )
    require_write(actor, unit, what="ghi ý kiến, kiến nghị")
    errors: list[str] = []
    _check_feedback(data, errors)
    _raise(errors)
    feedback = Feedback.objects.create(
        **data, content_key=search_key(data["content"]), created_by=acting_user(actor)
    )
    record_change(
        actor=actor,
        action="citizens.feedback.create",
        obj=feedback,
        unit=unit,
        after=_state(feedback),
    )
    return feedback


def _lock(record, expected_revision: int | None, what: str):
    """The record locked for the change (only its own row: PostgreSQL refuses FOR UPDATE on
    the nullable side of a join); a stale ``expected_revision`` is refused."""
    locked = (
        type(record)
        .objects.select_for_update(of=("self",))
        .select_related(*RELATED[type(record)])
        .get(pk=record.pk)
    )
    refuse_stale(locked, expected_revision, what)
    return locked


def _save(record, *, actor, action: str, before: dict, reason: str = ""):
    """Bump the revision, save, and write the audit entry (``citizens.<kind>.<action>``)."""
    record.revision = F("revision") + 1
    record.save()
    record.refresh_from_db()
    kind, state = ("feedback", _state) if isinstance(record, Feedback) else ("issue", _issue_state)
    record_change(
        actor=actor,
        action=f"citizens.{kind}.{action}",
        obj=record,
        unit=record.unit,
        before=before,
        after=state(record),
        reason=reason,
    )
    return record


@transaction.atomic
def update_feedback(
    *, actor, feedback: Feedback, expected_revision: int | None, reason: str = "", **fields
) -> Feedback:
    """Correct the feedback's own fields (channel, field, who, content, received date)."""
    unknown = set(fields) - set(FEEDBACK_FIELDS)
    if unknown:
        raise TypeError(f"unknown feedback fields: {sorted(unknown)}")
    feedback = _lock(feedback, expected_revision, "Ý kiến này")
    require_write(actor, feedback.unit, what="sửa ý kiến, kiến nghị")
    before = _state(feedback)
    data = _clean_feedback(
        {"unit": feedback.unit, **{f: getattr(feedback, f) for f in FEEDBACK_FIELDS}, **fields}
    )
    errors: list[str] = []
    _check_feedback(data, errors)
    received = data.get("received_on")
    if not errors and feedback.routed_on and received > feedback.routed_on:
        errors.append(
            f"Ngày tiếp nhận {format_date(received)} sau ngày chuyển xử lý "
            f"{format_date(feedback.routed_on)}."
        )
    _raise(errors)
    for name in FEEDBACK_FIELDS:
        setattr(feedback, name, data[name])
    feedback.content_key = search_key(data["content"])
    return _save(feedback, actor=actor, action="update", before=before, reason=reason)


def _begin(feedback: Feedback, action: str, expected_revision: int | None, actor):
    """Lock the row, check the transition is allowed from its state, and who may make it."""
    feedback = _lock(feedback, expected_revision, "Ý kiến này")
    sources, _, verb = TRANSITIONS[action]
    if feedback.state not in sources:
        label = FeedbackState(feedback.state).label
        raise ValidationError(
            f"Không thể {verb} ý kiến đang ở trạng thái “{label.lower()}”: "
            f"{HINTS[FeedbackState(feedback.state)]}."
        )
    if action in ("answer", "refer"):  # the unit it was routed to answers too
        require_write(actor, feedback.unit, feedback.routed_unit, what=f"{verb} ý kiến")
    else:
        require_write(actor, feedback.unit, what=f"{verb} ý kiến")
    return feedback, _state(feedback)


@transaction.atomic
def route_feedback(
    *,
    actor,
    feedback: Feedback,
    expected_revision: int | None,
    routed_on: date,
    due_on: date | None,
    routed_unit: Unit | None = None,
    routed_agency: str = "",
) -> Feedback:
    """Route to a unit of the tree or to an outside agency (one of the two), with the due
    date for the answer — required here."""
    feedback, before = _begin(feedback, "route", expected_revision, actor)
    routed_agency = clean_text(routed_agency or "") or ""
    errors: list[str] = []
    if (routed_unit is None) == (not routed_agency):
        errors.append(
            "Hãy chọn một tổ chức trong cây tổ chức hoặc ghi tên một cơ quan ngoài (chỉ một)."
        )
    _check_day(
        routed_on,
        "ngày chuyển",
        errors,
        after=feedback.received_on,
        after_label="ngày tiếp nhận",
    )
    if not isinstance(due_on, date):
        errors.append("Khi chuyển xử lý phải đặt hạn trả lời (dd/mm/yyyy).")
    elif isinstance(routed_on, date) and due_on < routed_on:
        errors.append(
            f"Hạn trả lời {format_date(due_on)} trước ngày chuyển {format_date(routed_on)}."
        )
    if not errors and routed_unit is not None and not _alive(routed_unit, routed_on):
        errors.append(
            f"Ngày {format_date(routed_on)}, “{routed_unit.name}” không hoạt động; hãy chọn "
            "tổ chức đang hoạt động."
        )
    _raise(errors)
    feedback.state = S.ROUTED
    feedback.routed_unit = routed_unit
    feedback.routed_agency = routed_agency
    feedback.routed_on = routed_on
    feedback.due_on = due_on
    return _save(feedback, actor=actor, action="route", before=before)


def _respond(feedback, action, *, actor, expected_revision, response, responded_on, referred_to=""):
    feedback, before = _begin(feedback, action, expected_revision, actor)
    response = clean_text(response or "") or ""
    referred_to = clean_text(referred_to or "") or ""
    errors: list[str] = []
    if action == "refer" and not referred_to:
        errors.append("Hãy ghi tên cơ quan có thẩm quyền nhận ý kiến.")
    if action == "answer" and not response:
        errors.append("Hãy ghi nội dung trả lời.")
    _check_day(
        responded_on,
        "ngày trả lời" if action == "answer" else "ngày chuyển cơ quan có thẩm quyền",
        errors,
        after=feedback.routed_on,
        after_label="ngày chuyển xử lý",
    )
    _raise(errors)
    feedback.state = TRANSITIONS[action][1]
    feedback.response = response
    feedback.responded_on = responded_on
    feedback.referred_to = referred_to
    return _save(feedback, actor=actor, action=action, before=before)


@transaction.atomic
def answer_feedback(
    *, actor, feedback: Feedback, expected_revision: int | None, response: str, responded_on: date
) -> Feedback:
    """Record the answer (text and date); on time when the date is ≤ the due date."""
    return _respond(
        feedback,
        "answer",
        actor=actor,
        expected_revision=expected_revision,
        response=response,
        responded_on=responded_on,
    )


@transaction.atomic
def refer_feedback(
    *,
    actor,
    feedback: Feedback,
    expected_revision: int | None,
    referred_to: str,
    responded_on: date,
    response: str = "",
) -> Feedback:
    """Refer to the competent agency (chuyển cơ quan có thẩm quyền), with its date."""
    return _respond(
        feedback,
        "refer",
        actor=actor,
        expected_revision=expected_revision,
        response=response,
        responded_on=responded_on,
        referred_to=referred_to,
    )


@transaction.atomic
def close_feedback(
    *, actor, feedback: Feedback, expected_revision: int | None, closed_on: date
) -> Feedback:
    feedback, before = _begin(feedback, "close", expected_revision, actor)
    errors: list[str] = []
    _check_day(
        closed_on, "ngày kết thúc", errors, after=feedback.responded_on, after_label="ngày trả lời"
    )
    _raise(errors)
    feedback.state = S.CLOSED
    feedback.closed_on = closed_on
    return _save(feedback, actor=actor, action="close", before=before)


def _check_history(item: dict, errors: list[str]) -> None:
    """The fields a batch row brings for its state are those the transitions would have set."""
    state = item.get("state", S.RECEIVED)
    if state not in S.values:
        errors.append(f"Trạng thái không hợp lệ: {state!r}.")
        return
    routed = state != S.RECEIVED
    responded = state in (S.ANSWERED, S.REFERRED, S.CLOSED)
    if routed:
        if (item.get("routed_unit") is None) == (not item.get("routed_agency")):
            errors.append("Phải chuyển đến đúng một tổ chức hoặc một cơ quan ngoài.")
        _check_day(
            item.get("routed_on"),
            "ngày chuyển",
            errors,
            after=item.get("received_on"),
            after_label="ngày tiếp nhận",
        )
        if not isinstance(item.get("due_on"), date):
            errors.append("Khi chuyển xử lý phải đặt hạn trả lời (dd/mm/yyyy).")
        elif isinstance(item.get("routed_on"), date) and item["due_on"] < item["routed_on"]:
            errors.append("Hạn trả lời trước ngày chuyển.")
    if responded:
        _check_day(
            item.get("responded_on"),
            "ngày trả lời",
            errors,
            after=item.get("routed_on"),
            after_label="ngày chuyển",
        )
    if state == S.CLOSED:
        _check_day(
            item.get("closed_on"),
            "ngày kết thúc",
            errors,
            after=item.get("responded_on"),
            after_label="ngày trả lời",
        )


@transaction.atomic
def bulk_record_feedback(*, actor, items: list[dict], reason: str = "") -> int:
    """Record many feedback items with their history so far (the demo, an import): each row
    is checked as the single services check it — the fields its state needs, dates in order,
    the due date whenever it was routed — and a problem in any refuses the whole batch; one
    audit entry per batch."""
    problems: list[str] = []
    rows = []
    for index, raw in enumerate(items, start=1):
        data = _clean_feedback(raw)
        data.setdefault("state", S.RECEIVED)
        for name in ("routed_agency", "referred_to", "response"):
            data[name] = clean_text(data.get(name) or "") or ""
        errors: list[str] = []
        _check_feedback(data, errors, check_alive=False)
        _check_history(data, errors)
        problems += [f"Ý kiến thứ {index}: {m}" for m in errors]
        rows.append(
            Feedback(**data, content_key=search_key(data["content"]), created_by=acting_user(actor))
        )
    _raise(problems)
    created = Feedback.objects.bulk_create(rows, batch_size=1000)
    if created:
        record_change(
            actor=actor,
            action="citizens.feedback.bulk_create",
            obj=created[0],
            unit=None,
            after={"count": len(created), "first": created[0].pk, "last": created[-1].pk},
            reason=reason,
        )
    return len(created)


# ---------------------------------------------------------------- pressing issues


def _clean_issue(data: dict) -> dict:
    data = dict(data)
    for name in ("title", "description", "plan"):
        data[name] = clean_text(data.get(name) or "") or ""
    return data


def _check_issue(data: dict, errors: list[str]) -> None:
    if not isinstance(data.get("unit"), Unit):
        errors.append("Hãy chọn chi bộ hoặc cấp ủy lựa chọn vụ việc.")
    year = data.get("year")
    if not isinstance(year, int) or not 1990 <= year <= today().year + 1:
        errors.append(f"Năm phải là số từ 1990 đến {today().year + 1}.")
    if not isinstance(data.get("sector"), Sector):
        errors.append("Hãy chọn lĩnh vực.")
    if not data.get("title"):
        errors.append("Thiếu tên vụ việc.")
    if not data.get("plan"):
        errors.append("Hãy ghi kế hoạch, biện pháp giải quyết.")


def _check_quota(unit: Unit, year: int, errors: list[str], *, exclude=None, extra: int = 0):
    """At most two issues per unit and year; the unit row is locked while counting."""
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    taken = PressingIssue.objects.filter(unit=unit, year=year)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.count() + extra >= MAX_ISSUES_PER_YEAR:
        errors.append(
            f"{unit.name} đã lựa chọn {MAX_ISSUES_PER_YEAR:02d} việc nổi cộm, bức xúc năm {year}; "
            f"mỗi chi bộ, cấp ủy chỉ chọn 01 đến {MAX_ISSUES_PER_YEAR:02d} việc mỗi năm."
        )


def _issue_state(issue: PressingIssue) -> dict:
    return snapshot(issue, [*ISSUE_FIELDS, *RESULT_FIELDS])


@transaction.atomic
def select_issue(
    *,
    actor,
    unit: Unit,
    year: int,
    sector: Sector,
    title: str,
    plan: str,
    description: str = "",
) -> PressingIssue:
    """A cell or committee selects a pressing issue for a year (a third one is refused)."""
    data = _clean_issue(
        {
            "unit": unit,
            "year": year,
            "sector": sector,
            "title": title,
            "plan": plan,
            "description": description,
        }
    )
    require_write(actor, unit, what="chọn việc nổi cộm, bức xúc")
    errors: list[str] = []
    _check_issue(data, errors)
    if not errors:
        _check_quota(unit, year, errors)
    _raise(errors)
    issue = PressingIssue.objects.create(
        **data, title_key=search_key(data["title"])[:300], created_by=acting_user(actor)
    )
    record_change(
        actor=actor,
        action="citizens.issue.create",
        obj=issue,
        unit=unit,
        after=_issue_state(issue),
    )
    return issue


@transaction.atomic
def update_issue(
    *, actor, issue: PressingIssue, expected_revision: int | None, **fields
) -> PressingIssue:
    """Change the issue's year, field, title, description or plan (the unit stays)."""
    unknown = set(fields) - (set(ISSUE_FIELDS) - {"unit"})
    if unknown:
        raise TypeError(f"unknown issue fields: {sorted(unknown)}")
    issue = _lock(issue, expected_revision, f"Vụ việc “{issue.title}”")
    require_write(actor, issue.unit, what="sửa việc nổi cộm, bức xúc")
    before = _issue_state(issue)
    data = _clean_issue({**{f: getattr(issue, f) for f in ISSUE_FIELDS}, **fields})
    errors: list[str] = []
    _check_issue(data, errors)
    if not errors and data["year"] != issue.year:
        _check_quota(issue.unit, data["year"], errors, exclude=issue)
    _raise(errors)
    for name in ISSUE_FIELDS:
        setattr(issue, name, data[name])
    issue.title_key = search_key(data["title"])[:300]
    return _save(issue, actor=actor, action="update", before=before)


@transaction.atomic
def record_issue_result(
    *,
    actor,
    issue: PressingIssue,
    expected_revision: int | None,
    state: str,
    resolved_on: date | None = None,
    result: str = "",
) -> PressingIssue:
    """Follow the issue: still in progress, resolved (with the date it was resolved and the
    result), or not resolved (with the reason in ``result``)."""
    issue = _lock(issue, expected_revision, f"Vụ việc “{issue.title}”")
    require_write(actor, issue.unit, what="ghi kết quả giải quyết")
    before = _issue_state(issue)
    result = clean_text(result or "") or ""
    errors: list[str] = []
    if state not in IssueState.values:
        errors.append("Tình hình giải quyết không hợp lệ.")
    elif state == IssueState.RESOLVED:
        _check_day(resolved_on, "ngày giải quyết xong", errors)
        if isinstance(resolved_on, date) and resolved_on.year < issue.year:
            errors.append(
                f"Ngày giải quyết xong {format_date(resolved_on)} trước năm {issue.year} "
                "lựa chọn vụ việc."
            )
        if not result:
            errors.append("Hãy ghi kết quả giải quyết.")
    elif resolved_on is not None:
        errors.append("Chỉ ghi ngày giải quyết xong khi vụ việc đã được giải quyết dứt điểm.")
    _raise(errors)
    issue.state = state
    issue.resolved_on = resolved_on if state == IssueState.RESOLVED else None
    issue.result = result
    return _save(issue, actor=actor, action="result", before=before)


@transaction.atomic
def bulk_select_issues(*, actor, items: list[dict], reason: str = "") -> int:
    """Many issues with their results so far (the demo): the same checks, the quota counted
    over the database and the batch together; a problem anywhere refuses the batch."""
    problems: list[str] = []
    rows = []
    taken: dict[tuple[int, int], int] = {}
    existing = PressingIssue.objects.filter(
        unit_id__in={i["unit"].pk for i in items if isinstance(i.get("unit"), Unit)}
    )
    for unit_id, year in existing.values_list("unit_id", "year"):
        taken[(unit_id, year)] = taken.get((unit_id, year), 0) + 1
    for index, raw in enumerate(items, start=1):
        data = _clean_issue(raw)
        data["result"] = clean_text(data.get("result") or "") or ""
        data.setdefault("state", IssueState.IN_PROGRESS)
        errors: list[str] = []
        _check_issue(data, errors)
        if not errors:
            key = (data["unit"].pk, data["year"])
            if taken.get(key, 0) >= MAX_ISSUES_PER_YEAR:
                errors.append(
                    f"{data['unit'].name} đã có {MAX_ISSUES_PER_YEAR:02d} việc năm {data['year']}."
                )
            taken[key] = taken.get(key, 0) + 1
        if data["state"] == IssueState.RESOLVED:
            _check_day(data.get("resolved_on"), "ngày giải quyết xong", errors)
        problems += [f"Vụ việc thứ {index}: {m}" for m in errors]
        rows.append(
            PressingIssue(
                **data, title_key=search_key(data["title"])[:300], created_by=acting_user(actor)
            )
        )
    _raise(problems)
    created = PressingIssue.objects.bulk_create(rows, batch_size=1000)
    if created:
        record_change(
            actor=actor,
            action="citizens.issue.bulk_create",
            obj=created[0],
            unit=None,
            after={"count": len(created)},
            reason=reason,
        )
    return len(created)
