"""Every write to plans, cases and discipline decisions.

Each service checks the rules, writes the rows and the audit entry in one transaction; a
refusal is a Vietnamese ``ValidationError`` and writes nothing. Rules:

* the acting body (issuing, conducting or deciding unit) exists on the date; dates are not in
  the future; a case ends on or after its start;
* a subject is a unit **or** a member; a member must be a party member on the date (not
  left, not dead), a unit must have been formed by then (it may have ended: discipline
  applies to merged or dissolved units too);
* the discipline form must be allowed for the subject's kind on the decision date
  (:data:`ALLOWED_FORMS`): unit → khiển trách, cảnh cáo, giải tán; official member →
  khiển trách, cảnh cáo, cách chức, khai trừ; probationary member → khiển trách, cảnh cáo.
  A member excused from party work (miễn sinh hoạt) is an official member;
* khai trừ records the member's exit (:func:`dangvu.members.services.record_event`,
  ``EventKind.EXPELLED``) and giải tán dissolves the unit
  (:func:`dangvu.orgs.services.dissolve_unit`) in the same transaction: when the registry or
  the tree refuses, the decision is not kept either. Such a decision cannot later be edited
  into another form or date;
* edits carry the revision they started from; a stale one is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from dangvu.accounts.scopes import today
from dangvu.audit.revisions import refuse_stale
from dangvu.audit.services import record_change, snapshot
from dangvu.members.lifecycle import EventKind, Status
from dangvu.members.models import Member
from dangvu.members.selectors import period_on
from dangvu.members.services import record_event
from dangvu.orgs.models import Unit, UnitVersion
from dangvu.orgs.services import Decision, dissolve_unit
from dangvu.vntext.formats import format_date
from dangvu.vntext.normalize import clean_text

from .models import (
    ALLOWED_FORMS,
    CONSEQUENTIAL,
    Activity,
    Case,
    CaseKind,
    DisciplineDecision,
    Form,
    Plan,
    PlanItem,
    SubjectKind,
    ViolationCategory,
)

CASE_TEXTS = ("title", "findings", "conclusion", "follow_up")


# ---------------------------------------------------------------- shared checks


def _text(value) -> str:
    return clean_text(value or "")


def _check_alive(unit: Unit, day: Date, role: str) -> None:
    if unit.created_on > day or (unit.ended_on is not None and unit.ended_on <= day):
        raise ValidationError(
            f"Ngày {format_date(day)} {role} “{unit.name}” không hoạt động (thành lập "
            f"{format_date(unit.created_on)}"
            + (f", chấm dứt {format_date(unit.ended_on)}" if unit.ended_on else "")
            + ")."
        )


def _check_past(day: Date, label: str) -> None:
    if day > today():
        raise ValidationError(f"{label} {format_date(day)} ở tương lai.")


def _check_choice(value: str, choices, label: str) -> None:
    if value not in choices.values:
        raise ValidationError(f"{label} không hợp lệ.")


@dataclass(frozen=True)
class Subject:
    kind: str  # SubjectKind
    unit: Unit | None
    member: Member | None
    home: Unit
    name: str


def unit_name_on(unit: Unit, day: Date) -> str:
    """The unit's name on ``day`` (its last name when it had ended by then)."""
    version = (
        UnitVersion.objects.filter(unit=unit, valid_from__lte=day).order_by("-valid_from").first()
    )
    if version is None:
        raise ValidationError(
            f"Ngày {format_date(day)} tổ chức “{unit.name}” chưa được thành lập (thành lập "
            f"{format_date(unit.created_on)})."
        )
    return version.name


def subject_on(*, unit: Unit | None, member: Member | None, day: Date) -> Subject:
    """Who the subject is on ``day``: its kind (unit, official or probationary member), the
    unit it belongs to then and its name then. A member who has left or died is refused."""
    if (unit is None) == (member is None):
        raise ValidationError("Hãy chọn đúng một đối tượng: một tổ chức đảng hoặc một đảng viên.")
    if unit is not None:
        return Subject(SubjectKind.UNIT, unit, None, unit, unit_name_on(unit, day))
    period = period_on(day).filter(member=member).select_related("unit").first()
    status = period.status if period else None
    if status in (Status.LEFT, Status.DEAD) or period is None:
        why = {
            Status.LEFT: "đã ra khỏi Đảng",
            Status.DEAD: "đã từ trần",
        }.get(status, "chưa là đảng viên")
        raise ValidationError(
            f"Ngày {format_date(day)} {member.full_name} {why}: không thể kiểm tra, kỷ luật."
        )
    if period.unit is None:
        raise ValidationError(
            f"Ngày {format_date(day)} {member.full_name} không sinh hoạt tại tổ chức nào trong "
            "hệ thống."
        )
    kind = SubjectKind.PROBATIONARY if status == Status.PROBATIONARY else SubjectKind.OFFICIAL
    return Subject(kind, None, member, period.unit, member.full_name)


