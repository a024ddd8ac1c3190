"""Simulated cell meetings for the demo province: a regular meeting every month for every cell
from ``start`` to ``end``, with attendance for every expected member, a few thematic meetings,
and upper-level committee members assigned to some cells.

* Attendance: mostly present; some absent with reason; a few absent without reason (more in
  about a quarter of the cells, so some cells fail the HD 12 criteria); a few members away for
  several months running (absent with reason more than 3 times running); a few members absent
  without reason in three months of the current year (the registry's work list).
* Topics: about 87% of the cells study the Hồ Chí Minh topic at least once a quarter.

Everything goes through ``meetings.services.bulk_record_meetings`` (the same rules as the
forms, one audit entry per batch). Deterministic for a given ``rng``.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date

from dangvu.meetings.models import MeetingKind, Presence, Topic
from dangvu.meetings.roster import RosterBook
from dangvu.meetings.services import assign_attendee, bulk_record_meetings
from dangvu.members.lifecycle import add_months
from dangvu.orgs.models import Unit
from dangvu.vntext.formats import format_number

HCM_SHARE = 0.87
SLOPPY_SHARE = 0.25
THEMATIC_SHARE = 0.06  # of cells, each year
ASSIGNED_SHARE = 0.05
EXCUSED_REASONS = [
    "Ốm",
    "Đi công tác",
    "Đi làm ăn xa",
    "Việc gia đình",
    "Đi học",
    "Tuổi cao, sức yếu",
]
THEMES = [
    "Chuyển đổi số ở cơ sở",
    "Xây dựng nông thôn mới nâng cao",
    "Phòng, chống tham nhũng, tiêu cực",
    "Vai trò nêu gương của đảng viên",
    "Sắp xếp tổ chức bộ máy",
]
CONCLUSION = "Chi bộ thống nhất các nhiệm vụ trọng tâm tháng tới và phân công đảng viên thực hiện."


def _months(start: date, end: date) -> list[date]:
    out, month = [], start.replace(day=1)
    while month <= end:
        out.append(month)
        month = add_months(month, 1)
    return out


def populate(*, rng: random.Random, province: Unit, start: date, end: date, say=print) -> dict:
    cells = list(
        Unit.objects.subtree_of(province)
        .filter(kind__is_cell=True, created_on__lte=end)
        .exclude(ended_on__lte=start)
        .order_by("path")
        .values_list("pk", "parent_id", "created_on", "ended_on")
    )
    if not cells:
        return {"meetings": 0, "attendance": 0, "assignments": 0}
    topics = list(Topic.objects.filter(active=True).order_by("sort_order"))
    hcm = next(t for t in topics if t.is_ho_chi_minh)
    others = [t for t in topics if not t.is_ho_chi_minh]
    cell_ids = [c[0] for c in cells]
    hcm_cells = {c for c in cell_ids if rng.random() < HCM_SHARE}
    sloppy = {c for c in cell_ids if rng.random() < SLOPPY_SHARE}
    months = _months(start, end)

    assignments = _assignments(rng, cells, end)
    by_cell_assignments = defaultdict(list)
    for a in assignments:
        by_cell_assignments[a.unit_id].append(a)

    # who is away for several months running (absent with reason), by member → months
    away_runs: dict[int, set[date]] = {}
    chronic_unexcused: dict[int, set[date]] = {}
    current_year = [m for m in months if m.year == end.year and m < end.replace(day=1)]

    counts = {"meetings": 0, "attendance": 0}
    for year in sorted({m.year for m in months}):
        year_months = [m for m in months if m.year == year]
        first = year_months[0]
        last_day = min(end, add_months(year_months[-1], 1).replace(day=1))
        book = RosterBook(cell_ids, first, last_day)
        hcm_months = {
            c: {rng.choice(year_months[q : q + 3]) for q in range(0, len(year_months), 3)}
            for c in hcm_cells
        }
        items = []
        for cell_id, _parent, created, ended in cells:
            thematic_month = rng.choice(year_months) if rng.random() < THEMATIC_SHARE else None
            for month in year_months:
                day = month.replace(day=rng.randint(3, 25))
                if day > end or day < created or (ended is not None and day >= ended):
                    continue
                listed = book.on(cell_id, day)
                expected = [m for m, exp in listed.items() if exp]
                if not expected:
                    continue
                absent = _absences(
                    rng,
                    expected,
                    month,
                    cell_id in sloppy,
                    away_runs,
                    chronic_unexcused,
                    current_year,
                )
                topic_ids = [rng.choice(others).pk]
                if month in hcm_months.get(cell_id, ()):
                    topic_ids.append(hcm.pk)
                item = {
                    "unit_id": cell_id,
                    "kind": MeetingKind.REGULAR,
                    "date": day,
                    "topic_ids": topic_ids,
                    "chair_id": expected[0],
                    "secretary_id": expected[1] if len(expected) > 1 else None,
                    "conclusion": CONCLUSION,
                    "absent": absent,
                }
                active = [
                    a
                    for a in by_cell_assignments.get(cell_id, ())
                    if a.start <= day and (a.end is None or a.end >= day)
                ]
                if active:
                    item["assignees"] = {a.pk: rng.random() < 0.8 for a in active}
                items.append(item)
                if month == thematic_month:
                    theme_day = month.replace(day=min(28, day.day + 2))
                    if theme_day <= end:
                        items.append(
                            {
                                "unit_id": cell_id,
                                "kind": MeetingKind.THEMATIC,
                                "date": theme_day,
                                "title": rng.choice(THEMES),
                                "topic_ids": [hcm.pk] if rng.random() < 0.3 else [],
                                "absent": {
                                    m: (Presence.EXCUSED, rng.choice(EXCUSED_REASONS))
                                    for m in expected
                                    if rng.random() < 0.06
                                },
                            }
                        )
        done = bulk_record_meetings(actor=None, meetings=items, reason="Dữ liệu mô phỏng")
        counts["meetings"] += done["meetings"]
        counts["attendance"] += done["attendance"]
        say(
            f"  sinh hoạt chi bộ {year}: {format_number(done['meetings'])} buổi, "
            f"{format_number(done['attendance'])} lượt"
        )
    counts["assignments"] = len(assignments)
    return counts


def _absences(rng, expected, month, sloppy, away_runs, chronic_unexcused, current_year):
    absent = {}
    unexcused_rate = 0.03 if sloppy else 0.0007
    for member_id in expected:
        run = away_runs.get(member_id)
        if run is None and rng.random() < 0.0015:
            run = away_runs[member_id] = set(_months(month, add_months(month, rng.randint(3, 5))))
        if run and month in run:
            absent[member_id] = (Presence.EXCUSED, "Đi làm ăn xa")
            continue
        chronic = chronic_unexcused.get(member_id)
        if chronic is None and sloppy and current_year and rng.random() < 0.0004:
            chronic = chronic_unexcused[member_id] = set(
                rng.sample(current_year, min(3, len(current_year)))
            )
        if chronic and month in chronic:
            absent[member_id] = (Presence.UNEXCUSED, "")
            continue
        draw = rng.random()
        if draw < unexcused_rate:
            absent[member_id] = (Presence.UNEXCUSED, "")
        elif draw < unexcused_rate + 0.035:
            absent[member_id] = (Presence.EXCUSED, rng.choice(EXCUSED_REASONS))
    return absent


def _assignments(rng, cells, end):
    """Upper-level committee members (here: members of a sibling cell) assigned to some cells
    alive today, through the service."""
    from dangvu.members.models import Member

    alive = [c for c in cells if c[3] is None]
    by_parent = defaultdict(list)
    for cell in alive:
        by_parent[cell[1]].append(cell[0])
    chosen = [c for c in alive if rng.random() < ASSIGNED_SHARE][:60]
    siblings_of = {
        cell_id: [s for s in by_parent[parent_id] if s != cell_id][:3]
        for cell_id, parent_id, _created, _ended in chosen
    }
    book = RosterBook({s for group in siblings_of.values() for s in group}, end, end)
    picked = {}
    for cell_id, group in siblings_of.items():
        pool = sorted(m for s in group for m, exp in book.on(s, end).items() if exp)
        if pool:
            picked[cell_id] = rng.choice(pool)
    people = Member.objects.in_bulk(set(picked.values()))
    out = []
    for cell_id, _parent, created, _ended in chosen:
        if cell_id not in picked:
            continue
        out.append(
            assign_attendee(
                actor=None,
                unit=Unit(pk=cell_id),
                start=max(created, date(2025, 7, 1)),
                member=people[picked[cell_id]],
                position="Đảng ủy viên, được phân công theo dõi chi bộ",
                decision="Quyết định phân công của Ban Thường vụ Đảng ủy",
            )
        )
    return out
