"""Every write to the study sessions: create, edit, attendance lists, and the demo's batch.

Each service checks everything before writing (one ValidationError in Vietnamese listing the
problems; nothing written), writes the records and the audit entry in one transaction, and
bumps the session's ``revision`` so a concurrent edit is detected, not overwritten.

Audience groups come as dicts: ``{"kind": AudienceKind, "expected": 968, "attended": 941}``
for a group kept as counts, or ``{"kind": …, "by_list": True, "members": [(member, present,
note), …]}`` for a group kept as a list of members — its counts are then derived.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F

from dangvu.accounts.scopes import require_write
from dangvu.audit.revisions import refuse_stale
from dangvu.audit.services import acting_user, record_change, snapshot
from dangvu.members.models import Member
from dangvu.orgs.models import Unit, UnitVersion
from dangvu.vntext.formats import format_date
from dangvu.vntext.normalize import clean_text
from dangvu.vntext.search_keys import search_key

from .models import Attendee, AudienceGroup, AudienceKind, SessionForm, StudySession
from .selectors import eligible_members

SESSION_FIELDS = ["unit", "date", "end_date", "title", "form", "place", "note"]
MAX_DAYS = 31


# ---------------------------------------------------------------- checks


def _check_fields(data: dict, errors: list[str], *, today: date) -> None:
    unit, day, end = data.get("unit"), data.get("date"), data.get("end_date")
    if not data.get("title"):
        errors.append("Thiếu tên hội nghị.")
    if not isinstance(unit, Unit):
        errors.append("Hãy chọn tổ chức đảng tổ chức hội nghị.")
    if not isinstance(day, date):
        errors.append("Thiếu ngày hội nghị (dd/mm/yyyy).")
    else:
        if day > today:
            errors.append(
                f"Ngày hội nghị {format_date(day)} ở tương lai; chỉ ghi nhận hội nghị đã diễn ra."
            )
        if end is not None:
            if end < day:
                errors.append(
                    f"Ngày kết thúc {format_date(end)} trước ngày bắt đầu {format_date(day)}."
                )
            elif (end - day).days > MAX_DAYS:
                errors.append(f"Một hội nghị kéo dài không quá {MAX_DAYS} ngày; hãy kiểm tra ngày.")
    if data.get("form") not in SessionForm.values:
        errors.append("Hình thức hội nghị phải là trực tiếp, trực tuyến hoặc kết hợp.")


def _alive_in_db(unit: Unit, day: date) -> bool:
    return UnitVersion.objects.valid_on(day).filter(unit=unit).exists()


def _alive_from(unit_ids) -> Callable[[Unit, date], bool]:
    """A checker answering "was the unit alive on day?" from one query over the units'
    versions (for a batch)."""
    spans: dict[int, list[tuple[date, date | None]]] = {}
    rows = UnitVersion.objects.filter(unit_id__in=set(unit_ids)).values_list(
        "unit_id", "valid_from", "valid_to"
    )
    for unit_id, start, end in rows:
        spans.setdefault(unit_id, []).append((start, end))

    def alive(unit: Unit, day: date) -> bool:
        return any(s <= day and (e is None or e > day) for s, e in spans.get(unit.pk, ()))

    return alive


def _check_unit_alive(unit: Unit, day: date, errors: list[str], alive=_alive_in_db) -> None:
    if not alive(unit, day):
        errors.append(
            f"Ngày {format_date(day)}, “{unit.name}” chưa thành lập hoặc đã kết thúc hoạt động; "
            "hãy chọn tổ chức đang hoạt động vào ngày hội nghị."
        )


def _entries(raw) -> list[tuple[int, bool, str]]:
    """(member id, present, note) from (member or id, present[, note]) tuples."""
    result = []
    for item in raw or ():
        member, present, *rest = item
        member_id = member.pk if isinstance(member, Member) else int(member)
        result.append((member_id, bool(present), clean_text(rest[0] if rest else "") or ""))
    return result


def _check_groups(groups: list[dict], errors: list[str]) -> list[dict]:
    """Normalised groups; problems appended to ``errors``."""
    if not groups:
        errors.append("Hãy nhập ít nhất một đối tượng tham dự (ví dụ cán bộ chủ chốt, đảng viên).")
        return []
    seen: set[int] = set()
    cleaned = []
    for group in groups:
        kind = group.get("kind")
        if not isinstance(kind, AudienceKind):
            errors.append("Đối tượng tham dự không hợp lệ.")
            continue
        if kind.pk in seen:
            errors.append(f"Đối tượng “{kind.name}” được nhập hai lần; hãy gộp thành một dòng.")
            continue
        seen.add(kind.pk)
        if group.get("by_list"):
            entries = _entries(group.get("members"))
            ids = [e[0] for e in entries]
            if len(set(ids)) != len(ids):
                errors.append(f"Danh sách {kind.name} có người bị nhập hai lần.")
            cleaned.append({"kind": kind, "by_list": True, "members": entries})
            continue
        expected, attended = group.get("expected"), group.get("attended")
        if not isinstance(expected, int) or expected < 1:
            errors.append(f"Số {kind.name} được triệu tập phải là số nguyên lớn hơn 0.")
            continue
        if not isinstance(attended, int) or attended < 0:
            errors.append(f"Số {kind.name} tham gia phải là số nguyên không âm.")
            continue
        if attended > expected:
            errors.append(
                f"Số {kind.name} tham gia ({attended}) lớn hơn số được triệu tập ({expected}); "
                "hãy kiểm tra lại."
            )
            continue
        cleaned.append({"kind": kind, "by_list": False, "expected": expected, "attended": attended})
    return cleaned


def _check_members(unit: Unit, day: date, member_ids, errors: list[str], label: str = "") -> None:
    """Every listed member must be in the unit's subtree on ``day`` (one query)."""
    wanted = set(member_ids)
    if not wanted:
        return
    eligible = eligible_members(unit, day).order_by()
    if len(wanted) > 200:  # a long list: one pass over the unit's members beats a huge IN
        inside = wanted & set(eligible.values_list("pk", flat=True))
    else:
        inside = set(eligible.filter(pk__in=wanted).values_list("pk", flat=True))
    outside = wanted - inside
    if not outside:
        return
    names = list(
        Member.objects.filter(pk__in=outside)
        .order_by("sort_key")
        .values_list("full_name", flat=True)[:5]
    )
    missing = len(outside) - len(names)
    shown = ", ".join(names) + (f" và {missing} người khác" if missing > 0 else "")
    if not names:
        shown = f"{len(outside)} mã đảng viên không tồn tại"
    errors.append(
        f"{shown} không sinh hoạt trong {unit.name} (kể cả tổ chức trực thuộc) vào ngày "
        f"{format_date(day)}{label}; chỉ ghi được đảng viên của tổ chức tổ chức hội nghị."
    )


