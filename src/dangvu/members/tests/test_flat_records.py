"""A row of the national clean-up export becomes a valid history, or names the field at fault."""

from datetime import date

import pytest

from dangvu.members.flat_records import RecordError, history_from_record
from dangvu.members.lifecycle import EventKind


class FakeUnit:
    def __init__(self, pk, created_on):
        self.pk, self.created_on = pk, created_on


OLD_CELL = FakeUnit(7, date(1990, 1, 1))
NEW_CELL = FakeUnit(8, date(2025, 7, 1))
ROW = {
    "ten": "An",
    "ho": "Lê",
    "gender": "nam",
    "birth_date": date(1970, 1, 1),
    "admission_date": date(1995, 5, 10),
    "official_date": date(1996, 5, 10),
}


def kinds(history):
    return sorted((e["date"], e["kind"]) for e in history["events"])


def test_official_member_in_an_old_cell():
    history = history_from_record(dict(ROW), OLD_CELL)
    assert kinds(history) == [
        (date(1995, 5, 10), EventKind.ADMISSION),
        (date(1996, 5, 10), EventKind.RECOGNITION),
    ]
    assert history["events"][0]["unit"] is OLD_CELL
    assert history["identity"]["ten"] == "An" and "admission_date" not in history["identity"]


def test_unit_created_after_admission_gets_an_unknown_earlier_place():
    history = history_from_record(dict(ROW), NEW_CELL)
    assert kinds(history) == [
        (date(1995, 5, 10), EventKind.ADMISSION),
        (date(1996, 5, 10), EventKind.RECOGNITION),
        (date(2025, 7, 1), EventKind.TRANSFER),
    ]
    assert history["events"][0]["external"]


def test_missing_ceremony_is_inferred_from_the_official_date():
    row = ROW | {"admission_date": date(1995, 4, 20), "official_date": date(1996, 5, 1)}
    history = history_from_record(row, OLD_CELL)
    assert history["events"][0]["ceremony_date"] == date(1995, 5, 1)
    with pytest.raises(RecordError):  # cannot infer a ceremony before the admission decision
        history_from_record(ROW | {"official_date": date(1996, 3, 1)}, OLD_CELL)


def test_official_too_early_names_the_field():
    with pytest.raises(RecordError) as exc:
        history_from_record(
            ROW | {"ceremony_date": date(1995, 5, 20), "official_date": date(1996, 1, 1)}, OLD_CELL
        )
    assert exc.value.field == "official_date"


def test_status_with_its_date():
    history = history_from_record(
        ROW | {"status": "tu_tran", "left_on": date(2020, 2, 2)}, OLD_CELL
    )
    assert kinds(history)[-1] == (date(2020, 2, 2), EventKind.DIED)
    with pytest.raises(RecordError) as exc:
        history_from_record(ROW | {"status": "mien_sinh_hoat"}, OLD_CELL)
    assert exc.value.field == "left_on"
    with pytest.raises(RecordError) as exc:
        history_from_record(
            ROW | {"status": "khai_tru", "official_date": None, "left_on": date(1995, 9, 1)},
            OLD_CELL,
        )
    assert "dự bị" in exc.value.reason


def test_cards_old_and_new():
    history = history_from_record(
        ROW
        | {
            "card_number": "012345678901",
            "old_card_number": "01.234567",
            "card_issued_on": date(2025, 9, 2),
        },
        OLD_CELL,
    )
    assert [c["number"] for c in history["cards"]] == ["01.234567", "012345678901"]


def test_member_who_left_before_the_unit_was_recorded_stays_with_that_unit():
    """Found by re-importing the demo's export: a member who left in 2010 of a cell recorded
    from 2015 must not be 'transferred' into it after leaving."""
    row = ROW | {"status": "xoa_ten", "left_on": date(2010, 4, 1)}
    history = history_from_record(row, FakeUnit(9, date(2015, 1, 1)))
    assert kinds(history) == [
        (date(1995, 5, 10), EventKind.ADMISSION),
        (date(1996, 5, 10), EventKind.RECOGNITION),
        (date(2010, 4, 1), EventKind.STRUCK_OFF),
    ]
    assert history["events"][0]["unit"].pk == 9
