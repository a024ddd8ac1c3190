from django.db import migrations


def load(apps, schema_editor):
    from dangvu.accounts.roles import load_default_roles

    load_default_roles(apps.get_model("accounts", "Role"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
