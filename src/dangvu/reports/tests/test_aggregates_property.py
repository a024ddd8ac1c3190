"""Aggregates equal the direct computation, on random trees, reorganisations and records.

Hypothesis builds a province with communes and cells, applies a random sequence of
reorganisations through the org services (merges of communes and of cells, moves, a
dissolution), records study sessions at random units and dates, builds the aggregates with the
engine, and checks every unit's figure in the period-end tree (and today's) against a
computation from the records one by one: each session is followed from its unit through the
lineage (successor, else the parent it had) to a unit alive on the day, and counted in every
unit whose subtree on that day — read with :func:`dangvu.orgs.selectors.subtree_on` — holds it.
"""

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangvu.orgs.models import LineageLink, Unit, UnitKind, UnitVersion
from dangvu.orgs.selectors import subtree_on
from dangvu.orgs.services import create_unit, dissolve_unit, merge_units, move_unit
from dangvu.reports.catalogue import indicator
from dangvu.reports.engine import Builder
from dangvu.reports.models import Aggregate, Build, Tree
from dangvu.reports.periods import Period, PeriodKind
from dangvu.study.models import AudienceKind, StudySession
from dangvu.study.services import create_session

pytestmark = pytest.mark.django_db(transaction=False)

START = date(2024, 1, 1)
TODAY = date(2025, 12, 31)


def _kind(code):
    return UnitKind.objects.get(code=code)


def _build_tree(communes: int, cells: list[int]):
    province = create_unit(
        actor=None, name="Tỉnh thử", kind=_kind("tinh"), parent=None, effective_date=START
    )
    units = [province]
    for c in range(communes):
        commune = create_unit(
            actor=None,
            name=f"Xã {c}",
            kind=_kind("xa"),
            parent=province,
            effective_date=START,
        )
        units.append(commune)
        for k in range(cells[c]):
            units.append(
                create_unit(
                    actor=None,
                    name=f"Chi bộ {c}.{k}",
                    kind=_kind("chi_bo"),
                    parent=commune,
                    effective_date=START,
                )
            )
    return province, units


def _alive(kind_code: str, day: date) -> list[Unit]:
    ids = UnitVersion.objects.valid_on(day).filter(kind__code=kind_code).values("unit_id")
    return list(Unit.objects.filter(pk__in=ids).order_by("pk"))


def _apply(op, day: date) -> None:
    kind, a, b = op
    communes, cells = _alive("xa", day), _alive("chi_bo", day)
    if kind == "merge_communes" and len(communes) >= 2:
        source, target = communes[a % len(communes)], communes[b % len(communes)]
        if source != target:
            merge_units(actor=None, sources=[source], into=target, effective_date=day)
    elif kind == "merge_cells" and len(cells) >= 2:
        first, second = cells[a % len(cells)], cells[b % len(cells)]
        if first != second:
            parent = UnitVersion.objects.valid_on(day).get(unit=first).parent
            merge_units(
                actor=None,
                sources=[first, second],
                new_name=f"Chi bộ hợp nhất {first.pk}-{second.pk}",
                new_kind=_kind("chi_bo"),
                new_parent=parent,
                effective_date=day,
            )
    elif kind == "move_cell" and cells and len(communes) >= 2:
        cell = cells[a % len(cells)]
        target = communes[b % len(communes)]
        if UnitVersion.objects.valid_on(day).get(unit=cell).parent_id != target.pk:
            move_unit(actor=None, unit=cell, new_parent=target, effective_date=day)
    elif kind == "dissolve_cell" and cells:
        dissolve_unit(actor=None, unit=cells[a % len(cells)], effective_date=day)


def _counted_at(unit: Unit, day: date) -> Unit | None:
    """One record's unit followed to the unit alive on ``day`` (the test's own walk)."""
    current = unit
    for _ in range(50):
        if UnitVersion.objects.valid_on(day).filter(unit=current).exists():
            return current
        link = (
            LineageLink.objects.filter(predecessor=current, effective_date__lte=day)
            .order_by("-effective_date", "id")
            .first()
        )
        if link is not None:
            current = link.successor
            continue
        last = UnitVersion.objects.filter(unit=current).order_by("-valid_from").first()
        if last is None or last.parent is None:
            return None
        current = last.parent
    return None


def _direct(period: Period, day: date) -> dict[int, tuple[int, int, int]]:
    """unit alive on ``day`` → (sessions, attended, expected) of its subtree, record by record."""
    placed = []
    for session in StudySession.objects.filter(date__gte=period.start, date__lte=period.end):
        at = _counted_at(session.unit, day)
        if at is not None:
            group = session.groups.get()
            placed.append((at.pk, group.attended, group.expected))
    result = {}
    for version in UnitVersion.objects.valid_on(day):
        inside = set(subtree_on(version.unit, day).values_list("unit_id", flat=True))
        rows = [p for p in placed if p[0] in inside]
        if rows:
            result[version.unit_id] = (
                len(rows),
                sum(r[1] for r in rows),
                sum(r[2] for r in rows),
            )
    return result


