"""A member's life in the Party, derived from the append-only events (Điều lệ Đảng, QĐ 294,
HD 06-HD/TW 2025). Pure functions: no database.

* Status and home unit at any date come from :func:`build_timeline`, never from a stored field.
* Probation lasts 12 months from the admission ceremony; the member is official from exactly
  ceremony + 12 months even when the cell votes or the upper level decides later. A month-based
  term ends on the same day of the last month, or on that month's last day when it has no such
  day (Bộ luật Dân sự 2015, Điều 148): ceremony 29/02/2024 → official 28/02/2025.
* Party age counts from the admission decision date, minus the gaps between an exit and a
  re-admission.
* Events may be entered out of order: the whole history is re-checked in date order and a
  history that breaks a rule is refused with the reason.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import models

from dangvu.vntext.formats import format_date


class EventKind(models.TextChoices):
    ADMISSION = "ket_nap", "Kết nạp"
    RECOGNITION = "chinh_thuc", "Công nhận đảng viên chính thức"
    TRANSFER = "chuyen_chinh_thuc", "Chuyển sinh hoạt đảng chính thức"
    TEMP_TRANSFER = "chuyen_tam_thoi", "Chuyển sinh hoạt đảng tạm thời"
    TEMP_RETURN = "het_tam_thoi", "Kết thúc sinh hoạt tạm thời"
    EXCUSED = "mien_sinh_hoat", "Miễn công tác và sinh hoạt đảng"
    EXCUSE_END = "het_mien", "Trở lại công tác và sinh hoạt đảng"
    STRUCK_OFF = "xoa_ten", "Xóa tên"
    RESIGNED = "xin_ra", "Xin ra khỏi Đảng"
    EXPELLED = "khai_tru", "Khai trừ"
    DIED = "tu_tran", "Từ trần"
    READMISSION = "ket_nap_lai", "Kết nạp lại"
    BADGE = "huy_hieu", "Trao Huy hiệu Đảng"


class Status(models.TextChoices):
    PROBATIONARY = "du_bi", "Dự bị"
    OFFICIAL = "chinh_thuc", "Chính thức"
    EXCUSED = "mien_sinh_hoat", "Miễn công tác và sinh hoạt"
    LEFT = "ra_khoi_dang", "Đã ra khỏi Đảng"
    DEAD = "tu_tran", "Từ trần"


MEMBER_STATUSES = (Status.PROBATIONARY, Status.OFFICIAL, Status.EXCUSED)
EXITS = (EventKind.STRUCK_OFF, EventKind.RESIGNED, EventKind.EXPELLED)
BADGE_YEARS = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
AWARD_DAYS = ((2, 3), (5, 19), (9, 2), (11, 7))  # 3/2, 19/5, 2/9, 7/11
PROBATION_MONTHS = 12
RECOGNITION_WINDOW_WORKING_DAYS = 30
TEMP_TRANSFER_MIN_MONTHS = 3
TEMP_TRANSFER_MAX_MONTHS = 12
TEMP_TRANSFER_STUDY_MAX_MONTHS = 24

# Same-day order: who joins first, who leaves last.
_ORDER = {
    EventKind.ADMISSION: 0,
    EventKind.READMISSION: 0,
    EventKind.RECOGNITION: 1,
    EventKind.TRANSFER: 2,
    EventKind.TEMP_RETURN: 3,
    EventKind.TEMP_TRANSFER: 4,
    EventKind.EXCUSE_END: 5,
    EventKind.EXCUSED: 6,
    EventKind.BADGE: 7,
    EventKind.STRUCK_OFF: 8,
    EventKind.RESIGNED: 8,
    EventKind.EXPELLED: 8,
    EventKind.DIED: 9,
}


class LifecycleError(Exception):
    """A history that breaks the rules; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Event:
    kind: str
    date: date
    ceremony_date: date | None = None
    unit_id: int | None = None
    external: str = ""
    end_date: date | None = None
    years: int | None = None
    study: bool = False
    key: object = None  # the stored event's id, to tell which event a message is about