def check_form(kind: str, form: str) -> None:
    """Refuse a form not allowed for the subject's kind, saying which ones are."""
    _check_choice(form, Form, "Hình thức kỷ luật")
    allowed = ALLOWED_FORMS[SubjectKind(kind)]
    if form not in allowed:
        names = [Form(f).label.lower() for f in allowed]
        listed = ", ".join(names[:-1]) + " hoặc " + names[-1]
        raise ValidationError(
            f"Không thể thi hành hình thức “{Form(form).label.lower()}” đối với "
            f"{SubjectKind(kind).label.lower()}: chỉ được {listed}."
        )


# ---------------------------------------------------------------- plans


PLAN_FIELDS = ["unit", "year", "title", "number", "note"]


def _check_year(unit: Unit, year: int) -> None:
    if not 2000 <= year <= today().year + 1:
        raise ValidationError(f"Năm {year} không hợp lệ.")
    if unit.created_on.year > year or (unit.ended_on is not None and unit.ended_on.year < year):
        raise ValidationError(f"Năm {year} tổ chức “{unit.name}” không hoạt động.")


@transaction.atomic
def create_plan(*, actor, unit: Unit, year: int, title: str, number: str = "", note: str = ""):
    _check_year(unit, year)
    if Plan.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(
            f"“{unit.name}” đã có kế hoạch kiểm tra, giám sát năm {year}; hãy bổ sung vào đó."
        )
    title = _text(title)
    if not title:
        raise ValidationError("Tên kế hoạch không được để trống.")
    plan = Plan.objects.create(
        unit=unit, year=year, title=title, number=_text(number), note=_text(note)
    )
    record_change(
        actor=actor,
        action="oversight.plan.create",
        obj=plan,
        unit=unit,
        after=snapshot(plan, PLAN_FIELDS),
    )
    return plan


@transaction.atomic
def update_plan(
    *, actor, plan: Plan, expected_revision: int | None, title: str, number: str = "", note=""
):
    plan = Plan.objects.select_for_update().select_related("unit").get(pk=plan.pk)
    refuse_stale(plan, expected_revision, "Kế hoạch này")
    before = snapshot(plan, PLAN_FIELDS)
    title = _text(title)
    if not title:
        raise ValidationError("Tên kế hoạch không được để trống.")
    plan.title, plan.number, plan.note = title, _text(number), _text(note)
    plan.revision = F("revision") + 1
    plan.save()
    plan.refresh_from_db()
    record_change(
        actor=actor,
        action="oversight.plan.update",
        obj=plan,
        unit=plan.unit,
        before=before,
        after=snapshot(plan, PLAN_FIELDS),
    )
    return plan


@transaction.atomic
def add_plan_item(
    *,
    actor,
    plan: Plan,
    activity: str,
    kind: str,
    content: str,
    subject_unit: Unit | None = None,
    subject_text: str = "",
    month: int | None = None,
    expected_revision: int | None = None,
) -> PlanItem:
    plan = Plan.objects.select_for_update().select_related("unit").get(pk=plan.pk)
    refuse_stale(plan, expected_revision, "Kế hoạch này")
    _check_choice(activity, Activity, "Hoạt động")
    _check_choice(kind, CaseKind, "Loại kiểm tra, giám sát")
    content = _text(content)
    if not content:
        raise ValidationError("Nội dung kiểm tra, giám sát không được để trống.")
    if month is not None and not 1 <= month <= 12:
        raise ValidationError("Tháng dự kiến phải từ 1 đến 12.")
    item = PlanItem.objects.create(
        plan=plan,
        activity=activity,
        kind=kind,
        content=content,
        subject_unit=subject_unit,
        subject_text=_text(subject_text),
        month=month,
    )
    Plan.objects.filter(pk=plan.pk).update(revision=F("revision") + 1)
    record_change(
        actor=actor,
        action="oversight.plan.add_item",
        obj=plan,
        unit=plan.unit,
        after=snapshot(item),
    )
    return item


# ---------------------------------------------------------------- cases


CASE_FIELDS = ["unit", "activity", "kind", "subject_unit", "subject_member", "plan_item"]
CASE_FIELDS += ["start_date", "end_date", "title"]


