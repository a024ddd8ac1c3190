"""States stored as change points read back as the whole state, month by month.

A state (members by status, gender, away; units by kind) is stored in full in January and,
in later months, only where it changed since the month before (an explicit zero where a row
went away). Hypothesis builds a province, admits members at random cells and dates, records
random lifecycle events and reorganisations, builds every month of two years, and checks
that reading each state as a reader does (:func:`~dangvu.reports.engine.read_codes`, then
:func:`~dangvu.reports.selectors.pick_row`) gives, for every unit and category, the numbers
the engine computes for that month from the records — in the period-end tree and in today's;
and again after an incremental refresh that takes in one more event.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangvu.members.lifecycle import EventKind
from dangvu.members.tests.admitting import admit, event
from dangvu.orgs.models import UnitVersion
from dangvu.orgs.selectors import ancestors_on
from dangvu.reports.catalogue import STATE, catalogue
from dangvu.reports.engine import (
    Builder,
    build_all,
    read_codes,
    refresh,
    reporting_periods,
)
from dangvu.reports.models import Aggregate, Build, Tree
from dangvu.reports.periods import Period, PeriodKind
from dangvu.reports.selectors import pick_row

from .test_aggregates_property import START, TODAY, _alive, _apply, _build_tree

pytestmark = pytest.mark.django_db(transaction=False)

STATES = [item for item in catalogue().values() if item.kind == STATE]
MONTHS = [Period(y, PeriodKind.MONTH, m) for y in (2024, 2025) for m in range(1, 13)]


def _stored() -> dict:
    return {
        (row[0], row[1], *row[2:5]): (*row[5:], row[0], row[1])
        for row in Aggregate.objects.values_list(
            "tree", "period", "unit_id", "indicator", "category", "value", "base", "build_id"
        )
    }


def _check_every_month(periods) -> None:
    found = _stored()
    fresh = Builder(kind=Build.INCREMENTAL, on=TODAY)
    alive_today = set(UnitVersion.objects.valid_on(TODAY).values_list("unit_id", flat=True))
    for item in STATES:
        for period in periods:
            numbers = fresh.numbers(item, period)
            at_end, today = numbers[Tree.PERIOD_END], numbers.get(Tree.TODAY, {})
            codes = read_codes(item, period, on=TODAY)
            keys = (
                set(at_end)
                | set(today)
                | {(k[2], k[4]) for k in found if k[3] == item.code and k[1] in codes}
            )
            for unit_id, category in keys:
                key = (unit_id, item.code, category)
                row = pick_row(found, key, codes, Tree.PERIOD_END)
                expected = at_end.get((unit_id, category), (0, None, 0, None))
                assert (row[0] if row else 0) == expected[2], (item.code, period, key)
                assert (row[1] if row else None) == expected[3], (item.code, period, key)
                if unit_id in alive_today and today:
                    row = pick_row(found, key, codes, Tree.TODAY)
                    expected = today.get((unit_id, category)) or expected
                    assert (row[0] if row else 0) == expected[2], ("today", period, key)


people = st.lists(
    st.tuples(
        st.integers(0, 30),  # cell
        st.integers(-400, 700),  # admission day from START
        st.sampled_from(["", "official", "transfer", "excused", "died", "struck_off"]),
        st.integers(1, 500),  # days after admission of the event
        st.integers(0, 30),  # transfer target cell
        st.sampled_from(["nam", "nu"]),
    ),
    min_size=1,
    max_size=10,
)
reorganisations = st.lists(
    st.tuples(
        st.sampled_from(["merge_communes", "merge_cells", "move_cell", "dissolve_cell"]),
        st.integers(0, 20),
        st.integers(0, 20),
    ),
    max_size=3,
)


def _event(member, what: str, day: date, target) -> None:
    kinds = {
        "official": (EventKind.RECOGNITION, {}),
        "transfer": (EventKind.TRANSFER, {"unit": target}),
        "excused": (EventKind.EXCUSED, {"ground": "Tuổi cao"}),
        "died": (EventKind.DIED, {}),
        "struck_off": (EventKind.STRUCK_OFF, {"ground": "Bỏ sinh hoạt"}),
    }
    kind, details = kinds[what]
    try:
        with transaction.atomic():
            event(member, kind, day, **details)
    except ValidationError:
        pass  # a random event the lifecycle refuses (e.g. after a death): not recorded


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    communes=st.integers(2, 3),
    cells=st.lists(st.integers(1, 3), min_size=3, max_size=3),
    members=people,
    ops=reorganisations,
    late=st.integers(0, 540),
)
def test_change_points_read_back_as_the_whole_state(communes, cells, members, ops, late):
    with transaction.atomic():
        _build_tree(communes, cells)
        for i, op in enumerate(ops):
            _apply(op, START + timedelta(days=100 + 170 * i + op[1] % 30))
        admitted = []
        for cell, offset, what, after, target, gender in sorted(members, key=lambda m: m[1]):
            day = START + timedelta(days=offset)
            alive = _alive("chi_bo", max(day, START))
            if not alive:
                continue
            member = admit(alive[cell % len(alive)], "Nguyễn Văn An", day, gender=gender)
            admitted.append(member)
            if what:
                when = min(max(day, START) + timedelta(days=after), TODAY)
                cells_then = _alive("chi_bo", when)
                _event(member, what, when, cells_then[target % len(cells_then)])
        build_all(first_year=2024, on=TODAY)
        _check_every_month(MONTHS)
        # a later event, taken in by the incremental refresh, reads back the same way
        if admitted:
            when = START + timedelta(days=late)
            _event(admitted[0], "excused", when, None)
            refresh(first_year=2024, on=TODAY)
            _check_every_month(MONTHS)
        transaction.set_rollback(True)


def test_a_month_stores_only_what_changed(world):
    """Two members in January; one more in June: June's rows are the new member's chain of
    units (and categories) only; no rows in months with no change (July has the tree's
    reorganisation); a death makes an explicit zero."""
    admit(world.c1, "Lê Văn Một", date(2024, 11, 5))
    admit(world.c2, "Lê Thị Hai", date(2024, 11, 5), gender="nu")
    third = admit(world.c3, "Lê Văn Ba", date(2025, 6, 10))
    event(third, EventKind.DIED, date(2025, 9, 2))
    build_all(first_year=2025, on=date(2025, 12, 31))
    rows = Aggregate.objects.filter(indicator="dang_vien.so_luong", tree=Tree.PERIOD_END)
    chain = {v.unit_id for v in ancestors_on(world.c3, date(2025, 6, 30))} | {world.c3.pk}

    def month(number):
        return {
            (r.unit_id, r.category): r.value
            for r in rows.filter(period=Period(2025, PeriodKind.MONTH, number).code)
        }

    assert {unit for unit, _ in month(1)} >= {world.c1.pk, world.c2.pk, world.province.pk}
    june = month(6)
    assert {unit for unit, _ in june} == chain
    assert june[(world.c3.pk, "")] == 1 and june[(world.province.pk, "")] == 3
    assert all(not month(m) for m in (2, 3, 4, 5, 8, 10, 11, 12))
    assert month(7)  # the reorganisation of 01/07/2025: the new communes' rows
    september = month(9)
    assert september[(world.c3.pk, "")] == 0 and september[(world.province.pk, "")] == 2
    assert september[(world.c3.pk, "trang_thai:du_bi")] == 0
    # the year's figure is December's state, read through its change points
    from dangvu.reports.selectors import read_sheet

    sheet = read_sheet(world.province, Period(2025, PeriodKind.YEAR))
    assert sheet.figure("dang_vien.so_luong").value == 2
    assert sheet.figure("dang_vien.so_luong", "gioi_tinh:nu").value == 1
    assert (
        read_sheet(world.c3, Period(2025, PeriodKind.YEAR)).figure("dang_vien.so_luong").value == 0
    )
    assert (
        read_sheet(world.c3, Period(2025, PeriodKind.QUARTER, 3)).figure("dang_vien.so_luong").value
        == 0
    )
    assert (
        read_sheet(world.c3, Period(2025, PeriodKind.HALF)).figure("dang_vien.so_luong").value == 1
    )


def test_reporting_periods_cover_two_years():
    assert {p for p in reporting_periods(2024, on=TODAY) if p.kind == PeriodKind.MONTH} == set(
        MONTHS
    )


def test_migration_turns_full_months_into_change_points(world):
    """Rows as the builder wrote them before (a full row per unit, category and month) become
    exactly the rows the builder writes now."""
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    from dangvu.fast_insert import insert_rows
    from dangvu.reports.engine import COLUMNS

    admit(world.c1, "Lê Văn Một", date(2024, 11, 5))
    third = admit(world.c3, "Lê Văn Ba", date(2025, 6, 10), gender="nu")
    event(third, EventKind.DIED, date(2025, 9, 2))
    on = date(2025, 12, 31)
    build_all(first_year=2025, on=on)
    fields = ("indicator", "period", "tree", "unit_id", "category", "own", "own_base", "value")
    now = set(Aggregate.objects.values_list(*fields, "base"))
    builder = Builder(kind=Build.FULL, on=on)
    build = builder.build.pk
    for item in STATES:  # the earlier layout: every month in full
        Aggregate.objects.filter(indicator=item.code, tree=Tree.PERIOD_END).delete()
        for number in range(1, 13):
            month = Period(2025, PeriodKind.MONTH, number)
            rows = builder.numbers(item, month)[Tree.PERIOD_END]
            insert_rows(
                Aggregate._meta.db_table,
                COLUMNS,
                [
                    (item.code, month.code, month.end, Tree.PERIOD_END, unit, category, *n, build)
                    for (unit, category), n in rows.items()
                ],
            )
    assert set(Aggregate.objects.values_list(*fields, "base")) != now
    migration = importlib.import_module("dangvu.reports.migrations.0003_state_change_points")
    migration.to_change_points(apps, SimpleNamespace(connection=connection))
    assert set(Aggregate.objects.values_list(*fields, "base")) == now


def test_a_states_months_are_the_codes_between_january_and_the_month():
    """``engine.codes_condition`` reads a state's months as a range of codes (T01 … Tmm): no
    other period code of any kind sorts inside it."""
    from dangvu.reports.periods import periods_of_year, terms_between

    codes = {p.code for y in (2024, 2025, 2026) for p in periods_of_year(y)}
    codes |= {p.code for p in terms_between(date(2015, 1, 1), date(2026, 12, 31))}
    for month in range(1, 13):
        low, high = "2025-T01", f"2025-T{month:02d}"
        inside = {code for code in codes if low <= code <= high}
        assert inside == {f"2025-T{m:02d}" for m in range(1, month + 1)}
