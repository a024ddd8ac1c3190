"""The demo's training records: classes of every programme at province, district (until the
2025 reform) and commune level from ``start`` to ``end``, members of the demo registry and
candidates (quần chúng ưu tú) enrolled, results and certificates.

* The province (Trường Chính trị tỉnh) runs a few dozen classes a year: cập nhật kiến thức for
  cán bộ diện BTV Tỉnh ủy quản lý, trung cấp / sơ cấp / cao cấp LLCT, tập huấn nghiệp vụ …
* Before 01/07/2025 each district runs nhận thức về Đảng and đảng viên mới classes and the old
  communes a chuyên đề class now and then; from 01/07/2025 each new commune runs a few a year.
* A few nhận thức về Đảng classes of late 2021 / early 2022 are recorded too, so that some
  candidates' 5-year certificates are expiring or have expired around ``end`` (the work list);
  some of those candidates have since been admitted.

Everything goes through :mod:`dangvu.training.services` (checked and audited: one entry per
class write, one per candidate batch).
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Q

from dangvu.members.lifecycle import MEMBER_STATUSES, Status, add_months
from dangvu.members.models import Member, MemberPeriod
from dangvu.orgs.models import Unit
from dangvu.orgs.selectors import subtree_on
from dangvu.training import services
from dangvu.training.models import Candidate, Enrolment, Programme, Result, TrainingClass
from dangvu.vntext.cccd import PROVINCE_CODES
from dangvu.vntext.formats import format_number

from . import names

REFORM = date(2025, 7, 1)
PROVINCE_SCHOOL = "Trường Chính trị tỉnh"
# programme code → (classes a year at the province, trainees range, days long, audience)
PROVINCE_PLAN = {
    "cap_nhat_kien_thuc": (5, (35, 70), 5, "Cán bộ diện Ban Thường vụ Tỉnh ủy quản lý"),
    "trung_cap_llct": (2, (40, 60), 150, "Cán bộ, đảng viên quy hoạch cấp cơ sở"),
    "so_cap_llct": (2, (40, 60), 45, "Cán bộ, đảng viên cơ sở"),
    "cao_cap_llct": (1, (30, 45), 300, "Cán bộ diện Ban Thường vụ Tỉnh ủy quản lý"),
    "tap_huan_cong_tac_dang": (4, (40, 80), 2, "Cấp ủy viên, bí thư chi bộ"),
    "tap_huan_kiem_tra": (2, (30, 60), 2, "Cán bộ Ủy ban Kiểm tra các cấp"),
    "tap_huan_dan_van": (2, (30, 60), 2, "Cán bộ làm công tác dân vận"),
    "chuyen_de": (4, (50, 100), 1, "Cán bộ chủ chốt các cấp"),
    "dang_vien_moi": (2, (30, 50), 5, "Đảng viên mới kết nạp"),
}
GRADES = [("xuat_sac", 10), ("gioi", 35), ("kha", 45), ("trung_binh", 10)]
CODES = {
    "nhan_thuc_ve_dang": "NT",
    "dang_vien_moi": "DVM",
    "so_cap_llct": "SC",
    "trung_cap_llct": "TC",
    "cao_cap_llct": "CC",
    "cap_nhat_kien_thuc": "CNKT",
    "tap_huan_cong_tac_dang": "THCTĐ",
    "tap_huan_kiem_tra": "THKT",
    "tap_huan_dan_van": "THDV",
    "chuyen_de": "CĐ",
}


class _Population:
    """The demo registry's members by cell over time, loaded once (one query)."""

    def __init__(self, province: Unit, since: date):
        self.by_unit: dict[int, list[tuple[int, date, date | None, str]]] = defaultdict(list)
        rows = (
            MemberPeriod.objects.filter(
                unit__in=Unit.objects.subtree_of(province), status__in=MEMBER_STATUSES
            )
            .filter(Q(end__isnull=True) | Q(end__gt=since))
            .values_list("member_id", "unit_id", "start", "end", "status")
        )
        for member_id, unit_id, start, end, status in rows:
            self.by_unit[unit_id].append((member_id, start, end, status))

    def members_on(self, unit_ids, day: date, *, probationary: bool = False) -> list[int]:
        found = []
        for unit_id in unit_ids:
            for member_id, start, end, status in self.by_unit.get(unit_id, ()):
                alive = start <= day and (end is None or end > day)
                if alive and (not probationary or status == Status.PROBATIONARY):
                    found.append(member_id)
        return sorted(set(found))


