"""What an uploaded attachment really is: PDF, DOCX, PNG or JPEG, told by its content.

The extension must agree with the content ("bao-cao.pdf" that is really a ZIP, an EXE
renamed ".docx", or a ".png" holding a JPEG are refused), the file must not be empty and
must not exceed :data:`MAX_BYTES`. A DOCX is a ZIP whose ``[Content_Types].xml`` declares a
Word main document and which holds ``word/document.xml``; a plain ZIP or an XLSX is not one.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError

MAX_BYTES = 20 * 1024 * 1024
MAX_MB = MAX_BYTES // (1024 * 1024)

KIND_LABELS = {"pdf": "PDF", "docx": "Word (DOCX)", "png": "ảnh PNG", "jpeg": "ảnh JPEG"}
EXTENSIONS = {".pdf": "pdf", ".docx": "docx", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "png": "image/png",
    "jpeg": "image/jpeg",
}
ALLOWED_TEXT = "PDF, DOCX, PNG hoặc JPG"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    size: int
    name: str


def check_upload(upload, *, max_bytes: int = MAX_BYTES) -> CheckedFile:
    """Check an uploaded file (anything with ``name``, ``size`` and ``read``/``seek``)."""
    name = PurePath((getattr(upload, "name", "") or "").replace("\\", "/")).name
    if not name:
        raise ValidationError("Tệp không có tên. Hãy chọn lại tệp.")
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
    if size == 0:
        raise ValidationError(f"Tệp “{name}” rỗng (0 byte). Hãy chọn đúng tệp văn bản.")
    if size > max_bytes:
        megabytes = f"{size / (1024 * 1024):.1f}".replace(".", ",")
        raise ValidationError(
            f"Tệp “{name}” nặng {megabytes} MB, vượt giới hạn "
            f"{max_bytes // (1024 * 1024)} MB. Hãy nén hoặc tách tệp."
        )
    suffix = PurePath(name).suffix.lower()
    claimed = EXTENSIONS.get(suffix)
    if claimed is None:
        raise ValidationError(f"Không nhận tệp “{name}”: chỉ đính kèm được tệp {ALLOWED_TEXT}.")
    actual = sniff(upload)
    if actual is None:
        raise ValidationError(
            f"Nội dung tệp “{name}” không phải {KIND_LABELS[claimed]} "
            f"(có thể tệp hỏng hoặc bị đổi đuôi). Chỉ nhận tệp {ALLOWED_TEXT}."
        )
    if actual != claimed:
        raise ValidationError(
            f"Tệp “{name}” có đuôi {suffix} nhưng nội dung là {KIND_LABELS[actual]}. "
            "Hãy đổi đúng đuôi tệp rồi tải lên lại."
        )
    return CheckedFile(kind=actual, size=size, name=name)


def sniff(handle) -> str | None:
    """ "pdf", "docx", "png", "jpeg" or None, from the bytes (the handle is rewound)."""
    handle.seek(0)
    head = handle.read(16)
    handle.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        kind = "docx" if _is_docx(handle) else None
        handle.seek(0)
        return kind
    return None


def _is_docx(handle) -> bool:
    try:
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                return False
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > 1024 * 1024:
                return False
            types = archive.read(info).decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return False
    return WORD_MAIN in types
