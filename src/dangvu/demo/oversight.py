"""The demo's inspection, supervision and discipline records, January 2024 to today.

* **Plans and cases** — every year the province, each district (until 30/06/2025) and each
  commune-level committee (the old communes before the reform, the new ones after it) issues
  a yearly plan with a few items, and carries out most of them: inspections (mostly
  thường xuyên, some chuyên đề, a few on signs of violation) and supervisions of their
  sub-units, and of a few members. About one cell in eight supervises one of its members
  each year. Cases are written through :func:`dangvu.oversight.services.bulk_create_cases`
  (the same checks as the form, one audit entry per batch).
* **Discipline** — about 3 members in 1,000 a year (Bến Tre reported 155 of 54,000 in
  2017), decided by the member's commune-level committee: mostly khiển trách, then cảnh
  cáo, a few cách chức; one cell a year is reprimanded. A few **khai trừ** are recorded in
  the last weeks before today only, on members with no meeting or study attendance after
  the decision date (the other modules' records stay consistent: nobody attends a meeting
  after being expelled); they then appear as exits in the registry. No giải tán.
  Decisions go through :func:`dangvu.oversight.services.decide_discipline`.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.core.exceptions import ValidationError

from dangvu.meetings.models import Attendance
from dangvu.members.lifecycle import Status
from dangvu.members.models import Member
from dangvu.members.selectors import period_on
from dangvu.orgs.models import Unit, UnitVersion
from dangvu.orgs.tree_paths import path_range
from dangvu.oversight.models import Form, ViolationCategory
from dangvu.oversight.services import (
    add_plan_item,
    bulk_create_cases,
    create_plan,
    decide_discipline,
)
from dangvu.study.models import Attendee

REFORM = date(2025, 7, 1)
ACTING_KINDS = ("tinh", "huyen", "xa", "dang_bo_co_so")
ITEMS_PER_PLAN = {"tinh": 6, "huyen": 5, "xa": 4, "dang_bo_co_so": 3}
CELL_SHARE = 0.12  # cells supervising one member a year
DISCIPLINE_RATE = 0.003  # members disciplined a year
EXPULSIONS = 3  # at most, in the last weeks
MEMBER_FORMS = [(Form.REPRIMAND, 0.68), (Form.WARNING, 0.26), (Form.DISMISSAL, 0.06)]
INSPECTIONS = [
    ("thuong_xuyen", "Kiểm tra việc thực hiện nguyên tắc tập trung dân chủ, quy chế làm việc"),
    ("thuong_xuyen", "Kiểm tra việc lãnh đạo thực hiện nhiệm vụ chính trị năm"),
    ("chuyen_de", "Kiểm tra việc quản lý, sử dụng đất đai, tài chính ngân sách"),
    ("chuyen_de", "Kiểm tra việc thu, nộp, quản lý và sử dụng đảng phí"),
    ("dau_hieu", "Kiểm tra khi có dấu hiệu vi phạm trong quản lý đất đai"),
]
SUPERVISIONS = [
    ("thuong_xuyen", "Giám sát việc thực hiện chế độ sinh hoạt chi bộ"),
    ("chuyen_de", "Giám sát việc tu dưỡng, rèn luyện đạo đức, lối sống của người đứng đầu"),
    ("chuyen_de", "Giám sát việc thực hiện Quy định về những điều đảng viên không được làm"),
    ("thuong_xuyen", "Giám sát việc kê khai tài sản, thu nhập"),
]
MEMBER_SUPERVISION = "Giám sát việc thực hiện nhiệm vụ đảng viên và giữ mối liên hệ với nơi cư trú"
FINDINGS = [
    "Cơ bản chấp hành tốt; còn hạn chế trong việc ghi biên bản sinh hoạt.",
    "Thực hiện đúng quy định; một số nội dung triển khai còn chậm.",
    "Có thiếu sót trong quản lý hồ sơ; đã yêu cầu khắc phục.",
]
CONCLUSIONS = [
    "Đối tượng chấp hành tốt, không có vi phạm.",
    "Có hạn chế, khuyết điểm nhưng chưa đến mức phải xem xét kỷ luật.",
    "Có vi phạm, yêu cầu kiểm điểm rút kinh nghiệm.",
]
FOLLOW_UPS = [
    "Yêu cầu báo cáo kết quả khắc phục trong quý tới.",
    "Giao bộ phận giúp việc theo dõi việc thực hiện kết luận.",
    "",
]


def _alive(unit: Unit, day: date) -> bool:
    return unit.created_on <= day and (unit.ended_on is None or day < unit.ended_on)


def _day_in(rng, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


class _Oversight:
    def __init__(self, rng: random.Random, province: Unit, start: date, end: date, say):
        self.rng, self.province, self.start, self.end, self.say = rng, province, start, end, say
        self.violations = list(ViolationCategory.objects.filter(active=True).order_by("sort_order"))
        low, high = path_range(province.path)
        self.low, self.high = low, high
        units = Unit.objects.filter(path__gte=low, path__lt=high).select_related("kind")
        self.bodies = [u for u in units if u.kind.code in ACTING_KINDS]
        self.cells = [u for u in units if u.kind.is_cell]
        self.children: dict[tuple[int, bool], list[Unit]] = {}
        self.numbers: dict[tuple[int, int], int] = {}
        self.counts = {"plans": 0, "cases": 0, "decisions": 0, "expulsions": 0}

    def children_of(self, unit: Unit, day: date) -> list[Unit]:
        key = (unit.pk, day < REFORM)
        if key not in self.children:
            versions = UnitVersion.objects.valid_on(day).filter(parent=unit).select_related("unit")
            self.children[key] = [v.unit for v in versions.order_by("sort_key")]
        return self.children[key]

    def members_of(self, unit: Unit, day: date) -> list[int]:
        periods = period_on(day).filter(unit=unit, status=Status.OFFICIAL)
        return list(periods.values_list("member_id", flat=True)[:50])

    # ------------------------------------------------------------ plans and cases

    def year(self, year: int) -> None:
        first, last = max(self.start, date(year, 1, 1)), min(self.end, date(year, 12, 31))
        cases = []
        for body in self.bodies:
            final = last if body.ended_on is None else min(last, body.ended_on - timedelta(1))
            window = (max(first, body.created_on), final)
            if window[0] > window[1]:
                continue
            cases += self.plan(body, year, window)
        for cell in self.cells:
            if self.rng.random() >= CELL_SHARE:
                continue
            day = _day_in(self.rng, first, last)
            if not _alive(cell, day):
                continue
            members = self.members_of(cell, day)
            if members:
                cases.append(
                    self.case(
                        cell,
                        "giam_sat",
                        "thuong_xuyen",
                        MEMBER_SUPERVISION,
                        day,
                        subject_member=Member.objects.get(pk=self.rng.choice(members)),
                    )
                )
        self.counts["cases"] += bulk_create_cases(actor=None, cases=cases)

    def plan(self, body: Unit, year: int, window: tuple[date, date]) -> list[dict]:
        label = "Ban Thường vụ" if body.kind.code in ("tinh", "huyen") else "Đảng ủy"
        plan = create_plan(
            actor=None,
            unit=body,
            year=year,
            title=f"Chương trình kiểm tra, giám sát năm {year} của {label} {body.name}",
            number=f"{self.rng.randint(1, 20):02d}-CTr/UBKT",
        )
        self.counts["plans"] += 1
        cases = []
        for index in range(ITEMS_PER_PLAN[body.kind.code]):
            activity = "kiem_tra" if index % 2 == 0 else "giam_sat"
            kind, content = self.rng.choice(INSPECTIONS if activity == "kiem_tra" else SUPERVISIONS)
            if kind == "dau_hieu":  # not planned ahead: only the case
                kind = "chuyen_de"
            day = _day_in(self.rng, *window)
            children = [c for c in self.children_of(body, day) if _alive(c, day)]
            subject = self.rng.choice(children) if children else None
            item = add_plan_item(
                actor=None,
                plan=plan,
                activity=activity,
                kind=kind,
                content=content,
                subject_unit=subject,
                month=day.month,
            )
            if subject is not None and self.rng.random() < 0.85:
                cases.append(
                    self.case(body, activity, kind, content, day, subject_unit=subject, item=item)
                )
        # and now and then a case on signs of violation, outside the plan
        if self.rng.random() < 0.3:
            day = _day_in(self.rng, *window)
            children = [c for c in self.children_of(body, day) if _alive(c, day)]
            if children:
                kind, content = INSPECTIONS[-1]
                cases.append(
                    self.case(
                        body, "kiem_tra", kind, content, day, subject_unit=self.rng.choice(children)
                    )
                )
        return cases

    def case(self, body, activity, kind, content, day, *, item=None, **subject) -> dict:
        ends = min(day + timedelta(days=self.rng.randint(10, 45)), self.end)
        return {
            "unit": body,
            "activity": activity,
            "kind": kind,
            "title": content,
            "start_date": day,
            "end_date": ends,
            "plan_item": item,
            "findings": self.rng.choice(FINDINGS),
            "conclusion": self.rng.choice(CONCLUSIONS),
            "follow_up": self.rng.choice(FOLLOW_UPS),
            **subject,
        }

    # ------------------------------------------------------------ discipline

    def number(self, unit: Unit, day: date) -> str:
        key = (unit.pk, day.year)
        self.numbers[key] = self.numbers.get(key, 0) + 1
        return f"{self.numbers[key]:02d}-QĐ/UBKT"

    def committee_of(self, home_id: int, day: date) -> Unit | None:
        version = UnitVersion.objects.valid_on(day).filter(unit_id=home_id).first()
        if version is None or version.parent_id is None:
            return None
        parent = Unit.objects.get(pk=version.parent_id)
        return parent if _alive(parent, day) else None

    def decide(self, *, form, day, committee, **subject) -> bool:
        try:
            decide_discipline(
                actor=None,
                unit=committee,
                number=self.number(committee, day),
                date=day,
                violation=self.rng.choice(self.violations),
                form=form,
                text="Thi hành kỷ luật theo kết luận của Ủy ban Kiểm tra.",
                **subject,
            )
        except ValidationError:
            return False
        self.counts["decisions"] += 1
        return True

    def discipline(self, year: int) -> None:
        first, last = max(self.start, date(year, 1, 1)), min(self.end, date(year, 12, 31))
        share = ((last - first).days + 1) / 365
        middle = first + (last - first) / 2
        in_province = period_on(middle).filter(
            unit__path__gte=self.low, unit__path__lt=self.high, status=Status.OFFICIAL
        )
        candidates = list(in_province.values_list("member_id", flat=True))
        target = max(2, round(len(candidates) * DISCIPLINE_RATE * share))
        forms, weights = zip(*MEMBER_FORMS, strict=True)
        for member_id in self.rng.sample(candidates, min(target, len(candidates))):
            day = _day_in(self.rng, first, last)
            member = Member.objects.get(pk=member_id)
            period = period_on(day).filter(member=member).first()
            if period is None or period.unit_id is None:
                continue
            committee = self.committee_of(period.unit_id, day)
            if committee is not None:
                form = self.rng.choices(forms, weights)[0]
                self.decide(form=form, day=day, committee=committee, subject_member=member)
        cells = [c for c in self.cells if _alive(c, middle)]
        if cells:
            cell = self.rng.choice(cells)
            committee = self.committee_of(cell.pk, middle)
            if committee is not None:
                self.decide(form=Form.REPRIMAND, day=middle, committee=committee, subject_unit=cell)

    def expulsions(self) -> None:
        """A few khai trừ in the last weeks, on members nothing is recorded for afterwards."""
        day = self.end - timedelta(days=self.rng.randint(3, 20))
        periods = period_on(day).filter(
            unit__path__gte=self.low,
            unit__path__lt=self.high,
            status=Status.OFFICIAL,
            end__isnull=True,
        )
        candidates = list(periods.values_list("member_id", "unit_id")[:2000])
        self.rng.shuffle(candidates)
        done = 0
        for member_id, home_id in candidates:
            if done >= EXPULSIONS:
                break
            later = Attendance.objects.filter(member_id=member_id, meeting__date__gte=day).exists()
            later = (
                later
                or Attendee.objects.filter(
                    member_id=member_id, group__session__date__gte=day
                ).exists()
            )
            committee = self.committee_of(home_id, day)
            if later or committee is None:
                continue
            member = Member.objects.get(pk=member_id)
            if member.events.filter(date__gte=day).exists():
                continue
            if self.decide(
                form=Form.EXPULSION, day=day, committee=committee, subject_member=member
            ):
                done += 1
        self.counts["expulsions"] = done


def populate(*, rng: random.Random, province: Unit, start: date, end: date, say=print) -> dict:
    work = _Oversight(rng, province, start, end, say)
    for year in range(start.year, end.year + 1):
        work.year(year)
        work.discipline(year)
    work.expulsions()
    say(
        f"Kiểm tra, giám sát: {work.counts['plans']} kế hoạch, {work.counts['cases']} cuộc; "
        f"{work.counts['decisions']} quyết định kỷ luật ({work.counts['expulsions']} khai trừ)."
    )
    return dict(work.counts)
