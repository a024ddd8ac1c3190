"""Committing import rows: all or nothing, and a second run of the same rows changes nothing."""

from datetime import date

from dangvu.members.importing import commit_rows
from dangvu.members.models import Correction, Member, MemberEvent


def rows(world, **overrides):
    base = [
        {
            "ho": "Trần",
            "ten_dem": "Văn",
            "ten": "Bình",
            "gender": "nam",
            "birth_date": date(1975, 3, 2),
            "cccd": "001075000123",
            "admission_date": date(2000, 5, 5),
            "official_date": date(2001, 5, 19),
            "card_number": "012345678901",
        },
        {
            "ho": "Lò",
            "ten_dem": "Thị",
            "ten": "Mai",
            "gender": "nu",
            "birth_date": date(1999, 9, 9),
            "admission_date": date(2025, 1, 10),
            "ceremony_date": date(2025, 1, 20),
        },
    ]
    base[0].update(overrides)
    return [(i + 2, values, world.c1) for i, values in enumerate(base)]


def existing_ids(batch):
    ids = {m.cccd or m.full_name: m.pk for m in Member.objects.all()}
    for _, values, _ in batch:
        key = values.get("cccd") or f"{values['ho']} {values['ten_dem']} {values['ten']}"
        values["existing_id"] = ids.get(key)
    return batch


def test_commit_then_rerun_changes_nothing(world):
    first = commit_rows(actor=None, rows=rows(world), source_name="dv.xlsx")
    assert (first.created, first.problems) == (2, [])
    events = MemberEvent.objects.count()
    again = commit_rows(actor=None, rows=existing_ids(rows(world)), source_name="dv.xlsx")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Member.objects.count() == 2 and MemberEvent.objects.count() == events


def test_rerun_with_a_changed_field_writes_a_correction(world):
    commit_rows(actor=None, rows=rows(world), source_name="dv.xlsx")
    result = commit_rows(
        actor=None, rows=existing_ids(rows(world, ten_dem="Văn Hữu")), source_name="dv-sua.xlsx"
    )
    assert (result.updated, result.unchanged) == (1, 1)
    correction = Correction.objects.get()
    assert (correction.old_value, correction.new_value) == ("Văn", "Văn Hữu")
    assert correction.reason == "Nhập từ tệp dv-sua.xlsx"


def test_one_bad_row_commits_nothing(world):
    batch = rows(world, official_date=date(2000, 6, 1))  # official after only one month
    result = commit_rows(actor=None, rows=batch, source_name="x.xlsx")
    assert result.created == 0 and Member.objects.count() == 0
    assert [(p.row, p.field) for p in result.problems] == [(2, "official_date")]


def test_reimport_of_a_snapshot_adds_only_what_happened_since(world):
    """Found in the browser: re-importing the demo's export failed because the file's
    recognition (dated at probation end) differed from the registry's decision date."""
    from dangvu.members import services
    from dangvu.members.lifecycle import EventKind

    commit_rows(actor=None, rows=rows(world), source_name="dv.xlsx")
    binh = Member.objects.get(ten="Bình")
    services.void_event(
        actor=None, member=binh, event=binh.events.get(kind=EventKind.RECOGNITION), reason="nhầm"
    )
    services.record_event(
        actor=None, member=binh, kind=EventKind.RECOGNITION, date=date(2001, 7, 1)
    )  # decided later than the file's date
    later = rows(world, status="tu_tran", left_on=date(2024, 3, 3))
    result = commit_rows(actor=None, rows=existing_ids(later), source_name="dv2.xlsx")
    assert (result.problems, result.updated) == ([], 1)
    kinds = list(binh.events.filter(voided_by__isnull=True).values_list("kind", flat=True))
    assert kinds.count(EventKind.RECOGNITION) == 1 and EventKind.DIED in kinds


def test_reimport_does_not_turn_a_struck_off_member_into_a_resignation(world):
    from dangvu.members import services
    from dangvu.members.lifecycle import EventKind

    commit_rows(actor=None, rows=rows(world), source_name="dv.xlsx")
    binh = Member.objects.get(ten="Bình")
    services.record_event(
        actor=None,
        member=binh,
        kind=EventKind.STRUCK_OFF,
        date=date(2020, 1, 1),
        ground="Bỏ sinh hoạt",
    )
    snapshot = rows(world, status="ra_khoi_dang", left_on=date(2020, 1, 1))
    result = commit_rows(actor=None, rows=existing_ids(snapshot), source_name="dv3.xlsx")
    assert result.problems == [] and result.unchanged == 2
