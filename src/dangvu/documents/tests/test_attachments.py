"""Attachments: PDF, DOCX and images told by their content (not their name), a size limit,
stored under MEDIA_ROOT, downloaded only by those who read the document (404 otherwise)."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dangvu.audit.models import AuditEntry
from dangvu.documents import services
from dangvu.documents.attachment_files import WORD_MAIN, check_upload, sniff
from dangvu.documents.models import Attachment

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def office_zip(content_type: str, part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types><Override PartName="/{part}" '
            f'ContentType="{content_type}"/></Types>',
        )
        archive.writestr(part, "<document/>")
    return buffer.getvalue()


DOCX = office_zip(WORD_MAIN, "word/document.xml")
XLSX = office_zip(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "xl/workbook.xml"
)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("Nghị quyết 71.pdf", PDF, "pdf"),
        ("ke-hoach.DOCX", DOCX, "docx"),
        ("anh.png", PNG, "png"),
        ("anh.jpg", JPEG, "jpeg"),
        ("anh.jpeg", JPEG, "jpeg"),
    ],
)
def test_accepted_kinds(name, content, kind):
    assert check_upload(upload(name, content)).kind == kind


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("bao-cao.pdf", b"MZ\x90\x00 this is an exe", "không phải PDF"),
        ("bao-cao.pdf", DOCX, "nội dung là Word"),
        ("bang.docx", XLSX, "không phải Word"),  # an XLSX renamed .docx
        ("nen.docx", office_zip("text/plain", "readme.txt"), "không phải Word"),
        ("hong.docx", b"PK\x03\x04 broken zip", "không phải Word"),
        ("anh.png", JPEG, "nội dung là ảnh JPEG"),
        ("trang.html", b"<html><script>alert(1)</script>", "chỉ đính kèm được"),
        ("khong-duoi", PDF, "chỉ đính kèm được"),
        ("rong.pdf", b"", "rỗng"),
    ],
)
def test_refused_by_content_or_name(name, content, words):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, content))
    assert words in " ".join(refused.value.messages)


def test_size_limit():
    big = upload("to.pdf", PDF + b"0" * 2048)
    with pytest.raises(ValidationError, match="vượt giới hạn 0 MB"):
        check_upload(big, max_bytes=1024)
    # the default limit is 20 MB
    fake = upload("lon.pdf", PDF)
    fake.size = 20 * 1024 * 1024 + 1
    with pytest.raises(ValidationError, match="vượt giới hạn 20 MB"):
        check_upload(fake)


def test_sniff_rewinds():
    handle = io.BytesIO(DOCX)
    assert sniff(handle) == "docx"
    assert handle.tell() == 0


def test_add_stores_under_media_root_and_audits(world, register):
    attachment = services.add_attachment(
        actor=world.users["province"],
        document=register.province_nq,
        upload=upload("Nghị quyết 71.pdf", PDF),
    )
    path = Path(attachment.file.path)
    assert path.is_relative_to(Path(settings.MEDIA_ROOT))
    assert path.read_bytes() == PDF
    assert attachment.original_name == "Nghị quyết 71.pdf"
    assert path.name == "nghi-quyet-71.pdf"
    assert attachment.size == len(PDF) and attachment.kind == "pdf"
    entry = AuditEntry.objects.get(action="documents.attachment.add")
    assert entry.after["sha256"] == attachment.sha256
    with pytest.raises(ValidationError, match="đã được đính kèm"):
        services.add_attachment(
            actor=None, document=register.province_nq, upload=upload("lai.pdf", PDF)
        )


def test_refused_upload_writes_nothing(world, register):
    with pytest.raises(ValidationError):
        services.add_attachment(
            actor=None, document=register.province_nq, upload=upload("x.pdf", b"not a pdf")
        )
    assert not Attachment.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_only_writers_attach(world, register):
    with pytest.raises(ValidationError, match="không có quyền"):
        services.add_attachment(
            actor=world.users["commune_a"],
            document=register.province_nq,
            upload=upload("x.pdf", PDF),
        )


def test_download_follows_the_document_scope(world, register, login):
    attachment = services.add_attachment(
        actor=None, document=register.b_kh, upload=upload("Kế hoạch.pdf", PDF)
    )
    url = reverse("documents:download", args=[register.b_kh.pk, attachment.pk])
    response = login(world.users["commune_b"]).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "K%E1%BA%BF%20ho%E1%BA%A1ch.pdf" in response["Content-Disposition"]
    for persona in ("commune_a", "secretary", "member", "outsider"):
        assert login(world.users[persona]).get(url).status_code == 404
    # the attachment id under another (readable) document is not a way in either
    other = reverse("documents:download", args=[register.province_nq.pk, attachment.pk])
    assert login(world.users["commune_a"]).get(other).status_code == 404


def test_page_upload_and_removal(world, register, login, django_capture_on_commit_callbacks):
    client = login(world.users["commune_a"])
    url = reverse("documents:attachment_add", args=[register.a_kh.pk])
    response = client.post(url, {"file": upload("ke-hoach.docx", DOCX)}, follow=True)
    assert "Đã đính kèm" in response.text
    attachment = Attachment.objects.get()
    stored = Path(attachment.file.path)
    assert stored.exists()
    response = client.post(url, {"file": upload("gia.docx", XLSX)}, follow=True)
    assert "không phải Word" in response.text
    assert Attachment.objects.count() == 1
    # commune B may not remove A's attachment
    remove = reverse("documents:attachment_remove", args=[register.a_kh.pk, attachment.pk])
    assert login(world.users["commune_b"]).post(remove).status_code == 404
    client = login(world.users["commune_a"])
    with django_capture_on_commit_callbacks(execute=True):
        removed = client.post(remove, follow=True)
    assert "Đã gỡ tệp" in removed.text
    assert not Attachment.objects.exists()
    assert not stored.exists()  # the file goes once the removal is committed
    assert AuditEntry.objects.filter(action="documents.attachment.remove").count() == 1


def test_reader_from_below_may_not_attach(world, register, login):
    url = reverse("documents:attachment_add", args=[register.province_nq.pk])
    response = login(world.users["commune_a"]).post(url, {"file": upload("x.pdf", PDF)})
    assert response.status_code == 404
    assert not Attachment.objects.exists()
