"""Every write to the emulation records.

Each service checks everything first (one ``ValidationError`` in Vietnamese listing the
problems; nothing written), writes the records and the audit entry in one transaction, and
bumps ``revision`` so that a concurrent edit is refused (``expected_revision``), not
overwritten. A signed-in ``actor`` must hold ``write`` at the unit concerned; an evaluation
of a pledge and a recognition need ``write`` at the *deciding* unit, which must lie above the
pledging unit (for a recognition: above or at the member's unit). ``actor=None`` is the
system (demo, imports).

The ``bulk_*`` variants (demo, imports) check each row as the single services do and write
one audit entry per batch.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from dangvu.accounts.scopes import require_write, today
from dangvu.audit.revisions import refuse_stale
from dangvu.audit.services import acting_user, record_change, snapshot
from dangvu.members.lifecycle import Status
from dangvu.members.models import Member
from dangvu.orgs.models import Unit, UnitVersion
from dangvu.orgs.selectors import ancestors_on, subtree_on
from dangvu.orgs.tree_paths import path_ids
from dangvu.vntext.formats import format_date
from dangvu.vntext.normalize import clean_text
from dangvu.vntext.search_keys import search_key

from .models import (
    DVK_TRANSITIONS,
    CriteriaSet,
    Criterion,
    CriterionResult,
    DvkState,
    Evaluation,
    Example,
    ExampleKind,
    Field,
    Movement,
    Pledge,
    Recognition,
    RecognitionKind,
    Registration,
    Result,
    Target,
)
from .selectors import EXPECTED_STATUSES, member_home_on

MIN_YEAR = 2000


# ---------------------------------------------------------------- shared checks


def _raise(errors: list[str]) -> None:
    if errors:
        raise ValidationError(errors)


def _check_year(year, errors: list[str]) -> None:
    if not isinstance(year, int) or not MIN_YEAR <= year <= today().year + 1:
        errors.append(f"Năm phải là số từ {MIN_YEAR} đến {today().year + 1}.")


def _check_day(day, label: str, errors: list[str]) -> bool:
    if not isinstance(day, date):
        errors.append(f"Thiếu {label} (dd/mm/yyyy).")
        return False
    if day > today():
        errors.append(f"{label.capitalize()} {format_date(day)} ở tương lai.")
        return False
    return True


def _text(value) -> str:
    return (clean_text(value or "") or "").strip()


def _create(model, *, actor, action: str, unit, fields, **values):
    """Create a record of ``unit`` (written by ``actor``) and its audit entry at that unit
    (``fields`` snapshotted)."""
    obj = model.objects.create(unit=unit, **values, created_by=acting_user(actor))
    record_change(actor=actor, action=action, obj=obj, unit=unit, after=snapshot(obj, fields))
    return obj


def _edit(
    *, actor, model, obj, expected_revision, label: str, fields, action: str, unit_of, **changes
):
    """Lock ``obj`` (refusing a stale ``expected_revision``), set ``changes``, bump the
    revision and write the audit entry (``fields`` snapshotted before and after)."""
    obj = _lock(model, obj, expected_revision, label)
    before = snapshot(obj, fields)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()
    _bump(model, obj)
    record_change(
        actor=actor,
        action=action,
        obj=obj,
        unit=unit_of(obj),
        before=before,
        after=snapshot(obj, fields),
    )
    return obj


def _lock(model, obj, expected_revision: int | None, label: str):
    locked = model.objects.select_for_update().get(pk=obj.pk)
    refuse_stale(locked, expected_revision, label)
    return locked


def _bump(model, obj) -> None:
    model.objects.filter(pk=obj.pk).update(revision=F("revision") + 1)
    obj.refresh_from_db()


def province_of(unit: Unit) -> Unit:
    """The root of the unit's tree (the đảng bộ tỉnh whose criteria apply)."""
    return Unit.objects.get(pk=path_ids(unit.path)[0])


# ---------------------------------------------------------------- criteria sets


def _clean_criteria(criteria, errors: list[str]) -> list[dict]:
    cleaned, seen = [], set()
    for index, raw in enumerate(criteria or (), start=1):
        code = (clean_text(str(raw.get("code") or "")) or "").strip()
        text = (clean_text(raw.get("text") or "") or "").strip()
        weight = raw.get("weight")
        if not code or not text:
            errors.append(f"Tiêu chí thứ {index}: cần mã và nội dung.")
            continue
        if code in seen:
            errors.append(f"Mã tiêu chí “{code}” bị trùng; mỗi tiêu chí một mã.")
            continue
        seen.add(code)
        if weight is not None:
            try:
                weight = Decimal(str(weight))
            except ArithmeticError:
                weight = Decimal(-1)
            if weight < 0:
                errors.append(f"Điểm tối đa của tiêu chí “{code}” phải là số không âm.")
                continue
        cleaned.append(
            {
                "code": code[:20],
                "text": text,
                "weight": weight,
                "required": bool(raw.get("required")),
                "sort_order": index,
            }
        )
    if not cleaned and not errors:
        errors.append("Bộ tiêu chí cần ít nhất một tiêu chí.")
    return cleaned