def _check_documents(documents, day, errors: list[str]) -> list:
    documents = list(documents or ())
    for document in documents:
        issued = getattr(document, "date", None) or getattr(document, "issued_on", None)
        if isinstance(issued, date) and isinstance(day, date) and issued > day:
            errors.append(
                f"Văn bản “{document}” ban hành ngày {format_date(issued)}, sau ngày hội nghị "
                f"{format_date(day)}."
            )
    return documents


def _raise(errors: list[str]) -> None:
    if errors:
        raise ValidationError(errors)


def _clean(data: dict) -> dict:
    data = dict(data)
    for name in ("title", "place", "note"):
        data[name] = clean_text(data.get(name) or "") or ""
    data.setdefault("form", SessionForm.IN_PERSON)
    return data


def _validate(
    data: dict, groups, documents, *, today: date, alive=_alive_in_db
) -> tuple[list[dict], list]:
    errors: list[str] = []
    _check_fields(data, errors, today=today)
    cleaned = _check_groups(groups, errors)
    docs = _check_documents(documents, data.get("date"), errors)
    if not errors:
        _check_unit_alive(data["unit"], data["date"], errors, alive)
    if not errors:
        for group in cleaned:
            if group["by_list"]:
                _check_members(
                    data["unit"],
                    data["date"],
                    [e[0] for e in group["members"]],
                    errors,
                    f" (danh sách {group['kind'].name})",
                )
    _raise(errors)
    return cleaned, docs


