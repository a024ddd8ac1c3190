"""Simulated implementation records of the demo province, January 2024 to today.

* A few of the province's resolutions, directives and programmes (from the documents demo;
  two are registered through ``documents.services`` when there are none) get targets (a
  count, a rate) and tasks, assigned to the communes: documents of 2024 to the old communes
  (which report until Quý II/2025, then their reports count at the new commune that took them
  over) and to the new communes (from Quý III/2025).
* Every assigned commune reports each finished quarter: counts grow towards the commune's
  target, rates are numerator/denominator (cells rated good / all cells), tasks go from
  "chưa" to "đang" to "hoàn thành" — some fall short, so the overdue list has entries.
* A yearly work programme per new commune for 2025 (from the reform) and 2026, and the
  province's programme for each year: content groups by field with a month or a quarter and
  the responsible body. The province's 2025 programme has 122 content groups.

Through ``implementation.services`` (``bulk_submit_reports`` and ``add_programme_items``:
every row checked, one audit entry per batch). Deterministic for a seed.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from django.db.models import Q

from dangvu.documents.models import Document, DocumentType
from dangvu.implementation import services
from dangvu.implementation.models import (
    Assignment,
    Field,
    Item,
    ItemKind,
    Measure,
    ProgrammeItem,
    Report,
    TaskStatus,
    WorkProgramme,
)
from dangvu.orgs.models import Unit
from dangvu.reports.periods import quarters_between
from dangvu.vntext.formats import format_number

REFORM = date(2025, 7, 1)
OLD_COMMUNE_NAME = (  # as in generator.py (not imported: the generator will import this module)
    Q(name__startswith="Đảng bộ xã ")
    | Q(name__startswith="Đảng bộ phường ")
    | Q(name__startswith="Đảng bộ thị trấn ")
)
MAX_DOCUMENTS = 3
MAX_OLD_COMMUNES = 40
MAX_NEW_COMMUNES = 60
PROVINCE_GROUPS_2025 = 122
IMPLEMENTED_TYPES = ("NQ", "CT", "CTr", "CTHĐ")

# (kind, name, measure, unit, per-commune target, deadline); deadlines relative to a year
ITEMS = [
    (ItemKind.TARGET, "Kết nạp đảng viên mới", Measure.COUNT, "đảng viên", 12, (2025, 12, 31)),
    (
        ItemKind.TARGET,
        "Tỷ lệ chi bộ được xếp loại hoàn thành tốt nhiệm vụ trở lên",
        Measure.RATE,
        "%",
        90,
        (2026, 12, 31),
    ),
    (
        ItemKind.TARGET,
        "Số chi bộ thôn, tổ dân phố có chi ủy",
        Measure.COUNT,
        "chi bộ",
        3,
        (2026, 6, 30),
    ),
    (
        ItemKind.TASK,
        "Tổ chức học tập, quán triệt, xây dựng kế hoạch thực hiện đến toàn thể đảng viên",
        "",
        "",
        None,
        (2025, 9, 30),
    ),
    (
        ItemKind.TASK,
        "Sơ kết, đánh giá kết quả thực hiện và báo cáo cấp trên",
        "",
        "",
        None,
        (2026, 12, 31),
    ),
]

MEASURED_BY = {"Kết nạp đảng viên mới": "dang_vien.ket_nap"}

PROGRAMME_CONTENT = {
    Field.POLITICS: (
        "Ban Tuyên giáo và Dân vận",
        [
            "Học tập, quán triệt nghị quyết, chỉ thị mới của Trung ương, của Tỉnh ủy",
            "Sinh hoạt chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            "Nắm tình hình tư tưởng cán bộ, đảng viên và nhân dân",
            "Tuyên truyền kỷ niệm các ngày lễ lớn của đất nước",
            "Đấu tranh phản bác các quan điểm sai trái, thù địch",
        ],
    ),
    Field.ORGANISATION: (
        "Ban Xây dựng Đảng",
        [
            "Rà soát, bổ sung quy hoạch cán bộ",
            "Kết nạp đảng viên, chuyển đảng chính thức cho đảng viên dự bị",
            "Kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên",
            "Xét tặng Huy hiệu Đảng đợt 3/2, 19/5, 2/9, 7/11",
            "Củng cố tổ chức cơ sở đảng, chi bộ thôn, tổ dân phố",
            "Bồi dưỡng lý luận chính trị cho đảng viên mới",
        ],
    ),
    Field.INSPECTION: (
        "Ủy ban Kiểm tra",
        [
            "Kiểm tra tổ chức đảng cấp dưới khi có dấu hiệu vi phạm",
            "Giám sát chuyên đề việc thực hiện nhiệm vụ của đảng viên",
            "Kiểm tra việc thu, nộp, quản lý và sử dụng đảng phí",
            "Kiểm tra việc thực hiện chương trình kiểm tra, giám sát của chi bộ",
        ],
    ),
    Field.MOBILISATION: (
        "Ban Tuyên giáo và Dân vận",
        [
            "Hội nghị giao ban công tác dân vận",
            "Đối thoại giữa người đứng đầu cấp ủy với nhân dân",
            "Xây dựng mô hình “Dân vận khéo”",
            "Tiếp nhận, giải quyết ý kiến, kiến nghị của nhân dân",
        ],
    ),
    Field.INTERNAL: (
        "Ủy ban Kiểm tra",
        [
            "Tiếp công dân định kỳ của Bí thư cấp ủy",
            "Sơ kết công tác phòng, chống tham nhũng, lãng phí",
        ],
    ),
    Field.ECONOMY: (
        "Văn phòng cấp ủy",
        [
            "Lãnh đạo thực hiện chỉ tiêu phát triển kinh tế – xã hội",
            "Lãnh đạo xây dựng nông thôn mới nâng cao",
            "Lãnh đạo thu ngân sách và giải ngân vốn đầu tư công",
        ],
    ),
    Field.DEFENCE: (
        "Đảng ủy Quân sự",
        [
            "Lãnh đạo công tác tuyển quân",
            "Lãnh đạo diễn tập khu vực phòng thủ",
            "Bảo đảm an ninh trật tự dịp Tết và các sự kiện lớn",
        ],
    ),
    Field.COMMITTEE: (
        "Văn phòng cấp ủy",
        [
            "Hội nghị Ban Chấp hành định kỳ",
            "Hội nghị Ban Thường vụ định kỳ",
            "Sơ kết 6 tháng, tổng kết công tác năm",
            "Ban hành chương trình công tác năm sau",
        ],
    ),
}


def populate(
    *, rng: random.Random, province: Unit, start: date, end: date, say=print
) -> dict[str, int]:
    documents = _documents(province, start, end)
    # the old communes (not the agencies' committees) that the reform merged into new ones
    old_communes = list(
        Unit.objects.subtree_of(province)
        .filter(OLD_COMMUNE_NAME, kind__code="dang_bo_co_so", ended_on=REFORM)
        .filter(created_on__lte=start, successor_links__isnull=False)
        .distinct()
        .order_by("path")[:MAX_OLD_COMMUNES]
    )
    new_communes = [u for u in _units(province, "xa") if u.ended_on is None][:MAX_NEW_COMMUNES]
    counts = {"targets": 0, "tasks": 0, "assignments": 0, "progress_reports": 0}
    for document in documents:
        _implement(rng, document, old_communes, new_communes, end, counts)
    programmes, groups = _programmes(rng, province, new_communes, start, end)
    counts["overdue_assignments"] = (
        Assignment.objects.filter(item__document__in=documents).overdue_on(end).count()
    )
    counts.update(work_programmes=programmes, content_groups=groups)
    say(
        f"  Thực hiện: {counts['targets']} chỉ tiêu, {counts['tasks']} nhiệm vụ của "
        f"{len(documents)} văn bản, {format_number(counts['assignments'])} lượt giao, "
        f"{format_number(counts['progress_reports'])} báo cáo tiến độ "
        f"({counts['overdue_assignments']} quá hạn); "
        f"{programmes} chương trình công tác năm, {format_number(groups)} nhóm nội dung."
    )
    return counts


def _units(province: Unit, kind_code: str) -> list[Unit]:
    return list(Unit.objects.subtree_of(province).filter(kind__code=kind_code).order_by("path"))


def _documents(province: Unit, start: date, end: date) -> list[Document]:
    found = list(
        Document.objects.filter(
            unit=province, doc_type__code__in=IMPLEMENTED_TYPES, date__range=(start, end)
        )
        .select_related("doc_type", "unit")
        .order_by("date", "pk")
    )
    if not found:
        from dangvu.documents.services import bulk_create_documents

        types = {t.code: t for t in DocumentType.objects.filter(code__in=("NQ", "CTr"))}
        rows = [
            (
                "NQ",
                date(2024, 3, 5),
                "Nghị quyết về nâng cao chất lượng tổ chức cơ sở đảng "
                "và đảng viên giai đoạn 2024 – 2026",
            ),
            (
                "CTr",
                date(2025, 8, 12),
                "Chương trình hành động thực hiện Nghị quyết Đại hội "
                "Đảng bộ tỉnh về công tác xây dựng Đảng",
            ),
        ]
        found = bulk_create_documents(
            actor=None,
            items=[
                {
                    "unit": province,
                    "body": "btv",
                    "agency": "TU",
                    "doc_type": types[code],
                    "number": f"{10 + i:02d}",
                    "date": day,
                    "term": "2020-2025" if day < REFORM else "2025-2030",
                    "title": title,
                    "summary": "",
                }
                for i, (code, day, title) in enumerate(rows)
                if start <= day <= end
            ],
            reason="Dữ liệu mô phỏng: văn bản có chỉ tiêu, nhiệm vụ",
        )
    # prefer one document before the reform and the rest after it
    before = [d for d in found if d.date < REFORM]
    after = [d for d in found if d.date >= REFORM]
    chosen = before[:1] + after[: MAX_DOCUMENTS - len(before[:1])]
    return chosen or found[:MAX_DOCUMENTS]


def _implement(rng, document, old_communes, new_communes, end, counts) -> None:
    base_year = max(document.date.year, 2025)
    items = []
    for code, (kind, name, measure, unit_label, goal, (y, m, d)) in enumerate(ITEMS, start=1):
        deadline = date(base_year + (y - 2025), m, d)
        if deadline <= document.date:
            deadline = date(document.date.year + 1, 12, 31)
        item = services.create_item(
            actor=None,
            document=document,
            kind=kind,
            code=str(code),
            name=name,
            measure=measure,
            measure_unit=unit_label,
            baseline=Decimal(0) if kind == ItemKind.TARGET and measure == Measure.COUNT else None,
            target_value=Decimal(goal) if goal is not None else None,
            deadline=deadline,
            # a yearly admissions target is measured by the system's own figure
            indicator=MEASURED_BY.get(name, "") if deadline.year == document.date.year else "",
        )
        counts["targets" if kind == ItemKind.TARGET else "tasks"] += 1
        items.append(item)
    rows: list[services.ReportInput] = []
    for item in items:
        olds = (
            [u for u in old_communes if u.ended_on > document.date]
            if document.date < REFORM
            else []
        )
        units = olds + new_communes
        if not units:
            continue
        assignments = services.assign_item(actor=None, item=item, units=units)
        counts["assignments"] += len(assignments)
        for assignment in Assignment.objects.filter(
            pk__in=[a.pk for a in assignments]
        ).select_related("item__document", "unit"):
            rows += _reports(rng, assignment, end)
    if rows:
        counts["progress_reports"] += services.bulk_submit_reports(
            actor=None, rows=rows, reason=f"Dữ liệu mô phỏng: tiến độ thực hiện {document.symbol}"
        )


def _reports(rng, assignment: Assignment, end: date) -> list[services.ReportInput]:
    unit, item = assignment.unit, assignment.item
    first = max(item.document.date, unit.created_on)
    last = min(end, unit.ended_on) if unit.ended_on else end
    # every finished quarter while the unit existed
    quarters = [q for q in quarters_between(first, last) if q.end < last]
    if not quarters:
        return []
    strength = rng.uniform(0.55, 1.25)  # how well this unit does
    skip = rng.random() < 0.12  # some units miss a report now and then
    rows = []
    cells = rng.randint(6, 24)
    finish_at = rng.randint(1, len(quarters) + 2)
    for index, quarter in enumerate(quarters, start=1):
        if skip and rng.random() < 0.25:
            continue
        share = index / max(len(quarters), 1)
        row = services.ReportInput(assignment=assignment, period=quarter)
        if item.kind == ItemKind.TASK:
            if index >= finish_at and strength > 0.7:
                row.status = TaskStatus.DONE
            elif index == 1:
                row.status = (
                    TaskStatus.NOT_STARTED if rng.random() < 0.3 else TaskStatus.IN_PROGRESS
                )
            else:
                row.status = TaskStatus.IN_PROGRESS
            row.note = "Đã ban hành kế hoạch, tổ chức quán triệt" if row.status else ""
        elif item.measure == Measure.RATE:
            rate = min(1.0, rng.uniform(0.72, 0.96) * min(strength, 1.1))
            row.denominator = Decimal(cells)
            row.numerator = Decimal(min(cells, round(cells * rate)))
        else:
            goal = float(assignment.goal or 0)
            row.value = Decimal(max(0, round(goal * share * strength * rng.uniform(0.85, 1.1))))
        rows.append(row)
    return rows


def _programmes(rng, province: Unit, communes: list[Unit], start: date, end: date):
    created = groups = 0
    for year in (2025, 2026):
        if date(year, 1, 1) > end and year > end.year + 1:
            continue
        targets = [(province, PROVINCE_GROUPS_2025 if year == 2025 else rng.randint(110, 130))]
        targets += [(commune, rng.randint(18, 32)) for commune in communes]
        for unit, size in targets:
            adopted = date(year - 1, 12, rng.randint(15, 28))
            if unit.created_on > adopted:
                adopted = date(
                    unit.created_on.year,
                    unit.created_on.month,
                    min(28, unit.created_on.day + rng.randint(10, 25)),
                )
            if adopted > end or (unit.ended_on and unit.ended_on <= date(year, 1, 1)):
                continue
            title = f"Chương trình công tác năm {year}"
            if unit.created_on.year == year:
                title = f"Chương trình công tác từ nay đến cuối năm {year}"
            programme = services.create_programme(
                actor=None, unit=unit, year=year, title=title, adopted_on=adopted
            )
            entries = _entries(
                rng, size, first_month=adopted.month + 1 if adopted.year == year else 1
            )
            groups += services.add_programme_items(actor=None, programme=programme, items=entries)
            created += 1
    return created, groups


def _entries(rng, size: int, *, first_month: int) -> list[dict]:
    first_month = min(max(first_month, 1), 12)
    pool = [
        (field, responsible, content)
        for field, (responsible, contents) in PROGRAMME_CONTENT.items()
        for content in contents
    ]
    entries = []
    for index in range(size):
        field, responsible, content = pool[index % len(pool)]
        round_ = index // len(pool)
        if round_:
            content = f"{content} (đợt {round_ + 1})"
        month = rng.randint(first_month, 12)
        by_quarter = rng.random() < 0.4
        entries.append(
            {
                "field": field,
                "content": content,
                "responsible": responsible,
                "due_month": None if by_quarter else month,
                "due_quarter": (month - 1) // 3 + 1 if by_quarter else None,
                "order": index + 1,
            }
        )
    return entries


def implementation_counts(province: Unit) -> dict[str, int]:
    items = Item.objects.filter(document__unit=province)
    return {
        "targets": items.filter(kind=ItemKind.TARGET).count(),
        "tasks": items.filter(kind=ItemKind.TASK).count(),
        "progress_reports": Report.objects.filter(assignment__item__in=items).count(),
        "work_programmes": WorkProgramme.objects.count(),
        "content_groups": ProgrammeItem.objects.count(),
    }
