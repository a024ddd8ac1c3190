"""Implementing a document: its targets and tasks, who must carry them out, and progress.

* :class:`Item` is a chỉ tiêu (target: numeric, with a measuring unit, baseline, target
  value, direction and deadline) or a nhiệm vụ (task: a text and a deadline) of a
  :class:`documents.Document`. The document's issuing unit owns it.
* :class:`Assignment` gives an item to a unit (its subtree is responsible), optionally with
  the unit's own target value (a province count split between communes).
* :class:`Report` is one assigned unit's progress for one period (one per assignment and
  period): a value (count targets), a numerator/denominator (rate targets) or a status
  (tasks); a note and an optional evidence file. ``achieved`` is derived by the services.
  The assignment caches its latest report (``last_*``) so "overdue" is one indexed filter.
* :class:`WorkProgramme` is a committee's yearly work programme (chương trình công tác năm)
  and :class:`ProgrammeItem` its content groups (nhóm nội dung) by field.

See ``rollup.py`` for how figures roll up the org tree.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from dangvu.accounts.scoped import ScopedQuerySet
from dangvu.reports.periods import Period, PeriodKind
from dangvu.vntext.fields import NFCCharField, NFCTextField


class ItemKind(models.TextChoices):
    TARGET = "chi_tieu", "Chỉ tiêu"
    TASK = "nhiem_vu", "Nhiệm vụ"


class Measure(models.TextChoices):
    COUNT = "so_luong", "Số lượng (cộng dồn từ cấp dưới)"
    RATE = "ty_le", "Tỷ lệ (tử số / mẫu số)"


class Direction(models.TextChoices):
    HIGHER = "cao", "Càng cao càng tốt (đạt khi ≥ chỉ tiêu)"
    LOWER = "thap", "Càng thấp càng tốt (đạt khi ≤ chỉ tiêu)"


class TaskStatus(models.TextChoices):
    NOT_STARTED = "chua", "Chưa thực hiện"
    IN_PROGRESS = "dang", "Đang thực hiện"
    DONE = "xong", "Hoàn thành"


class ItemQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "read"):
        """Items whose document was issued inside the user's scope, or that are assigned
        to a unit inside it (a commune sees the province's targets given to it)."""
        from dangvu.accounts.scopes import scope_for

        scope = scope_for(user, perm)
        if scope.everything:
            return self
        assigned = Assignment.objects.filter(scope.q("unit__path")).values("item_id")
        return self.filter(scope.q("document__unit__path") | Q(pk__in=assigned))


class Item(models.Model):
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="implementation_items",
        verbose_name="văn bản",
    )
    kind = models.CharField("loại", max_length=10, choices=ItemKind.choices)
    code = models.CharField(
        "số thứ tự", max_length=20, blank=True, help_text="Ví dụ: 1, 2.a, III.3"
    )
    name = NFCTextField("nội dung")
    # targets only
    measure = models.CharField("cách tổng hợp", max_length=10, choices=Measure.choices, blank=True)
    measure_unit = NFCCharField(
        "đơn vị tính", max_length=40, blank=True, help_text="Ví dụ: %, đảng viên, chi bộ"
    )
    baseline = models.DecimalField(
        "giá trị đầu kỳ", max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_value = models.DecimalField(
        "chỉ tiêu", max_digits=14, decimal_places=2, null=True, blank=True
    )
    direction = models.CharField(
        "chiều đánh giá", max_length=4, choices=Direction.choices, default=Direction.HIGHER
    )
    deadline = models.DateField("thời hạn", null=True, blank=True)
    # a count target the system measures itself: the code of a catalogue indicator (a flow)
    indicator = models.CharField(
        "đo bằng số liệu của hệ thống",
        max_length=60,
        blank=True,
        help_text="Ví dụ: chỉ tiêu kết nạp đảng viên được so với số đảng viên kết nạp trong kỳ.",
    )
    search_key = models.CharField(max_length=2000, editable=False, default="")
    revision = models.PositiveIntegerField("phiên bản", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "chỉ tiêu, nhiệm vụ"
        verbose_name_plural = "chỉ tiêu, nhiệm vụ"
        ordering = ["document_id", "kind", "code", "id"]
        indexes = [models.Index(fields=["document", "kind"], name="impl_item_doc")]

    def __str__(self) -> str:
        prefix = f"{self.code}. " if self.code else ""
        return f"{prefix}{self.name}"[:200]

    @property
    def is_target(self) -> bool:
        return self.kind == ItemKind.TARGET

    @property
    def is_rate(self) -> bool:
        return self.measure == Measure.RATE

    @property
    def measured_by(self) -> str:
        """The name of the catalogue indicator the target is measured by ("" if none)."""
        from .goals import measured_indicators  # the catalogue gathers every app's modules

        return measured_indicators().get(self.indicator, self.indicator) if self.indicator else ""


class AssignmentQuerySet(ScopedQuerySet):
    def overdue_on(self, day):
        return self.filter(item__deadline__lt=day, achieved=False)


class Assignment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="assignments")
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị thực hiện"
    )
    target_value = models.DecimalField(
        "chỉ tiêu giao cho đơn vị",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Để trống: dùng chỉ tiêu chung.",
    )
    note = NFCCharField("ghi chú", max_length=500, blank=True)
    # the latest report (by period end), kept by the services
    last_report = models.ForeignKey(
        "Report", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_period_end = models.DateField(null=True, blank=True)
    achieved = models.BooleanField("đã đạt / hoàn thành", default=False)
    revision = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "phân công thực hiện"
        verbose_name_plural = "phân công thực hiện"
        ordering = ["item_id", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["item", "unit"], name="impl_assignment_unique")
        ]
        indexes = [models.Index(fields=["achieved", "unit"], name="impl_assignment_open")]

    def __str__(self) -> str:
        return f"{self.item} — {self.unit}"

    @property
    def goal(self) -> Decimal | None:
        return self.target_value if self.target_value is not None else self.item.target_value


