"""Each tree change writes versions, lineage and audit together, and refuses bad changes."""

from datetime import date

import pytest
from conftest import REFORM, kind
from django.core.exceptions import ValidationError

from dangvu.audit.models import AuditEntry
from dangvu.orgs import selectors, services
from dangvu.orgs.models import LineageEvent, Unit, UnitVersion

LATER = date(2026, 1, 1)


def counts():
    return (
        Unit.objects.count(),
        UnitVersion.objects.count(),
        LineageEvent.objects.count(),
        AuditEntry.objects.count(),
    )


def test_create_records_version_event_and_audit(world):
    actor = world.users["province"]
    unit = services.create_unit(
        actor=actor,
        name="  Chi bộ   thôn Mới ",
        kind=kind("chi_bo"),
        parent=world.commune_a,
        effective_date=LATER,
        decision=services.Decision(number="12-QĐ/ĐU", date=LATER),
    )
    assert unit.name == "Chi bộ thôn Mới"
    assert unit.path == f"{world.commune_a.path}{unit.pk}/"
    version = unit.versions.get()
    assert (version.valid_from, version.valid_to, version.parent_id) == (
        LATER,
        None,
        world.commune_a.pk,
    )
    entry = AuditEntry.objects.get(object_type="orgs.unit", object_id=str(unit.pk))
    assert (
        entry.actor == actor and entry.before is None and entry.after["name"] == "Chi bộ thôn Mới"
    )
    assert "12-QĐ/ĐU" in entry.reason


def test_kind_matrix_is_enforced(world):
    before = counts()
    with pytest.raises(ValidationError, match="không được trực thuộc"):
        services.create_unit(
            actor=None,
            name="Đảng bộ sai chỗ",
            kind=kind("huyen"),
            parent=world.c1,
            effective_date=LATER,
        )
    assert counts() == before


def test_parent_must_be_alive_on_the_date(world):
    with pytest.raises(ValidationError, match="không hoạt động"):
        services.create_unit(
            actor=None,
            name="Chi bộ muộn",
            kind=kind("chi_bo"),
            parent=world.x1,
            effective_date=LATER,
        )


def test_duplicate_sibling_name_refused_whatever_the_tone_placement(world):
    services.create_unit(
        actor=None,
        name="Chi bộ thôn Hòa",
        kind=kind("chi_bo"),
        parent=world.commune_a,
        effective_date=LATER,
    )
    with pytest.raises(ValidationError, match="Đã có tổ chức"):
        services.create_unit(
            actor=None,
            name="chi bộ thôn hoà",
            kind=kind("chi_bo"),
            parent=world.commune_a,
            effective_date=LATER,
        )


def test_rename_keeps_history(world):
    services.rename_unit(actor=None, unit=world.c1, name="Chi bộ thôn Một", effective_date=LATER)
    assert selectors.version_on(world.c1, date(2025, 12, 31)).name == "Chi bộ thôn 1"
    assert selectors.version_on(world.c1, LATER).name == "Chi bộ thôn Một"
    assert Unit.objects.get(pk=world.c1.pk).name == "Chi bộ thôn Một"


def test_change_dated_before_the_last_one_is_refused(world):
    before = counts()
    with pytest.raises(ValidationError, match="phải sau lần thay đổi gần nhất"):
        services.rename_unit(
            actor=None, unit=world.c1, name="Tên lùi", effective_date=date(2020, 1, 1)
        )
    assert counts() == before


def test_concurrent_edit_is_detected(world):
    stale = world.c1.revision
    services.rename_unit(
        actor=None,
        unit=world.c1,
        name="Chi bộ thôn Một",
        effective_date=LATER,
        expected_revision=stale,
    )
    with pytest.raises(ValidationError, match="vừa được người khác thay đổi"):
        services.rename_unit(
            actor=None,
            unit=world.c1,
            name="Chi bộ thôn Nhất",
            effective_date=date(2026, 2, 1),
            expected_revision=stale,
        )
    assert Unit.objects.get(pk=world.c1.pk).name == "Chi bộ thôn Một"


def test_move_repaths_subtree_and_keeps_old_placement(world):
    services.create_unit(
        actor=None,
        name="Tổ đảng số 1",
        kind=kind("to_dang"),
        parent=world.c1,
        effective_date=date(2025, 9, 1),
    )
    services.move_unit(actor=None, unit=world.c1, new_parent=world.commune_b, effective_date=LATER)
    c1 = Unit.objects.get(pk=world.c1.pk)
    assert c1.path == f"{world.commune_b.path}{c1.pk}/" and c1.parent_id == world.commune_b.pk
    team = Unit.objects.get(name="Tổ đảng số 1")
    assert team.path == f"{c1.path}{team.pk}/"
    assert [v.unit_id for v in selectors.ancestors_on(team, LATER)][-2:] == [
        world.commune_b.pk,
        c1.pk,
    ]
    assert [v.unit_id for v in selectors.ancestors_on(team, date(2025, 12, 31))][-2:] == [
        world.commune_a.pk,
        c1.pk,
    ]


