"""Property: after any sequence of reorganisations, the one-query readers agree with a
plain walk of the version rows (parent links followed in Python)."""

from datetime import date, timedelta

from conftest import kind
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangvu.orgs import selectors, services
from dangvu.orgs.models import Unit, UnitVersion

START = date(2015, 1, 1)

operations = st.lists(
    st.tuples(
        st.sampled_from(["cell", "team", "rename", "move_cell", "move_team", "merge", "dissolve"]),
        st.integers(min_value=0, max_value=10_000),
        st.integers(min_value=1, max_value=400),
    ),
    min_size=5,
    max_size=30,
)


def alive(kind_code):
    return list(Unit.objects.filter(ended_on__isnull=True, kind__code=kind_code).order_by("pk"))


def apply(op, pick, day, counter):
    communes, cells, teams = alive("xa"), alive("chi_bo"), alive("to_dang")
    name = f"Đơn vị {counter}"

    def choose(items):
        return items[pick % len(items)] if items else None

    if op == "cell" and communes:
        services.create_unit(
            actor=None, name=name, kind=kind("chi_bo"), parent=choose(communes), effective_date=day
        )
    elif op == "team" and cells:
        services.create_unit(
            actor=None, name=name, kind=kind("to_dang"), parent=choose(cells), effective_date=day
        )
    elif op == "rename":
        unit = choose(communes + cells + teams)
        services.rename_unit(actor=None, unit=unit, name=name, effective_date=day)
    elif op == "move_cell" and len(communes) > 1 and cells:
        cell = choose(cells)
        target = next(
            c for c in communes[pick % len(communes) :] + communes if c.pk != cell.parent_id
        )
        services.move_unit(actor=None, unit=cell, new_parent=target, effective_date=day)
    elif op == "move_team" and len(cells) > 1 and teams:
        team = choose(teams)
        target = next(c for c in cells[pick % len(cells) :] + cells if c.pk != team.parent_id)
        services.move_unit(actor=None, unit=team, new_parent=target, effective_date=day)
    elif op == "merge" and len(communes) > 1:
        first = choose(communes)
        second = next(c for c in communes if c.pk != first.pk)
        services.merge_units(
            actor=None,
            sources=[first, second],
            new_name=name,
            new_kind=kind("xa"),
            new_parent=first.parent,
            effective_date=day,
        )
    elif op == "dissolve" and teams:
        services.dissolve_unit(actor=None, unit=choose(teams), effective_date=day)


def reference_ancestors(unit_id, day, versions):
    chain, current = [], versions.get(unit_id)
    while current is not None and current.parent_id is not None:
        chain.append(current.parent_id)
        current = versions.get(current.parent_id)
    return list(reversed(chain))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=operations, probes=st.lists(st.integers(0, 4000), min_size=3, max_size=6))
def test_readers_agree_with_a_walk_of_the_versions(db, ops, probes):
    with transaction.atomic():
        province = services.create_unit(
            actor=None, name="Tỉnh", kind=kind("tinh"), parent=None, effective_date=START
        )
        for i in range(3):
            services.create_unit(
                actor=None, name=f"Xã {i}", kind=kind("xa"), parent=province, effective_date=START
            )
        day = START
        for counter, (op, pick, step) in enumerate(ops):
            day += timedelta(days=step)
            apply(op, pick, day, counter)
        for offset in probes:
            probe = START + timedelta(days=offset)
            versions = {v.unit_id: v for v in UnitVersion.objects.valid_on(probe)}
            for unit_id in versions:
                expected = reference_ancestors(unit_id, probe, versions)
                unit = Unit(pk=unit_id)
                assert [v.unit_id for v in selectors.ancestors_on(unit, probe)] == expected
                subtree = {v.unit_id for v in selectors.subtree_on(unit, probe)}
                assert subtree == {
                    other
                    for other in versions
                    if other == unit_id or unit_id in reference_ancestors(other, probe, versions)
                }
            # alive units live at their open version's path; ended ones below a living place
            for unit in Unit.objects.all():
                if unit.ended_on is None:
                    assert unit.versions.get(valid_to__isnull=True).path == unit.path
        transaction.set_rollback(True)
