"""The register of Party documents (văn bản).

* :class:`DocumentType` is the editable code table of DOMAIN.md §4 (NQ, QĐ, CT, …).
* :class:`Document` is one document. Its symbol ("71-NQ/TU") is *rendered* from its parts
  (number, type code, agency code) and never stored as the identity: numbers restart per
  issuer, type and term, so the identity is issuing unit + agency + type + number (without
  leading zeros) + period (the term when given, else the year of the date) — see
  ``document_identity_unique``.
* :class:`Attachment` is a file of a document (PDF, DOCX, image), checked by content.
* :class:`DocumentRelation` is a typed link (implements, guides, replaces, amends) read both
  ways on the detail page.

Other apps point foreign keys at ``documents.Document``.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from dangvu.vntext.fields import NFCCharField, NFCTextField


class DocumentType(models.Model):
    code = NFCCharField("ký hiệu loại", max_length=10, unique=True)
    name = NFCCharField("tên loại", max_length=120)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "loại văn bản"
        verbose_name_plural = "loại văn bản"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class IssuingBody(models.TextChoices):
    """Which body of the issuing unit signed the document."""

    BCH = "bch", "Ban Chấp hành"
    BTV = "btv", "Ban Thường vụ"
    UBKT = "ubkt", "Ủy ban Kiểm tra"
    BTC = "btc", "Ban Tổ chức"
    BTG = "btg", "Ban Tuyên giáo"
    BDV = "bdv", "Ban Dân vận"
    BXDD = "bxdd", "Ban Xây dựng Đảng"
    VP = "vp", "Văn phòng"
    CHI_BO = "chi_bo", "Chi bộ"
    OTHER = "khac", "Khác"


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "read"):
        from .selectors import visible_documents_q

        return self.filter(visible_documents_q(user, perm))


class Document(models.Model):
    unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name="tổ chức ban hành",
    )
    body = models.CharField(
        "cơ quan ban hành", max_length=10, choices=IssuingBody.choices, default=IssuingBody.BCH
    )
    agency = NFCCharField(
        "ký hiệu cơ quan", max_length=20, help_text="Phần sau dấu “/” của số hiệu: TU, ĐU, UBKTTW…"
    )
    doc_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="documents", verbose_name="loại"
    )
    number = models.CharField(
        "số", max_length=10, help_text="Giữ nguyên số 0 đứng đầu, ví dụ “01”."
    )
    date = models.DateField("ngày ban hành")
    term = models.CharField("nhiệm kỳ", max_length=9, blank=True, help_text="Ví dụ 2020-2025.")
    title = NFCCharField("trích yếu", max_length=500)
    summary = NFCTextField("tóm tắt nội dung", blank=True)
    # derived by the services (never typed)
    number_key = models.CharField(max_length=10, editable=False)
    agency_key = models.CharField(max_length=20, editable=False)
    period_key = models.CharField(max_length=9, editable=False)
    symbol_key = models.CharField(max_length=60, editable=False, db_index=True)
    search_key = models.CharField(max_length=800, editable=False)
    revision = models.PositiveIntegerField("phiên bản", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người tạo",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["unit", "date"], name="document_unit_date"),
            models.Index(fields=["date", "id"], name="document_date"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "agency_key", "doc_type", "number_key", "period_key"],
                name="document_identity_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.symbol} – {self.title}"

    @property
    def symbol(self) -> str:
        from .symbols import render_symbol

        return render_symbol(self.number, self.doc_type.code, self.agency)


class Attachment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("tệp", upload_to="documents/%Y/%m/", max_length=255)
    original_name = NFCCharField("tên tệp", max_length=255)
    kind = models.CharField("loại tệp", max_length=10)  # pdf, docx, png, jpeg
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["document_id", "id"]

    def __str__(self) -> str:
        return self.original_name


class RelationKind(models.TextChoices):
    IMPLEMENTS = "implements", "Thực hiện"
    GUIDES = "guides", "Hướng dẫn"
    REPLACES = "replaces", "Thay thế"
    AMENDS = "amends", "Sửa đổi, bổ sung"


# how the relation reads from the target's side
REVERSE_LABELS = {
    RelationKind.IMPLEMENTS: "Được thực hiện bởi",
    RelationKind.GUIDES: "Được hướng dẫn bởi",
    RelationKind.REPLACES: "Bị thay thế bởi",
    RelationKind.AMENDS: "Được sửa đổi, bổ sung bởi",
}


class DocumentRelation(models.Model):
    """``source`` <kind> ``target``: e.g. 09-KH/ĐU implements 71-NQ/TU."""

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations_out")
    target = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField("quan hệ", max_length=12, choices=RelationKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "quan hệ văn bản"
        verbose_name_plural = "quan hệ văn bản"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="documentrelation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(source=F("target")), name="documentrelation_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"