class ReportQuerySet(ScopedQuerySet):
    scope_path = "assignment__unit__path"

    def of_period(self, period: Period):
        return self.filter(period_kind=period.kind, year=period.year, number=period.number)


class Report(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="reports")
    period_kind = models.CharField("loại kỳ", max_length=8, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField("năm")
    number = models.PositiveSmallIntegerField("kỳ", default=1)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    value = models.DecimalField("kết quả", max_digits=14, decimal_places=2, null=True, blank=True)
    numerator = models.DecimalField("tử số", max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(
        "mẫu số", max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField("tình trạng", max_length=4, choices=TaskStatus.choices, blank=True)
    note = NFCTextField("ghi chú, đánh giá", blank=True)
    evidence = models.FileField(
        "tệp minh chứng", upload_to="implementation/%Y/%m/", blank=True, max_length=255
    )
    evidence_name = NFCCharField("tên tệp minh chứng", max_length=255, blank=True)
    evidence_size = models.PositiveBigIntegerField(null=True, blank=True)
    achieved = models.BooleanField(default=False)
    revision = models.PositiveIntegerField(default=1)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
        ordering = ["assignment_id", "end", "period_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "period_kind", "year", "number"],
                name="impl_report_one_per_period",
            )
        ]
        indexes = [
            models.Index(fields=["period_kind", "year", "number"], name="impl_report_period")
        ]

    def __str__(self) -> str:
        return f"{self.assignment} — {self.period}"

    @property
    def period(self) -> Period:
        return Period(self.year, self.period_kind, self.number)


class Field(models.TextChoices):
    """Fields (lĩnh vực) of a yearly work programme's content groups."""

    POLITICS = "chinh_tri", "Xây dựng Đảng về chính trị, tư tưởng, đạo đức"
    ORGANISATION = "to_chuc", "Xây dựng Đảng về tổ chức, cán bộ"
    INSPECTION = "kiem_tra", "Kiểm tra, giám sát, kỷ luật đảng"
    MOBILISATION = "dan_van", "Dân vận, Mặt trận và các đoàn thể"
    INTERNAL = "noi_chinh", "Nội chính, phòng, chống tham nhũng, lãng phí"
    ECONOMY = "kinh_te", "Lãnh đạo phát triển kinh tế – xã hội"
    DEFENCE = "quoc_phong", "Quốc phòng, an ninh"
    COMMITTEE = "cap_uy", "Hoạt động của cấp ủy, Ban Thường vụ"


class ProgrammeQuerySet(ScopedQuerySet):
    pass


class WorkProgramme(models.Model):
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="cấp ủy"
    )
    year = models.PositiveSmallIntegerField("năm")
    title = NFCCharField("tên chương trình", max_length=300)
    adopted_on = models.DateField("ngày ban hành", null=True, blank=True)
    note = NFCTextField("ghi chú", blank=True)
    revision = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = "chương trình công tác năm"
        verbose_name_plural = "chương trình công tác năm"
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="impl_programme_unit_year")
        ]

    def __str__(self) -> str:
        return self.title


class ProgrammeItem(models.Model):
    """One content group (nhóm nội dung) of a yearly work programme."""

    programme = models.ForeignKey(WorkProgramme, on_delete=models.CASCADE, related_name="items")
    field = models.CharField("lĩnh vực", max_length=12, choices=Field.choices)
    content = NFCTextField("nội dung")
    due_month = models.PositiveSmallIntegerField("tháng thực hiện", null=True, blank=True)
    due_quarter = models.PositiveSmallIntegerField("quý thực hiện", null=True, blank=True)
    responsible = NFCCharField(
        "cơ quan chủ trì", max_length=200, help_text="Ví dụ: Ban Xây dựng Đảng, Ủy ban Kiểm tra"
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "nhóm nội dung"
        verbose_name_plural = "nhóm nội dung"
        ordering = ["programme_id", "field", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_month__isnull=True) | Q(due_month__gte=1, due_month__lte=12),
                name="impl_programme_item_month",
            ),
            models.CheckConstraint(
                condition=Q(due_quarter__isnull=True) | Q(due_quarter__gte=1, due_quarter__lte=4),
                name="impl_programme_item_quarter",
            ),
        ]

    def __str__(self) -> str:
        return self.content[:200]

    @property
    def due_label(self) -> str:
        from dangvu.reports.periods import ROMAN

        if self.due_month:
            return f"Tháng {self.due_month}"
        if self.due_quarter:
            return f"Quý {ROMAN[self.due_quarter]}"
        return "Cả năm"
