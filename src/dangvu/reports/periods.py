"""Reporting periods: a month, a quarter, the first 6 or 9 months, or a whole year.

A period is stored as ``(kind, year, number)`` plus its ``[start, end]`` dates (inclusive),
so that "reports of Quý I/2025" is an equality filter and "periods ending before D" is a
range filter. 6 and 9 months count from 1 January (the way Party reports name them:
"sơ kết 6 tháng đầu năm", "9 tháng"). Codes used in URLs and the API:
``2025-T03`` (tháng 3), ``2025-Q1`` (quý I), ``2025-6T``, ``2025-9T``, ``2025`` (năm),
``2020-2025`` (nhiệm kỳ).

A congress term (nhiệm kỳ) ``2020-2025`` is counted in whole calendar years, 1 January 2020 to
31 December 2025: the congress dates of each committee are not recorded yet, and the last
year is the year of the congress that closes the term (its report is written then, with the
figures "từ đầu nhiệm kỳ đến nay"), so consecutive terms share their congress year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models


class PeriodKind(models.TextChoices):
    MONTH = "thang", "Tháng"
    QUARTER = "quy", "Quý"
    HALF = "6thang", "6 tháng"
    NINE = "9thang", "9 tháng"
    YEAR = "nam", "Năm"
    TERM = "nhiemky", "Nhiệm kỳ"


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MIN_YEAR, MAX_YEAR = 2000, 2100
_CODE = re.compile(r"^(\d{4})(?:-(T(\d{1,2})|Q([1-4])|6T|9T|(\d{4})))?$")
TERM_YEARS = 5  # the usual length of a term; a term of another length is written 2021-2026


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str
    number: int = 1  # month 1–12, quarter 1–4; a term's length in years; else 1

    def __post_init__(self):
        if self.kind not in PeriodKind.values:
            raise ValidationError(f"Loại kỳ báo cáo không hợp lệ: {self.kind!r}.")
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise ValidationError(f"Năm {self.year} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}.")
        highest = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.TERM: 10}.get(
            self.kind, 1
        )
        if not 1 <= self.number <= highest:
            raise ValidationError(
                f"Kỳ số {self.number} không hợp lệ cho loại kỳ "
                f"“{PeriodKind(self.kind).label}” (từ 1 đến {highest})."
            )

    @property
    def start(self) -> date:
        if self.kind == PeriodKind.MONTH:
            return date(self.year, self.number, 1)
        if self.kind == PeriodKind.QUARTER:
            return date(self.year, 3 * self.number - 2, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        last_month = {
            PeriodKind.MONTH: self.number,
            PeriodKind.QUARTER: 3 * self.number,
            PeriodKind.HALF: 6,
            PeriodKind.NINE: 9,
            PeriodKind.YEAR: 12,
            PeriodKind.TERM: 12,
        }[self.kind]
        return _month_end(self.last_year, last_month)

    @property
    def last_year(self) -> int:
        return self.year + self.number if self.kind == PeriodKind.TERM else self.year

    @property
    def code(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{self.year}-T{self.number:02d}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.year}-Q{self.number}"
        if self.kind == PeriodKind.HALF:
            return f"{self.year}-6T"
        if self.kind == PeriodKind.NINE:
            return f"{self.year}-9T"
        if self.kind == PeriodKind.TERM:
            return f"{self.year}-{self.last_year}"
        return str(self.year)

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"Tháng {self.number}/{self.year}"
        if self.kind == PeriodKind.QUARTER:
            return f"Quý {ROMAN[self.number]}/{self.year}"
        if self.kind == PeriodKind.HALF:
            return f"6 tháng đầu năm {self.year}"
        if self.kind == PeriodKind.NINE:
            return f"9 tháng năm {self.year}"
        if self.kind == PeriodKind.TERM:
            return f"Nhiệm kỳ {self.code}"
        return f"Năm {self.year}"

    def __str__(self) -> str:
        return self.label

    @classmethod
    def parse(cls, code: str) -> Period:
        """``2025-Q1`` → Quý I/2025 (see the module docstring); ValidationError otherwise."""
        match = _CODE.match((code or "").strip().upper())
        if not match:
            raise ValidationError(
                f"Kỳ báo cáo “{code}” không đọc được; hãy ghi theo dạng 2025-Q1 (quý), "
                "2025-T03 (tháng), 2025-6T, 2025-9T, 2025 (năm) hoặc 2020-2025 (nhiệm kỳ)."
            )
        year, part, month, quarter, last_year = match.groups()
        year = int(year)
        if part is None:
            return cls(year, PeriodKind.YEAR)
        if last_year is not None:
            if int(last_year) <= year:
                raise ValidationError(
                    f"Nhiệm kỳ “{code}”: năm cuối phải sau năm đầu (ví dụ 2020-2025)."
                )
            return cls(year, PeriodKind.TERM, int(last_year) - year)
        if month is not None:
            return cls(year, PeriodKind.MONTH, int(month))
        if quarter is not None:
            return cls(year, PeriodKind.QUARTER, int(quarter))
        return cls(year, PeriodKind.HALF if part == "6T" else PeriodKind.NINE)

    @classmethod
    def quarter_of(cls, day: date) -> Period:
        return cls(day.year, PeriodKind.QUARTER, (day.month - 1) // 3 + 1)

    @classmethod
    def month_of(cls, day: date) -> Period:
        return cls(day.year, PeriodKind.MONTH, day.month)

    def previous(self) -> Period:
        """The period just before, of the same kind (6 and 9 months: the year before)."""
        if self.kind == PeriodKind.MONTH:
            year, month = divmod(self.year * 12 + self.number - 2, 12)
            return Period(year, PeriodKind.MONTH, month + 1)
        if self.kind == PeriodKind.QUARTER:
            if self.number == 1:
                return Period(self.year - 1, self.kind, 4)
            return Period(self.year, self.kind, self.number - 1)
        return self.year_before()

    def year_before(self) -> Period:
        """The same period a year earlier ("so với cùng kỳ"); for a term, the term before."""
        if self.kind == PeriodKind.TERM:
            return Period(self.year - self.number, self.kind, self.number)
        return Period(self.year - 1, self.kind, self.number)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def periods_of_year(year: int) -> list[Period]:
    """Every period of a year that reports are written for: 12 months, 4 quarters, 6 and 9
    months, the year."""
    return [
        *(Period(year, PeriodKind.MONTH, m) for m in range(1, 13)),
        *(Period(year, PeriodKind.QUARTER, q) for q in range(1, 5)),
        Period(year, PeriodKind.HALF),
        Period(year, PeriodKind.NINE),
        Period(year, PeriodKind.YEAR),
    ]


def terms_between(first: date, last: date) -> list[Period]:
    """The usual 5-year terms (2020-2025, 2025-2030 …) that overlap ``first``–``last``."""
    year = (first.year - 1) // TERM_YEARS * TERM_YEARS
    terms = []
    while year <= last.year:
        term = Period(year, PeriodKind.TERM, TERM_YEARS)
        if term.end >= first and term.start <= last:
            terms.append(term)
        year += TERM_YEARS
    return terms


def quarters_between(first: date, last: date) -> list[Period]:
    """Every quarter that has started between ``first`` and ``last`` (inclusive)."""
    periods = []
    current = Period.quarter_of(first)
    while current.start <= last:
        periods.append(current)
        year, number = (current.year, current.number + 1)
        if number > 4:
            year, number = year + 1, 1
        current = Period(year, PeriodKind.QUARTER, number)
    return periods


def period_choices(years, *, terms: bool = False) -> list[tuple[str, str]]:
    """Codes and labels for a select: every quarter, 6 and 9 months, the year, the months;
    with ``terms``, first the congress terms that overlap those years."""
    years = list(years)
    choices = []
    if terms and years:
        found = terms_between(date(min(years), 1, 1), date(max(years), 12, 31))
        choices += [(t.code, t.label) for t in reversed(found)]
    for year in years:
        periods = [Period(year, PeriodKind.QUARTER, q) for q in range(1, 5)]
        periods += [Period(year, PeriodKind.HALF), Period(year, PeriodKind.NINE)]
        periods += [Period(year, PeriodKind.YEAR)]
        periods += [Period(year, PeriodKind.MONTH, m) for m in range(1, 13)]
        choices += [(p.code, p.label) for p in periods]
    return choices
