"""Member import: the national template and its bad-file cases; all or nothing; re-runnable."""

import io
import unicodedata
from datetime import datetime

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from dangvu.imports import members_pipeline
from dangvu.members.models import Member, MemberEvent

HEADER = [
    "STT",
    "Họ và tên",
    "Giới tính",
    "Sinh ngày",
    "Dân tộc",
    "Tôn giáo",
    "Số định danh cá nhân",
    "Số thẻ Đảng (12 số)",
    "Số thẻ cũ",
    "Tổ chức Đảng đang sinh hoạt",
    "Ngày vào Đảng",
    "Ngày vào Đảng chính thức",
    "Trạng thái",
    "Ngày rời khỏi / Ngày mất / Ngày miễn sinh hoạt",
]
GOOD = [
    [
        1,
        "Nguyễn Văn An",
        "Nam",
        "12/03/1980",
        "Kinh",
        "Không",
        "001080001234",
        "012345678901",
        "01.234567",
        "Chi bộ thôn 1",
        "05/05/2005",
        "05/05/2006",
        "Chính thức",
        None,
    ],
    [
        2,
        "Lê Thị Bình",
        "Nữ",
        datetime(1990, 1, 2),
        "Tày",
        "Không",
        1190001235,
        None,
        None,
        "Chi bộ thôn 2",
        45000,
        None,
        "Dự bị",
        None,
    ],
]


def xlsx(rows, header=HEADER, title=True) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append(["DANH SÁCH ĐẢNG VIÊN (mẫu làm sạch dữ liệu)"])
        sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    stream.seek(0)
    return stream


def check(world, stream, name="ds.xlsx"):
    return members_pipeline.validate(stream, name, scope_unit=world.commune_a)


def test_good_file_commits_and_rerun_updates_nothing(world):
    result = check(world, xlsx(GOOD))
    assert (result.ok, result.rows, result.new, result.errors) == (True, 2, 2, [])
    outcome = members_pipeline.commit(xlsx(GOOD), "ds.xlsx", scope_unit=world.commune_a, actor=None)
    assert (outcome.created, outcome.problems) == (2, [])
    binh = Member.objects.get(ten="Bình")
    assert binh.cccd == "001190001235"  # Excel turned it into a number: zeros restored
    assert binh.party_since.isoformat() == "2023-03-15"  # Excel serial 45000
    an = Member.objects.get(ten="An")
    assert sorted(an.cards.values_list("number", flat=True)) == ["01.234567", "012345678901"]
    again = check(world, xlsx(GOOD))
    assert (again.new, again.existing) == (0, 2)
    events = MemberEvent.objects.count()
    outcome = members_pipeline.commit(xlsx(GOOD), "ds.xlsx", scope_unit=world.commune_a, actor=None)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 2)
    assert Member.objects.count() == 2 and MemberEvent.objects.count() == events


def test_every_bad_cell_is_reported_with_row_column_value_reason(world):
    rows = [
        [
            1,
            "Trần Văn Cường",
            "Nam",
            "31/02/1980",
            "Kinh",
            "",
            "",
            "",
            "",
            "Chi bộ thôn 1",
            "01/01/2005",
            "",
            "Dự bị",
            None,
        ],
        [
            2,
            "Phạm Thị Dung",
            "X",
            "01/01/1990",
            "Kinh",
            "",
            "12345",
            "",
            "",
            "Chi bộ không có",
            "01/01/2010",
            "",
            "",
            None,
        ],
        [
            3,
            "Đỗ Văn Em",
            "Nam",
            "01/01/1980",
            "Kinh",
            "",
            "",
            "",
            "",
            "Chi bộ thôn Bắc",
            "01/01/2010",
            "",
            "",
            None,
        ],
    ]
    result = check(world, xlsx(rows))
    found = {(e.row, e.column, e.value) for e in result.errors}
    assert (4, "Sinh ngày", "31/02/1980") in found
    assert (5, "Giới tính", "X") in found
    assert (6, "Tổ chức Đảng đang sinh hoạt", "Chi bộ thôn Bắc") in found  # commune B's cell
    reasons = {e.row: e.reason for e in result.errors}
    assert "không tồn tại" in reasons[4] and "Nam hoặc Nữ" in reasons[5]
    assert "không tìm thấy" in reasons[6]
    assert not result.ok
    report = io.BytesIO()
    members_pipeline.errors_to_xlsx(result.errors, report)
    report.seek(0)
    first = next(load_workbook(report).active.iter_rows(values_only=True))
    assert first == ("Dòng", "Cột", "Giá trị", "Lý do")


