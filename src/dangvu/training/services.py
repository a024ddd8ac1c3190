"""Every write to the training records: classes, candidates, enrolments, results.

Each service checks the rules, writes the rows and the audit entry in one transaction and
bumps the class's ``revision`` (so a page opened before someone else's change is refused,
never silently overwriting it). A refusal is a Vietnamese ``ValidationError`` and writes
nothing. Callers (views, API) check the actor's permission at the organising unit first.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from dangvu.audit.context import current_source
from dangvu.audit.models import AuditEntry
from dangvu.audit.revisions import refuse_stale
from dangvu.audit.services import acting_user, record_change, snapshot
from dangvu.members.identity import check_cccd, check_name_gender_birth
from dangvu.members.lifecycle import MEMBER_STATUSES, add_months
from dangvu.members.models import Member
from dangvu.members.selectors import period_on
from dangvu.orgs.models import Unit, UnitVersion
from dangvu.orgs.selectors import subtree_on
from dangvu.orgs.tree_paths import path_within
from dangvu.vntext.cccd import validate_cccd
from dangvu.vntext.formats import format_date
from dangvu.vntext.normalize import clean_text
from dangvu.vntext.search_keys import search_key
from dangvu.vntext.sort_keys import name_sort_key

from .models import (
    Candidate,
    ClassForm,
    Enrolment,
    Gender,
    Grade,
    Programme,
    Result,
    TrainingClass,
)

CLASS_FIELDS = (
    "programme",
    "unit",
    "name",
    "number",
    "start_date",
    "end_date",
    "place",
    "audience",
    "form",
    "note",
)
CANDIDATE_FIELDS = ("ho", "ten_dem", "ten", "birth_date", "gender", "cccd", "unit")
RESULT_FIELDS = ("result", "grade", "certificate_number", "certificate_date", "note")
OUTSIDE_HINT = (
    "Nếu lớp nhận học viên nơi khác (ví dụ lớp của Trường Chính trị tỉnh), hãy ghi lý do "
    "học viên ngoài phạm vi."
)


def today() -> date:
    from dangvu.accounts.scopes import today as scope_today

    return scope_today()


def valid_until_for(programme: Programme, certificate_date: date | None) -> date | None:
    """The certificate's last valid day: its date + the programme's validity (None = no
    expiry). "Bồi dưỡng nhận thức về Đảng" lasts 60 months (5 years)."""
    if certificate_date is None or not programme.validity_months:
        return None
    return add_months(certificate_date, programme.validity_months)


# ---------------------------------------------------------------- classes


def _clean_class(data: dict, *, current: TrainingClass | None = None) -> dict:
    errors: dict[str, list[str]] = {}
    cleaned = {}
    for name, value in data.items():
        if name not in CLASS_FIELDS:
            raise TypeError(f"unknown class field: {name}")
        cleaned[name] = clean_text(value) if isinstance(value, str) else value
    merged = {f: getattr(current, f) for f in CLASS_FIELDS} if current else {}
    merged.update(cleaned)
    if not merged.get("name"):
        errors.setdefault("name", []).append("Hãy nhập tên lớp.")
    if not isinstance(merged.get("programme"), Programme):
        errors.setdefault("programme", []).append("Hãy chọn chương trình.")
    unit = merged.get("unit")
    if not isinstance(unit, Unit):
        errors.setdefault("unit", []).append("Hãy chọn đơn vị tổ chức lớp.")
    start, end = merged.get("start_date"), merged.get("end_date")
    if not isinstance(start, date):
        errors.setdefault("start_date", []).append("Hãy nhập ngày khai giảng (dd/mm/yyyy).")
    if not isinstance(end, date):
        errors.setdefault("end_date", []).append("Hãy nhập ngày bế giảng (dd/mm/yyyy).")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        errors.setdefault("end_date", []).append(
            f"Ngày bế giảng {format_date(end)} trước ngày khai giảng {format_date(start)}."
        )
    if merged.get("form", ClassForm.FULL_TIME) not in ClassForm.values:
        errors.setdefault("form", []).append("Hình thức học không hợp lệ.")
    if (
        isinstance(unit, Unit)
        and isinstance(start, date)
        and not UnitVersion.objects.valid_on(start).filter(unit=unit).exists()
    ):
        errors.setdefault("unit", []).append(
            f"{unit.name} chưa thành lập hoặc đã kết thúc hoạt động vào ngày khai giảng "
            f"{format_date(start)}; hãy chọn đơn vị tổ chức lớp tại ngày đó."
        )
    if errors:
        raise ValidationError(errors)
    return cleaned


def _key(name: str, number: str) -> str:
    return search_key(f"{name} {number}")[:320]


@transaction.atomic
def create_class(*, actor, **data) -> TrainingClass:
    cleaned = _clean_class(data)
    training_class = TrainingClass(**cleaned)
    training_class.name_key = _key(training_class.name, training_class.number)
    training_class.save()
    record_change(
        actor=actor,
        action="training.class.create",
        obj=training_class,
        unit=training_class.unit,
        after=snapshot(training_class, list(CLASS_FIELDS)),
    )
    return training_class


def _lock_class(training_class: TrainingClass, expected_revision: int | None) -> TrainingClass:
    locked = (
        TrainingClass.objects.select_for_update()
        .select_related("programme", "unit")
        .get(pk=training_class.pk)
    )
    refuse_stale(locked, expected_revision, f"Lớp “{locked.name}”")
    return locked


def _bump(training_class: TrainingClass) -> None:
    TrainingClass.objects.filter(pk=training_class.pk).update(revision=F("revision") + 1)
    training_class.revision += 1


@transaction.atomic
def update_class(
    *, actor, training_class: TrainingClass, expected_revision: int | None, **changes
) -> TrainingClass:
    """Change a class. Its trainees are re-checked against a new unit, start date or
    programme, and certificates' validity is recomputed for a new programme."""
    locked = _lock_class(training_class, expected_revision)
    cleaned = _clean_class(changes, current=locked)
    before = snapshot(locked, list(CLASS_FIELDS))
    for name, value in cleaned.items():
        setattr(locked, name, value)
    after = snapshot(locked, list(CLASS_FIELDS))
    changed = {k for k in after if after[k] != before[k]}
    if not changed:
        raise ValidationError("Không có thông tin nào thay đổi.")
    enrolments = list(locked.enrolments.select_related("member", "candidate__unit"))
    if enrolments and changed & {"unit", "start_date", "programme"}:
        _check_people(
            locked,
            members=[e.member for e in enrolments if e.member_id and not e.outside_reason],
            candidates=[e.candidate for e in enrolments if e.candidate_id and not e.outside_reason],
            outside_reason="",
        )
    locked.name_key = _key(locked.name, locked.number)
    locked.revision += 1
    locked.save()
    if "programme" in changed:
        for enrolment in enrolments:
            if enrolment.result == Result.COMPLETED:
                enrolment.valid_until = valid_until_for(
                    locked.programme, enrolment.certificate_date or locked.end_date
                )
        Enrolment.objects.bulk_update(enrolments, ["valid_until"])
    record_change(
        actor=actor,
        action="training.class.update",
        obj=locked,
        unit=locked.unit,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    return locked


# ---------------------------------------------------------------- candidates


def _clean_candidate(data: dict, *, current: Candidate | None = None) -> dict:
    errors: dict[str, list[str]] = {}
    cleaned = {}
    for name, value in data.items():
        if name not in CANDIDATE_FIELDS:
            raise TypeError(f"unknown candidate field: {name}")
        cleaned[name] = clean_text(value) if isinstance(value, str) else value
    merged = {f: getattr(current, f) for f in CANDIDATE_FIELDS} if current else {}
    merged.update(cleaned)
    if check_name_gender_birth(errors, merged) and (
        add_months(merged["birth_date"], 12 * 16) > today()
    ):
        errors.setdefault("birth_date", []).append(
            "Người được bồi dưỡng kết nạp phải từ đủ 16 tuổi; hãy kiểm tra ngày sinh."
        )
    if not isinstance(merged.get("unit"), Unit):
        errors.setdefault("unit", []).append("Hãy chọn chi bộ đang bồi dưỡng quần chúng.")
    cccd = check_cccd(errors, merged, cleaned)
    if cccd:
        clash = Candidate.objects.filter(cccd=cccd)
        if current is not None:
            clash = clash.exclude(pk=current.pk)
        other = clash.first()
        if other is not None:
            errors.setdefault("cccd", []).append(
                f"Số định danh {cccd} đã có trong danh sách quần chúng ({other.full_name})."
            )
        member = Member.objects.filter(cccd=cccd).first()
        if member is not None and (current is None or current.member_id != member.pk):
            errors.setdefault("cccd", []).append(
                f"Số định danh {cccd} là của đảng viên {member.full_name}; "
                "ghi danh người này bằng hồ sơ đảng viên."
            )
    if errors:
        raise ValidationError(errors)
    return cleaned


def _candidate_names(c: Candidate) -> None:
    c.full_name = " ".join(p for p in (c.ho, c.ten_dem, c.ten) if p)
    c.name_key = search_key(c.full_name)[:180]
    c.sort_key = name_sort_key(c.ho, c.ten_dem, c.ten)[:400]


@transaction.atomic
def create_candidate(*, actor, **identity) -> Candidate:
    cleaned = _clean_candidate(identity)
    candidate = Candidate(**cleaned)
    _candidate_names(candidate)
    candidate.save()
    record_change(
        actor=actor,
        action="training.candidate.create",
        obj=candidate,
        unit=candidate.unit,
        after=snapshot(candidate, ["full_name", "birth_date", "gender", "unit"]),
    )
    return candidate


@transaction.atomic
def update_candidate(
    *, actor, candidate: Candidate, expected_revision: int | None, **changes
) -> Candidate:
    locked = Candidate.objects.select_for_update().get(pk=candidate.pk)
    refuse_stale(locked, expected_revision, f"Thông tin của {locked.full_name}")
    cleaned = _clean_candidate(changes, current=locked)
    before = snapshot(locked, list(CANDIDATE_FIELDS))
    for name, value in cleaned.items():
        setattr(locked, name, value)
    after = snapshot(locked, list(CANDIDATE_FIELDS))
    changed = {k for k in after if after[k] != before[k]}
    if not changed:
        raise ValidationError("Không có thông tin nào thay đổi.")
    _candidate_names(locked)
    locked.revision += 1
    locked.save()
    record_change(
        actor=actor,
        action="training.candidate.update",
        obj=locked,
        unit=locked.unit,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    return locked


@transaction.atomic
def mark_admitted(*, actor, candidate: Candidate, member: Member) -> Candidate:
    """Link a candidate to the member record made when they were admitted: their expiring
    certificate leaves the work list."""
    Candidate.objects.filter(pk=candidate.pk).update(member=member, revision=F("revision") + 1)
    candidate.refresh_from_db()
    record_change(
        actor=actor,
        action="training.candidate.admitted",
        obj=candidate,
        unit=candidate.unit,
        after={"member": member.pk},
    )
    return candidate


# ---------------------------------------------------------------- enrolments


def _check_people(training_class, *, members, candidates, outside_reason: str) -> dict:
    """Check that each person may join the class; return {id(person): outside?}.

    A member must be a party member on the start day and have their home (or temporary)
    cell in the organiser's subtree as it stood that day; a candidate's cell must lie in
    that subtree (or under the organiser today). Anyone else needs ``outside_reason``.
    """
    programme, start = training_class.programme, training_class.start_date
    errors: list[str] = []
    outside: dict[int, bool] = {}
    if members and not programme.takes_members:
        errors.append(
            f"Chương trình “{programme.name}” dành cho quần chúng ưu tú, không ghi danh đảng viên."
        )
    if candidates and not programme.takes_candidates:
        errors.append(
            f"Chương trình “{programme.name}” dành cho đảng viên; quần chúng chưa ghi danh được."
        )
    if errors:
        raise ValidationError(errors)
    subtree = set(subtree_on(training_class.unit, start).values_list("unit_id", flat=True))
    if members:
        periods = {
            p.member_id: p
            for p in period_on(start).filter(
                member_id__in=[m.pk for m in members], status__in=MEMBER_STATUSES
            )
        }
        for member in members:
            period = periods.get(member.pk)
            if period is None:
                errors.append(
                    f"{member.full_name} không phải là đảng viên vào ngày khai giảng "
                    f"{format_date(start)}."
                )
                continue
            inside = period.unit_id in subtree or period.away_unit_id in subtree
            if not inside and not outside_reason:
                errors.append(
                    f"{member.full_name} sinh hoạt ngoài {training_class.unit.name} vào ngày "
                    f"khai giảng {format_date(start)}."
                )
            outside[id(member)] = not inside
    for candidate in candidates:
        if candidate.member_id:
            errors.append(
                f"{candidate.full_name} đã được kết nạp; hãy ghi danh bằng hồ sơ đảng viên."
            )
            continue
        inside = candidate.unit_id in subtree or path_within(
            candidate.unit.path, training_class.unit.path
        )
        if not inside and not outside_reason:
            errors.append(
                f"{candidate.full_name} được bồi dưỡng tại {candidate.unit.name}, ngoài "
                f"{training_class.unit.name}."
            )
        outside[id(candidate)] = not inside
    if errors:
        if any("ngoài" in e for e in errors):
            errors.append(OUTSIDE_HINT)
        raise ValidationError(errors)
    return outside


@transaction.atomic
def enrol(
    *,
    actor,
    training_class: TrainingClass,
    members=(),
    candidates=(),
    new_candidates=(),
    outside_reason: str = "",
    expected_revision: int | None = None,
    audit: bool = True,
) -> list[Enrolment]:
    """Enrol many people at once: members, existing candidates and new candidates (dicts of
    :data:`CANDIDATE_FIELDS`, created here). All or nothing; one audit entry."""
    locked = _lock_class(training_class, expected_revision)
    outside_reason = clean_text(outside_reason or "")
    members, candidates = list(members), list(candidates)
    created = []
    problems = []
    for position, identity in enumerate(new_candidates, start=1):
        try:
            cleaned = _clean_candidate(identity)
        except ValidationError as exc:
            name = clean_text(" ".join(identity.get(k) or "" for k in ("ho", "ten_dem", "ten")))
            problems.append(f"Dòng {position} ({name or 'không tên'}): " + " ".join(exc.messages))
            continue
        candidate = Candidate(**cleaned)
        _candidate_names(candidate)
        created.append(candidate)
    cccds = [c.cccd for c in created if c.cccd]
    if len(cccds) != len(set(cccds)):
        problems.append("Có số định danh bị lặp trong danh sách dán vào.")
    if problems:
        raise ValidationError(problems)
    if not (members or candidates or created):
        raise ValidationError("Hãy chọn ít nhất một người để ghi danh.")
    already = set(
        locked.enrolments.filter(member__in=[m.pk for m in members]).values_list(
            "member__full_name", flat=True
        )
    ) | set(
        locked.enrolments.filter(candidate__in=[c.pk for c in candidates]).values_list(
            "candidate__full_name", flat=True
        )
    )
    if already:
        raise ValidationError(f"Đã có trong lớp: {', '.join(sorted(already))}.")
    if len({m.pk for m in members}) != len(members):
        raise ValidationError("Một đảng viên được chọn hai lần.")
    outside = _check_people(
        locked, members=members, candidates=[*candidates, *created], outside_reason=outside_reason
    )
    if created:
        Candidate.objects.bulk_create(created)
    rows = [
        Enrolment(
            training_class=locked,
            member=m,
            outside_reason=outside_reason if outside.get(id(m)) else "",
            actor=acting_user(actor),
        )
        for m in members
    ] + [
        Enrolment(
            training_class=locked,
            candidate=c,
            outside_reason=outside_reason if outside.get(id(c)) else "",
            actor=acting_user(actor),
        )
        for c in [*candidates, *created]
    ]
    Enrolment.objects.bulk_create(rows)
    _bump(locked)
    training_class.revision = locked.revision
    if audit:
        record_change(
            actor=actor,
            action="training.class.enrol",
            obj=locked,
            unit=locked.unit,
            after={
                "members": [[m.pk, m.full_name] for m in members],
                "candidates": [[c.pk, c.full_name] for c in [*candidates, *created]],
                "new_candidates": len(created),
                "outside_reason": outside_reason,
            },
            reason=outside_reason,
        )
    return rows


@transaction.atomic
def remove_enrolment(
    *, actor, enrolment: Enrolment, reason: str, expected_revision: int | None
) -> None:
    """Take a wrongly enrolled person out of a class (only before any result is recorded;
    a person who left the class is recorded as "bỏ học")."""
    reason = clean_text(reason or "")
    if not reason:
        raise ValidationError("Hãy ghi lý do xóa học viên khỏi lớp.")
    locked = _lock_class(enrolment.training_class, expected_revision)
    if enrolment.result:
        raise ValidationError(
            "Học viên đã có kết quả; không xóa được. Nếu người này thôi học, ghi kết quả "
            "“Bỏ học, thôi học”."
        )
    name = str(enrolment.person)
    enrolment.delete()
    _bump(locked)
    record_change(
        actor=actor,
        action="training.class.unenrol",
        obj=locked,
        unit=locked.unit,
        before={"enrolment": name},
        reason=reason,
    )


# ---------------------------------------------------------------- results


@transaction.atomic
def record_results(
    *,
    actor,
    training_class: TrainingClass,
    results: list[dict],
    expected_revision: int | None,
    on: date | None = None,
) -> int:
    """Record the results of a whole class in one go; returns how many rows changed.

    Each item: ``{"enrolment": id, "result", "grade", "certificate_number",
    "certificate_date", "note"}``. Rules: "hoàn thành" / "không hoàn thành" only once the
    class has ended, "bỏ học" once it has started; grade and certificate only for "hoàn
    thành"; a certificate is dated within the class or after it, never in the future, and
    its number is used once per programme. ``valid_until`` follows from the programme.
    """
    day = on or today()
    locked = _lock_class(training_class, expected_revision)
    rows = {e.pk: e for e in locked.enrolments.select_related("member", "candidate")}
    errors: list[str] = []
    numbers: dict[str, str] = {}
    changed = []
    before, after = {}, {}
    for item in results:
        enrolment = rows.get(item.get("enrolment"))
        if enrolment is None:
            errors.append("Có học viên không thuộc lớp này (trang đã cũ?); hãy tải lại trang.")
            continue
        name = str(enrolment.person)
        new = _checked_result(locked, enrolment, item, day, name, errors, numbers)
        if new is None:
            continue
        old = {k: getattr(enrolment, k) for k in new}
        if new != old:
            for k, v in new.items():
                setattr(enrolment, k, v)
            changed.append(enrolment)
            before[str(enrolment.pk)] = _jsonable(old)
            after[str(enrolment.pk)] = {"person": name, **_jsonable(new)}
    _check_numbers_unused(locked, numbers, errors)
    if errors:
        raise ValidationError(errors)
    if not changed:
        raise ValidationError("Không có kết quả nào thay đổi.")
    _save_results(changed)
    _bump(locked)
    training_class.revision = locked.revision
    record_change(
        actor=actor,
        action="training.class.results",
        obj=locked,
        unit=locked.unit,
        before=before,
        after=after,
    )
    return len(changed)


RESULT_COLUMNS = (
    "result",
    "grade",
    "certificate_number",
    "certificate_date",
    "valid_until",
    "note",
)


def _save_results(changed: list[Enrolment]) -> None:
    """One UPDATE per distinct set of values (rows without a certificate number share
    theirs), one per row with a number: ``bulk_update``'s CASE over every row and column
    costs far more in Django than these small statements."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for e in changed:
        groups[tuple(getattr(e, k) for k in RESULT_COLUMNS)].append(e.pk)
    for values, ids in groups.items():
        Enrolment.objects.filter(pk__in=ids).update(
            **dict(zip(RESULT_COLUMNS, values, strict=True))
        )


def _checked_result(locked, enrolment, item, day, name, errors, numbers) -> dict | None:
    """The enrolment's new result columns from ``item`` (missing keys keep the current
    values), or None after adding the reasons to ``errors``."""
    values = {k: item.get(k) for k in RESULT_FIELDS if k in item}
    values = {k: clean_text(v) if isinstance(v, str) else v for k, v in values.items()}
    result = values.get("result", enrolment.result) or ""
    grade = values.get("grade", enrolment.grade) or ""
    number = values.get("certificate_number", enrolment.certificate_number) or ""
    cert_date = values.get("certificate_date", enrolment.certificate_date)
    if result not in Result.values:
        errors.append(f"{name}: kết quả không hợp lệ.")
        return None
    if grade not in Grade.values:
        errors.append(f"{name}: xếp loại không hợp lệ.")
        return None
    if result in (Result.COMPLETED, Result.NOT_COMPLETED) and locked.end_date > day:
        errors.append(
            f"{name}: lớp bế giảng ngày {format_date(locked.end_date)}, chưa ghi được kết "
            "quả học tập (chỉ ghi được “bỏ học”)."
        )
    if result == Result.WITHDREW and locked.start_date > day:
        errors.append(f"{name}: lớp chưa khai giảng.")
    if result != Result.COMPLETED and (grade or number or cert_date):
        errors.append(
            f"{name}: chỉ học viên hoàn thành khóa học mới có xếp loại và giấy chứng nhận."
        )
    if cert_date is not None and (cert_date < locked.start_date or cert_date > day):
        errors.append(
            f"{name}: ngày cấp giấy chứng nhận {format_date(cert_date)} phải từ ngày khai "
            f"giảng {format_date(locked.start_date)} đến hôm nay."
        )
    if number and not cert_date:
        errors.append(f"{name}: có số giấy chứng nhận thì hãy ghi ngày cấp.")
    if number:
        if number in numbers:
            errors.append(f"Số giấy chứng nhận {number} ghi cho cả {numbers[number]} và {name}.")
        numbers[number] = name
    valid_until = (
        valid_until_for(locked.programme, cert_date or locked.end_date)
        if result == Result.COMPLETED
        else None
    )
    return {
        "result": result,
        "grade": grade,
        "certificate_number": number,
        "certificate_date": cert_date,
        "valid_until": valid_until,
        "note": values.get("note", enrolment.note) or "",
    }


def _check_numbers_unused(locked, numbers: dict[str, str], errors: list[str]) -> None:
    if not numbers:
        return
    taken = Enrolment.objects.filter(
        certificate_number__in=list(numbers), training_class__programme=locked.programme
    )
    if locked.pk is not None:
        taken = taken.exclude(training_class=locked)
    taken = taken.values_list("certificate_number", flat=True)
    for number in sorted(set(taken)):
        errors.append(
            f"Số giấy chứng nhận {number} ({numbers[number]}) đã cấp cho học viên lớp khác "
            "của cùng chương trình."
        )


def _jsonable(values: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


# ---------------------------------------------------------------- bulk (demo, imports)


@transaction.atomic
def bulk_candidates(*, actor, people: list[dict], reason: str = "") -> list[Candidate]:
    """Create many candidates (demo, imports): each checked like :func:`create_candidate`
    except the per-row uniqueness queries (left to the database); one audit entry."""
    created = []
    for position, identity in enumerate(people, start=1):
        errors = []
        cleaned = {k: clean_text(v) if isinstance(v, str) else v for k, v in identity.items()}
        if not cleaned.get("ten") or cleaned.get("gender") not in Gender.values:
            errors.append("thiếu tên hoặc giới tính")
        if not isinstance(cleaned.get("birth_date"), date) or not isinstance(
            cleaned.get("unit"), Unit
        ):
            errors.append("thiếu ngày sinh hoặc chi bộ")
        if errors:
            raise ValidationError(f"Người thứ {position}: {', '.join(errors)}.")
        if cleaned.get("cccd"):
            cleaned["cccd"] = validate_cccd(
                cleaned["cccd"], birth_date=cleaned["birth_date"], gender=cleaned["gender"]
            )
        candidate = Candidate(**{k: cleaned[k] for k in CANDIDATE_FIELDS if k in cleaned})
        _candidate_names(candidate)
        created.append(candidate)
    Candidate.objects.bulk_create(created, batch_size=1000)
    if created:
        AuditEntry.objects.create(
            actor=acting_user(actor),
            source=current_source(),
            action="training.candidate.create_bulk",
            object_type="training.candidate",
            object_id=f"{created[0].pk}-{created[-1].pk}",
            object_repr=f"{len(created)} quần chúng",
            after={"candidates": [[c.pk, c.full_name, c.unit_id] for c in created]},
            reason=reason,
        )
    return created


@transaction.atomic
def load_class(
    *,
    actor,
    members=(),
    candidates=(),
    results: list[dict] | None = None,
    on: date | None = None,
    **data,
) -> TrainingClass:
    """A whole class at once (demo, imports of past classes): the class, its trainees and
    their results, checked with the same rules as :func:`create_class`, :func:`enrol` and
    :func:`record_results`, written with a few statements and one audit entry.

    ``results`` (optional) are in the order of ``members`` then ``candidates``, each a dict
    of :data:`RESULT_FIELDS`.
    """
    day = on or today()
    cleaned = _clean_class(data)
    training_class = TrainingClass(**cleaned)
    training_class.name_key = _key(training_class.name, training_class.number)
    members, candidates = list(members), list(candidates)
    if not (members or candidates):
        raise ValidationError("Hãy chọn ít nhất một người để ghi danh.")
    if len({m.pk for m in members}) != len(members) or len({c.pk for c in candidates}) != len(
        candidates
    ):
        raise ValidationError("Một người được chọn hai lần.")
    _check_people(training_class, members=members, candidates=candidates, outside_reason="")
    rows = [Enrolment(member=m, actor=acting_user(actor)) for m in members] + [
        Enrolment(candidate=c, actor=acting_user(actor)) for c in candidates
    ]
    errors: list[str] = []
    numbers: dict[str, str] = {}
    for row, item in zip(rows, results or [], strict=False):
        new = _checked_result(training_class, row, item, day, str(row.person), errors, numbers)
        if new is not None:
            for k, v in new.items():
                setattr(row, k, v)
    _check_numbers_unused(training_class, numbers, errors)
    if errors:
        raise ValidationError(errors)
    training_class.save()
    for row in rows:
        row.training_class = training_class
    Enrolment.objects.bulk_create(rows, batch_size=500)
    record_change(
        actor=actor,
        action="training.class.load",
        obj=training_class,
        unit=training_class.unit,
        after={
            **snapshot(training_class, list(CLASS_FIELDS)),
            "members": [m.pk for m in members],
            "candidates": [c.pk for c in candidates],
            "results": sum(1 for r in rows if r.result),
        },
    )
    return training_class
