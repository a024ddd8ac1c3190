"""Every write of the implementation app: items, assignments, progress reports, work programmes.

Keyword-only, with an explicit ``actor``; each checks its rules, writes, and records the audit
entry in the same transaction. A refusal is a Vietnamese ValidationError and writes nothing.
Callers (views, API, demo) check the actor's permission first; edits carry the revision the
user saw and are refused when someone else saved in between.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from dangvu.accounts.scopes import today
from dangvu.audit.services import record_change, snapshot
from dangvu.orgs.tree_paths import path_within
from dangvu.reports.periods import Period
from dangvu.vntext.normalize import clean_text
from dangvu.vntext.search_keys import search_key

from .achievement import is_achieved
from .evidence import check_evidence
from .goals import measured_indicators
from .models import (
    Assignment,
    Direction,
    Field,
    Item,
    ItemKind,
    Measure,
    ProgrammeItem,
    Report,
    TaskStatus,
    WorkProgramme,
)

ITEM_FIELDS = (
    "kind",
    "code",
    "name",
    "measure",
    "measure_unit",
    "baseline",
    "target_value",
    "direction",
    "deadline",
    "indicator",
)
REPORT_FIELDS = ("value", "numerator", "denominator", "status", "note")


CENT = Decimal("0.01")


def _cents(data: dict, names) -> None:
    """Store figures as the database will (two decimals), so audit entries match."""
    for name in names:
        if data.get(name) is not None:
            data[name] = Decimal(data[name]).quantize(CENT)


def _user(actor):
    return actor if actor is not None and actor.is_authenticated else None


def _stale(what: str) -> ValidationError:
    return ValidationError(
        f"{what} vừa được người khác cập nhật. Hãy tải lại trang, kiểm tra rồi ghi lại."
    )


def _locked(model, obj, expected_revision: int | None):
    locked = model.objects.select_for_update().get(pk=obj.pk)
    if expected_revision is not None and locked.revision != expected_revision:
        raise _stale(f"“{locked}”")
    return locked


# ---------------------------------------------------------------- items


def _clean_item(data: dict, document) -> dict:
    errors = []
    data = dict(data)
    data["name"] = clean_text(data.get("name") or "")
    data["code"] = clean_text(data.get("code") or "")
    data["measure_unit"] = clean_text(data.get("measure_unit") or "")
    if data.get("kind") not in ItemKind.values:
        errors.append("Hãy chọn loại: chỉ tiêu hoặc nhiệm vụ.")
    if not data["name"]:
        errors.append("Hãy ghi nội dung chỉ tiêu, nhiệm vụ.")
    if data.get("direction") not in Direction.values:
        data["direction"] = Direction.HIGHER
    if data.get("kind") == ItemKind.TARGET:
        if data.get("measure") not in Measure.values:
            errors.append("Chỉ tiêu cần cách tổng hợp: số lượng hoặc tỷ lệ.")
        if data.get("target_value") is None:
            errors.append("Chỉ tiêu cần giá trị phải đạt.")
        if data.get("measure") == Measure.RATE:
            data["measure_unit"] = data["measure_unit"] or "%"
            for name, label in (("target_value", "Chỉ tiêu"), ("baseline", "Giá trị đầu kỳ")):
                value = data.get(name)
                if value is not None and not 0 <= value <= 100:
                    errors.append(f"{label} của một tỷ lệ phải từ 0 đến 100 (%).")
        elif not data["measure_unit"]:
            errors.append("Hãy ghi đơn vị tính (ví dụ: đảng viên, chi bộ).")
        for name, label in (("target_value", "Chỉ tiêu"), ("baseline", "Giá trị đầu kỳ")):
            value = data.get(name)
            if value is not None and value < 0:
                errors.append(f"{label} không được âm.")
        data["indicator"] = data.get("indicator") or ""
        if data["indicator"]:
            measurable = measured_indicators()
            if data["indicator"] not in measurable:
                errors.append(
                    "Số liệu đo chỉ tiêu không có trong danh mục (chỉ chọn được số lượng phát "
                    "sinh trong kỳ, ví dụ số đảng viên kết nạp)."
                )
            elif data.get("measure") != Measure.COUNT:
                errors.append("Chỉ tiêu đo bằng số liệu của hệ thống phải là chỉ tiêu số lượng.")
            if not data.get("deadline"):
                errors.append("Chỉ tiêu đo bằng số liệu của hệ thống cần thời hạn (cuối kỳ).")
    else:
        data.update(measure="", measure_unit="", baseline=None, target_value=None, indicator="")
        data["direction"] = Direction.HIGHER
    deadline = data.get("deadline")
    if deadline is not None and deadline < document.date:
        errors.append(
            f"Thời hạn {deadline:%d/%m/%Y} trước ngày ban hành văn bản ({document.date:%d/%m/%Y})."
        )
    if errors:
        raise ValidationError(errors)
    data["search_key"] = search_key(f"{data['code']} {data['name']}")
    _cents(data, ("baseline", "target_value"))
    return data


@transaction.atomic
def create_item(*, actor, document, **fields) -> Item:
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown item fields: {sorted(unknown)}")
    data = _clean_item(fields, document)
    item = Item.objects.create(document=document, created_by=_user(actor), **data)
    record_change(
        actor=actor,
        action=f"implementation.{item.kind}.create",
        obj=item,
        unit=document.unit,
        after=snapshot(item, list(ITEM_FIELDS)),
    )
    return item


@transaction.atomic
def update_item(*, actor, item: Item, expected_revision: int | None, **fields) -> Item:
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown item fields: {sorted(unknown)}")
    item = _locked(Item, item, expected_revision)
    before = snapshot(item, list(ITEM_FIELDS))
    if "kind" in fields and fields["kind"] != item.kind and item.assignments.exists():
        raise ValidationError(
            "Không đổi được chỉ tiêu thành nhiệm vụ (hoặc ngược lại) khi đã giao cho đơn vị."
        )
    if (
        "measure" in fields
        and fields["measure"] != item.measure
        and Report.objects.filter(assignment__item=item).exists()
    ):
        raise ValidationError("Không đổi được cách tổng hợp khi đã có báo cáo tiến độ.")
    current = {name: getattr(item, name) for name in ITEM_FIELDS}
    data = _clean_item({**current, **fields}, item.document)
    for name, value in data.items():
        setattr(item, name, value)
    item.revision = F("revision") + 1
    item.save()
    item.refresh_from_db()
    _refresh_achievement(Assignment.objects.filter(item=item).select_related("item"))
    record_change(
        actor=actor,
        action=f"implementation.{item.kind}.update",
        obj=item,
        unit=item.document.unit,
        before=before,
        after=snapshot(item, list(ITEM_FIELDS)),
    )
    return item


def _refresh_achievement(assignments) -> None:
    """Re-derive ``achieved`` of reports and assignments after a target changed."""
    for assignment in assignments:
        reports = list(assignment.reports.all())
        for report in reports:
            achieved = _achieved(assignment, report)
            if achieved != report.achieved:
                Report.objects.filter(pk=report.pk).update(achieved=achieved)
                report.achieved = achieved
        _set_latest(assignment, reports)


def _achieved(assignment: Assignment, report: Report) -> bool:
    return is_achieved(
        assignment.item,
        assignment.goal,
        value=report.value,
        numerator=report.numerator,
        denominator=report.denominator,
        status=report.status,
    )


def _set_latest(assignment: Assignment, reports: list[Report]) -> None:
    """The assignment's cached latest report: the one whose period ends last (a year report
    beats the fourth quarter of that year: it ends the same day and is the summing-up)."""
    latest = max(reports, key=lambda r: (r.end, r.end - r.start, r.pk), default=None)
    Assignment.objects.filter(pk=assignment.pk).update(
        last_report=latest,
        last_period_end=latest.end if latest else None,
        achieved=latest.achieved if latest else False,
    )


def refresh_latest(assignment_ids: list[int], chunk: int = 500) -> None:
    """:func:`_set_latest` for many assignments, in the database (one UPDATE per chunk)."""
    latest = Report.objects.filter(assignment=OuterRef("pk")).order_by("-end", "start", "-pk")
    for index in range(0, len(assignment_ids), chunk):
        Assignment.objects.filter(pk__in=assignment_ids[index : index + chunk]).update(
            last_report=Subquery(latest.values("pk")[:1]),
            last_period_end=Subquery(latest.values("end")[:1]),
            achieved=Coalesce(Subquery(latest.values("achieved")[:1]), Value(False)),
        )


# ---------------------------------------------------------------- assignments


@transaction.atomic
def assign_item(
    *, actor, item: Item, units, target_value: Decimal | None = None, note: str = ""
) -> list[Assignment]:
    """Give the item to each of ``units``: inside the issuing unit's subtree (as it is now:
    an old commune lives under its successor) and still alive when the document was issued."""
    units = list(units)
    if not units:
        raise ValidationError("Hãy chọn ít nhất một đơn vị thực hiện.")
    owner = item.document.unit
    errors = []
    for unit in units:
        if not path_within(unit.path, owner.path):
            errors.append(f"{unit.name} không trực thuộc {owner.name}, nơi ban hành văn bản.")
        elif unit.ended_on is not None and unit.ended_on <= item.document.date:
            errors.append(
                f"{unit.name} đã kết thúc hoạt động ngày {unit.ended_on:%d/%m/%Y}, "
                "trước khi văn bản được ban hành."
            )
    taken = set(
        Assignment.objects.filter(item=item, unit__in=units).values_list("unit__name", flat=True)
    )
    errors += [f"{name} đã được giao nội dung này." for name in sorted(taken)]
    if target_value is not None and item.kind == ItemKind.TASK:
        errors.append("Nhiệm vụ không có giá trị chỉ tiêu.")
    if target_value is not None and target_value < 0:
        errors.append("Chỉ tiêu giao không được âm.")
    if errors:
        raise ValidationError(errors)
    created = Assignment.objects.bulk_create(
        [
            Assignment(
                item=item,
                unit=unit,
                target_value=None if target_value is None else target_value.quantize(CENT),
                note=clean_text(note or ""),
                created_by=_user(actor),
            )
            for unit in units
        ]
    )
    record_change(
        actor=actor,
        action="implementation.assign",
        obj=item,
        unit=owner,
        after={
            "units": [u.pk for u in units],
            "unit_names": [u.name for u in units],
            "target_value": target_value,
        },
    )
    return created


# ---------------------------------------------------------------- reports


@dataclass
class ReportInput:
    """One report as the demo's bulk loader passes it."""

    assignment: Assignment
    period: Period
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    status: str = ""
    note: str = ""