@dataclass(frozen=True)
class Period:
    """[start, end) with one status, one home unit, and where the member is temporarily."""

    start: date
    end: date | None
    status: str
    unit_id: int | None
    external: str = ""
    away_unit_id: int | None = None
    away_external: str = ""
    away_until: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    @property
    def is_member(self) -> bool:
        return self.status in MEMBER_STATUSES

    @property
    def is_away(self) -> bool:
        return self.away_unit_id is not None or bool(self.away_external)


@dataclass
class Timeline:
    periods: list[Period] = field(default_factory=list)
    memberships: list[tuple[date, date | None]] = field(default_factory=list)
    probation_end: date | None = None  # of the current (last) probation
    official_date: date | None = None  # of the current (last) membership
    badges: tuple[int, ...] = ()

    def period_on(self, day: date) -> Period | None:
        for period in self.periods:
            if period.covers(day):
                return period
        return None

    def status_on(self, day: date) -> str | None:
        period = self.period_on(day)
        return period.status if period else None

    def unit_on(self, day: date) -> int | None:
        period = self.period_on(day)
        return period.unit_id if period and period.is_member else None

    @property
    def current(self) -> Period | None:
        return self.periods[-1] if self.periods else None

    @property
    def standing(self) -> tuple[str, int | None, date | None]:
        """(status, home unit, since): what the member is from ``since`` on, for good.

        The last period's status and home unit, and the start of the run of periods at the
        end of the timeline that all have both (a temporary transfer changes neither): on
        any day from ``since`` on, the period covering it has exactly this status and home
        unit. ``("", None, None)`` without periods. The member list filters on this cache
        (``Member.status``…) and falls back to the periods for an earlier day.
        """
        if not self.periods:
            return "", None, None
        last = self.periods[-1]
        since = last.start
        for period in reversed(self.periods[:-1]):
            if period.status != last.status or period.unit_id != last.unit_id:
                break
            since = period.start
        return last.status, last.unit_id, since

    def party_age_on(self, day: date) -> tuple[int, int]:
        """(years, months) of party age on ``day``, gaps between exit and re-admission removed."""
        months = days = 0
        for start, end in self.memberships:
            if start > day:
                continue
            stop = min(end, day) if end is not None else day
            m, d = months_between(start, stop)
            months += m
            days += d
        months += days // 30
        return months // 12, months % 12

    @property
    def party_anchor(self) -> date | None:
        """A date such that party age on D = full months from it to D (for SQL filters)."""
        if not self.memberships:
            return None
        anchor = self.memberships[0][0]
        gap = 0
        for (_, end), (start, _) in zip(self.memberships, self.memberships[1:], strict=False):
            gap += (start - end).days
        return anchor + timedelta(days=gap)


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later, or the last day of that month if it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if day.day <= 28:  # every month has it (the common case: no calendar look-up)
        return date(year, month, day.day)
    last = 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month]
    return date(year, month, min(day.day, last))


def months_between(start: date, end: date) -> tuple[int, int]:
    """Full months from ``start`` to ``end`` and the days left over."""
    if end <= start:
        return 0, 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months, (end - add_months(start, months)).days


def probation_end(ceremony: date) -> date:
    return add_months(ceremony, PROBATION_MONTHS)


def add_working_days(day: date, count: int, holidays=frozenset()) -> date:
    """``count`` working days after ``day`` (Monday–Friday, minus the given holidays)."""
    current = day
    while count > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            count -= 1
    return current


def next_award_date(day: date) -> date:
    """The next badge award day on or after ``day`` (3/2, 19/5, 2/9, 7/11)."""
    for year in (day.year, day.year + 1):
        for month, dom in AWARD_DAYS:
            candidate = date(year, month, dom)
            if candidate >= day:
                return candidate
    raise AssertionError("unreachable")


def _sort_key(event: Event, effective: date):
    return (effective, _ORDER[EventKind(event.kind)], str(event.key or ""))


def _refuse(event: Event, reason: str) -> LifecycleError:
    label = EventKind(event.kind).label
    return LifecycleError(f"{label} ngày {format_date(event.date)}: {reason}")


