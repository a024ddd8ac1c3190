"""`dangvu check-report FILE [--json]`."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .docx_files import REPORT_PARAGRAPHS, REPORT_TABLE, docx_bytes


def run(*args):
    out = io.StringIO()
    code = 0
    try:
        call_command("check-report", *args, stdout=out, stderr=io.StringIO())
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue()


def test_text_output_and_exit_code(tmp_path):
    path = tmp_path / "bao-cao.txt"
    path.write_text("Cấp cơ sở 6.042/6.213 đảng viên sinh hoạt đạt tỷ lệ 96,7%.", encoding="utf-8")
    code, out = run(str(path))
    assert code == 1  # something does not add up
    assert "1 không khớp" in out and "6.042/6.213 = 97,2%, không phải 96,7%" in out


def test_json_output_for_docx(tmp_path):
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(docx_bytes(REPORT_PARAGRAPHS, REPORT_TABLE))
    code, out = run(str(path), "--json")
    data = json.loads(out)
    assert code == 1 and data["source"] == "bao-cao.docx"
    assert [c["verdict"] for c in data["claims"]] == ["inconsistent", "consistent", "inconsistent"]


def test_consistent_report_exits_0(tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text("Có 941/968 lượt cán bộ chủ chốt đạt tỷ lệ 97,2%.", encoding="utf-8")
    assert run(str(path))[0] == 0


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(CommandError, match="Không có tệp"):
        run(str(tmp_path / "khong-co.txt"))
    bad = tmp_path / "a.pdf"
    bad.write_bytes(b"%PDF")
    with pytest.raises(CommandError, match="Chỉ nhận"):
        run(str(bad))