# ---------------------------------------------------------------- writes


def _store_groups(session: StudySession, cleaned: list[dict]) -> None:
    for group in cleaned:
        entries = group.get("members", [])
        row = AudienceGroup.objects.create(
            session=session,
            kind=group["kind"],
            by_list=group["by_list"],
            expected=len(entries) if group["by_list"] else group["expected"],
            attended=sum(1 for e in entries if e[1]) if group["by_list"] else group["attended"],
        )
        if entries:
            Attendee.objects.bulk_create(
                [Attendee(group=row, member_id=m, present=p, note=n[:255]) for m, p, n in entries],
                batch_size=1000,
            )


def _groups_state(session: StudySession) -> list[dict]:
    return [
        {"kind": g.kind_id, "by_list": g.by_list, "expected": g.expected, "attended": g.attended}
        for g in session.groups.order_by("kind_id")
    ]


def _session_state(session: StudySession) -> dict:
    return {
        **snapshot(session, SESSION_FIELDS),
        "documents": sorted(session.documents.values_list("pk", flat=True)),
        "groups": _groups_state(session),
    }


def _today() -> date:
    from dangvu.accounts.scopes import today

    return today()


@transaction.atomic
def create_session(
    *,
    actor,
    unit: Unit,
    date: date,
    title: str,
    groups: list[dict],
    form: str = SessionForm.IN_PERSON,
    end_date: date | None = None,
    place: str = "",
    note: str = "",
    documents=(),
) -> StudySession:
    data = _clean(
        {
            "unit": unit,
            "date": date,
            "end_date": end_date,
            "title": title,
            "form": form,
            "place": place,
            "note": note,
        }
    )
    require_write(actor, unit, what="ghi hội nghị")
    cleaned, docs = _validate(data, groups, documents, today=_today())
    session = StudySession.objects.create(
        **data, title_key=search_key(data["title"])[:500], created_by=acting_user(actor)
    )
    if docs:
        session.documents.set(docs)
    _store_groups(session, cleaned)
    record_change(
        actor=actor,
        action="study.session.create",
        obj=session,
        unit=unit,
        after=_session_state(session),
    )
    return session


def _lock(session: StudySession, expected_revision: int | None) -> StudySession:
    locked = StudySession.objects.select_for_update().select_related("unit").get(pk=session.pk)
    refuse_stale(locked, expected_revision, f"Hội nghị “{locked.title}”")
    return locked


def _bump(session: StudySession) -> None:
    StudySession.objects.filter(pk=session.pk).update(revision=F("revision") + 1)
    session.refresh_from_db(fields=["revision", "updated_at"])


