"""The commit takes the rows its validation checked, and only when nothing they depend on moved."""

import io
from pathlib import Path

import pytest
from django.conf import settings

from dangvu.imports import members_pipeline
from dangvu.imports.tests.test_member_import import GOOD, xlsx
from dangvu.members.models import Member, MemberEvent, MemberPeriod
from dangvu.orgs.services import create_unit


def stored_checks() -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / "import-checks"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def cleanings(monkeypatch):
    """How many rows were cleaned (validation and commit alike)."""
    calls = []
    original = members_pipeline._clean_row

    def counting(*args):
        calls.append(args[0])
        return original(*args)

    monkeypatch.setattr(members_pipeline, "_clean_row", counting)
    return calls


def written():
    return (
        sorted(Member.objects.values_list("full_name", "cccd", "unit_id", "party_since")),
        sorted(MemberEvent.objects.values_list("member__full_name", "kind", "date", "unit_id")),
        sorted(MemberPeriod.objects.values_list("member__full_name", "status", "start", "end")),
    )


def test_commit_uses_the_validated_rows_and_writes_the_same(world, cleanings):
    data = xlsx(GOOD).getvalue()
    result = members_pipeline.validate(io.BytesIO(data), "ds.xlsx", scope_unit=world.commune_a)
    assert result.ok and len(cleanings) == 2
    assert [p.suffix for p in stored_checks()] == [".mac", ".pickle"]
    outcome = members_pipeline.commit(
        io.BytesIO(data), "ds.xlsx", scope_unit=world.commune_a, actor=None
    )
    assert (outcome.created, outcome.problems) == (2, [])
    assert len(cleanings) == 2  # no row cleaned a second time
    assert stored_checks() == []  # the commit removes what it used
    via_checks = written()

    again = members_pipeline.commit(
        io.BytesIO(data), "ds.xlsx", scope_unit=world.commune_a, actor=None
    )
    assert len(cleanings) == 4  # nothing stored any more: cleaned and checked again
    assert (again.created, again.unchanged) == (0, 2) and written() == via_checks


def test_a_changed_scope_makes_the_commit_check_again(world, cleanings):
    data = xlsx(GOOD).getvalue()
    assert members_pipeline.validate(io.BytesIO(data), "ds.xlsx", scope_unit=world.commune_a).ok
    create_unit(
        actor=None,
        name="Chi bộ thôn 9",
        kind=world.c1.kind,
        parent=world.commune_a,
        effective_date=world.commune_a.created_on,
    )
    outcome = members_pipeline.commit(
        io.BytesIO(data), "ds.xlsx", scope_unit=world.commune_a, actor=None
    )
    assert outcome.created == 2 and len(cleanings) == 4


def test_a_tampered_store_is_not_read(world, cleanings):
    data = xlsx(GOOD).getvalue()
    assert members_pipeline.validate(io.BytesIO(data), "ds.xlsx", scope_unit=world.commune_a).ok
    pickled = next(p for p in stored_checks() if p.suffix == ".pickle")
    pickled.write_bytes(pickled.read_bytes() + b"x")
    outcome = members_pipeline.commit(
        io.BytesIO(data), "ds.xlsx", scope_unit=world.commune_a, actor=None
    )
    assert outcome.created == 2 and len(cleanings) == 4


def test_a_file_with_errors_keeps_nothing(world):
    bad = [GOOD[0], GOOD[0]]  # the same person twice
    result = members_pipeline.validate(xlsx(bad), "ds.xlsx", scope_unit=world.commune_a)
    assert not result.ok and stored_checks() == []
