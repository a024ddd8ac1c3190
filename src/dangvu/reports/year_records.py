"""Which years' records a period holds, for records kept by year (a 4-tốt pledge, a model of
the year, a pressing issue chosen for the year): a record of year Y counts in a period that
contains 31/12/Y — the year's report (and December's, Q IV's) — never in a report of part
of the year that ends before the year is over."""

from __future__ import annotations

from datetime import date


def years_closed_in(start: date, end: date) -> list[int]:
    return [year for year in range(start.year, end.year + 1) if start <= date(year, 12, 31) <= end]
