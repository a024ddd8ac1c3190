"""Evidence files attached to a progress report: type checked by content, size limited."""

from django.core.exceptions import ValidationError

MAX_BYTES = 10 * 1024 * 1024
# extension → the first bytes such a file starts with
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
ALLOWED_TEXT = "PDF, DOCX, XLSX, JPG hoặc PNG"


def check_evidence(upload) -> tuple[str, int]:
    """The file's kind and size, or a Vietnamese ValidationError saying what is wrong."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in SIGNATURES:
        raise ValidationError(
            f"Tệp minh chứng “{name}” không đúng loại; chỉ nhận tệp {ALLOWED_TEXT}."
        )
    size = upload.size
    if size > MAX_BYTES:
        raise ValidationError(
            f"Tệp minh chứng quá lớn ({size / 1024 / 1024:.1f} MB".replace(".", ",")
            + f"); tối đa {MAX_BYTES // 1024 // 1024} MB."
        )
    if size == 0:
        raise ValidationError(f"Tệp minh chứng “{name}” rỗng.")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in SIGNATURES[extension]):
        raise ValidationError(
            f"Nội dung tệp “{name}” không phải là tệp {extension.upper()} "
            "(tệp bị đổi đuôi hoặc hỏng)."
        )
    return extension, size
