"""States stored as change points (see :mod:`dangvu.reports.engine`): the period-end rows a
builder wrote before, one per unit, category and month, are reduced to January and the
rows that changed since the month before, with an explicit zero where a row went away —
what the readers now expect. Today's-tree rows are unchanged (stored for their own month)."""

from django.db import migrations

STATES = ("dang_vien.so_luong", "to_chuc.so_luong")  # the state indicators of this release
CHUNK = 5000


def to_change_points(apps, schema_editor):
    Aggregate = apps.get_model("reports", "Aggregate")
    db = schema_editor.connection.alias
    for code in STATES:
        rows = Aggregate.objects.using(db).filter(indicator=code, tree="cuoi_ky")
        months: dict[str, dict] = {}
        fields = ("period", "unit_id", "category", "pk", "own", "own_base", "value", "base")
        for period, unit_id, category, pk, *numbers in (
            rows.order_by("period").values_list(*fields, "period_end", "build_id").iterator()
        ):
            months.setdefault(period, {})[(unit_id, category)] = (pk, *numbers)
        drop, zeros = [], []
        for period, current in months.items():
            year, _, month = period.partition("-T")
            if not month or int(month) == 1:
                continue  # January: a checkpoint, kept whole
            before = months.get(f"{year}-T{int(month) - 1:02d}")
            if before is None:
                continue  # the month before was never built: nothing to compare with
            period_end = next(iter(current.values()))[5]
            for key, row in current.items():
                old = before.get(key)
                if old is not None and old[1:5] == row[1:5]:
                    drop.append(row[0])
            for key in before.keys() - current.keys():
                old = before[key]
                if (old[1], old[3]) != (0, 0):
                    zeros.append(
                        Aggregate(
                            indicator=code,
                            period=period,
                            period_end=period_end,
                            tree="cuoi_ky",
                            unit_id=key[0],
                            category=key[1],
                            build_id=old[6],
                        )
                    )
        for start in range(0, len(drop), CHUNK):
            Aggregate.objects.using(db).filter(pk__in=drop[start : start + CHUNK]).delete()
        Aggregate.objects.using(db).bulk_create(zeros, batch_size=CHUNK)


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_documents")]

    operations = [migrations.RunPython(to_change_points, migrations.RunPython.noop)]