def _rows(code: str, period: Period, tree: str) -> dict[int, tuple[int, int | None]]:
    """unit → (value, base) as a reader in ``tree`` sees it: in today's tree a unit alive
    today falls back on its period-end row where no today's row was stored."""
    found: dict = {}
    alive_today = set(UnitVersion.objects.valid_on(TODAY).values_list("unit_id", flat=True))
    for unit_id, row_tree, value, base in Aggregate.objects.filter(
        indicator=code, period=period.code, category=""
    ).values_list("unit_id", "tree", "value", "base"):
        if row_tree == tree:
            found[unit_id] = (value, base)
        elif tree == Tree.TODAY and unit_id in alive_today:
            found.setdefault(unit_id, (value, base))
    return found


def _stored(period: Period, tree: str) -> dict[int, tuple[int, int, int]]:
    sessions = _rows("hoc_tap.hoi_nghi", period, tree)
    rates = _rows("hoc_tap.tham_gia", period, tree)
    return {
        u: (n, *(rates.get(u) or (0, 0)))
        for u, (n, _base) in sessions.items()
        if n  # an explicit zero: the unit lost its records to another since the period's end
    }


operations = st.lists(
    st.tuples(
        st.sampled_from(["merge_communes", "merge_cells", "move_cell", "dissolve_cell"]),
        st.integers(0, 20),
        st.integers(0, 20),
    ),
    min_size=1,
    max_size=4,
)
records = st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 700), st.integers(1, 60), st.integers(0, 60)),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    communes=st.integers(2, 3),
    cells=st.lists(st.integers(1, 3), min_size=3, max_size=3),
    ops=operations,
    sessions=records,
    period_kind=st.sampled_from(["2024", "2025", "2025-Q3", "2025-6T"]),
)
def test_aggregates_equal_the_direct_computation(communes, cells, ops, sessions, period_kind):
    with transaction.atomic():
        _province, _units = _build_tree(communes, cells)
        audience = AudienceKind.objects.order_by("pk").first()
        # records before, between and after the reorganisations
        op_days = sorted(
            START + timedelta(days=120 + 150 * i + op[1] % 30) for i, op in enumerate(ops)
        )
        schedule = sorted(
            [(d, "op", op) for d, op in zip(op_days, ops, strict=True)]
            + [(START + timedelta(days=s[1]), "session", s) for s in sessions],
            key=lambda item: (item[0], item[1]),
        )
        for day, what, item in schedule:
            if what == "op":
                _apply(item, day)
                continue
            pick, _offset, expected, attended = item
            alive = UnitVersion.objects.valid_on(day).order_by("unit_id")
            version = alive[pick % alive.count()]
            create_session(
                actor=None,
                unit=version.unit,
                date=day,
                title=f"Hội nghị {version.unit_id} {day}",
                groups=[
                    {"kind": audience, "expected": expected, "attended": min(attended, expected)}
                ],
            )
        period = Period.parse(period_kind)
        builder = Builder(kind=Build.FULL, on=TODAY)
        for code in ("hoc_tap.hoi_nghi", "hoc_tap.tham_gia"):
            builder.store(indicator(code), period)
        assert _stored(period, Tree.PERIOD_END) == _direct(period, min(period.end, TODAY))
        if builder.tree_changed_after(period.end):
            assert _stored(period, Tree.TODAY) == _direct(period, TODAY)
            # today's rows only where they differ from the period end's
            at_end = {
                (r.indicator, r.unit_id): (r.own, r.own_base, r.value, r.base)
                for r in Aggregate.objects.filter(tree=Tree.PERIOD_END)
            }
            for r in Aggregate.objects.filter(tree=Tree.TODAY):
                assert at_end.get((r.indicator, r.unit_id)) != (r.own, r.own_base, r.value, r.base)
        else:
            assert not Aggregate.objects.filter(tree=Tree.TODAY).exists()
        transaction.set_rollback(True)


def test_period_kinds_cover_the_year():
    assert Period(2025, PeriodKind.QUARTER, 1).previous() == Period(2024, PeriodKind.QUARTER, 4)
    assert Period(2025, PeriodKind.MONTH, 1).previous() == Period(2024, PeriodKind.MONTH, 12)
    assert Period(2025, PeriodKind.HALF).year_before() == Period(2024, PeriodKind.HALF)
