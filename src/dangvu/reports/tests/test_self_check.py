"""The report dangvu writes passes its own checker: no figure of the narrative is "không khớp"
(the members' parts once left out the excused, so "19.051 (chính thức 18.021, dự bị 709)"
did not add up)."""

from datetime import date

import pytest

from dangvu.checker.checking import check_text
from dangvu.checker.verdicts import INCONSISTENT
from dangvu.members.lifecycle import EventKind
from dangvu.members.services import bulk_register
from dangvu.reports import engine
from dangvu.reports.narrative import paragraphs
from dangvu.reports.periods import Period
from dangvu.reports.selectors import read_sheet

pytestmark = pytest.mark.django_db


def _person(cell, i: int, admitted: date, *, official=True, excused=False):
    events = [
        {"kind": EventKind.ADMISSION, "date": admitted, "ceremony_date": admitted, "unit": cell}
    ]
    if official:
        events.append({"kind": EventKind.RECOGNITION, "date": admitted.replace(admitted.year + 1)})
    if excused:
        events.append({"kind": EventKind.EXCUSED, "date": date(2025, 3, 1), "reason": "Sức khỏe"})
    return {
        "identity": {
            "ho": "Lê",
            "ten_dem": "Văn",
            "ten": f"Tư{i}",
            "gender": "nu" if i % 2 else "nam",
            "birth_date": date(1960 + i, 5, 1),
        },
        "events": events,
    }


def test_the_yearly_narrative_checks_clean(world):
    people = [_person(world.c1, i, date(2000, 1, 3)) for i in range(4)]
    people += [_person(world.c4, 10 + i, date(1990, 2, 1), excused=True) for i in range(2)]
    people += [_person(world.c1, 20, date(2025, 4, 2), official=False)]
    bulk_register(actor=None, people=people)
    engine.build_all()
    text = "\n".join(p.text for p in paragraphs(read_sheet(world.province, Period.parse("2025"))))
    assert "miễn công tác và sinh hoạt 2" in text
    claims = check_text(text).claims
    assert claims, text
    assert [c.explanation for c in claims if c.verdict == INCONSISTENT] == [], text
