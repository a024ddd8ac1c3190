"""States stored as change points (see :mod:`dangvu.reports.engine`): the period-end rows a
builder wrote before, one per unit, category and month, are reduced to January and the
rows that changed since the month before, with an explicit zero where a row went away —
what the readers now expect. Today's-tree rows are unchanged (stored for their own month)."""

from itertools import groupby
from operator import itemgetter

from django.db import migrations

STATES = ("dang_vien.so_luong", "to_chuc.so_luong")  # the state indicators of this release
CHUNK = 5000


FIELDS = ("period", "unit_id", "category", "pk", "own", "own_base", "value", "base")
# a row's numbers below: (pk, own, own_base, value, base, period_end, build_id)


def _months(rows):
    """(period, {(unit, category): numbers}) of rows ordered by period (2025-T01 < … < 2025-T12)."""
    for period, group in groupby(rows, key=itemgetter(0)):
        yield period, {(row[1], row[2]): row[3:] for row in group}


def _changes(period: str, current: dict, before_period: str, before: dict):
    """(pks of rows equal to the month before's, explicit zeros to add) of one month."""
    year, _, month = period.partition("-T")
    if not month or int(month) == 1 or before_period != f"{year}-T{int(month) - 1:02d}":
        return [], []  # January (a checkpoint), or the month before was never built
    drop = [row[0] for key, row in current.items() if key in before and before[key][1:5] == row[1:5]]
    period_end = next(iter(current.values()))[5]
    zeros = [
        (key, before[key][6], period_end)
        for key in before.keys() - current.keys()
        if (before[key][1], before[key][3]) != (0, 0)
    ]
    return drop, zeros


def to_change_points(apps, schema_editor):
    """Two months in memory at a time; the table is written once it has been read (SQLite
    does not isolate a read from writes on the same connection)."""
    Aggregate = apps.get_model("reports", "Aggregate")
    db = schema_editor.connection.alias
    for code in STATES:
        rows = Aggregate.objects.using(db).filter(indicator=code, tree="cuoi_ky")
        drop, zeros = [], []
        before_period, before = "", {}
        for period, current in _months(
            rows.order_by("period").values_list(*FIELDS, "period_end", "build_id").iterator()
        ):
            dropped, zeroed = _changes(period, current, before_period, before)
            drop += dropped
            zeros += [(period, *zero) for zero in zeroed]
            before_period, before = period, current
        for start in range(0, len(drop), CHUNK):
            Aggregate.objects.using(db).filter(pk__in=drop[start : start + CHUNK]).delete()
        Aggregate.objects.using(db).bulk_create(
            [
                Aggregate(
                    indicator=code,
                    period=period,
                    period_end=period_end,
                    tree="cuoi_ky",
                    unit_id=unit_id,
                    category=category,
                    build_id=build_id,
                )
                for period, (unit_id, category), build_id, period_end in zeros
            ],
            batch_size=CHUNK,
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_documents")]

    operations = [migrations.RunPython(to_change_points, migrations.RunPython.noop)]
