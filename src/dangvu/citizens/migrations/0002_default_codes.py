from django.db import migrations


def load(apps, schema_editor):
    from dangvu.citizens.codes import load_default_codes

    load_default_codes(apps.get_model("citizens", "Channel"), apps.get_model("citizens", "Sector"))


class Migration(migrations.Migration):
    dependencies = [("citizens", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