def _clean_report(assignment: Assignment, period: Period, data: dict, *, day: date) -> dict:
    item = assignment.item
    errors = []
    data = {name: data.get(name) for name in REPORT_FIELDS}
    data["note"] = clean_text(data["note"] or "")
    data["status"] = data["status"] or ""
    if period.start > day:
        errors.append(f"Chưa đến kỳ {period.label}; chưa báo cáo được.")
    if period.end < item.document.date:
        errors.append(
            f"Kỳ {period.label} kết thúc trước ngày ban hành văn bản "
            f"({item.document.date:%d/%m/%Y})."
        )
    unit = assignment.unit
    if period.end < unit.created_on:
        errors.append(
            f"{unit.name} được thành lập ngày {unit.created_on:%d/%m/%Y}, sau kỳ {period.label}."
        )
    elif unit.ended_on is not None and period.start >= unit.ended_on:
        errors.append(
            f"{unit.name} đã kết thúc hoạt động ngày {unit.ended_on:%d/%m/%Y}, trước kỳ "
            f"{period.label}; đơn vị kế thừa báo cáo theo phân công của mình."
        )
    if item.kind == ItemKind.TASK:
        if data["status"] not in TaskStatus.values:
            errors.append("Hãy chọn tình trạng: chưa thực hiện, đang thực hiện hoặc hoàn thành.")
        data.update(value=None, numerator=None, denominator=None)
    elif item.measure == Measure.RATE:
        numerator, denominator = data["numerator"], data["denominator"]
        if numerator is None or denominator is None:
            errors.append(
                "Chỉ tiêu tỷ lệ cần cả tử số và mẫu số (ví dụ 941 trên 968), "
                "không nhập tỷ lệ phần trăm."
            )
        elif denominator <= 0:
            errors.append("Mẫu số phải lớn hơn 0.")
        elif numerator < 0:
            errors.append("Tử số không được âm.")
        elif numerator > denominator:
            errors.append(f"Tử số ({numerator:f}) không được lớn hơn mẫu số ({denominator:f}).")
        data.update(value=None, status="")
    else:
        if data["value"] is None:
            errors.append(f"Hãy nhập kết quả ({item.measure_unit}).")
        elif data["value"] < 0:
            errors.append("Kết quả không được âm.")
        data.update(numerator=None, denominator=None, status="")
    if errors:
        raise ValidationError(errors)
    _cents(data, ("value", "numerator", "denominator"))
    data["achieved"] = is_achieved(
        item,
        assignment.goal,
        **{k: data[k] for k in ("value", "numerator", "denominator", "status")},
    )
    return data