def _case_checks(unit: Unit, activity: str, kind: str, start: Date, end: Date | None, plan_item):
    _check_choice(activity, Activity, "Hoạt động")
    _check_choice(kind, CaseKind, "Loại kiểm tra, giám sát")
    _check_past(start, "Ngày bắt đầu")
    _check_alive(unit, start, "chủ thể tiến hành")
    if end is not None and end < start:
        raise ValidationError("Ngày kết thúc trước ngày bắt đầu.")
    if end is not None:
        _check_past(end, "Ngày kết thúc")
    if plan_item is not None:
        if plan_item.plan.unit_id != unit.pk:
            raise ValidationError("Nội dung kế hoạch đã chọn thuộc kế hoạch của đơn vị khác.")
        if plan_item.plan.year != start.year:
            raise ValidationError(
                f"Nội dung kế hoạch đã chọn thuộc kế hoạch năm {plan_item.plan.year}, cuộc "
                f"{activity_label(activity)} bắt đầu năm {start.year}."
            )
        if plan_item.activity != activity:
            raise ValidationError(
                f"Nội dung kế hoạch đã chọn là {activity_label(plan_item.activity)}, không phải "
                f"{activity_label(activity)}."
            )


def activity_label(activity: str) -> str:
    return Activity(activity).label.lower()


def _prepare_case(
    *,
    unit: Unit,
    activity: str,
    kind: str,
    start_date: Date,
    end_date: Date | None = None,
    subject_unit: Unit | None = None,
    subject_member: Member | None = None,
    plan_item: PlanItem | None = None,
    **texts,
) -> Case:
    unknown = set(texts) - set(CASE_TEXTS)
    if unknown:
        raise TypeError(f"unknown case fields: {sorted(unknown)}")
    _case_checks(unit, activity, kind, start_date, end_date, plan_item)
    subject = subject_on(unit=subject_unit, member=subject_member, day=start_date)
    case = Case(
        unit=unit,
        activity=activity,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        subject_unit=subject.unit,
        subject_member=subject.member,
        subject_home=subject.home,
        subject_name=subject.name,
        plan_item=plan_item,
        **{name: _text(texts.get(name)) for name in CASE_TEXTS},
    )
    if not case.title:
        raise ValidationError("Nội dung cuộc kiểm tra, giám sát không được để trống.")
    return case


@transaction.atomic
def create_case(*, actor, **fields) -> Case:
    case = _prepare_case(**fields)
    case.save()
    record_change(
        actor=actor,
        action="oversight.case.create",
        obj=case,
        unit=case.unit,
        after=snapshot(case, CASE_FIELDS),
    )
    return case


@transaction.atomic
def bulk_create_cases(*, actor, cases: list[dict], batch_size: int = 500) -> int:
    """Many cases at once (the demo): every case checked as :func:`create_case` does, then
    written together with one audit entry for the batch."""
    prepared = [_prepare_case(**fields) for fields in cases]
    Case.objects.bulk_create(prepared, batch_size=batch_size)
    if prepared:
        record_change(
            actor=actor,
            action="oversight.case.bulk_create",
            obj=prepared[0].unit,
            unit=None,
            after={"cases": len(prepared)},
        )
    return len(prepared)


@transaction.atomic
def update_case(
    *,
    actor,
    case: Case,
    expected_revision: int | None,
    activity: str,
    kind: str,
    start_date: Date,
    end_date: Date | None = None,
    plan_item: PlanItem | None = None,
    **texts,
) -> Case:
    """Change what was found and concluded (the conducting body and the subject stay)."""
    case = Case.objects.select_for_update().select_related("unit").get(pk=case.pk)
    refuse_stale(case, expected_revision, "Cuộc kiểm tra, giám sát này")
    before = snapshot(case, CASE_FIELDS)
    fresh = _prepare_case(
        unit=case.unit,
        activity=activity,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        subject_unit=case.subject_unit,
        subject_member=case.subject_member,
        plan_item=plan_item,
        **texts,
    )
    for name in ("activity", "kind", "start_date", "end_date", "plan_item", "subject_home"):
        setattr(case, name, getattr(fresh, name))
    for name in (*CASE_TEXTS, "subject_name"):
        setattr(case, name, getattr(fresh, name))
    case.revision = F("revision") + 1
    case.save()
    case.refresh_from_db()
    record_change(
        actor=actor,
        action="oversight.case.update",
        obj=case,
        unit=case.unit,
        before=before,
        after=snapshot(case, CASE_FIELDS),
    )
    return case


# ---------------------------------------------------------------- discipline


DECISION_FIELDS = ["number", "date", "unit", "subject_kind", "subject_unit", "subject_member"]
DECISION_FIELDS += ["subject_home", "violation", "form", "case", "member_event"]