def test_duplicates_within_the_file(world):
    rows = [GOOD[0], [9, *GOOD[0][1:6], "", "", "", *GOOD[0][9:]]]
    result = check(world, xlsx(rows))
    assert [(e.row, e.reason) for e in result.errors] == [(5, "trùng với dòng 4 trong cùng tệp")]


def test_nfd_text_and_csv_with_semicolons(world):
    lines = [
        ";".join(
            ["Họ và tên", "Giới tính", "Sinh ngày", "Tổ chức Đảng đang sinh hoạt", "Ngày vào Đảng"]
        ),
        ";".join(
            [
                unicodedata.normalize("NFD", "Hoàng Thị Huệ"),
                "nữ",
                "1/2/1985",
                unicodedata.normalize("NFD", "Chi bộ thôn Đoài"),
                "03/02/2010",
            ]
        ),
    ]
    stream = io.BytesIO(("\ufeff" + "\n".join(lines)).encode("utf-8"))
    result = check(world, stream, "ds.csv")
    assert result.ok, result.errors
    outcome = members_pipeline.commit(
        io.BytesIO(stream.getvalue()), "ds.csv", scope_unit=world.commune_a, actor=None
    )
    assert outcome.created == 1
    assert Member.objects.get().full_name == unicodedata.normalize("NFC", "Hoàng Thị Huệ")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "trong.xlsx", "không phải tệp Excel"),
        (b"not a zip", "gia.xlsx", "không phải tệp Excel"),
        (b"hello", "ds.pdf", "không phải .xlsx hoặc .csv"),
    ],
)
def test_unreadable_files(world, content, name, message):
    result = check(world, io.BytesIO(content), name)
    assert message in result.file_error and not result.ok


def test_wrong_columns_and_header_only(world):
    result = check(world, xlsx([["a", "b"]], header=["Cột 1", "Cột 2", "Cột 3"]))
    assert "Không tìm thấy dòng tiêu đề" in result.file_error
    result = check(world, xlsx([], header=["Họ và tên", "Giới tính", "Sinh ngày"]))
    assert "Thiếu cột bắt buộc" in result.file_error and "Ngày vào Đảng" in result.file_error
    result = check(world, xlsx([]))
    assert "không có dòng dữ liệu" in result.file_error


def test_command_line_dry_run_and_commit(world, tmp_path):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(xlsx(GOOD).getvalue())
    world.commune_a.code = "XA-A"
    from dangvu.orgs.models import Unit

    Unit.objects.filter(pk=world.commune_a.pk).update(code="XA-A")
    out = io.StringIO()
    call_command(
        "import-members", str(path), "--unit", "XA-A", "--dry-run", stdout=out, stderr=io.StringIO()
    )
    assert "Chạy thử" in out.getvalue() and Member.objects.count() == 0
    call_command("import-members", str(path), "--unit", "XA-A", stdout=out, stderr=io.StringIO())
    assert Member.objects.count() == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([[*GOOD[0][:3], "xx", *GOOD[0][4:]]]).getvalue())
    with pytest.raises(CommandError, match="chưa ghi gì"):
        call_command(
            "import-members", str(bad), "--unit", "XA-A", stdout=io.StringIO(), stderr=io.StringIO()
        )


def test_several_batches_with_a_duplicate_across_batches(world):
    """2,500 rows cross the 1,000-row batch boundaries; a duplicate 2,000 rows apart is found
    and the whole file is refused; without it everything is written."""
    rows = [
        [
            i,
            f"Người Số {i}",
            "Nam",
            "01/01/1970",
            "Kinh",
            "",
            "",
            "",
            "",
            "Chi bộ thôn 1",
            f"{1 + i % 28:02d}/03/2000",
            "",
            "Dự bị",
            None,
        ]
        for i in range(2500)
    ]
    duplicate = list(rows[10])  # the row at line 4 + 10 = 14
    result = check(world, xlsx([*rows, duplicate]))
    assert [(e.row, e.reason) for e in result.errors] == [
        (4 + 2500, "trùng với dòng 14 trong cùng tệp")
    ]
    outcome = members_pipeline.commit(
        xlsx(rows), "lon.xlsx", scope_unit=world.commune_a, actor=None
    )
    assert outcome.created == 2500 and Member.objects.count() == 2500