def _attach(report: Report, evidence) -> None:
    kind, size = check_evidence(evidence)
    report.evidence_name = clean_text(evidence.name.rsplit("/", 1)[-1])[:255]
    report.evidence_size = size
    report.evidence.save(f"minh-chung.{kind}", evidence, save=False)


def _period_taken(assignment: Assignment, period: Period) -> ValidationError:
    return ValidationError(
        f"{assignment.unit.name} đã báo cáo kỳ {period.label} cho nội dung này; "
        "hãy sửa báo cáo đã có thay vì nhập mới."
    )


@transaction.atomic
def submit_report(
    *, actor, assignment: Assignment, period: Period, evidence=None, **fields
) -> Report:
    """The assigned unit's progress for ``period`` (one report per assignment and period)."""
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"unknown report fields: {sorted(unknown)}")
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("item__document", "unit")
        .get(pk=assignment.pk)
    )
    data = _clean_report(assignment, period, fields, day=today())
    if Report.objects.of_period(period).filter(assignment=assignment).exists():
        raise _period_taken(assignment, period)
    report = Report(
        assignment=assignment,
        period_kind=period.kind,
        year=period.year,
        number=period.number,
        start=period.start,
        end=period.end,
        reported_by=_user(actor),
        **data,
    )
    if evidence is not None:
        _attach(report, evidence)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise _period_taken(assignment, period) from None
    _set_latest(assignment, list(assignment.reports.all()))
    record_change(
        actor=actor,
        action="implementation.report.submit",
        obj=report,
        unit=assignment.unit,
        after=snapshot(report, [*REPORT_FIELDS, "period_kind", "year", "number", "evidence_name"]),
    )
    return report


