"""Report documents: every template renders, the DOCX has the Party layout and the narrative,
every number is traced to its aggregate, XLSX has a sheet per section, the job and the
command write them, and the reads are pinned."""

from datetime import date
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from dangvu.jobs.models import Job
from dangvu.reports import engine
from dangvu.reports.catalogue import catalogue
from dangvu.reports.models import Aggregate, GeneratedReport
from dangvu.reports.periods import Period, PeriodKind
from dangvu.reports.report_documents import compose, record, render_docx, render_xlsx
from dangvu.reports.tests.test_dashboard import ON, _session

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(world):
    _session(world.c1, date(2024, 5, 10), 20, 19)
    _session(world.commune_a, date(2025, 9, 1), 30, 27)
    engine.build_all(on=ON)


def _text(blob: bytes) -> str:
    document = Document(BytesIO(blob))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("kind", list(PeriodKind.values))
def test_every_template_renders(world, built, kind):
    number = {PeriodKind.MONTH: 9, PeriodKind.QUARTER: 3, PeriodKind.TERM: 5}.get(kind, 1)
    content = compose(world.commune_a, Period(2025, kind, number), number="7")
    out = BytesIO()
    render_docx(content, out)
    text = _text(out.getvalue())
    assert "{{" not in text and "{%" not in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "BÁO CÁO" in text
    assert "Số 7-BC/ĐU" in text and "T/M BAN THƯỜNG VỤ" in text and "Nơi nhận:" in text


def test_docx_layout_and_narrative(world, built):
    content = compose(world.commune_a, Period(2025, PeriodKind.YEAR), number="12")
    out = BytesIO()
    render_docx(content, out)
    document = Document(BytesIO(out.getvalue()))
    section = document.sections[0]
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert round(section.top_margin.mm) == 20 and round(section.page_width.mm) == 210
    text = _text(out.getvalue())
    assert "ĐẢNG ỦY XÃ AN HÒA" in text
    assert "27/30 lượt cán bộ, đảng viên tham gia, đạt 90,0%" in text
    assert "tổ chức 1 hội nghị học tập, quán triệt".capitalize() in text


def test_every_number_is_traced(world, built):
    content = compose(world.province, Period(2025, PeriodKind.YEAR))
    report = record(content, actor=None, fmt="docx")
    assert report.figures.count() >= 4
    for figure in report.figures.all():
        row = Aggregate.objects.filter(
            indicator=figure.indicator,
            period=figure.period,
            unit=figure.unit,
            category=figure.category,
            tree=figure.tree,
        ).first()
        if row is None:  # a figure with no record at all is written as 0
            assert figure.value == 0
            continue
        assert (row.value, row.base, row.build_id) == (figure.value, figure.base, figure.build_id)


def test_xlsx_one_sheet_per_section(world, built):
    content = compose(world.province, Period(2025, PeriodKind.YEAR))
    out = BytesIO()
    render_xlsx(content, out)
    book = load_workbook(BytesIO(out.getvalue()), read_only=True)
    assert "Học tập, quán triệt" in book.sheetnames
    assert "Tổ chức trực thuộc" in book.sheetnames
    cells = {c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row}
    # figures are named as the catalogue names them, not by their codes
    assert catalogue()["hoc_tap.tham_gia"].name in cells and "hoc_tap.tham_gia" not in cells


def test_compose_query_count(world, built, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        compose(world.province, Period(2025, PeriodKind.YEAR))


def test_job_from_the_dashboard(world, built, login, django_capture_on_commit_callbacks):
    client = login(world.users["commune_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/bao-cao/viet-bao-cao/",
            {"don_vi": world.commune_a.pk, "ky": "2025", "dinh_dang": "docx", "so": "5"},
        )
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{job.pk}/")
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.result
    assert "Số 5-BC/ĐU" in _text(job.output_file.read())
    assert GeneratedReport.objects.get().figures.exists()
    # outside the scope: 404, nothing started
    response = client.post("/bao-cao/viet-bao-cao/", {"don_vi": world.commune_b.pk, "ky": "2025"})
    assert response.status_code == 404 and Job.objects.count() == 1
    response = client.post("/bao-cao/viet-bao-cao/", {"don_vi": world.commune_a.pk, "ky": "20x"})
    assert response.status_code == 302 and Job.objects.count() == 1


def test_command(world, built, tmp_path):
    from dangvu.orgs.models import Unit

    Unit.objects.filter(pk=world.province.pk).update(code="TINH-TN")
    target = tmp_path / "bc.docx"
    call_command("report", unit="TINH-TN", period="2025", report_type="nam", output=str(target))
    assert "BÁO CÁO" in _text(target.read_bytes())
    with pytest.raises(CommandError, match="không khớp"):
        call_command("report", unit="TINH-TN", period="2025-Q1", report_type="nam")
    with pytest.raises(CommandError, match="Không có tổ chức"):
        call_command("report", unit="KHONG-CO", period="2025")
