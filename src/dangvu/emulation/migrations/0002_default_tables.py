from django.db import migrations


def load(apps, schema_editor):
    from dangvu.emulation.code_tables import load_defaults

    load_defaults(apps.get_model("emulation", "Field"), apps.get_model("emulation", "RecognitionKind"))


class Migration(migrations.Migration):
    dependencies = [("emulation", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