def test_move_into_own_subtree_is_refused(world):
    with pytest.raises(ValidationError):
        services.move_unit(
            actor=None, unit=world.commune_a, new_parent=world.c1, effective_date=LATER
        )


def test_dissolve_with_alive_children_is_refused(world):
    before = counts()
    with pytest.raises(ValidationError, match="còn 3 tổ chức trực thuộc"):
        services.dissolve_unit(actor=None, unit=world.commune_a, effective_date=LATER)
    assert counts() == before


def test_merge_into_existing_unit(world):
    services.merge_units(
        actor=None, sources=[world.commune_b], into=world.commune_a, effective_date=LATER
    )
    assert Unit.objects.get(pk=world.commune_b.pk).ended_on == LATER
    assert [u.pk for u in selectors.successors_on(world.x3, LATER)] == [world.commune_a.pk]
    assert world.c4.pk in {v.unit_id for v in selectors.subtree_on(world.commune_a, LATER)}


def test_split_assigns_children_and_maps_lineage(world):
    kind_xa = kind("xa")
    created = services.split_unit(
        actor=None,
        unit=world.commune_a,
        effective_date=LATER,
        parts=[
            services.SplitPart(name="Đảng bộ xã An", kind=kind_xa, children=[world.c1, world.c2]),
            services.SplitPart(name="Đảng bộ xã Hòa", kind=kind_xa, children=[world.c3]),
        ],
    )
    assert {u.pk for u in selectors.successors_on(world.commune_a, LATER)} == {
        u.pk for u in created
    }
    # two hops: old commune X1 → A → {An, Hòa}
    assert {u.pk for u in selectors.successors_on(world.x1, LATER)} == {u.pk for u in created}


def test_split_with_unassigned_child_writes_nothing(world):
    before = counts()
    with pytest.raises(ValidationError, match="chưa được phân"):
        services.split_unit(
            actor=None,
            unit=world.commune_a,
            effective_date=LATER,
            parts=[
                services.SplitPart(name="Đảng bộ xã An", kind=kind("xa"), children=[world.c1]),
                services.SplitPart(name="Đảng bộ xã Hòa", kind=kind("xa"), children=[world.c3]),
            ],
        )
    assert counts() == before


def test_reform_history_has_decision_references(world):
    events = selectors.history_of(world.x1)
    merged = [e for e in events if e.kind == "merged"]
    assert merged and merged[0].decision_text.startswith("Quyết định số 1234-QĐ/TU ngày 30/06/2025")
    assert merged[0].effective_date == REFORM


def test_merge_on_the_day_a_cell_was_created_or_moved_in(world):
    """One decision can create or move a cell and merge its commune on the same day."""
    day = date(2026, 3, 1)
    new_cell = services.create_unit(
        actor=None,
        name="Chi bộ thôn Mới",
        kind=kind("chi_bo"),
        parent=world.commune_b,
        effective_date=day,
    )
    services.move_unit(actor=None, unit=world.c1, new_parent=world.commune_b, effective_date=day)
    services.merge_units(
        actor=None, sources=[world.commune_b], into=world.commune_a, effective_date=day
    )
    for cell in (new_cell, world.c1, world.c4):
        cell = Unit.objects.get(pk=cell.pk)
        version = cell.versions.get(valid_to__isnull=True)
        assert (cell.parent_id, version.parent_id) == (world.commune_a.pk, world.commune_a.pk)
        assert cell.path == version.path == f"{world.commune_a.path}{cell.pk}/"
    # the day before, c1 was still in A's old place and c4 in B
    assert selectors.version_on(world.c4, date(2026, 2, 28)).parent_id == world.commune_b.pk


def test_merge_query_count_does_not_grow_with_children(world, django_assert_max_num_queries):
    for i in range(40):
        services.create_unit(
            actor=None,
            name=f"Chi bộ số {i}",
            kind=kind("chi_bo"),
            parent=world.commune_b,
            effective_date=date(2025, 9, 1),
        )
    with django_assert_max_num_queries(40):
        services.merge_units(
            actor=None, sources=[world.commune_b], into=world.commune_a, effective_date=LATER
        )
    assert len(list(selectors.subtree_on(world.commune_a, LATER))) == 1 + 3 + 41
