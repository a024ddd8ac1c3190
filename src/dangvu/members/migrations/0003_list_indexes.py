"""Indexes for the member list (bench/members.py).

* the import's name + birth date lookup gets one index on both; birth_date alone goes;
* the periods' (unit, status, start) index covers end and member on PostgreSQL;
* on SQLite only, the name-order index also holds the columns the list filters on, so that
  walking it in name order tests a name search, the gender or the age band from the index
  and reads a member's row only when it matches (SQLite defers the table seek). PostgreSQL
  reads the row on every step of an index scan, so there the list avoids walking the index
  for a name search instead (``members.selectors.member_list``).
"""

from django.db import migrations, models

SQLITE_INDEX = "member_sort_filter"


def sqlite_forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {SQLITE_INDEX} ON members_member "
            "(sort_key, id, unit_id, name_key, gender, birth_date)"
        )


def sqlite_backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {SQLITE_INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0002_name_trigram_index'),
        ('orgs', '0003_index_tidy'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='member',
            name='member_birth',
        ),
        migrations.RemoveIndex(
            model_name='memberperiod',
            name='memberperiod_unit_status',
        ),
        migrations.AddIndex(
            model_name='member',
            index=models.Index(fields=['name_key', 'birth_date'], name='member_name_birth'),
        ),
        migrations.AddIndex(
            model_name='memberperiod',
            index=models.Index(fields=['unit', 'status', 'start'], include=('end', 'member'), name='memberperiod_unit_status_c'),
        ),
        migrations.RunPython(sqlite_forwards, sqlite_backwards),
    ]
