from django.db import migrations


def load(apps, schema_editor):
    from dangvu.meetings.topics import load_default_topics

    load_default_topics(apps.get_model("meetings", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
