"""Study and dissemination sessions (hội nghị học tập, quán triệt, triển khai).

* :class:`AudienceKind` is the code table of audiences (cán bộ chủ chốt, báo cáo viên,
  đảng viên …), editable in the admin.
* :class:`StudySession` is one session organised by a unit on a date (or over several days)
  about one or more documents.
* :class:`AudienceGroup` is one audience of a session with its expected and attending
  counts. For a group kept *as a list* the counts are derived from its :class:`Attendee`
  rows by the services (never typed); for a group kept *as counts* they are typed. Either
  way the rates read only this table.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from dangvu.accounts.scoped import ScopedQuerySet
from dangvu.vntext.fields import NFCCharField, NFCTextField


class AudienceKind(models.Model):
    code = models.SlugField("mã", max_length=40, unique=True)
    name = NFCCharField("đối tượng", max_length=120)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "đối tượng học tập, quán triệt"
        verbose_name_plural = "đối tượng học tập, quán triệt"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class SessionForm(models.TextChoices):
    IN_PERSON = "truc_tiep", "Trực tiếp"
    ONLINE = "truc_tuyen", "Trực tuyến"
    HYBRID = "ket_hop", "Kết hợp trực tiếp và trực tuyến"


class StudySessionQuerySet(ScopedQuerySet):
    """Sessions whose organising unit (where it lives now) lies in the user's scope."""


class StudySession(models.Model):
    unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        related_name="study_sessions",
        verbose_name="tổ chức đảng tổ chức",
    )
    date = models.DateField("ngày")
    end_date = models.DateField("đến ngày", null=True, blank=True)
    title = NFCCharField("tên hội nghị", max_length=500)
    title_key = models.CharField(max_length=500, editable=False, default="")
    form = models.CharField(
        "hình thức", max_length=12, choices=SessionForm.choices, default=SessionForm.IN_PERSON
    )
    place = NFCCharField("địa điểm", max_length=255, blank=True)
    note = NFCTextField("ghi chú", blank=True)
    documents = models.ManyToManyField(
        "documents.Document",
        related_name="study_sessions",
        verbose_name="văn bản được học tập, quán triệt",
        blank=True,
    )
    revision = models.PositiveIntegerField("phiên bản", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StudySessionQuerySet.as_manager()

    class Meta:
        verbose_name = "hội nghị học tập, quán triệt"
        verbose_name_plural = "hội nghị học tập, quán triệt"
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["unit", "date"], name="studysession_unit_date"),
            models.Index(fields=["date", "id"], name="studysession_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("date")),
                name="studysession_dates",
            )
        ]

    def __str__(self) -> str:
        return self.title


class AudienceGroup(models.Model):
    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="groups")
    kind = models.ForeignKey(
        AudienceKind, on_delete=models.PROTECT, related_name="+", verbose_name="đối tượng"
    )
    by_list = models.BooleanField("theo danh sách đảng viên", default=False)
    expected = models.PositiveIntegerField("số được triệu tập", default=0)
    attended = models.PositiveIntegerField("số tham gia", default=0)

    class Meta:
        verbose_name = "đối tượng của hội nghị"
        verbose_name_plural = "đối tượng của hội nghị"
        ordering = ["session_id", "kind__sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "kind"], name="audiencegroup_unique"),
            models.CheckConstraint(
                condition=Q(attended__lte=F("expected")), name="audiencegroup_attended_le"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.attended}/{self.expected}"


class Attendee(models.Model):
    """A member expected at a session (in one audience group), present or not."""

    group = models.ForeignKey(AudienceGroup, on_delete=models.CASCADE, related_name="attendees")
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="study_attendance"
    )
    present = models.BooleanField("có mặt", default=True)
    note = NFCCharField("ghi chú (lý do vắng)", max_length=255, blank=True)

    class Meta:
        verbose_name = "người dự hội nghị"
        verbose_name_plural = "người dự hội nghị"
        ordering = ["group_id", "id"]
        indexes = [models.Index(fields=["member", "group"], name="attendee_member")]
        constraints = [models.UniqueConstraint(fields=["group", "member"], name="attendee_unique")]

    def __str__(self) -> str:
        return f"{self.member_id} {'có mặt' if self.present else 'vắng'}"
