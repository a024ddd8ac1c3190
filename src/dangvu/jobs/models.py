"""One background job: what it is, who started it, where it stands, what it produced."""

from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from dangvu.vntext.formats import ratio


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang chạy"
        SUCCEEDED = "succeeded", "Hoàn thành"
        FAILED = "failed", "Không thành công"

    kind = models.CharField("loại việc", max_length=80)
    title = models.CharField("tên việc", max_length=255)
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress_done = models.PositiveIntegerField("đã làm", default=0)
    progress_total = models.PositiveIntegerField("tổng số", null=True, blank=True)
    message = models.TextField("thông báo", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người yêu cầu",
    )
    unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="tổ chức",
    )
    source = models.CharField("nguồn", max_length=20, blank=True)  # audit source for its writes
    params = models.JSONField("tham số", default=dict, blank=True, encoder=DjangoJSONEncoder)
    result = models.JSONField("kết quả", null=True, blank=True, encoder=DjangoJSONEncoder)
    error = models.TextField("lỗi kỹ thuật", blank=True)  # traceback, for administrators
    input_file = models.FileField("tệp đầu vào", upload_to="jobs/input/%Y/%m/", blank=True)
    input_name = models.CharField("tên tệp đầu vào", max_length=255, blank=True)
    output_file = models.FileField("tệp kết quả", upload_to="jobs/output/%Y/%m/", blank=True)
    output_name = models.CharField("tên tệp kết quả", max_length=255, blank=True)
    created_at = models.DateTimeField("tạo lúc", default=timezone.now)
    started_at = models.DateTimeField("bắt đầu", null=True, blank=True)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)
    task_result_id = models.CharField("mã tác vụ", max_length=64, blank=True)

    class Meta:
        verbose_name = "việc chạy nền"
        verbose_name_plural = "việc chạy nền"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["actor", "-created_at"], name="job_actor_recent")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def is_active(self) -> bool:
        """Queued or running: the page keeps polling."""
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def progress_percent(self) -> Decimal | None:
        """Percentage done (one decimal), None while the total is unknown."""
        if not self.progress_total:
            return None
        return ratio(min(self.progress_done, self.progress_total), self.progress_total).percent(1)

    @property
    def progress_width(self) -> int:
        """The bar's width in whole percent (CSS needs a dot decimal, so no fraction)."""
        if self.status == self.Status.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)
