from django.conf import settings
from django.db import models


class MemberImport(models.Model):
    """One uploaded member file: validated, then (if clean) committed."""

    class State(models.TextChoices):
        CHECKING = "checking", "Đang kiểm tra"
        COMMITTING = "committing", "Đang ghi"
        INVALID = "invalid", "Có lỗi"
        READY = "ready", "Sẵn sàng ghi"
        COMMITTED = "committed", "Đã ghi"
        FAILED = "failed", "Ghi không thành công"

    file = models.FileField(upload_to="imports/%Y/%m/")
    filename = models.CharField(max_length=255)
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=12, choices=State.choices)
    rows = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    existing = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)  # [[row, column, value, reason], …] (first 1,000)
    error_count = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    progress = models.PositiveIntegerField("số dòng đã xử lý", default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lượt nhập đảng viên"
        verbose_name_plural = "lượt nhập đảng viên"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    @property
    def running(self) -> bool:
        return self.state in (self.State.CHECKING, self.State.COMMITTING)