def _set_state(criteria_set: CriteriaSet) -> dict:
    state = snapshot(criteria_set, ["province", "year", "target", "title", "pass_score"])
    state["criteria"] = [
        {
            "code": c.code,
            "text": c.text,
            "weight": None if c.weight is None else str(c.weight),
            "required": c.required,
        }
        for c in criteria_set.criteria.all()
    ]
    return state


@transaction.atomic
def save_criteria_set(
    *,
    actor,
    province: Unit,
    year: int,
    target: str,
    title: str,
    criteria: list[dict],
    decision_ref: str = "",
    pass_score=None,
    criteria_set: CriteriaSet | None = None,
    expected_revision: int | None = None,
) -> CriteriaSet:
    """Create (``criteria_set`` None) or replace a province's criteria for a year and target.
    Criteria of a set already used by an evaluation cannot change (the title can)."""
    errors: list[str] = []
    if not isinstance(province, Unit) or province.parent_id is not None:
        raise ValidationError("Bộ tiêu chí do đảng bộ tỉnh (tổ chức cấp cao nhất) ban hành.")
    require_write(actor, province, what="ban hành bộ tiêu chí")
    _check_year(year, errors)
    if target not in Target.values:
        errors.append("Đối tượng phải là chi bộ hoặc đảng bộ cơ sở.")
    title = _text(title)
    if not title:
        errors.append("Thiếu tên bộ tiêu chí.")
    cleaned = _clean_criteria(criteria, errors)
    if pass_score is not None:
        pass_score = Decimal(str(pass_score))
        total = sum((c["weight"] or 0) for c in cleaned)
        if pass_score < 0 or (cleaned and pass_score > total):
            errors.append(f"Điểm tối thiểu phải từ 0 đến tổng điểm các tiêu chí ({total}).")
    duplicate = CriteriaSet.objects.filter(province=province, year=year, target=target)
    if criteria_set is not None:
        duplicate = duplicate.exclude(pk=criteria_set.pk)
    if duplicate.exists():
        errors.append(
            f"{province.name} đã có bộ tiêu chí “{Target(target).label}” năm {year}; "
            "hãy sửa bộ đã có."
        )
    _raise(errors)
    fields = {
        "province": province,
        "year": year,
        "target": target,
        "title": title,
        "decision_ref": _text(decision_ref),
        "pass_score": pass_score,
    }
    before = None
    if criteria_set is None:
        criteria_set = CriteriaSet.objects.create(**fields, created_by=acting_user(actor))
    else:
        criteria_set = _lock(CriteriaSet, criteria_set, expected_revision, "Bộ tiêu chí")
        before = _set_state(criteria_set)
        old = [(c.code, c.text, c.weight, c.required) for c in criteria_set.criteria.all()]
        new = [(c["code"], c["text"], c["weight"], c["required"]) for c in cleaned]
        used = Evaluation.objects.filter(criteria_set=criteria_set).exists()
        if used and old != new:
            raise ValidationError(
                "Bộ tiêu chí đã được dùng để đánh giá; không sửa được tiêu chí. "
                "Hãy ban hành bộ tiêu chí cho năm sau."
            )
        for name, value in fields.items():
            setattr(criteria_set, name, value)
        criteria_set.save()
        if not used:
            criteria_set.criteria.all().delete()
        _bump(CriteriaSet, criteria_set)
    if not criteria_set.criteria.exists():
        Criterion.objects.bulk_create(Criterion(criteria_set=criteria_set, **c) for c in cleaned)
    record_change(
        actor=actor,
        action="emulation.criteria.create" if before is None else "emulation.criteria.update",
        obj=criteria_set,
        unit=province,
        before=before,
        after=_set_state(criteria_set),
    )
    return criteria_set


def criteria_for(unit: Unit, year: int, target: str) -> CriteriaSet | None:
    return (
        CriteriaSet.objects.filter(province_id=path_ids(unit.path)[0], year=year, target=target)
        .prefetch_related("criteria")
        .first()
    )


# ---------------------------------------------------------------- pledges


PLEDGE_FIELDS = ["unit", "year", "target", "pledged_on", "note"]