@transaction.atomic
def update_session(
    *,
    actor,
    session: StudySession,
    expected_revision: int | None,
    groups: list[dict],
    documents=None,
    reason: str = "",
    **fields,
) -> StudySession:
    """Change the session's fields, documents and count groups.

    ``groups`` lists every audience the session keeps. A group kept as a list keeps its
    members here (pass ``{"kind": k, "by_list": True}`` without ``members``; the list is
    edited on the attendance form); dropping a group or switching it between list and counts
    is refused while it still has listed members. ``documents`` replaces the session's
    documents (None keeps them). Changing the unit or date re-checks that
    every listed member belongs to the unit's subtree on the (new) date.
    """
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"unknown session fields: {sorted(unknown)}")
    session = _lock(session, expected_revision)
    require_write(actor, session.unit, what="ghi hội nghị")
    require_write(actor, fields.get("unit"), what="ghi hội nghị")
    before = _session_state(session)
    data = _clean({**{f: getattr(session, f) for f in SESSION_FIELDS}, **fields})
    errors: list[str] = []
    _check_fields(data, errors, today=_today())
    existing = {g.kind_id: g for g in session.groups.select_related("kind")}
    listed_counts = {
        row["group_id"]: row["n"]
        for row in Attendee.objects.filter(group__session=session)
        .values("group_id")
        .annotate(n=Count("id"))
    }
    wanted = []
    for group in groups:
        kind = group.get("kind")
        old = existing.get(getattr(kind, "pk", None))
        if group.get("by_list") and "members" not in group:
            wanted.append({**group, "members": []})
        else:
            wanted.append(group)
        if old is not None and listed_counts.get(old.pk) and not group.get("by_list"):
            errors.append(
                f"Đối tượng “{kind.name}” đang có danh sách {listed_counts[old.pk]} người; hãy "
                "xóa danh sách trên trang điểm danh trước khi chuyển sang nhập số lượng."
            )
    cleaned = _check_groups(wanted, errors)
    kept = {g["kind"].pk for g in cleaned}
    for kind_id, old in existing.items():
        if kind_id not in kept and listed_counts.get(old.pk):
            errors.append(
                f"Không bỏ được đối tượng “{old.kind.name}”: đang có danh sách "
                f"{listed_counts[old.pk]} người; hãy xóa danh sách trên trang điểm danh trước."
            )
    if documents is None:  # not given: keep the session's documents
        documents = list(session.documents.all())
    docs = _check_documents(documents, data.get("date"), errors)
    if not errors:
        _check_unit_alive(data["unit"], data["date"], errors)
    if not errors and (data["unit"].pk != session.unit_id or data["date"] != session.date):
        listed = Attendee.objects.filter(group__session=session).values_list("member_id", flat=True)
        _check_members(data["unit"], data["date"], list(listed), errors)
    _raise(errors)

    for name, value in data.items():
        setattr(session, name, value)
    session.title_key = search_key(data["title"])[:500]
    session.save()
    session.documents.set(docs)
    for group in cleaned:
        old = existing.get(group["kind"].pk)
        if old is None:
            _store_groups(session, [group])
        elif group["by_list"]:
            if not old.by_list:
                AudienceGroup.objects.filter(pk=old.pk).update(by_list=True, expected=0, attended=0)
        else:
            AudienceGroup.objects.filter(pk=old.pk).update(
                by_list=False, expected=group["expected"], attended=group["attended"]
            )
    AudienceGroup.objects.filter(session=session).exclude(kind_id__in=kept).delete()
    _bump(session)
    record_change(
        actor=actor,
        action="study.session.update",
        obj=session,
        unit=session.unit,
        before=before,
        after=_session_state(session),
        reason=reason,
    )
    return session


