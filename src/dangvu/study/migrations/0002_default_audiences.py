from django.db import migrations


def load(apps, schema_editor):
    from dangvu.study.audiences import load_default_audiences

    load_default_audiences(apps.get_model("study", "AudienceKind"))


class Migration(migrations.Migration):
    dependencies = [("study", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
