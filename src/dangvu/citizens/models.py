"""Citizen engagement (dân vận): feedback and petitions, and pressing local issues.

* :class:`Channel` and :class:`Sector` are code tables (kênh tiếp nhận, lĩnh vực), editable
  in the admin by an authorised user.
* :class:`Feedback` is one ý kiến, kiến nghị recorded by a unit. Its state moves
  received → routed → answered | referred → closed, only through
  :mod:`dangvu.citizens.services`. Who raised it is kept minimal on purpose: a display name or
  a group description and an optional contact — no identity number, no address, nothing more.
  "Overdue" is not stored: it is computed at a date (:func:`overdue_q`).
* :class:`PressingIssue` is one việc nổi cộm, bức xúc that a cell or committee selects for a
  year (at most two a year), followed to resolution.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from dangvu.accounts.scoped import ScopedQuerySet
from dangvu.vntext.fields import NFCCharField, NFCTextField


class CodeTable(models.Model):
    code = models.SlugField("mã", max_length=40, unique=True)
    name = NFCCharField("tên", max_length=160)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("đang dùng", default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Channel(CodeTable):
    class Meta(CodeTable.Meta):
        verbose_name = "kênh tiếp nhận ý kiến"
        verbose_name_plural = "kênh tiếp nhận ý kiến"


class Sector(CodeTable):
    class Meta(CodeTable.Meta):
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"


class FeedbackState(models.TextChoices):
    RECEIVED = "tiep_nhan", "Đã tiếp nhận"
    ROUTED = "da_chuyen", "Đã chuyển xử lý"
    ANSWERED = "da_tra_loi", "Đã trả lời"
    REFERRED = "chuyen_co_quan", "Đã chuyển cơ quan có thẩm quyền"
    CLOSED = "ket_thuc", "Đã kết thúc"


RESPONDED = (FeedbackState.ANSWERED, FeedbackState.REFERRED, FeedbackState.CLOSED)


def overdue_q(day: date) -> Q:
    """Feedback overdue at ``day``: routed by then with a due date before ``day``, and not
    answered or referred by ``day`` (a response after the due date ends the overdue spell on
    the response date; on-time is :func:`on_time_q`)."""
    return Q(routed_on__lte=day, due_on__lt=day) & (
        Q(responded_on__isnull=True) | Q(responded_on__gt=day)
    )


def responded_q(day: date) -> Q:
    """Answered or referred on or before ``day``."""
    return Q(responded_on__isnull=False, responded_on__lte=day)


def on_time_q(day: date) -> Q:
    """Answered or referred by ``day`` and no later than the due date."""
    return responded_q(day) & Q(responded_on__lte=F("due_on"))


class FeedbackQuerySet(ScopedQuerySet):
    def visible_to(self, user, perm: str = "read"):
        """Recorded by a unit in the scope, or routed to one: the unit that must answer
        sees what it was sent."""
        from dangvu.accounts.scopes import scope_for

        scope = scope_for(user, perm)
        return self.filter(scope.q("unit__path") | scope.q("routed_unit__path"))


class Feedback(models.Model):
    unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        related_name="citizen_feedback",
        verbose_name="tổ chức tiếp nhận",
    )
    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, related_name="+", verbose_name="kênh tiếp nhận"
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="+", verbose_name="lĩnh vực"
    )
    raised_by = NFCCharField("người / nhóm phản ánh", max_length=200)
    contact = NFCCharField("liên hệ (không bắt buộc)", max_length=120, blank=True)
    content = NFCTextField("nội dung")
    content_key = models.TextField(editable=False, default="")
    received_on = models.DateField("ngày tiếp nhận")
    state = models.CharField(
        "trạng thái", max_length=16, choices=FeedbackState.choices, default=FeedbackState.RECEIVED
    )
    routed_unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="citizen_feedback_routed",
        verbose_name="chuyển đến tổ chức",
    )
    routed_agency = NFCCharField("chuyển đến cơ quan", max_length=255, blank=True)
    routed_on = models.DateField("ngày chuyển", null=True, blank=True)
    due_on = models.DateField("hạn trả lời", null=True, blank=True)
    referred_to = NFCCharField("cơ quan có thẩm quyền", max_length=255, blank=True)
    response = NFCTextField("nội dung trả lời / chuyển", blank=True)
    responded_on = models.DateField("ngày trả lời / chuyển", null=True, blank=True)
    closed_on = models.DateField("ngày kết thúc", null=True, blank=True)
    revision = models.PositiveIntegerField("phiên bản", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = "ý kiến, kiến nghị"
        verbose_name_plural = "ý kiến, kiến nghị"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "received_on"], name="feedback_unit_received"),
            models.Index(fields=["received_on", "id"], name="feedback_received"),
            models.Index(fields=["routed_unit", "state"], name="feedback_routed_unit"),
            models.Index(fields=["state", "due_on"], name="feedback_state_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="tiep_nhan")
                | (Q(due_on__isnull=False) & Q(routed_on__isnull=False)),
                name="feedback_due_when_routed",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["tiep_nhan", "da_chuyen"]) | Q(responded_on__isnull=False),
                name="feedback_responded_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.raised_by}: {self.content[:60]}"

    @property
    def routed_to(self) -> str:
        if self.routed_unit_id:
            return self.routed_unit.name
        return self.routed_agency

    def overdue_at(self, day: date) -> bool:
        """Python twin of :func:`overdue_q` for one row."""
        if self.routed_on is None or self.due_on is None:
            return False
        if self.routed_on > day or self.due_on >= day:
            return False
        return self.responded_on is None or self.responded_on > day

    @property
    def on_time(self) -> bool | None:
        """Answered or referred no later than the due date (None while not responded)."""
        if self.responded_on is None or self.due_on is None:
            return None
        return self.responded_on <= self.due_on


class IssueState(models.TextChoices):
    IN_PROGRESS = "dang_giai_quyet", "Đang giải quyết"
    RESOLVED = "da_giai_quyet", "Đã giải quyết dứt điểm"
    UNRESOLVED = "chua_giai_quyet", "Chưa giải quyết được"


MAX_ISSUES_PER_YEAR = 2


class PressingIssueQuerySet(ScopedQuerySet):
    """Issues whose selecting unit lies in the user's scope."""


class PressingIssue(models.Model):
    unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        related_name="pressing_issues",
        verbose_name="chi bộ / cấp ủy lựa chọn",
    )
    year = models.PositiveSmallIntegerField("năm")
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="+", verbose_name="lĩnh vực"
    )
    title = NFCCharField("vụ việc", max_length=300)
    title_key = models.CharField(max_length=300, editable=False, default="")
    description = NFCTextField("mô tả", blank=True)
    plan = NFCTextField("kế hoạch, biện pháp giải quyết")
    state = models.CharField(
        "tình hình", max_length=16, choices=IssueState.choices, default=IssueState.IN_PROGRESS
    )
    resolved_on = models.DateField("ngày giải quyết xong", null=True, blank=True)
    result = NFCTextField("kết quả", blank=True)
    revision = models.PositiveIntegerField("phiên bản", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PressingIssueQuerySet.as_manager()

    class Meta:
        verbose_name = "việc nổi cộm, bức xúc"
        verbose_name_plural = "việc nổi cộm, bức xúc"
        ordering = ["-year", "unit_id", "id"]
        indexes = [models.Index(fields=["unit", "year"], name="pressingissue_unit_year")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="da_giai_quyet") | Q(resolved_on__isnull=False),
                name="pressingissue_resolved_date",
            )
        ]

    def __str__(self) -> str:
        return self.title
