"""Aggregates: one row per (indicator, period, tree, unit, category), computed in batch.

``tree`` says which tree the figures were added up in: the tree on the period's last day
(``cuoi_ky``), or today's tree (``hien_tai``) — the one to read for a unit that did not yet
exist at the period's end, e.g. a commune formed on 01/7/2025 looking back at 2024. Each row
keeps its unit's own figure and its subtree's; rates keep numerator and denominator.
"""

from django.conf import settings
from django.db import models


class Tree(models.TextChoices):
    PERIOD_END = "cuoi_ky", "Cây tổ chức cuối kỳ"
    TODAY = "hien_tai", "Cây tổ chức hiện tại"


class Build(models.Model):
    """One run of the aggregate builder; a row's ``build`` is its version."""

    FULL, INCREMENTAL = "full", "incremental"
    kind = models.CharField(max_length=12, choices=[(FULL, "Toàn bộ"), (INCREMENTAL, "Bổ sung")])
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    today_tree = models.DateField("ngày của cây hiện tại")
    rows_written = models.PositiveIntegerField(default=0)
    periods = models.PositiveIntegerField(default=0)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = "lần tổng hợp số liệu"
        verbose_name_plural = "lần tổng hợp số liệu"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"Lần tổng hợp {self.pk} ({self.get_kind_display()})"


class FillState(models.Model):
    """How far each module's records have been taken in: the last audit entry seen."""

    source = models.CharField(max_length=40, unique=True)
    watermark = models.BigIntegerField(default=0)  # AuditEntry.id
    build = models.ForeignKey(Build, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = "mốc tổng hợp"
        verbose_name_plural = "mốc tổng hợp"

    def __str__(self) -> str:
        return f"{self.source}: {self.watermark}"


class Aggregate(models.Model):
    indicator = models.CharField(max_length=60)
    period = models.CharField(max_length=12)  # Period.code: 2025, 2025-Q1, 2025-T03, 2025-6T
    period_end = models.DateField()
    tree = models.CharField(max_length=8, choices=Tree.choices, default=Tree.PERIOD_END)
    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=60, blank=True)
    own = models.BigIntegerField(default=0)
    own_base = models.BigIntegerField(null=True, blank=True)
    value = models.BigIntegerField(default=0)  # the unit and its subtree
    base = models.BigIntegerField(null=True, blank=True)
    build = models.ForeignKey(Build, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "số liệu tổng hợp"
        verbose_name_plural = "số liệu tổng hợp"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "tree", "unit", "category"],
                name="aggregate_identity",
            )
        ]
        indexes = [
            models.Index(fields=["period", "tree", "unit"], name="aggregate_read"),
            # a state's change points of many units (a dashboard's sub-units): per unit and
            # indicator one range of months, not a probe per month
            models.Index(
                fields=["unit", "indicator", "tree", "category", "period"],
                name="aggregate_unit_series",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period} {self.unit_id} {self.category}"


class ReportFormat(models.TextChoices):
    DOCX = "docx", "Word (DOCX)"
    XLSX = "xlsx", "Excel (XLSX)"


class GeneratedReport(models.Model):
    """A report document as it was written: who, for which unit and period, from which build."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    period = models.CharField("kỳ", max_length=12)
    report_type = models.CharField("loại báo cáo", max_length=10)
    format = models.CharField("định dạng", max_length=4, choices=ReportFormat.choices)
    number = models.CharField("số", max_length=20, blank=True)
    tree = models.CharField(max_length=8, choices=Tree.choices)
    build = models.ForeignKey(Build, on_delete=models.PROTECT, null=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    job = models.ForeignKey("jobs.Job", on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = "báo cáo đã tạo"
        verbose_name_plural = "báo cáo đã tạo"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"Báo cáo {self.period} — {self.unit_id}"


class ReportFigure(models.Model):
    """One number written in a report, and the aggregate it was read from."""

    report = models.ForeignKey(GeneratedReport, on_delete=models.CASCADE, related_name="figures")
    position = models.PositiveIntegerField()
    place = models.CharField("vị trí", max_length=120)  # "Đảng viên", "Bảng: Xã A"…
    indicator = models.CharField(max_length=60)
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=12)
    tree = models.CharField(max_length=8, choices=Tree.choices)
    category = models.CharField(max_length=60, blank=True)
    value = models.BigIntegerField()
    base = models.BigIntegerField(null=True, blank=True)
    build = models.ForeignKey(Build, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        verbose_name = "số liệu trong báo cáo"
        verbose_name_plural = "số liệu trong báo cáo"
        ordering = ["report_id", "position"]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period} = {self.value}"
