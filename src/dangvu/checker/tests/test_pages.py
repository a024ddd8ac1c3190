"""The checker page, the upload, the downloads (HTML, XLSX): any signed-in user, no writes."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.audit.models import AuditEntry

from .docx_files import REPORT_PARAGRAPHS, REPORT_TABLE, docx_bytes

SEED = "Cấp cơ sở 6.042/6.213 đảng viên sinh hoạt đạt tỷ lệ 96,7%; 941/968 đạt tỷ lệ 97,2%."


@pytest.fixture
def member_client(world, client):
    client.force_login(world.users["member"])  # a plain member: no role over any unit
    return client


def test_page_shows_claims_highlighted_by_verdict(member_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = member_client.post(reverse("checker:check"), {"text": SEED})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="claim v-inconsistent"' in page and 'class="claim v-consistent"' in page
    assert "6.042/6.213 = 97,2%, không phải 96,7%" in page
    assert "1 không khớp" in page


def test_upload_docx(member_client):
    upload = SimpleUploadedFile("bao-cao.docx", docx_bytes(REPORT_PARAGRAPHS, REPORT_TABLE))
    response = member_client.post(reverse("checker:check"), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "bao-cao.docx" in page and "2 không khớp" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "Hãy dán nội dung báo cáo"),
        ({"file": SimpleUploadedFile("a.pdf", b"%PDF")}, "Chỉ nhận tệp .txt hoặc .docx"),
        ({"file": SimpleUploadedFile("a.docx", b"rac")}, "bị hỏng"),
    ],
)
def test_bad_input_gets_a_vietnamese_error(member_client, data, message):
    response = member_client.post(reverse("checker:check"), data)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_anonymous_is_sent_to_login(client):
    response = client.post(reverse("checker:check"), {"text": SEED})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_download_html(member_client):
    response = member_client.post(
        reverse("checker:download"), {"text": SEED, "source": "Báo cáo.txt", "format": "html"}
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    html = response.content.decode()
    assert "<mark" in html and "Không khớp" in html


def test_download_xlsx(member_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = member_client.post(
            reverse("checker:download"), {"text": SEED, "source": "", "format": "xlsx"}
        )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "STT" and len(rows) == 3
    assert rows[1][7] == "Không khớp" and rows[1][6] == "97,2%"
    assert rows[2][7] == "Khớp"


def test_download_refuses_bad_requests(member_client, client):
    response = member_client.post(reverse("checker:download"), {"text": SEED, "format": "pdf"})
    assert response.status_code == 400
    client.logout()
    response = client.post(reverse("checker:download"), {"text": SEED, "format": "html"})
    assert response.status_code == 302


def test_checking_writes_nothing(member_client):
    before = AuditEntry.objects.count()
    member_client.post(reverse("checker:check"), {"text": SEED})
    assert AuditEntry.objects.count() == before


def test_menu_entry(member_client):
    page = member_client.get(reverse("home")).content.decode()
    assert "Kiểm tra số liệu" in page and "/kiem-tra-so-lieu/" in page


def test_unit_picker_offers_every_commune_of_a_large_scope(world, client, monkeypatch):
    """Past the cap, the picker drops the cells, not the units that sort last: a province
    officer can still compare with any commune."""
    import dangvu.checker.views as views

    monkeypatch.setattr(views, "MAX_UNIT_CHOICES", 3)
    client.force_login(world.users["province"])
    page = client.get(reverse("checker:check")).content.decode()
    for commune in (world.commune_a, world.commune_b):
        assert f'value="{commune.pk}"' in page
    assert f'value="{world.c1.pk}"' not in page
