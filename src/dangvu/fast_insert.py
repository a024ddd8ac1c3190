"""Writing many checked rows at once: COPY on PostgreSQL, ``executemany`` elsewhere.

For millions of rows (attendance, report aggregates) the model instances and SQL compilation
of ``bulk_create`` cost more than the insert itself. Callers check the rows first; this only
writes them, in the caller's transaction."""

from django.db import connection


def insert_rows(table: str, columns, rows) -> None:
    rows = list(rows)
    if not rows:
        return
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