def _target(is_cell: bool, is_grassroots: bool) -> str | None:
    if is_cell:
        return Target.CELL
    if is_grassroots:
        return Target.COMMITTEE
    return None


def _kind_on(unit: Unit, day: date):
    """``(is_cell, is_grassroots)`` of the unit's kind on ``day``; None when not alive."""
    version = UnitVersion.objects.valid_on(day).filter(unit=unit).select_related("kind").first()
    return None if version is None else (version.kind.is_cell, version.kind.is_grassroots)


def _kinds_from(unit_ids):
    """:func:`_kind_on` for a batch, from one query over the units' versions."""
    spans: dict[int, list] = {}
    rows = UnitVersion.objects.filter(unit_id__in=set(unit_ids)).values_list(
        "unit_id", "valid_from", "valid_to", "kind__is_cell", "kind__is_grassroots"
    )
    for unit_id, start, end, is_cell, is_grassroots in rows:
        spans.setdefault(unit_id, []).append((start, end, is_cell, is_grassroots))

    def kind_on(unit: Unit, day: date):
        for start, end, is_cell, is_grassroots in spans.get(unit.pk, ()):
            if start <= day and (end is None or end > day):
                return is_cell, is_grassroots
        return None

    return kind_on


def _check_pledge(unit, year, pledged_on, errors: list[str], *, kind_on=_kind_on) -> str | None:
    if not isinstance(unit, Unit):
        errors.append("Hãy chọn chi bộ hoặc đảng bộ cơ sở đăng ký.")
        return None
    _check_year(year, errors)
    if not _check_day(pledged_on, "ngày đăng ký", errors):
        return None
    if isinstance(year, int) and pledged_on.year not in (year - 1, year):
        errors.append(f"Ngày đăng ký {format_date(pledged_on)} không thuộc năm {year}.")
    kind = kind_on(unit, pledged_on)
    if kind is None:
        errors.append(
            f"Ngày {format_date(pledged_on)}, “{unit.name}” chưa thành lập hoặc đã kết thúc "
            "hoạt động."
        )
        return None
    target = _target(*kind)
    if target is None:
        errors.append(
            f"“{unit.name}” không phải chi bộ hay đảng bộ cơ sở; chỉ chi bộ và đảng bộ cơ sở "
            "đăng ký “4 tốt”."
        )
    return target


@transaction.atomic
def create_pledge(*, actor, unit: Unit, year: int, pledged_on: date, note: str = "") -> Pledge:
    errors: list[str] = []
    require_write(actor, unit, what="ghi đăng ký 4 tốt")
    target = _check_pledge(unit, year, pledged_on, errors)
    if not errors and Pledge.objects.filter(unit=unit, year=year).exists():
        errors.append(f"“{unit.name}” đã đăng ký “4 tốt” năm {year}; mỗi năm một lần đăng ký.")
    _raise(errors)
    return _create(
        Pledge,
        actor=actor,
        action="emulation.pledge.create",
        unit=unit,
        fields=PLEDGE_FIELDS,
        year=year,
        target=target,
        pledged_on=pledged_on,
        note=_text(note),
    )


@transaction.atomic
def update_pledge(
    *, actor, pledge: Pledge, expected_revision: int | None, pledged_on: date, note: str = ""
) -> Pledge:
    require_write(actor, pledge.unit, what="sửa đăng ký 4 tốt")
    errors: list[str] = []
    _check_pledge(pledge.unit, pledge.year, pledged_on, errors)
    _raise(errors)
    return _edit(
        actor=actor,
        model=Pledge,
        obj=pledge,
        expected_revision=expected_revision,
        label="Đăng ký 4 tốt",
        fields=PLEDGE_FIELDS,
        action="emulation.pledge.update",
        unit_of=lambda p: p.unit,
        pledged_on=pledged_on,
        note=_text(note),
    )