@transaction.atomic
def correct_report(
    *,
    actor,
    report: Report,
    expected_revision: int | None,
    reason: str,
    evidence=None,
    **fields,
) -> Report:
    """A later correction of a report: the reason is required, the old values stay in the
    audit trail, and an edit made on a stale copy is refused."""
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"unknown report fields: {sorted(unknown)}")
    reason = clean_text(reason or "")
    if not reason:
        raise ValidationError("Hãy ghi lý do sửa báo cáo (ví dụ: số liệu rà soát lại).")
    report = _locked(Report, report, expected_revision)
    assignment = Assignment.objects.select_related("item__document", "unit").get(
        pk=report.assignment_id
    )
    audited = [*REPORT_FIELDS, "evidence_name"]
    before = snapshot(report, audited)
    current = {name: getattr(report, name) for name in REPORT_FIELDS}
    data = _clean_report(assignment, report.period, {**current, **fields}, day=today())
    for name, value in data.items():
        setattr(report, name, value)
    if evidence is not None:
        _attach(report, evidence)
    report.revision = F("revision") + 1
    report.save()
    report.refresh_from_db()
    _set_latest(assignment, list(assignment.reports.all()))
    record_change(
        actor=actor,
        action="implementation.report.correct",
        obj=report,
        unit=assignment.unit,
        before=before,
        after=snapshot(report, audited),
        reason=reason,
    )
    return report


