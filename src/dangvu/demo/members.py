"""Simulated members for every alive cell of the demo province, with plausible histories.

Everything goes through ``members.services.bulk_register`` (the same lifecycle checks as the
forms). Deterministic for a seed. About 16 members per cell: ≈ 20,000 at the default scale.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from dangvu.members.lifecycle import (
    AWARD_DAYS,
    BADGE_YEARS,
    Event,
    EventKind,
    LifecycleError,
    add_months,
    build_timeline,
    probation_end,
)
from dangvu.members.models import Member
from dangvu.members.services import bulk_register
from dangvu.orgs.models import Unit
from dangvu.vntext.cccd import PROVINCE_CODES

from . import names

ETHNICITIES = [
    ("Kinh", 85),
    ("Tày", 3),
    ("Mường", 3),
    ("Thái", 2),
    ("Nùng", 2),
    ("Dao", 1),
    ("H'Mông", 1),
    ("Khmer", 1),
    ("Hoa", 1),
    ("Sán Dìu", 1),
]
RELIGIONS = [("Không", 88), ("Phật giáo", 7), ("Công giáo", 4), ("Cao Đài", 1)]
THEORY = [("", 30), ("so_cap", 45), ("trung_cap", 18), ("cao_cap", 5), ("cu_nhan", 2)]
OCCUPATIONS = [
    "Nông dân",
    "Giáo viên",
    "Cán bộ, công chức",
    "Viên chức y tế",
    "Công nhân",
    "Hưu trí",
    "Kinh doanh",
    "Bộ đội",
    "Công an",
    "Sinh viên",
]
BASELINE = date(2015, 1, 1)


def _pick(rng: random.Random, table):
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


def _day_between(rng: random.Random, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _month_end(day: date) -> date:
    return add_months(day.replace(day=1), 1) - timedelta(days=1)


def _past_award_dates(start: date, end: date):
    for year in range(start.year, end.year + 1):
        for month, dom in AWARD_DAYS:
            day = date(year, month, dom)
            if start <= day <= end:
                yield day


class _People:
    def __init__(self, rng: random.Random, today: date):
        self.rng = rng
        self.today = today
        self.cccds: set[str] = set()
        self.cards: set[str] = set()
        self.provinces = sorted(PROVINCE_CODES)
        self.places = names.place_name_pool()

    def cccd(self, birth: date, gender: str) -> str:
        century = (birth.year // 100 - 19) * 2 + (1 if gender == "nu" else 0)
        while True:
            value = (
                f"{self.rng.choice(self.provinces)}{century}{birth.year % 100:02d}"
                f"{self.rng.randrange(1_000_000):06d}"
            )
            if value not in self.cccds:
                self.cccds.add(value)
                return value

    def card(self, old: bool) -> str:
        while True:
            value = (
                f"{self.rng.randrange(100):02d}.{self.rng.randrange(1_000_000):06d}"
                if old
                else f"{self.rng.randrange(10**12):012d}"
            )
            if value not in self.cards:
                self.cards.add(value)
                return value

    def person(self, cell: Unit, others: list[Unit]) -> dict:
        rng, today = self.rng, self.today
        ho, ten_dem, ten, gender = names.random_person(rng)
        age = int(rng.triangular(20, 95, 52))
        birth = _day_between(
            rng, date(today.year - age - 1, today.month, 1), date(today.year - age, today.month, 1)
        )
        earliest = max(add_months(birth, 12 * 18), date(1960, 1, 1))
        admitted = _day_between(rng, earliest, today - timedelta(days=30))
        ceremony = min(admitted + timedelta(days=rng.randrange(0, 31)), today)
        home = cell
        first_unit = cell
        transfer_day = None
        if rng.random() < 0.04 and others:  # admitted elsewhere, moved here later
            first_unit = rng.choice(others)
            start = max(ceremony, BASELINE, first_unit.created_on, cell.created_on)
            transfer_day = _day_between(rng, start + timedelta(days=1), today - timedelta(days=1))
            if rng.random() < 0.3:
                transfer_day = min(_month_end(transfer_day), today - timedelta(days=1))
            if transfer_day <= max(ceremony, first_unit.created_on, cell.created_on):
                first_unit, transfer_day = cell, None
        events: list[dict] = []
        admission = {
            "kind": EventKind.ADMISSION,
            "date": admitted,
            "ceremony_date": ceremony,
            "sponsors": "Hai đảng viên chính thức của chi bộ",
        }
        if first_unit.created_on <= admitted or first_unit.created_on <= BASELINE:
            admission["unit"] = first_unit
        else:
            admission["external"] = "Chi bộ nơi sinh hoạt trước đây"
            transfer_day = transfer_day or first_unit.created_on
            first_unit = None
        events.append(admission)
        ends = probation_end(ceremony)
        official = None
        # half of those whose probation ended in the last 120 days still await the cell's
        # vote (the office's work list); everybody earlier has been recognised
        if ends <= today and (rng.random() > 0.5 or ends <= today - timedelta(days=120)):
            official = min(ends + timedelta(days=rng.randrange(0, 60)), today)
            events.append({"kind": EventKind.RECOGNITION, "date": official})
        if transfer_day is not None:
            events.append({"kind": EventKind.TRANSFER, "date": transfer_day, "unit": home})
        last = max(e["date"] for e in events)
        fate = rng.random()
        if official and fate < 0.01:
            events.append(
                {"kind": EventKind.DIED, "date": _day_between(rng, last + timedelta(days=1), today)}
            )
        elif official and fate < 0.015:
            kind = rng.choice([EventKind.STRUCK_OFF, EventKind.RESIGNED])
            events.append(
                {
                    "kind": kind,
                    "date": _day_between(rng, last + timedelta(days=1), today),
                    "ground": "Bỏ sinh hoạt 3 tháng liền không có lý do"
                    if kind == EventKind.STRUCK_OFF
                    else "Đơn xin ra khỏi Đảng",
                }
            )
        elif official and age >= 70 and fate < 0.12:
            events.append(
                {
                    "kind": EventKind.EXCUSED,
                    "ground": "Tuổi cao",
                    "date": _day_between(
                        rng, max(last, today - timedelta(days=3650)) + timedelta(days=1), today
                    ),
                }
            )
        elif official and fate < 0.03 and others:
            start = _day_between(
                rng,
                max(last + timedelta(days=1), today - timedelta(days=300)),
                today - timedelta(days=1),
            )
            events.append(
                {
                    "kind": EventKind.TEMP_TRANSFER,
                    "date": start,
                    "end_date": add_months(start, rng.choice([6, 9, 12])),
                    "unit": rng.choice(others),
                }
            )
        if official:
            self.badges(events, admitted)
        cards = (
            [
                {
                    "number": self.card(old=False),
                    "issued_on": max(official or ceremony, date(2025, 9, 2)),
                }
            ]
            if rng.random() < 0.95
            else []
        )
        if admitted.year < 2010 and cards:
            cards.insert(0, {"number": self.card(old=True)})
        cards = [c for c in cards if c.get("issued_on") is None or c["issued_on"] <= today]
        identity = {
            "ho": ho,
            "ten_dem": ten_dem,
            "ten": ten,
            "gender": gender,
            "birth_date": birth,
            "cccd": self.cccd(birth, gender) if rng.random() > 0.03 else "",
            "ethnicity": _pick(rng, ETHNICITIES),
            "religion": _pick(rng, RELIGIONS),
            "education": "12/12" if rng.random() < 0.85 else "9/12",
            "theory_level": _pick(rng, THEORY),
            "occupation": rng.choice(OCCUPATIONS),
            "hometown": f"Xã {rng.choice(self.places)}",
        }
        return {"identity": identity, "events": events, "cards": cards}

    def badges(self, events: list[dict], admitted: date) -> None:
        """Badges at past award days for the milestones reached (the latest sometimes not
        yet given, so the work list has content)."""
        ended = next(
            (
                e["date"]
                for e in events
                if e["kind"] in (EventKind.DIED, EventKind.STRUCK_OFF, EventKind.RESIGNED)
            ),
            self.today,
        )
        given = []
        for years in BADGE_YEARS:
            due = next(_past_award_dates(add_months(admitted, 12 * years), ended), None)
            if due is None:
                break
            given.append({"kind": EventKind.BADGE, "date": due, "years": years})
        if given and self.rng.random() < 0.3:
            given.pop()
        events.extend(given)


def build_members(*, seed: int, province: Unit, today: date | None = None, say=None) -> int:
    """Members for every cell alive today under the province; returns how many."""
    today = today or date.today()
    rng = random.Random(seed * 7919 + 1)
    people = _People(rng, today)
    cells = list(
        Unit.objects.subtree_of(province)
        .alive_on(today)
        .filter(kind__is_cell=True)
        .order_by("pk")  # creation order: the same for the same seed (paths hold the ids)
    )
    founders = [c for c in cells if c.created_on <= BASELINE]
    batch: list[dict] = []
    total = 0
    for cell in cells:
        others = [c for c in rng.sample(founders, min(3, len(founders))) if c.pk != cell.pk]
        for _ in range(rng.randint(10, 22)):
            person = people.person(cell, others)
            try:  # a generated history the rules refuse is dropped, not sent
                build_timeline(
                    [
                        Event(
                            kind=e["kind"],
                            date=e["date"],
                            ceremony_date=e.get("ceremony_date"),
                            unit_id=getattr(e.get("unit"), "pk", None),
                            external=e.get("external", ""),
                            end_date=e.get("end_date"),
                            years=e.get("years"),
                        )
                        for e in person["events"]
                    ]
                )
            except LifecycleError:
                continue
            batch.append(person)
        if len(batch) >= 4000:
            total += bulk_register(actor=None, people=batch, reason="Dữ liệu mô phỏng")
            batch = []
    if batch:
        total += bulk_register(actor=None, people=batch, reason="Dữ liệu mô phỏng")
    if say:
        say(f"  Đã tạo {total:,} đảng viên mô phỏng.".replace(",", "."))
    return total


def member_counts(province: Unit) -> dict[str, int]:
    from dangvu.members.selectors import period_on

    today = date.today()
    members = Member.objects.filter(unit__in=Unit.objects.subtree_of(province))
    now = period_on(today).filter(member__in=members)
    by_status = {
        s: now.filter(status=s).count()
        for s in ("chinh_thuc", "du_bi", "mien_sinh_hoat", "tu_tran", "ra_khoi_dang")
    }
    return {"members": members.count(), **{f"members_{k}": v for k, v in by_status.items()}}
