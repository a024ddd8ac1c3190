"""The member's cached standing (status, home unit, since) — ``Timeline.standing`` — filled
from the periods the services derived from the events, then indexed for the member list."""

import django.db.models.deletion
from django.db import migrations, models

CHUNK = 5000
SQLITE_INDEX = "member_sort_filter"  # of 0003, lost when SQLite rebuilds the table


def sqlite_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {SQLITE_INDEX} ON members_member "
            "(sort_key, id, unit_id, name_key, gender, birth_date)"
        )


def fill(apps, schema_editor):
    """For each member: the last period's status and unit, and the start of the run of
    periods at the end with both the same (as ``Timeline.standing`` computes them)."""
    Period = apps.get_model("members", "MemberPeriod")
    connection = schema_editor.connection
    table = connection.ops.quote_name(apps.get_model("members", "Member")._meta.db_table)
    rows = (
        Period.objects.using(connection.alias)
        .order_by("member_id", "-start")
        .values_list("member_id", "start", "status", "unit_id")
        .iterator(chunk_size=CHUNK)
    )
    standing: dict[int, list] = {}
    closed: set[int] = set()  # members whose run has met an earlier, different period

    def flush():
        values = [(s, u, since, pk) for pk, (s, u, since) in standing.items()]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET status = %s, status_unit_id = %s, status_since = %s "
                "WHERE id = %s",
                values,
            )
        standing.clear()
        closed.clear()

    last_member = None
    for member_id, start, status, unit_id in rows:  # newest period first
        if member_id != last_member:
            if len(standing) >= CHUNK:
                flush()
            last_member = member_id
            standing[member_id] = [status, unit_id, start]
            continue
        if member_id in closed:
            continue
        current = standing[member_id]
        if status == current[0] and unit_id == current[1]:
            current[2] = start
        else:
            closed.add(member_id)
    if standing:
        flush()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_list_indexes"),
        ("orgs", "0003_index_tidy"),
    ]

    operations = [
        migrations.AddField(
            model_name="member",
            name="status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("du_bi", "Dự bị"),
                    ("chinh_thuc", "Chính thức"),
                    ("mien_sinh_hoat", "Miễn công tác và sinh hoạt"),
                    ("ra_khoi_dang", "Đã ra khỏi Đảng"),
                    ("tu_tran", "Từ trần"),
                ],
                editable=False,
                max_length=20,
                verbose_name="trạng thái",
            ),
        ),
        migrations.AddField(
            model_name="member",
            name="status_since",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="member",
            name="status_unit",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="orgs.unit",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(sqlite_index, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="member",
            index=models.Index(
                fields=["status_unit", "status", "gender", "status_since"], name="member_standing"
            ),
        ),
        migrations.AddIndex(
            model_name="member",
            index=models.Index(fields=["status_since"], name="member_status_since"),
        ),
    ]