def build_timeline(events) -> Timeline:
    """Check the whole history in date order and derive the periods; refuse a broken one."""
    events = list(events)
    timeline = Timeline()
    if not events:
        return timeline

    # A recognition takes effect at the end of probation, not on its decision date.
    ceremonies: dict[int, date] = {}
    ordered_admissions = sorted(
        (e for e in events if e.kind in (EventKind.ADMISSION, EventKind.READMISSION)),
        key=lambda e: e.date,
    )
    effects: list[tuple[date, Event]] = []
    for event in events:
        effective = event.date
        if event.kind == EventKind.RECOGNITION:
            admission = next(
                (a for a in reversed(ordered_admissions) if a.date <= event.date), None
            )
            if admission is None or admission.ceremony_date is None:
                raise _refuse(event, "không có quyết định kết nạp trước đó.")
            ends = probation_end(admission.ceremony_date)
            if event.date < ends:
                raise _refuse(
                    event,
                    f"chưa đủ 12 tháng dự bị; đảng viên dự bị đến hết ngày "
                    f"{format_date(ends - timedelta(days=1))}, được công nhận chính thức "
                    f"từ ngày {format_date(ends)}.",
                )
            effective = ends
            ceremonies[id(event)] = admission.ceremony_date
        effects.append((effective, event))
    effects.sort(key=lambda pair: _sort_key(pair[1], pair[0]))

    status: str | None = None
    unit: int | None = None
    external = ""
    away: tuple[int | None, str, date | None] = (None, "", None)
    death: date | None = None
    badges: list[int] = []
    periods: list[Period] = []
    memberships: list[list] = []

    def open_period(start: date) -> None:
        if periods and periods[-1].end is None:
            last = periods[-1]
            if last.start == start:
                periods.pop()
            else:
                periods[-1] = Period(**{**last.__dict__, "end": start})
        periods.append(
            Period(
                start=start,
                end=None,
                status=status,
                unit_id=unit,
                external=external,
                away_unit_id=away[0],
                away_external=away[1],
                away_until=away[2],
            )
        )

    for effective, event in effects:
        kind = EventKind(event.kind)
        # an automatic return from a temporary transfer that ended before this event
        if away[2] is not None and away[2] <= effective:
            return_day = away[2]
            away = (None, "", None)
            open_period(return_day)
        if death is not None:
            raise _refuse(event, f"đảng viên đã từ trần ngày {format_date(death)}.")
        if kind in (EventKind.ADMISSION, EventKind.READMISSION):
            if status in MEMBER_STATUSES:
                raise _refuse(event, "người này đang là đảng viên; không thể kết nạp lần nữa.")
            if kind == EventKind.ADMISSION and status == Status.LEFT:
                raise _refuse(event, "người này đã từng là đảng viên; hãy ghi nhận là kết nạp lại.")
            if kind == EventKind.READMISSION and status is None:
                raise _refuse(event, "chưa có lần kết nạp trước; hãy ghi nhận là kết nạp.")
            if event.ceremony_date is None:
                raise _refuse(event, "thiếu ngày tổ chức lễ kết nạp.")
            if event.ceremony_date < event.date:
                raise _refuse(
                    event,
                    f"ngày lễ kết nạp ({format_date(event.ceremony_date)}) trước ngày quyết "
                    "định kết nạp.",
                )
            if event.unit_id is None and not event.external:
                raise _refuse(event, "chưa chọn chi bộ kết nạp.")
            status, unit, external = Status.PROBATIONARY, event.unit_id, event.external
            memberships.append([event.date, None])
            timeline.probation_end = probation_end(event.ceremony_date)
            timeline.official_date = None
            open_period(effective)
        elif kind == EventKind.RECOGNITION:
            if status != Status.PROBATIONARY:
                raise _refuse(event, "chỉ công nhận chính thức cho đảng viên đang dự bị.")
            status = Status.OFFICIAL
            timeline.official_date = effective
            open_period(effective)
        elif status is None:
            raise _refuse(event, "chưa có quyết định kết nạp người này vào Đảng.")
        elif status == Status.LEFT:
            raise _refuse(event, "người này đã ra khỏi Đảng.")
        elif kind == EventKind.TRANSFER:
            if event.unit_id is None and not event.external:
                raise _refuse(event, "chưa chọn nơi chuyển đến.")
            if event.unit_id is not None and event.unit_id == unit:
                raise _refuse(event, "nơi chuyển đến trùng với chi bộ đang sinh hoạt.")
            unit, external = event.unit_id, event.external
            away = (None, "", None)
            open_period(effective)
        elif kind == EventKind.TEMP_TRANSFER:
            if status == Status.EXCUSED:
                raise _refuse(event, "đảng viên đang được miễn sinh hoạt.")
            if away[0] is not None or away[1]:
                raise _refuse(event, "đảng viên đang sinh hoạt tạm thời ở nơi khác.")
            if event.end_date is None:
                raise _refuse(event, "thiếu thời hạn sinh hoạt tạm thời (đến ngày).")
            longest = TEMP_TRANSFER_STUDY_MAX_MONTHS if event.study else TEMP_TRANSFER_MAX_MONTHS
            if event.end_date < add_months(event.date, TEMP_TRANSFER_MIN_MONTHS):
                raise _refuse(event, "sinh hoạt tạm thời phải từ 3 tháng trở lên.")
            if event.end_date > add_months(event.date, longest):
                raise _refuse(
                    event,
                    "sinh hoạt tạm thời tối đa 1 năm (đi học: 2 năm); hết thời hạn cần "
                    "chuyển sinh hoạt chính thức hoặc gia hạn bằng đợt mới.",
                )
            if event.unit_id is None and not event.external:
                raise _refuse(event, "chưa chọn nơi sinh hoạt tạm thời.")
            away = (event.unit_id, event.external, event.end_date)
            open_period(effective)
        elif kind == EventKind.TEMP_RETURN:
            if away[0] is None and not away[1]:
                raise _refuse(event, "đảng viên không đang sinh hoạt tạm thời ở nơi khác.")
            away = (None, "", None)
            open_period(effective)
        elif kind == EventKind.EXCUSED:
            if status != Status.OFFICIAL:
                raise _refuse(
                    event, "chỉ đảng viên chính thức mới được miễn công tác và sinh hoạt."
                )
            status = Status.EXCUSED
            open_period(effective)
        elif kind == EventKind.EXCUSE_END:
            if status != Status.EXCUSED:
                raise _refuse(event, "đảng viên không đang được miễn sinh hoạt.")
            status = Status.OFFICIAL
            open_period(effective)
        elif kind in EXITS:
            if kind == EventKind.EXPELLED and status == Status.PROBATIONARY:
                raise _refuse(
                    event,
                    "đảng viên dự bị không bị khai trừ (chỉ khiển trách, cảnh cáo); nếu không "
                    "đủ điều kiện thì xóa tên khỏi danh sách đảng viên dự bị.",
                )
            status = Status.LEFT
            away = (None, "", None)
            memberships[-1][1] = effective
            open_period(effective)
        elif kind == EventKind.DIED:
            status = Status.DEAD
            death = effective
            away = (None, "", None)
            memberships[-1][1] = effective
            open_period(effective)
        elif kind == EventKind.BADGE:
            if event.years not in BADGE_YEARS:
                raise _refuse(event, "số năm tuổi đảng của huy hiệu không hợp lệ.")
            if event.years in badges:
                raise _refuse(event, f"đã trao Huy hiệu {event.years} năm tuổi Đảng.")
            timeline.memberships = [tuple(m) for m in memberships]
            years, _ = timeline.party_age_on(effective)
            if years < event.years:
                raise _refuse(event, f"tuổi đảng mới được {years} năm, chưa đủ {event.years} năm.")
            badges.append(event.years)
    # a temporary transfer whose term has passed with no later event
    if away[2] is not None and status in MEMBER_STATUSES:
        return_day = away[2]
        away = (None, "", None)
        open_period(return_day)
    timeline.periods = periods
    timeline.memberships = [tuple(m) for m in memberships]
    timeline.badges = tuple(badges)
    return timeline


def badge_due(timeline: Timeline, award_day: date) -> int | None:
    """The badge (years) due at ``award_day``: the highest milestone reached and not yet given."""
    period = timeline.period_on(award_day) or timeline.current
    if period is None or period.status not in (Status.OFFICIAL, Status.EXCUSED):
        return None
    years, _ = timeline.party_age_on(award_day)
    reached = [y for y in BADGE_YEARS if y <= years and y not in timeline.badges]
    return max(reached) if reached else None