def _check_evaluation(pledge, decided_by, decided_on, results, result, errors, *, criteria_set):
    """Problems of an evaluation; returns ``(rows, score)`` with rows (criterion, met, score)."""
    if not isinstance(decided_by, Unit):
        errors.append("Hãy chọn cấp ủy cấp trên quyết định kết quả.")
        return [], None
    if not _check_day(decided_on, "ngày quyết định", errors):
        return [], None
    if decided_on.year < pledge.year:
        errors.append(f"Kết quả năm {pledge.year} chỉ được quyết định từ năm {pledge.year}.")
    above = {v.unit_id for v in ancestors_on(pledge.unit, decided_on)}
    if decided_by.pk not in above:
        errors.append(
            f"Kết quả “4 tốt” của {pledge.unit.name} do cấp ủy cấp trên quyết định; "
            f"“{decided_by.name}” không phải cấp trên của tổ chức này vào ngày "
            f"{format_date(decided_on)}."
        )
    if criteria_set is None:
        errors.append(
            f"Đảng bộ tỉnh chưa ban hành bộ tiêu chí “{Target(pledge.target).label}” năm "
            f"{pledge.year}; hãy nhập bộ tiêu chí trước khi đánh giá."
        )
        return [], None
    if result not in Result.values:
        errors.append("Kết quả phải là đạt hoặc không đạt.")
    rows, score, scored = [], Decimal(0), False
    criteria = list(criteria_set.criteria.all())
    given = dict(results or {})
    for criterion in criteria:
        value = given.pop(criterion.pk, given.pop(criterion.code, None))
        if value is None:
            errors.append(f"Chưa đánh giá tiêu chí “{criterion.code}”.")
            continue
        met, points = (value, None) if isinstance(value, bool) else value
        if points is not None:
            points = Decimal(str(points))
            if points < 0 or (criterion.weight is not None and points > criterion.weight):
                errors.append(f"Điểm tiêu chí “{criterion.code}” phải từ 0 đến {criterion.weight}.")
                continue
            score += points
            scored = True
        if criterion.required and not met and result == Result.PASSED:
            errors.append(
                f"Tiêu chí bắt buộc “{criterion.code}” không đạt nên kết quả không thể là đạt."
            )
        rows.append((criterion, bool(met), points))
    if given:
        errors.append("Có tiêu chí không thuộc bộ tiêu chí của năm.")
    if (
        result == Result.PASSED
        and criteria_set.pass_score is not None
        and scored
        and score < criteria_set.pass_score
    ):
        errors.append(
            f"Tổng điểm {score} dưới mức tối thiểu {criteria_set.pass_score} nên không thể đạt."
        )
    return rows, (score if scored else None)


def _evaluation_state(evaluation: Evaluation) -> dict:
    state = snapshot(
        evaluation, ["result", "score", "decided_by", "decided_on", "decision_ref", "comment"]
    )
    state["criteria"] = {r.criterion.code: r.met for r in evaluation.results.all()}
    return state


@transaction.atomic
def evaluate_pledge(
    *,
    actor,
    pledge: Pledge,
    decided_by: Unit,
    decided_on: date,
    results: dict,
    result: str,
    decision_ref: str = "",
    comment: str = "",
    expected_revision: int | None = None,
) -> Evaluation:
    """Record (or replace) the yearly result of a pledge, decided by a unit above it.

    ``results`` maps each criterion (its id or code) to met (bool) or (met, score)."""
    errors: list[str] = []
    require_write(actor, decided_by, what="quyết định kết quả 4 tốt")
    criteria_set = criteria_for(pledge.unit, pledge.year, pledge.target)
    rows, score = _check_evaluation(
        pledge, decided_by, decided_on, results, result, errors, criteria_set=criteria_set
    )
    _raise(errors)
    pledge = _lock(Pledge, pledge, expected_revision, "Đăng ký 4 tốt")
    before = None
    old = Evaluation.objects.filter(pledge=pledge).first()
    if old is not None:
        before = _evaluation_state(old)
        old.delete()
    evaluation = Evaluation.objects.create(
        pledge=pledge,
        criteria_set=criteria_set,
        result=result,
        score=score,
        decided_by=decided_by,
        decided_on=decided_on,
        decision_ref=_text(decision_ref),
        comment=_text(comment),
        created_by=acting_user(actor),
    )
    CriterionResult.objects.bulk_create(
        CriterionResult(evaluation=evaluation, criterion=c, met=met, score=points)
        for c, met, points in rows
    )
    _bump(Pledge, pledge)
    record_change(
        actor=actor,
        action="emulation.pledge.evaluate",
        obj=pledge,
        unit=pledge.unit,
        before=before,
        after=_evaluation_state(evaluation),
    )
    return evaluation