def _decision_checks(unit: Unit, number: str, day: Date, violation) -> str:
    number = _text(number)
    if not number:
        raise ValidationError("Số quyết định không được để trống.")
    _check_past(day, "Ngày quyết định")
    _check_alive(unit, day, "cấp quyết định")
    if not isinstance(violation, ViolationCategory):
        raise ValidationError("Hãy chọn nhóm vi phạm.")
    return number


@transaction.atomic
def decide_discipline(
    *,
    actor,
    unit: Unit,
    number: str,
    date: Date,
    violation: ViolationCategory,
    form: str,
    subject_unit: Unit | None = None,
    subject_member: Member | None = None,
    text: str = "",
    case: Case | None = None,
) -> DisciplineDecision:
    """Record a discipline decision (and, for khai trừ / giải tán, its consequence)."""
    number = _decision_checks(unit, number, date, violation)
    subject = subject_on(unit=subject_unit, member=subject_member, day=date)
    check_form(subject.kind, form)
    if form == Form.DISSOLUTION:
        _check_alive(subject.unit, date, "tổ chức bị giải tán")
    decision = DisciplineDecision.objects.create(
        number=number,
        date=date,
        unit=unit,
        subject_kind=subject.kind,
        subject_unit=subject.unit,
        subject_member=subject.member,
        subject_home=subject.home,
        subject_name=subject.name,
        violation=violation,
        form=form,
        text=_text(text),
        case=case,
    )
    if form == Form.EXPULSION:
        event = record_event(
            actor=actor,
            member=subject.member,
            kind=EventKind.EXPELLED,
            date=date,
            decision_number=number,
            decision_date=date,
            ground=f"Kỷ luật khai trừ theo Quyết định số {number} của {unit.name}",
        )
        DisciplineDecision.objects.filter(pk=decision.pk).update(member_event=event)
        decision.member_event = event
    elif form == Form.DISSOLUTION:
        dissolve_unit(
            actor=actor,
            unit=subject.unit,
            effective_date=date,
            decision=Decision(number=number, date=date, issuer=unit.name, note="Kỷ luật giải tán"),
        )
    record_change(
        actor=actor,
        action="oversight.decision.create",
        obj=decision,
        unit=unit,
        after=snapshot(decision, DECISION_FIELDS),
    )
    return decision


@transaction.atomic
def update_decision(
    *,
    actor,
    decision: DisciplineDecision,
    expected_revision: int | None,
    number: str,
    date: Date,
    violation: ViolationCategory,
    form: str,
    text: str = "",
    case: Case | None = None,
) -> DisciplineDecision:
    """Correct a decision's number, date, violation, form or text (the subject stays). A khai
    trừ or giải tán decision keeps its form and date: its consequence is already recorded."""
    decision = (
        DisciplineDecision.objects.select_for_update(of=("self",))
        .select_related("unit", "subject_unit", "subject_member")
        .get(pk=decision.pk)
    )
    refuse_stale(decision, expected_revision, "Quyết định kỷ luật này")
    before = snapshot(decision, DECISION_FIELDS)
    number = _decision_checks(decision.unit, number, date, violation)
    if decision.form in CONSEQUENTIAL and (form != decision.form or date != decision.date):
        raise ValidationError(
            f"Quyết định {Form(decision.form).label.lower()} đã được ghi vào hồ sơ; không sửa "
            "hình thức hay ngày quyết định. Nếu quyết định bị thay đổi, hãy ghi quyết định mới "
            "và điều chỉnh hồ sơ theo quy trình."
        )
    if form in CONSEQUENTIAL and form != decision.form:
        raise ValidationError(
            f"Không sửa quyết định sang hình thức {Form(form).label.lower()}: hãy ghi một "
            "quyết định mới (để việc khai trừ, giải tán được ghi nhận đúng quy trình)."
        )
    if decision.form not in CONSEQUENTIAL:  # (an expelled member has left on that date)
        subject = subject_on(unit=decision.subject_unit, member=decision.subject_member, day=date)
        check_form(subject.kind, form)
        decision.subject_kind, decision.subject_home = subject.kind, subject.home
        decision.subject_name = subject.name
    decision.number, decision.date = number, date
    decision.violation, decision.form = violation, form
    decision.text, decision.case = _text(text), case
    decision.revision = F("revision") + 1
    decision.save()
    decision.refresh_from_db()
    record_change(
        actor=actor,
        action="oversight.decision.update",
        obj=decision,
        unit=decision.unit,
        before=before,
        after=snapshot(decision, DECISION_FIELDS),
    )
    return decision
