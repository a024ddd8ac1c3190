"""The document types of DOMAIN.md §4 (editable afterwards in /quan-tri/)."""

from django.db import migrations

TYPES = [
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định, quy định"),
    ("CT", "Chỉ thị"),
    ("KL", "Kết luận"),
    ("QC", "Quy chế"),
    ("HD", "Hướng dẫn"),
    ("TB", "Thông báo"),
    ("BC", "Báo cáo"),
    ("KH", "Kế hoạch"),
    ("CTr", "Chương trình"),
    ("CTHĐ", "Chương trình hành động"),
    ("TTr", "Tờ trình"),
    ("CV", "Công văn"),
    ("ĐA", "Đề án"),
    ("TT", "Thông tri"),
]


def add_types(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for order, (code, name) in enumerate(TYPES, start=1):
        DocumentType.objects.update_or_create(
            code=code, defaults={"name": name, "sort_order": order * 10}
        )


def remove_types(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentType.objects.filter(code__in=[code for code, _ in TYPES], documents=None).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(add_types, remove_types)]