@transaction.atomic
def bulk_pledge_and_evaluate(*, actor, rows: list[dict], reason: str = "") -> int:
    """Pledges (``unit``, ``year``, ``pledged_on``, ``note``) each with an optional
    ``evaluation`` dict (``decided_by``, ``decided_on``, ``results``, ``result``,
    ``decision_ref``): every row checked as the single services check it."""
    kind_on = _kinds_from(r["unit"].pk for r in rows)
    problems: list[str] = []
    seen = set(
        Pledge.objects.filter(
            unit__in=[r["unit"] for r in rows], year__in={r["year"] for r in rows}
        ).values_list("unit_id", "year")
    )
    sets: dict = {}
    prepared = []
    for index, row in enumerate(rows, start=1):
        errors: list[str] = []
        target = _check_pledge(row["unit"], row["year"], row["pledged_on"], errors, kind_on=kind_on)
        key = (row["unit"].pk, row["year"])
        if key in seen:
            errors.append(f"“{row['unit'].name}” đã đăng ký “4 tốt” năm {row['year']}.")
        seen.add(key)
        evaluation = row.get("evaluation")
        checked = None
        if evaluation and not errors:
            set_key = (path_ids(row["unit"].path)[0], row["year"], target)
            if set_key not in sets:
                sets[set_key] = criteria_for(row["unit"], row["year"], target)
            pledge = Pledge(unit=row["unit"], year=row["year"], target=target)
            checked = _check_evaluation(
                pledge,
                evaluation["decided_by"],
                evaluation["decided_on"],
                evaluation["results"],
                evaluation["result"],
                errors,
                criteria_set=sets[set_key],
            )
            checked = (sets[set_key], *checked)
        problems += [f"Dòng {index}: {m}" for m in errors]
        prepared.append((row, target, checked))
    _raise(problems)
    pledges = Pledge.objects.bulk_create(
        [
            Pledge(
                unit=row["unit"],
                year=row["year"],
                target=target,
                pledged_on=row["pledged_on"],
                note=row.get("note", ""),
                created_by=acting_user(actor),
            )
            for row, target, _ in prepared
        ],
        batch_size=500,
    )
    evaluations, results = [], []
    for pledge, (row, _, checked) in zip(pledges, prepared, strict=True):
        if checked is None:
            continue
        criteria_set, criterion_rows, score = checked
        ev = row["evaluation"]
        evaluations.append(
            Evaluation(
                pledge=pledge,
                criteria_set=criteria_set,
                result=ev["result"],
                score=score,
                decided_by=ev["decided_by"],
                decided_on=ev["decided_on"],
                decision_ref=ev.get("decision_ref", ""),
                created_by=acting_user(actor),
            )
        )
        results.append(criterion_rows)
    evaluations = Evaluation.objects.bulk_create(evaluations, batch_size=500)
    CriterionResult.objects.bulk_create(
        [
            CriterionResult(evaluation=ev, criterion=c, met=met, score=points)
            for ev, criterion_rows in zip(evaluations, results, strict=True)
            for c, met, points in criterion_rows
        ],
        batch_size=2000,
    )
    if pledges:
        record_change(
            actor=actor,
            action="emulation.pledge.bulk_create",
            obj=pledges[0],
            after={"pledges": len(pledges), "evaluations": len(evaluations)},
            reason=reason,
        )
    return len(pledges)


# ---------------------------------------------------------------- làm theo registrations


REGISTRATION_FIELDS = ["year", "unit", "member", "registered_on", "content"]


def _check_registration(year, unit, member, registered_on, errors, *, home=None, kind_on=_kind_on):
    """The registration's unit: the collective, or the member's home unit on the day."""
    _check_year(year, errors)
    if not _check_day(registered_on, "ngày đăng ký", errors):
        return None
    if isinstance(year, int) and registered_on.year != year:
        errors.append(f"Ngày đăng ký {format_date(registered_on)} không thuộc năm {year}.")
    if member is not None:
        if not isinstance(member, Member):
            errors.append("Đảng viên không hợp lệ.")
            return None
        period = home if home is not None else member_home_on(member, registered_on)
        if period is None or period.status not in (*EXPECTED_STATUSES, Status.EXCUSED):
            errors.append(
                f"Ngày {format_date(registered_on)}, {member.full_name} không còn là đảng viên."
            )
            return None
        if period.status == Status.EXCUSED:
            errors.append(
                f"{member.full_name} đang được miễn công tác và sinh hoạt đảng, không thuộc diện "
                "đăng ký."
            )
            return None
        if unit is not None and unit.pk != period.unit_id:
            errors.append(f"{member.full_name} không sinh hoạt tại {unit.name} vào ngày đó.")
        return period.unit
    if not isinstance(unit, Unit):
        errors.append("Hãy chọn tập thể (tổ chức đảng) đăng ký hoặc một đảng viên.")
        return None
    if kind_on(unit, registered_on) is None:
        errors.append(
            f"Ngày {format_date(registered_on)}, “{unit.name}” chưa thành lập hoặc đã kết thúc "
            "hoạt động."
        )
        return None
    return unit


def _duplicate(year, unit, member) -> bool:
    if member is not None:
        return Registration.objects.filter(year=year, member=member).exists()
    return Registration.objects.filter(year=year, unit=unit, member__isnull=True).exists()