@transaction.atomic
def bulk_submit_reports(*, actor, rows: list[ReportInput], reason: str = "") -> int:
    """Many reports at once (the demo, a later import): each row is checked as by
    :func:`submit_report`; one refused row refuses the batch; one audit entry names all."""
    if not rows:
        return 0
    day = today()
    seen = set()
    reports = []
    errors = []
    for index, row in enumerate(rows, start=1):
        key = (row.assignment.pk, row.period)
        if key in seen:
            errors.append(f"Dòng {index}: trùng kỳ {row.period.label}.")
            continue
        seen.add(key)
        try:
            data = _clean_report(row.assignment, row.period, row.__dict__, day=day)
        except ValidationError as exc:
            errors += [f"Dòng {index}: {m}" for m in exc.messages]
            continue
        p = row.period
        reports.append(
            Report(
                assignment=row.assignment,
                period_kind=p.kind,
                year=p.year,
                number=p.number,
                start=p.start,
                end=p.end,
                reported_by=_user(actor),
                **data,
            )
        )
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            Report.objects.bulk_create(reports, batch_size=1000)
    except IntegrityError:
        raise ValidationError("Có đơn vị đã báo cáo một trong các kỳ này.") from None
    assignment_ids = sorted({r.assignment_id for r in reports})
    refresh_latest(assignment_ids)
    first = rows[0].assignment
    record_change(
        actor=actor,
        action="implementation.report.bulk_submit",
        obj=first.item,
        unit=None,
        after={"reports": len(reports), "assignments": assignment_ids},
        reason=reason,
    )
    return len(reports)


# ---------------------------------------------------------------- work programmes

PROGRAMME_FIELDS = ("title", "adopted_on", "note")
PROGRAMME_ITEM_FIELDS = ("field", "content", "due_month", "due_quarter", "responsible", "order")


def _clean_programme(data: dict, year: int) -> dict:
    data = dict(data)
    data["title"] = clean_text(data.get("title") or "")
    data["note"] = clean_text(data.get("note") or "")
    errors = []
    if not data["title"]:
        errors.append("Hãy ghi tên chương trình công tác.")
    adopted = data.get("adopted_on")
    if adopted is not None and not year - 1 <= adopted.year <= year:
        errors.append(
            f"Ngày ban hành {adopted:%d/%m/%Y} không hợp với năm {year} của chương trình."
        )
    if errors:
        raise ValidationError(errors)
    return data


@transaction.atomic
def create_programme(
    *, actor, unit, year: int, title: str, adopted_on=None, note=""
) -> WorkProgramme:
    if not 2000 <= year <= 2100:
        raise ValidationError("Năm của chương trình không hợp lệ.")
    data = _clean_programme({"title": title, "adopted_on": adopted_on, "note": note}, year)
    if WorkProgramme.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(f"{unit.name} đã có chương trình công tác năm {year}.")
    programme = WorkProgramme.objects.create(unit=unit, year=year, created_by=_user(actor), **data)
    record_change(
        actor=actor,
        action="implementation.programme.create",
        obj=programme,
        unit=unit,
        after=snapshot(programme, ["unit", "year", *PROGRAMME_FIELDS]),
    )
    return programme