def test_a_20_mb_file_is_read_whole_and_its_one_bad_row_reported(world):
    """A 20 MB CSV (≈ 60,000 rows): every row validated, the one bad row near the end reported
    with its number; the page then offers no commit (test_import_pages)."""
    header = "Họ và tên;Giới tính;Sinh ngày;Số định danh cá nhân;Tổ chức Đảng đang sinh hoạt;"
    header += "Ngày vào Đảng;Ngày vào Đảng chính thức;Trạng thái;Quê quán;Thường trú"
    place = "Thôn Đông, xã An Bình, huyện Đông, tỉnh Thử Nghiệm (nay là xã An Hòa, tỉnh Thử Nghiệm)"
    filler = f"{place};Số nhà 12, ngõ 3, {place}"
    lines = [header]
    number = size = 0
    while size < 20 * 1024 * 1024:
        number += 1
        lines.append(
            f"Nguyễn Văn An {number};Nam;12/03/1980;001080{number:06d};Chi bộ thôn 1;"
            f"05/05/2005;05/05/2006;Chính thức;{filler} {number}"
        )
        size += len(lines[-1].encode()) + 1
    bad_row = len(lines) - 10
    lines[bad_row] = lines[bad_row].replace("12/03/1980", "31/02/1980")
    content = "\n".join(lines).encode("utf-8")
    assert len(content) >= 20 * 1024 * 1024
    result = check(world, io.BytesIO(content), "lon.csv")
    assert result.rows == number
    assert [(e.row, e.value, e.reason) for e in result.errors] == [
        (bad_row + 1, "31/02/1980", "ngày 31/02/1980 không tồn tại")
    ]
    assert not result.ok and Member.objects.count() == 0


def _numbered(count):
    return [
        [
            i,
            f"Người Số {i}",
            "Nam",
            "01/01/1970",
            "Kinh",
            "",
            "",
            "",
            "",
            "Chi bộ thôn 1",
            f"{1 + i % 28:02d}/03/2000",
            "",
            "Dự bị",
            None,
        ]
        for i in range(count)
    ]


def test_one_pass_writes_what_validate_then_commit_write(world):
    """The command line's single pass: the same people, events and counts as the
    preview's two passes, and a re-run in one pass changes nothing."""
    validation, outcome = members_pipeline.validate_and_commit(
        xlsx(GOOD), "ds.xlsx", scope_unit=world.commune_a, actor=None
    )
    assert (validation.ok, validation.new, outcome.created, outcome.problems) == (True, 2, 2, [])
    one_pass = sorted(
        (m.full_name, m.cccd, m.unit_id, m.status, m.status_since, m.sort_key)
        for m in Member.objects.all()
    )
    events = sorted(MemberEvent.objects.values_list("member__full_name", "kind", "date"))
    validation, again = members_pipeline.validate_and_commit(
        xlsx(GOOD), "ds.xlsx", scope_unit=world.commune_a, actor=None
    )
    assert (validation.existing, again.created, again.updated, again.unchanged) == (2, 0, 0, 2)
    assert Member.objects.count() == 2
    assert sorted(MemberEvent.objects.values_list("member__full_name", "kind", "date")) == events
    assert one_pass[0][0] == "Lê Thị Bình" and all(row[3] for row in one_pass)


def test_one_pass_with_a_bad_row_after_written_batches_writes_nothing(world, monkeypatch):
    """Batches of good rows are written as they are checked; a bad row further on rolls
    every one of them back, and every error is still reported."""
    monkeypatch.setattr(members_pipeline, "BATCH", 3)
    rows = _numbered(10)
    rows[8] = [*rows[8][:3], "31/02/1970", *rows[8][4:]]
    validation, outcome = members_pipeline.validate_and_commit(
        xlsx(rows), "ds.xlsx", scope_unit=world.commune_a, actor=None
    )
    assert [(e.row, e.reason) for e in validation.errors] == [
        (4 + 8, "ngày 31/02/1970 không tồn tại")
    ]
    assert outcome.created == 0 and Member.objects.count() == 0
    assert MemberEvent.objects.count() == 0


def test_one_pass_refused_at_write_time_writes_nothing(world, monkeypatch):
    """A row refused while writing (here: its CCCD taken meanwhile) rolls back the batches
    written before it."""
    monkeypatch.setattr(members_pipeline, "BATCH", 2)
    rows = _numbered(6)
    from dangvu.members import importing

    real = importing._commit_batch
    calls = []

    def refuse_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise importing._RowFailure(importing.RowProblem(8, "", "số định danh đã có"))
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "_commit_batch", refuse_third)
    validation, outcome = members_pipeline.validate_and_commit(
        xlsx(rows), "ds.xlsx", scope_unit=world.commune_a, actor=None
    )
    assert validation.ok and len(calls) == 3
    assert [p.reason for p in outcome.problems] == ["số định danh đã có"]
    assert outcome.created == 0 and Member.objects.count() == 0
