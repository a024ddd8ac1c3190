from django.db import migrations


def load(apps, schema_editor):
    from dangvu.orgs.kinds import load_default_kinds

    load_default_kinds(apps.get_model("orgs", "UnitKind"), apps.get_model("orgs", "KindRule"))


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