class _Builder:
    def __init__(self, rng: random.Random, province: Unit, start: date, end: date):
        self.rng = rng
        self.province = province
        self.start = start
        self.end = end
        self.programmes = {p.code: p for p in Programme.objects.all()}
        self.people = _Population(province, add_months(start, -60))
        self.numbers: dict[str, int] = defaultdict(int)
        self.cccds = set(Member.objects.exclude(cccd="").values_list("cccd", flat=True))
        self.cccds |= set(Candidate.objects.exclude(cccd="").values_list("cccd", flat=True))
        self.alive_cells = set(
            Unit.objects.subtree_of(province)
            .alive_on(end)
            .filter(kind__is_cell=True)
            .values_list("pk", flat=True)
        )
        self.counts = defaultdict(int)
        self.historical_candidates: list[tuple[Candidate, date]] = []

    # ------------------------------------------------------------ organisers

    def organisers(self, kind: str, day: date, *, old_communes: bool = False) -> list[Unit]:
        versions = subtree_on(self.province, day).filter(kind__code=kind).select_related("unit")
        if old_communes:
            versions = versions.filter(parent__kind__code="huyen").filter(
                Q(name__startswith="Đảng bộ xã ")
                | Q(name__startswith="Đảng bộ phường ")
                | Q(name__startswith="Đảng bộ thị trấn ")
            )
        units = []
        for version in versions.order_by("path"):
            unit = version.unit
            unit.name_then = version.name
            units.append(unit)
        return units

    # ------------------------------------------------------------ one class

    def day_in(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randrange(max((last - first).days, 0) + 1))

    def open_class(
        self,
        unit: Unit,
        code: str,
        begin: date,
        length: int,
        size: tuple[int, int],
        *,
        audience: str,
        place: str,
        label: str,
    ) -> None:
        rng = self.rng
        finish = begin + timedelta(days=max(length - 1, 0))
        if finish > self.end + timedelta(days=200) or begin > self.end:
            return
        programme = self.programmes[code]
        self.numbers[(code, unit.pk, begin.year)] += 1
        course = self.numbers[(code, unit.pk, begin.year)]
        subtree = list(subtree_on(unit, begin).values_list("unit_id", flat=True))
        wanted = rng.randint(*size)
        members, candidates = [], []
        if programme.takes_candidates and (code == "nhan_thuc_ve_dang" or rng.random() < 0.15):
            candidates = self.new_candidates(
                subtree, begin, wanted if code == "nhan_thuc_ve_dang" else 5
            )
        if programme.takes_members:
            pool = self.people.members_on(subtree, begin, probationary=code == "dang_vien_moi")
            if code == "dang_vien_moi" and len(pool) < wanted // 2:
                pool = self.people.members_on(subtree, begin)
            chosen = rng.sample(pool, min(len(pool), wanted - len(candidates)))
            members = list(Member.objects.filter(pk__in=chosen).only("id", "full_name"))
        if not (members or candidates):
            return
        people = len(members) + len(candidates)
        services.load_class(
            actor=None,
            programme=programme,
            unit=unit,
            name=f"Lớp {programme.name[0].lower()}{programme.name[1:]} khóa {course:02d} năm "
            f"{begin.year} — {label}",
            number=f"K{course:02d}/{begin.year}",
            start_date=begin,
            end_date=finish,
            place=place,
            audience=audience,
            form="tap_trung" if length < 60 else rng.choice(["tap_trung", "khong_tap_trung"]),
            members=members,
            candidates=candidates,
            results=self.results(code, people, finish) if finish < self.end else None,
            on=self.end,
        )
        self.counts["classes"] += 1
        self.counts["enrolments"] += people

    def new_candidates(self, subtree: list[int], day: date, wanted: int) -> list[Candidate]:
        rng = self.rng
        cells = [u for u in subtree if u in self.alive_cells]
        if not cells:
            return []
        people = []
        for _ in range(wanted):
            ho, ten_dem, ten, gender = names.random_person(rng, female_share=0.5)
            age = int(rng.triangular(18, 45, 24))
            birth = date(day.year - age, rng.randint(1, 12), rng.randint(1, 28))
            person = {
                "ho": ho,
                "ten_dem": ten_dem,
                "ten": ten,
                "gender": gender,
                "birth_date": birth,
                "unit": Unit(pk=rng.choice(cells)),
            }
            if rng.random() < 0.6:
                person["cccd"] = self.cccd(birth, gender)
            people.append(person)
        units = {u.pk: u for u in Unit.objects.filter(pk__in={p["unit"].pk for p in people})}
        for person in people:
            person["unit"] = units[person["unit"].pk]
        created = services.bulk_candidates(actor=None, people=people, reason="Dữ liệu mô phỏng")
        self.counts["candidates"] += len(created)
        return created

    def cccd(self, birth: date, gender: str) -> str:
        century = (birth.year // 100 - 19) * 2 + (1 if gender == "nu" else 0)
        while True:
            value = (
                f"{self.rng.choice(sorted(PROVINCE_CODES))}{century}{birth.year % 100:02d}"
                f"{self.rng.randrange(1_000_000):06d}"
            )
            if value not in self.cccds:
                self.cccds.add(value)
                return value

    def results(self, code: str, people: int, finish: date) -> list[dict]:
        rng = self.rng
        issued = min(finish + timedelta(days=rng.randint(0, 10)), self.end)
        items = []
        for _ in range(people):
            roll = rng.random()
            if roll < 0.03:
                items.append({"result": Result.WITHDREW})
                continue
            if roll < 0.07:
                items.append({"result": Result.NOT_COMPLETED})
                continue
            self.numbers[code] += 1
            grade = rng.choices([g for g, _ in GRADES], [w for _, w in GRADES])[0]
            items.append(
                {
                    "result": Result.COMPLETED,
                    "grade": grade,
                    "certificate_number": f"{self.numbers[code]:05d}/{CODES[code]}",
                    "certificate_date": issued,
                }
            )
            self.counts["certificates"] += 1
        return items

    # ------------------------------------------------------------ plans

    def years(self):
        for year in range(self.start.year, self.end.year + 1):
            yield max(date(year, 1, 1), self.start), min(date(year, 12, 31), self.end)

    def province_classes(self) -> None:
        for first, last in self.years():
            share = ((last - first).days + 1) / 365
            for code, (per_year, size, length, audience) in PROVINCE_PLAN.items():
                for _ in range(max(1, round(per_year * share))):
                    latest = min(last, self.end - timedelta(days=min(length, 20)))
                    begin = self.day_in(first, max(first, latest))
                    self.open_class(
                        self.province,
                        code,
                        begin,
                        length,
                        size,
                        audience=audience,
                        place=PROVINCE_SCHOOL,
                        label="Tỉnh ủy",
                    )

    def district_classes(self) -> None:
        last_day = REFORM - timedelta(days=1)
        for first, last in self.years():
            if first > last_day:
                break
            last = min(last, last_day)
            for district in self.organisers("huyen", first):
                place = f"Trung tâm Chính trị {district.name_then.removeprefix('Đảng bộ ')}"
                short = district.name_then.removeprefix("Đảng bộ ")
                for code, size, length, count in (
                    ("nhan_thuc_ve_dang", (25, 45), 7, 2),
                    ("dang_vien_moi", (15, 35), 5, 1),
                    ("so_cap_llct", (30, 50), 40, 1 if self.rng.random() < 0.5 else 0),
                ):
                    for _ in range(count):
                        begin = self.day_in(first, last - timedelta(days=length))
                        self.open_class(
                            district,
                            code,
                            begin,
                            length,
                            size,
                            audience="Quần chúng ưu tú" if code == "nhan_thuc_ve_dang" else "",
                            place=place,
                            label=short,
                        )

    def old_commune_classes(self) -> None:
        last_day = REFORM - timedelta(days=1)
        for first, last in self.years():
            if first > last_day:
                break
            last = min(last, last_day)
            for commune in self.organisers("dang_bo_co_so", first, old_communes=True):
                if self.rng.random() < 0.5:
                    continue
                begin = self.day_in(first, last - timedelta(days=2))
                self.open_class(
                    commune,
                    self.rng.choice(["chuyen_de", "tap_huan_dan_van"]),
                    begin,
                    1,
                    (12, 30),
                    audience="Cán bộ, đảng viên",
                    place="Hội trường Đảng ủy",
                    label=commune.name_then.removeprefix("Đảng bộ "),
                )

    def new_commune_classes(self) -> None:
        for first, last in self.years():
            first = max(first, REFORM)
            if first > last:
                continue
            share = ((last - first).days + 1) / 365
            for commune in self.organisers("xa", first):
                label = commune.name_then.removeprefix("Đảng bộ ")
                plan = [("nhan_thuc_ve_dang", (20, 40), 7), ("dang_vien_moi", (10, 25), 5)]
                plan.append((self.rng.choice(["chuyen_de", "tap_huan_cong_tac_dang"]), (20, 45), 2))
                for code, size, length in plan:
                    if self.rng.random() > share + 0.2:
                        continue
                    begin = self.day_in(first, max(first, last - timedelta(days=length + 5)))
                    self.open_class(
                        commune,
                        code,
                        begin,
                        length,
                        size,
                        audience="Quần chúng ưu tú" if code == "nhan_thuc_ve_dang" else "",
                        place="Hội trường Đảng ủy",
                        label=label,
                    )

    def historical_awareness_classes(self) -> None:
        """Nhận thức về Đảng classes about five years before ``end``: their certificates are
        expiring or expired now. About a third of those candidates were admitted since."""
        centre = add_months(self.end, -60)
        districts = self.organisers("huyen", centre)
        for index in range(max(2, len(districts) // 2)):
            district = districts[index % len(districts)]
            if index % 2 == 0:  # certificates already expired
                begin = self.day_in(centre - timedelta(days=120), centre - timedelta(days=30))
            else:  # expiring within the next 90 days
                begin = self.day_in(centre + timedelta(days=5), centre + timedelta(days=60))
            before = self.counts["classes"]
            self.open_class(
                district,
                "nhan_thuc_ve_dang",
                begin,
                7,
                (20, 35),
                audience="Quần chúng ưu tú",
                place=f"Trung tâm Chính trị {district.name.removeprefix('Đảng bộ ')}",
                label=district.name.removeprefix("Đảng bộ "),
            )
            if self.counts["classes"] > before:
                self.counts["historical_classes"] += 1
                latest = TrainingClass.objects.filter(unit=district).latest("id")
                for row in latest.enrolments.select_related("candidate__unit"):
                    self.historical_candidates.append((row.candidate, begin))
        self.admit_some()

    def admit_some(self) -> None:
        """Link about a third of the historical candidates to a member of their cell who was
        admitted after their class (their certificate then leaves the work list)."""
        for candidate, begin in self.historical_candidates:
            if self.rng.random() > 0.33:
                continue
            admitted = (
                Member.objects.filter(unit=candidate.unit, party_since__gt=begin)
                .order_by("party_since", "id")
                .first()
            )
            if admitted is not None:
                services.mark_admitted(actor=None, candidate=candidate, member=admitted)
                self.counts["candidates_admitted"] += 1


def populate(*, rng: random.Random, province: Unit, start: date, end: date, say=print) -> dict:
    """Training records for the demo province from ``start`` to ``end``; returns the counts."""
    builder = _Builder(rng, province, start, end)
    builder.historical_awareness_classes()
    builder.province_classes()
    builder.district_classes()
    builder.old_commune_classes()
    builder.new_commune_classes()
    counts = builder.counts
    counts["expiring_90_days"] = Enrolment.objects.filter(
        training_class__unit__in=Unit.objects.subtree_of(province),
        result=Result.COMPLETED,
        valid_until__gte=end,
        valid_until__lte=end + timedelta(days=90),
    ).count()
    if say:
        say(
            f"  Đã tạo {format_number(counts['classes'])} lớp đào tạo, bồi dưỡng với "
            f"{format_number(counts['enrolments'])} lượt học viên "
            f"({format_number(counts['candidates'])} quần chúng)."
        )
    return {
        "training_classes": counts["classes"],
        "training_enrolments": counts["enrolments"],
        "training_candidates": counts["candidates"],
        "training_certificates": counts["certificates"],
        "training_expiring_90_days": counts["expiring_90_days"],
        "training_candidates_admitted": counts["candidates_admitted"],
    }


__all__ = ["populate"]
