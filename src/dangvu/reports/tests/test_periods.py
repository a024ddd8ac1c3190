"""Reporting periods: codes, labels and dates."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dangvu.reports.periods import Period, PeriodKind, quarters_between


@pytest.mark.parametrize(
    ("code", "label", "start", "end"),
    [
        ("2025-Q1", "Quý I/2025", date(2025, 1, 1), date(2025, 3, 31)),
        ("2024-Q4", "Quý IV/2024", date(2024, 10, 1), date(2024, 12, 31)),
        ("2024-T02", "Tháng 2/2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("2025-6T", "6 tháng đầu năm 2025", date(2025, 1, 1), date(2025, 6, 30)),
        ("2025-9T", "9 tháng năm 2025", date(2025, 1, 1), date(2025, 9, 30)),
        ("2025", "Năm 2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("2020-2025", "Nhiệm kỳ 2020-2025", date(2020, 1, 1), date(2025, 12, 31)),
    ],
)
def test_codes_labels_and_dates(code, label, start, end):
    period = Period.parse(code)
    assert (period.label, period.start, period.end, period.code) == (label, start, end, code)


@pytest.mark.parametrize(
    "code", ["2025-Q5", "2025-T13", "25-Q1", "quý 1", "", "2025-T00", "2025-2020", "2020-2031"]
)
def test_unreadable_codes_say_how_to_write_them(code):
    with pytest.raises(ValidationError):
        Period.parse(code)


def test_quarters_between_cover_both_ends():
    quarters = quarters_between(date(2024, 1, 1), date(2025, 7, 2))
    codes = [q.code for q in quarters]
    assert (codes[0], codes[-1]) == ("2024-Q1", "2025-Q3")
    assert len(quarters) == 7
    assert Period.quarter_of(date(2025, 11, 5)) == Period(2025, PeriodKind.QUARTER, 4)


def test_terms():
    from dangvu.reports.periods import period_choices, terms_between

    term = Period.parse("2020-2025")
    assert term.kind == PeriodKind.TERM and term.year_before().code == "2015-2020"
    assert term.previous() == term.year_before()
    assert [t.code for t in terms_between(date(2024, 1, 1), date(2026, 12, 1))] == [
        "2020-2025",
        "2025-2030",
    ]
    assert [t.code for t in terms_between(date(2026, 1, 1), date(2026, 12, 1))] == ["2025-2030"]
    codes = [code for code, _label in period_choices([2026, 2025], terms=True)]
    assert codes[:2] == ["2025-2030", "2020-2025"]
    assert "2020-2025" not in [code for code, _label in period_choices([2025])]
