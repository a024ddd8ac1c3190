from django.db import migrations


def load(apps, schema_editor):
    from dangvu.oversight.violations import load_default_violations

    load_default_violations(apps.get_model("oversight", "ViolationCategory"))


class Migration(migrations.Migration):
    dependencies = [("oversight", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