@transaction.atomic
def register(
    *,
    actor,
    year: int,
    registered_on: date,
    unit: Unit | None = None,
    member: Member | None = None,
    content: str = "",
) -> Registration:
    """A collective (``unit``) or an individual (``member``) registers for "học tập và làm
    theo" in ``year`` — once a year."""
    errors: list[str] = []
    home = _check_registration(year, unit, member, registered_on, errors)
    if home is not None:
        require_write(actor, home, what="ghi đăng ký làm theo")
    if not errors and _duplicate(year, home, member):
        who = member.full_name if member is not None else home.name
        errors.append(f"{who} đã đăng ký học tập và làm theo năm {year}.")
    _raise(errors)
    try:
        with transaction.atomic():
            return _create(
                Registration,
                actor=actor,
                action="emulation.registration.create",
                unit=home,
                fields=REGISTRATION_FIELDS,
                year=year,
                member=member,
                registered_on=registered_on,
                content=_text(content),
            )
    except IntegrityError:
        raise ValidationError(f"Đã có đăng ký học tập và làm theo năm {year}.") from None


@transaction.atomic
def update_registration(
    *,
    actor,
    registration: Registration,
    expected_revision: int | None,
    registered_on: date,
    content: str = "",
) -> Registration:
    require_write(actor, registration.unit, what="sửa đăng ký làm theo")
    errors: list[str] = []
    _check_day(registered_on, "ngày đăng ký", errors)
    if isinstance(registered_on, date) and registered_on.year != registration.year:
        errors.append(
            f"Ngày đăng ký {format_date(registered_on)} không thuộc năm {registration.year}."
        )
    _raise(errors)
    return _edit(
        actor=actor,
        model=Registration,
        obj=registration,
        expected_revision=expected_revision,
        label="Đăng ký làm theo",
        fields=REGISTRATION_FIELDS,
        action="emulation.registration.update",
        unit_of=lambda r: r.unit,
        registered_on=registered_on,
        content=_text(content),
    )


@transaction.atomic
def bulk_register(*, actor, year: int, rows: list[dict], reason: str = "") -> int:
    """Many registrations of one year: ``{"unit": …}`` or ``{"member": …, "period": its
    MemberPeriod on the day}``, each with ``registered_on`` and ``content``."""
    problems: list[str] = []
    taken = set(Registration.objects.filter(year=year).values_list("unit_id", "member_id"))
    kind_on = _kinds_from(r["unit"].pk for r in rows if r.get("unit") is not None)
    taken_members = {m for _, m in taken if m is not None}
    taken_units = {u for u, m in taken if m is None}
    objs = []
    for index, row in enumerate(rows, start=1):
        errors: list[str] = []
        member = row.get("member")
        home = _check_registration(
            year,
            row.get("unit"),
            member,
            row["registered_on"],
            errors,
            home=row.get("period"),
            kind_on=kind_on,
        )
        if home is not None and member is not None and member.pk in taken_members:
            errors.append(f"{member.full_name} đã đăng ký năm {year}.")
        if home is not None and member is None and home.pk in taken_units:
            errors.append(f"{home.name} đã đăng ký năm {year}.")
        if errors:
            problems += [f"Dòng {index}: {m}" for m in errors]
            continue
        if member is not None:
            taken_members.add(member.pk)
        else:
            taken_units.add(home.pk)
        objs.append(
            Registration(
                year=year,
                unit=home,
                member=member,
                registered_on=row["registered_on"],
                content=row.get("content", ""),
                created_by=acting_user(actor),
            )
        )
    _raise(problems)
    created = Registration.objects.bulk_create(objs, batch_size=1000)
    if created:
        record_change(
            actor=actor,
            action="emulation.registration.bulk_create",
            obj=created[0],
            after={"year": year, "registrations": len(created)},
            reason=reason,
        )
    return len(created)


# ---------------------------------------------------------------- models and examples


EXAMPLE_FIELDS = [
    "kind",
    "movement",
    "title",
    "unit",
    "member",
    "field",
    "year",
    "description",
    "recognised_by",
    "recognised_body",
    "decision_ref",
    "recognised_on",
    "state",
]


