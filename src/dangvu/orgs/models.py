"""The organisation tree with its history.

* :class:`Unit` is the stable identity of a party organisation. Its ``path`` is where it
  lives *now* (for a unit that has ended: under the successor that absorbed it, or under its
  last parent), so that access scopes are one prefix filter on ``Unit.path``.
* :class:`UnitVersion` rows are the effective-dated truth: name, code, kind, parent and the
  materialised path over ``[valid_from, valid_to)``. "As of date D" is a range query on them.
* :class:`LineageEvent` records each reorganisation with its deciding document;
  :class:`LineageLink` joins predecessors to successors (merge, split, absorb).
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from dangvu.vntext.fields import NFCCharField, NFCTextField

from .tree_paths import TreePathField, path_range


class UnitKind(models.Model):
    code = models.SlugField("mã", max_length=40, unique=True)
    name = NFCCharField("tên loại", max_length=120)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_grassroots = models.BooleanField("là tổ chức cơ sở đảng", default=False)
    is_cell = models.BooleanField("là chi bộ", default=False)
    historical = models.BooleanField(
        "chỉ còn trong lịch sử", default=False, help_text="Ví dụ cấp huyện trước 01/7/2025."
    )

    class Meta:
        verbose_name = "loại tổ chức"
        verbose_name_plural = "loại tổ chức"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class KindRule(models.Model):
    """Allowed parent → child kinds: configuration, not code."""

    parent_kind = models.ForeignKey(
        UnitKind,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="Để trống: loại này được đứng đầu cây (không có cấp trên).",
    )
    child_kind = models.ForeignKey(UnitKind, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "quan hệ cấp trên – cấp dưới được phép"
        verbose_name_plural = "quan hệ cấp trên – cấp dưới được phép"
        constraints = [
            models.UniqueConstraint(fields=["parent_kind", "child_kind"], name="kindrule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.parent_kind or '(gốc)'} → {self.child_kind}"


class UnitQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "view_units"):
        from dangvu.accounts.scopes import scope_for

        return self.filter(scope_for(user, perm).q("path"))

    def subtree_of(self, unit):
        low, high = path_range(unit.path)
        return self.filter(path__gte=low, path__lt=high)

    def alive_on(self, day: date):
        return self.filter(created_on__lte=day).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=day)
        )

    def current(self):
        return self.filter(ended_on__isnull=True)

    def top(self):
        """The highest current unit among these (of a user's scope: where their pages start)."""
        return self.current().order_by("depth", "path").first()


class Unit(models.Model):
    kind = models.ForeignKey(UnitKind, on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name = NFCCharField("tên", max_length=255)
    code = models.CharField("mã đơn vị", max_length=40, blank=True)
    path = TreePathField("đường dẫn")
    depth = models.PositiveSmallIntegerField("cấp", default=0)
    search_key = models.CharField(max_length=255, editable=False)
    sort_key = models.CharField(max_length=255, editable=False)
    created_on = models.DateField("ngày thành lập")
    ended_on = models.DateField("ngày chấm dứt", null=True, blank=True)
    revision = models.PositiveIntegerField("phiên bản", default=1)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "tổ chức đảng"
        verbose_name_plural = "tổ chức đảng"
        ordering = ["path"]
        # A plain btree on a COLLATE "C" column serves prefix ranges (no *_like index needed).
        indexes = [models.Index(fields=["path"], name="unit_path")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_alive(self) -> bool:
        return self.ended_on is None


class UnitVersionQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day)
        )


class UnitVersion(models.Model):
    # indexed by (unit, valid_from) below
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="versions", db_index=False
    )
    parent = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.ForeignKey(UnitKind, on_delete=models.PROTECT, related_name="+")
    name = NFCCharField("tên", max_length=255)
    code = models.CharField("mã đơn vị", max_length=40, blank=True)
    path = TreePathField("đường dẫn")
    depth = models.PositiveSmallIntegerField(default=0)
    search_key = models.CharField(max_length=255, editable=False)
    sort_key = models.CharField(max_length=255, editable=False)
    valid_from = models.DateField("hiệu lực từ")
    valid_to = models.DateField("hiệu lực đến trước", null=True, blank=True)
    event = models.ForeignKey(
        "LineageEvent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = UnitVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "phiên bản tổ chức"
        verbose_name_plural = "phiên bản tổ chức"
        ordering = ["unit_id", "valid_from"]
        indexes = [
            models.Index(fields=["path", "valid_from"], name="unitversion_path_from"),
            models.Index(fields=["unit", "valid_from"], name="unitversion_unit_from"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="unitversion_valid_range",
            ),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(valid_to__isnull=True), name="unitversion_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from:%d/%m/%Y}–)"


class LineageKind(models.TextChoices):
    CREATED = "created", "Thành lập"
    RENAMED = "renamed", "Đổi tên"
    RECLASSIFIED = "reclassified", "Đổi loại hình"
    MOVED = "moved", "Điều chuyển trực thuộc"
    MERGED = "merged", "Hợp nhất / sáp nhập"
    SPLIT = "split", "Chia tách"
    DISSOLVED = "dissolved", "Giải thể / kết thúc hoạt động"


class LineageEvent(models.Model):
    kind = models.CharField("loại sự kiện", max_length=20, choices=LineageKind.choices)
    effective_date = models.DateField("ngày hiệu lực", db_index=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="lineage_events", verbose_name="tổ chức"
    )
    decision_number = NFCCharField("số quyết định", max_length=60, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    decision_issuer = NFCCharField("cơ quan ban hành", max_length=255, blank=True)
    summary = NFCCharField("tóm tắt", max_length=500)
    note = NFCTextField("ghi chú", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField("ghi nhận lúc", auto_now_add=True)

    class Meta:
        verbose_name = "sự kiện tổ chức"
        verbose_name_plural = "sự kiện tổ chức"
        ordering = ["effective_date", "id"]

    def __str__(self) -> str:
        return self.summary

    @property
    def decision_text(self) -> str:
        from dangvu.vntext.formats import format_date

        if not self.decision_number:
            return ""
        text = f"Quyết định số {self.decision_number}"
        if self.decision_date:
            text += f" ngày {format_date(self.decision_date)}"
        if self.decision_issuer:
            text += f" của {self.decision_issuer}"
        return text


class LineageLink(models.Model):
    """Predecessor → successor from ``effective_date`` (merge, split, absorb)."""

    event = models.ForeignKey(LineageEvent, on_delete=models.CASCADE, related_name="links")
    # indexed by (predecessor, effective_date) below
    predecessor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="successor_links", db_index=False
    )
    successor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="predecessor_links")
    effective_date = models.DateField()

    class Meta:
        verbose_name = "liên kết kế thừa"
        verbose_name_plural = "liên kết kế thừa"
        indexes = [models.Index(fields=["predecessor", "effective_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "predecessor", "successor"], name="lineagelink_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor_id} → {self.successor_id} ({self.effective_date:%d/%m/%Y})"