@transaction.atomic
def set_attendance(
    *,
    actor,
    group: AudienceGroup,
    entries,
    expected_revision: int | None,
) -> AudienceGroup:
    """Replace the group's list with ``entries`` ((member, present[, note]) tuples) in one go.

    Every member must belong to the organising unit's subtree on the session date; any
    problem refuses the whole list. The group's counts are derived from the list.
    """
    session = _lock(group.session, expected_revision)
    require_write(actor, session.unit, what="ghi hội nghị")
    group = AudienceGroup.objects.select_related("kind").get(pk=group.pk, session=session)
    errors: list[str] = []
    if not group.by_list:
        errors.append(
            f"Đối tượng “{group.kind.name}” được nhập theo số lượng; hãy chuyển sang nhập theo "
            "danh sách ở trang sửa hội nghị trước."
        )
    rows = _entries(entries)
    ids = [r[0] for r in rows]
    if len(set(ids)) != len(ids):
        errors.append("Có người xuất hiện hai lần trong danh sách.")
    if not errors:
        _check_members(session.unit, session.date, ids, errors)
    _raise(errors)
    old = {a.member_id: (a.present, a.note) for a in group.attendees.all()}
    new = {m: (p, n[:255]) for m, p, n in rows}
    before = {"expected": group.expected, "attended": group.attended}
    removed = [m for m in old if m not in new]
    added = [m for m in new if m not in old]
    changed = [m for m in new if m in old and old[m] != new[m]]
    Attendee.objects.filter(group=group, member_id__in=removed).delete()
    Attendee.objects.bulk_create(
        [Attendee(group=group, member_id=m, present=new[m][0], note=new[m][1]) for m in added],
        batch_size=1000,
    )
    for present in (True, False):
        Attendee.objects.filter(
            group=group, member_id__in=[m for m in changed if new[m][0] is present]
        ).update(present=present)
    for member_id in [m for m in changed if old[m][1] != new[m][1]]:
        Attendee.objects.filter(group=group, member_id=member_id).update(note=new[member_id][1])
    group.expected = len(new)
    group.attended = sum(1 for p, _ in new.values() if p)
    AudienceGroup.objects.filter(pk=group.pk).update(
        expected=group.expected, attended=group.attended
    )
    _bump(session)
    record_change(
        actor=actor,
        action="study.session.attendance",
        obj=session,
        unit=session.unit,
        before=before,
        after={
            "kind": group.kind_id,
            "expected": group.expected,
            "attended": group.attended,
            "added": added,
            "removed": removed,
            "changed": changed,
        },
    )
    return group


@transaction.atomic
def bulk_create_sessions(*, actor, sessions: list[dict], reason: str = "") -> int:
    """Create many sessions (the demo, an import): each one checked as :func:`create_session`
    checks it — a problem in any refuses the whole batch — with one audit entry per batch."""
    today = _today()
    alive = _alive_from(s["unit"].pk for s in sessions if isinstance(s.get("unit"), Unit))
    prepared = []
    problems: list[str] = []
    for index, raw in enumerate(sessions, start=1):
        raw = dict(raw)
        groups, documents = raw.pop("groups", []), raw.pop("documents", ())
        data = _clean(raw)
        try:
            cleaned, docs = _validate(data, groups, documents, today=today, alive=alive)
        except ValidationError as exc:
            problems += [f"Hội nghị thứ {index}: {m}" for m in exc.messages]
            continue
        prepared.append((data, cleaned, docs))
    _raise(problems)
    created = StudySession.objects.bulk_create(
        [
            StudySession(
                **data, title_key=search_key(data["title"])[:500], created_by=acting_user(actor)
            )
            for data, _, _ in prepared
        ],
        batch_size=500,
    )
    links = []
    group_rows = []
    for session, (_, cleaned, docs) in zip(created, prepared, strict=True):
        links += [
            StudySession.documents.through(studysession_id=session.pk, document_id=d.pk)
            for d in docs
        ]
        for group in cleaned:
            entries = group.get("members", [])
            group_rows.append(
                (
                    AudienceGroup(
                        session=session,
                        kind=group["kind"],
                        by_list=group["by_list"],
                        expected=len(entries) if group["by_list"] else group["expected"],
                        attended=sum(1 for e in entries if e[1])
                        if group["by_list"]
                        else group["attended"],
                    ),
                    entries,
                )
            )
    StudySession.documents.through.objects.bulk_create(links, batch_size=1000)
    AudienceGroup.objects.bulk_create([g for g, _ in group_rows], batch_size=1000)
    Attendee.objects.bulk_create(
        [
            Attendee(group=g, member_id=m, present=p, note=n[:255])
            for g, entries in group_rows
            for m, p, n in entries
        ],
        batch_size=2000,
    )
    if created:
        record_change(
            actor=actor,
            action="study.session.bulk_create",
            obj=created[0],
            unit=None,
            after={"sessions": [s.pk for s in created], "count": len(created)},
            reason=reason,
        )
    return len(created)