def _check_example(data: dict, errors: list[str]) -> dict:
    data = dict(data)
    for name in ("title", "description", "recognised_body", "decision_ref"):
        data[name] = _text(data.get(name))
    if not data["title"]:
        errors.append("Thiếu tên mô hình, điển hình.")
    if data.get("kind") not in ExampleKind.values:
        errors.append("Loại phải là mô hình hay, cách làm hiệu quả hoặc điển hình tiên tiến.")
    if data.get("movement", Movement.LAM_THEO) not in Movement.values:
        errors.append("Phong trào không hợp lệ.")
    data.setdefault("movement", Movement.LAM_THEO)
    if not isinstance(data.get("field"), Field):
        errors.append("Hãy chọn lĩnh vực.")
    _check_year(data.get("year"), errors)
    year = data.get("year")
    if isinstance(year, int) and year > today().year:
        errors.append(f"Năm {year} chưa đến.")
    day = data.get("recognised_on")
    valid_day = day is not None and _check_day(day, "ngày công nhận", errors)
    if valid_day and isinstance(year, int) and day.year < year:
        errors.append("Ngày công nhận trước năm của mô hình.")
    member = data.get("member")
    if member is not None:
        when = day or (date(year, 12, 31) if isinstance(year, int) else today())
        period = member_home_on(member, min(when, today()))
        if period is None or period.unit is None:
            errors.append(f"{member.full_name} không phải đảng viên vào năm {year}.")
        else:
            data["unit"] = period.unit
    elif not isinstance(data.get("unit"), Unit):
        errors.append("Hãy chọn tập thể (tổ chức đảng) hoặc cá nhân (đảng viên).")
    return data


@transaction.atomic
def save_example(
    *, actor, example: Example | None = None, expected_revision: int | None = None, **fields
) -> Example:
    """Create or edit a model/example. A new "Dân vận khéo" model starts as registered; its
    state then moves only through :func:`move_example`."""
    errors: list[str] = []
    data = _check_example(fields, errors)
    _raise(errors)
    require_write(actor, data["unit"], what="ghi mô hình, điển hình")
    data.pop("state", None)
    if example is None:
        state = DvkState.REGISTERED if data["movement"] == Movement.DAN_VAN_KHEO else ""
        example = Example(**data, state=state, created_by=acting_user(actor))
        before = None
    else:
        require_write(actor, example.unit, what="sửa mô hình, điển hình")
        example = _lock(Example, example, expected_revision, f"Mô hình “{example.title}”")
        before = snapshot(example, EXAMPLE_FIELDS)
        if data["movement"] != example.movement:
            raise ValidationError("Không đổi được phong trào của mô hình đã ghi.")
        for name, value in data.items():
            setattr(example, name, value)
    example.title_key = search_key(example.title)[:300]
    example.save()
    if before is not None:
        _bump(Example, example)
    record_change(
        actor=actor,
        action="emulation.example.create" if before is None else "emulation.example.update",
        obj=example,
        unit=example.unit,
        before=before,
        after=snapshot(example, EXAMPLE_FIELDS),
    )
    return example


@transaction.atomic
def move_example(
    *,
    actor,
    example: Example,
    state: str,
    expected_revision: int | None,
    recognised_by: Unit | None = None,
    recognised_on: date | None = None,
    decision_ref: str = "",
) -> Example:
    """Move a "Dân vận khéo" model: registered → evaluated → effective / not effective.
    Recognising it as effective records who recognised it and when."""
    require_write(actor, example.unit, what="đánh giá mô hình")
    if example.movement != Movement.DAN_VAN_KHEO:
        raise ValidationError("Chỉ mô hình “Dân vận khéo” có các bước đăng ký, đánh giá.")
    example = _lock(Example, example, expected_revision, f"Mô hình “{example.title}”")
    current = DvkState(example.state)
    if state not in DVK_TRANSITIONS[current]:
        allowed = ", ".join(DvkState(s).label.lower() for s in DVK_TRANSITIONS[current])
        raise ValidationError(
            f"Mô hình đang ở bước “{current.label}”; "
            + (f"chỉ chuyển được sang: {allowed}." if allowed else "không chuyển bước được nữa.")
        )
    errors: list[str] = []
    if state == DvkState.EFFECTIVE:
        if not isinstance(recognised_by, Unit):
            errors.append("Hãy chọn cấp ủy công nhận mô hình hiệu quả.")
        else:
            require_write(actor, recognised_by, what="công nhận mô hình")
        if _check_day(recognised_on, "ngày công nhận", errors) and (
            recognised_on.year < example.year
        ):
            errors.append("Ngày công nhận trước năm của mô hình.")
    _raise(errors)
    before = snapshot(example, EXAMPLE_FIELDS)
    example.state = state
    if state == DvkState.EFFECTIVE:
        example.recognised_by = recognised_by
        example.recognised_on = recognised_on
        example.decision_ref = _text(decision_ref)
    example.save()
    _bump(Example, example)
    record_change(
        actor=actor,
        action="emulation.example.state",
        obj=example,
        unit=example.unit,
        before=before,
        after=snapshot(example, EXAMPLE_FIELDS),
    )
    return example


