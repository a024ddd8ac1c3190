"""`dangvu demo --reset` rebuilds a demo over an existing one, on SQLite and on PostgreSQL
(on PostgreSQL a flush had emptied the code tables the data migrations fill, and the demo
then stopped at the documents: KeyError 'CTr'). Run in a subprocess against a scratch
database of the suite's own engine."""

import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.db import connection


def _demo(url: str, *extra: str) -> str:
    env = {**os.environ, "DATABASE_URL": url, "DANGVU_DEV_DEFAULTS": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "dangvu.manage", "demo", "--no-serve", "--scale", "0.02", *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


DOCUMENTS = "SELECT count(*) FROM documents_document"
TYPES = "SELECT count(*) FROM documents_documenttype"


def _counts(url: str, *queries: str) -> list[int]:
    """The numbers ``queries`` return, read in one subprocess (each start costs seconds)."""
    env = {**os.environ, "DATABASE_URL": url, "DANGVU_DEV_DEFAULTS": "1"}
    code = (
        "import django, os, sys; os.environ['DJANGO_SETTINGS_MODULE'] = 'dangvu.settings'; "
        "django.setup(); from django.db import connection; c = connection.cursor()\n"
        "for sql in sys.argv[1:]:\n    c.execute(sql); print(c.fetchone()[0])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *queries], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return [int(line) for line in done.stdout.split()[-len(queries) :]]


@pytest.fixture
def scratch_url(tmp_path):
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'demo.sqlite3'}"
        return
    import psycopg

    db = settings.DATABASES["default"]
    name = f"dangvu_reset_{uuid.uuid4().hex[:10]}"
    params = {k: v for k, v in (("host", db["HOST"]), ("port", db["PORT"])) if v}
    admin = psycopg.connect(dbname="postgres", user=db["USER"], autocommit=True, **params)
    admin.execute(f'CREATE DATABASE "{name}"')
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    try:
        yield f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_reset_rebuilds_over_an_existing_demo(scratch_url):
    _demo(scratch_url)
    documents, types = _counts(scratch_url, DOCUMENTS, TYPES)
    assert documents > 0 and types > 0
    out = _demo(scratch_url, "--reset")
    assert "Đã xóa" in out and "Đã tạo dữ liệu mô phỏng" in out
    # the same demo again, from an empty database: code tables refilled, nothing doubled
    assert _counts(scratch_url, TYPES, DOCUMENTS) == [types, documents]
