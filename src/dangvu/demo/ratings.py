"""Simulated yearly reviews and quality ratings for the demo province, 2024 and 2025.

* The 2024 rounds are dated 15/12/2024 — before the reform: the old communes rate their
  members, every unit with sub-units rates them (the districts their communes, the communes
  their cells). The 2025 rounds are dated 15/12/2025, after it: the same at the new communes.
* Members rated: those dự bị or chính thức on the round date (read from the registry);
  members excused from party work, who left or died, are skipped (the service refuses them).
* Levels: about 15 % HTXSNV, most HTTNV, about 7 % HTNV and 1–2 % KHTNV; the scores fall in
  each level's band. Some small rounds exceed the HTXSNV quota and show the warning.
* Members and units rated HTNV or KHTNV register remedial commitments due 3–6 months later;
  about 60 % are done, the rest overdue (or still open when due later than today).

Everything goes through ``ratings.services`` (``rate_members`` / ``rate_units`` per round:
checked, all or nothing, one audit entry per round). Deterministic for a given ``rng``.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from dangvu.members.selectors import period_on
from dangvu.orgs.models import Unit, UnitVersion
from dangvu.orgs.tree_paths import path_ids, path_range
from dangvu.ratings import services
from dangvu.ratings.models import Level, Rating, SubjectKind
from dangvu.vntext.formats import format_number

ROUND_DAYS = {2024: date(2024, 12, 15), 2025: date(2025, 12, 15)}
MEMBER_SHARES = [(Level.EXCELLENT, 0.15), (Level.GOOD, 0.765), (Level.PASS, 0.07)]
UNIT_SHARES = [(Level.EXCELLENT, 0.17), (Level.GOOD, 0.75), (Level.PASS, 0.065)]
BANDS = {
    Level.EXCELLENT: (90, 98),
    Level.GOOD: (70, 89),
    Level.PASS: (52, 69),
    Level.FAIL: (35, 49),
}
DONE_SHARE = 0.6
MAX_COMMITMENTS = 150
SHORTCOMINGS = [
    (
        "Chưa tham gia đầy đủ sinh hoạt chi bộ",
        "Tham gia đầy đủ sinh hoạt chi bộ hằng tháng, báo cáo chi bộ khi vắng",
    ),
    ("Đóng đảng phí chưa đúng hạn", "Đóng đủ, đúng hạn đảng phí hằng tháng"),
    (
        "Chưa nêu gương trong thực hiện nhiệm vụ được phân công",
        "Xây dựng kế hoạch rèn luyện, báo cáo kết quả với chi bộ mỗi quý",
    ),
    (
        "Chất lượng sinh hoạt chi bộ chưa cao, nội dung còn chung chung",
        "Đổi mới nội dung sinh hoạt, mỗi quý ít nhất một buổi chuyên đề",
    ),
    (
        "Chưa hoàn thành chỉ tiêu phát triển đảng viên",
        "Tạo nguồn, bồi dưỡng quần chúng ưu tú, kết nạp ít nhất 01 đảng viên trong năm",
    ),
]


def _level(rng: random.Random, shares) -> str:
    draw = rng.random()
    for level, share in shares:
        if draw < share:
            return level
        draw -= share
    return Level.FAIL


def _score(rng: random.Random, level: str) -> Decimal:
    low, high = BANDS[level]
    return Decimal(rng.randint(low * 10, high * 10 + 9)) / 10


def populate(*, rng: random.Random, province: Unit, start: date, end: date, say=print) -> dict:
    low, high = path_range(province.path)
    counts = {"rounds": 0, "member_ratings": 0, "unit_ratings": 0, "commitments": 0}
    to_commit: list[Rating] = []
    for year, day in ROUND_DAYS.items():
        if day < start or day > end:
            continue
        versions = list(
            UnitVersion.objects.valid_on(day)
            .filter(path__gte=low, path__lt=high)
            .values_list("unit_id", "parent_id", "path", "kind__is_cell")
        )
        children = defaultdict(list)
        cell_parents = set()
        path_of = {}
        for unit_id, parent_id, path, is_cell in versions:
            path_of[unit_id] = path
            if parent_id is not None:
                children[parent_id].append(unit_id)
                if is_cell:
                    cell_parents.add(parent_id)
        units = Unit.objects.in_bulk(list(path_of))
        # members rated on the day, grouped by the unit that runs their round
        rated = period_on(day).filter(status__in=services.RATED_STATUSES, unit_id__in=list(path_of))
        by_round: dict[int, list[int]] = defaultdict(list)
        for member_id, unit_id in rated.values_list("member_id", "unit_id").order_by("member_id"):
            runner = next(
                (uid for uid in reversed(path_ids(path_of[unit_id])) if uid in cell_parents),
                None,
            )
            if runner is not None:
                by_round[runner].append(member_id)
        for runner in sorted(by_round):
            round_ = services.create_round(
                actor=None,
                unit=units[runner],
                subject_kind=SubjectKind.MEMBER,
                year=year,
                date=day,
                title=f"Kiểm điểm, đánh giá, xếp loại đảng viên năm {year}",
            )
            entries = []
            for member_id in by_round[runner]:
                level = _level(rng, MEMBER_SHARES)
                entries.append(services.Entry(member_id=member_id, score=_score(rng, level)))
            outcome = services.rate_members(actor=None, round_=round_, entries=entries)
            counts["rounds"] += 1
            counts["member_ratings"] += outcome.created
        for parent in sorted(children):
            if parent not in units:
                continue
            round_ = services.create_round(
                actor=None,
                unit=units[parent],
                subject_kind=SubjectKind.UNIT,
                year=year,
                date=day,
                title=f"Đánh giá, xếp loại chất lượng tổ chức đảng năm {year}",
            )
            entries = []
            for child in sorted(children[parent]):
                level = _level(rng, UNIT_SHARES)
                entries.append(services.UnitEntry(unit_id=child, score=_score(rng, level)))
            outcome = services.rate_units(actor=None, round_=round_, entries=entries)
            counts["rounds"] += 1
            counts["unit_ratings"] += outcome.created
        to_commit += list(
            Rating.objects.filter(round__date=day, round__unit__in=list(units))
            .filter(level__in=[Level.PASS, Level.FAIL])
            .select_related("round", "subject_unit", "member")
            .order_by("id")
        )
    counts["commitments"] = _commitments(rng, to_commit, end)
    say(
        f"  Đánh giá, xếp loại: {format_number(counts['rounds'])} đợt, "
        f"{format_number(counts['member_ratings'])} lượt đảng viên, "
        f"{format_number(counts['unit_ratings'])} lượt tổ chức, "
        f"{format_number(counts['commitments'])} đăng ký khắc phục."
    )
    return counts


def _commitments(rng: random.Random, ratings: list[Rating], end: date) -> int:
    if len(ratings) > MAX_COMMITMENTS:
        ratings = rng.sample(ratings, MAX_COMMITMENTS)
    written = 0
    for rating in sorted(ratings, key=lambda r: r.pk):
        shortcoming, action = rng.choice(SHORTCOMINGS)
        due = rating.round.date + timedelta(days=rng.randint(90, 180))
        if rating.round.year == max(ROUND_DAYS) and rng.random() < 0.15:
            due = end + timedelta(days=rng.randint(20, 90))  # still open
        commitment = services.create_commitment(
            actor=None, rating=rating, shortcoming=shortcoming, action=action, due=due
        )
        written += 1
        if rng.random() < DONE_SHARE:
            done = min(due, end) - timedelta(days=rng.randint(0, 40))
            if done <= rating.round.date:
                continue
            who = rating.member
            services.update_commitment(
                actor=None,
                commitment=commitment,
                expected_revision=commitment.revision,
                shortcoming=shortcoming,
                action=action,
                due=due,
                done_on=done,
                result=(f"{who.full_name} đã khắc phục" if who else "Tập thể đã khắc phục")
                + ", được chi bộ ghi nhận.",
            )
    return written