@transaction.atomic
def bulk_create_examples(*, actor, rows: list[dict], reason: str = "") -> int:
    """Many models at once, each checked as :func:`save_example` checks it (``state`` may
    be given for "Dân vận khéo" models: the demo records ones already evaluated)."""
    problems, objs = [], []
    for index, row in enumerate(rows, start=1):
        errors: list[str] = []
        state = row.get("state") or ""
        data = _check_example({k: v for k, v in row.items() if k != "state"}, errors)
        if data.get("movement") == Movement.DAN_VAN_KHEO:
            state = state or DvkState.REGISTERED
            if state not in DvkState.values:
                errors.append("Trạng thái không hợp lệ.")
        else:
            state = ""
        if errors:
            problems += [f"Dòng {index}: {m}" for m in errors]
            continue
        objs.append(
            Example(
                **data,
                state=state,
                title_key=search_key(data["title"])[:300],
                created_by=acting_user(actor),
            )
        )
    _raise(problems)
    created = Example.objects.bulk_create(objs, batch_size=500)
    if created:
        record_change(
            actor=actor,
            action="emulation.example.bulk_create",
            obj=created[0],
            after={"examples": len(created)},
            reason=reason,
        )
    return len(created)


# ---------------------------------------------------------------- recognitions


RECOGNITION_FIELDS = [
    "kind",
    "member",
    "unit",
    "year",
    "recognised_by",
    "recognised_on",
    "decision_ref",
    "note",
]


def _check_recognition(kind, member, year, recognised_by, recognised_on, errors):
    if not isinstance(kind, RecognitionKind):
        errors.append("Hãy chọn hình thức biểu dương.")
    if not isinstance(member, Member):
        errors.append("Hãy chọn đảng viên được biểu dương.")
    if not isinstance(recognised_by, Unit):
        errors.append("Hãy chọn cấp ủy biểu dương.")
    _check_year(year, errors)
    if errors or not _check_day(recognised_on, "ngày biểu dương", errors):
        return None
    if recognised_on.year not in (year, year + 1):
        errors.append(f"Ngày biểu dương {format_date(recognised_on)} không thuộc năm {year}.")
    period = member_home_on(member, min(date(year, 12, 31), recognised_on))
    if period is None or period.unit is None:
        errors.append(f"{member.full_name} không phải đảng viên trong năm {year}.")
        return None
    inside = subtree_on(recognised_by, recognised_on).filter(unit_id=period.unit_id).exists()
    if not inside:
        errors.append(
            f"{member.full_name} không sinh hoạt trong {recognised_by.name} (kể cả tổ chức trực "
            "thuộc); chỉ cấp ủy của đảng viên hoặc cấp trên biểu dương."
        )
    return period.unit


@transaction.atomic
def record_recognition(
    *,
    actor,
    kind: RecognitionKind,
    member: Member,
    year: int,
    recognised_by: Unit,
    recognised_on: date,
    decision_ref: str = "",
    note: str = "",
) -> Recognition:
    errors: list[str] = []
    require_write(actor, recognised_by, what="ghi biểu dương")
    unit = _check_recognition(kind, member, year, recognised_by, recognised_on, errors)
    if not errors and Recognition.objects.filter(kind=kind, member=member, year=year).exists():
        errors.append(f"{member.full_name} đã được ghi “{kind.name}” năm {year}.")
    _raise(errors)
    return _create(
        Recognition,
        actor=actor,
        action="emulation.recognition.create",
        unit=unit,
        fields=RECOGNITION_FIELDS,
        kind=kind,
        member=member,
        year=year,
        recognised_by=recognised_by,
        recognised_on=recognised_on,
        decision_ref=_text(decision_ref),
        note=_text(note),
    )


@transaction.atomic
def update_recognition(
    *,
    actor,
    recognition: Recognition,
    expected_revision: int | None,
    decision_ref: str = "",
    note: str = "",
    recognised_on: date | None = None,
) -> Recognition:
    require_write(actor, recognition.recognised_by, what="sửa biểu dương")
    errors: list[str] = []
    day = recognised_on or recognition.recognised_on
    _check_day(day, "ngày biểu dương", errors)
    _raise(errors)
    return _edit(
        actor=actor,
        model=Recognition,
        obj=recognition,
        expected_revision=expected_revision,
        label="Biểu dương",
        fields=RECOGNITION_FIELDS,
        action="emulation.recognition.update",
        unit_of=lambda r: r.unit,
        recognised_on=day,
        decision_ref=_text(decision_ref),
        note=_text(note),
    )
