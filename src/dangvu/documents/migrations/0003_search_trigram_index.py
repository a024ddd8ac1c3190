"""On PostgreSQL, a trigram index serves the list's "words of the title" search (pg_trgm).

If the database user may not create the extension, the index is skipped (search still
works, by a scan) and a notice is printed. Symbol search uses the plain index on
``symbol_key`` (prefix match).
"""

from django.db import migrations, transaction

INDEX = "document_search_key_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as exc:  # permission denied: run without the index
        print(f"\n  Bỏ qua chỉ mục tìm văn bản (không tạo được pg_trgm: {exc})")
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON documents_document "
        "USING gin (search_key gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_document_types")]
    operations = [migrations.RunPython(forwards, backwards)]