@transaction.atomic
def update_programme(*, actor, programme, expected_revision: int | None, **fields):
    programme = _locked(WorkProgramme, programme, expected_revision)
    before = snapshot(programme, list(PROGRAMME_FIELDS))
    current = {name: getattr(programme, name) for name in PROGRAMME_FIELDS}
    data = _clean_programme({**current, **fields}, programme.year)
    for name in PROGRAMME_FIELDS:
        setattr(programme, name, data[name])
    programme.revision = F("revision") + 1
    programme.save()
    programme.refresh_from_db()
    record_change(
        actor=actor,
        action="implementation.programme.update",
        obj=programme,
        unit=programme.unit,
        before=before,
        after=snapshot(programme, list(PROGRAMME_FIELDS)),
    )
    return programme


def _clean_programme_item(data: dict) -> dict:
    data = {name: data.get(name) for name in PROGRAMME_ITEM_FIELDS}
    data["content"] = clean_text(data["content"] or "")
    data["responsible"] = clean_text(data["responsible"] or "")
    errors = []
    if data["field"] not in Field.values:
        errors.append("Hãy chọn lĩnh vực của nhóm nội dung.")
    if not data["content"]:
        errors.append("Hãy ghi nội dung.")
    if not data["responsible"]:
        errors.append("Hãy ghi cơ quan chủ trì thực hiện.")
    month, quarter = data["due_month"], data["due_quarter"]
    if month is not None and not 1 <= month <= 12:
        errors.append("Tháng thực hiện phải từ 1 đến 12.")
    if quarter is not None and not 1 <= quarter <= 4:
        errors.append("Quý thực hiện phải từ 1 đến 4.")
    if month is not None and quarter is not None:
        errors.append("Chọn tháng hoặc quý thực hiện, không chọn cả hai.")
    if errors:
        raise ValidationError(errors)
    data["order"] = data["order"] or 0
    return data


@transaction.atomic
def add_programme_items(*, actor, programme: WorkProgramme, items: list[dict]) -> int:
    """Add content groups (one or many: the demo adds a programme's whole list at once);
    every row is checked first, one audit entry for the batch."""
    cleaned, errors = [], []
    for index, data in enumerate(items, start=1):
        try:
            cleaned.append(_clean_programme_item(data))
        except ValidationError as exc:
            prefix = f"Nội dung {index}: " if len(items) > 1 else ""
            errors += [prefix + m for m in exc.messages]
    if errors:
        raise ValidationError(errors)
    rows = ProgrammeItem.objects.bulk_create(
        [ProgrammeItem(programme=programme, **data) for data in cleaned]
    )
    record_change(
        actor=actor,
        action="implementation.programme.add_items",
        obj=programme,
        unit=programme.unit,
        after={"items": [{"field": r.field, "content": r.content} for r in rows]},
    )
    return len(rows)


@transaction.atomic
def update_programme_item(*, actor, item: ProgrammeItem, expected_revision: int | None, **fields):
    item = _locked(ProgrammeItem, item, expected_revision)
    before = snapshot(item, list(PROGRAMME_ITEM_FIELDS))
    current = {name: getattr(item, name) for name in PROGRAMME_ITEM_FIELDS}
    data = _clean_programme_item({**current, **fields})
    for name, value in data.items():
        setattr(item, name, value)
    item.revision = F("revision") + 1
    item.save()
    item.refresh_from_db()
    record_change(
        actor=actor,
        action="implementation.programme.update_item",
        obj=item,
        unit=item.programme.unit,
        before=before,
        after=snapshot(item, list(PROGRAMME_ITEM_FIELDS)),
    )
    return item
