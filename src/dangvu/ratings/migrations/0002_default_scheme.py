"""The national default scheme per QĐ 366-QĐ/TW (editable data: a province adds its own rows)."""

from decimal import Decimal

from django.db import migrations


def add_default(apps, schema_editor):
    Scheme = apps.get_model("ratings", "Scheme")
    Scheme.objects.get_or_create(
        province=None,
        effective_year=2000,
        defaults={
            "excellent_min": Decimal(90),
            "good_min": Decimal(70),
            "pass_min": Decimal(50),
            "quota_percent": Decimal(20),
            "quota_base": "tot_tro_len",
            "basis": "Mặc định theo QĐ 366-QĐ/TW",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("ratings", "0001_initial")]

    operations = [migrations.RunPython(add_default, migrations.RunPython.noop)]
