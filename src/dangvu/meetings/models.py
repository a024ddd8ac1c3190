"""Cell meetings (sinh hoạt chi bộ), their attendance and the upper-level attendees.

* :class:`Topic` is a code table (editable data) of content tags; one of them is flagged
  :attr:`Topic.is_ho_chi_minh` ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh").
* :class:`Meeting` — one meeting of one cell (a unit whose kind ``is_cell``: chi bộ trực thuộc
  or chi bộ cơ sở). At most one *regular* meeting per cell and month (``month`` = the first day
  of the month it counts for). The attendance counts on the meeting are written only by the
  attendance service, in the same transaction as the rows (the meeting-level aggregate that
  figures read; ARCHITECTURE rule 5).
* :class:`Attendance` — one narrow row per (meeting, member): ≈ 3 million a year for a province
  of 240,000 members. It repeats the keys the province-level queries filter and group by
  (``cell``, ``top`` = the root of the tree on the meeting date, ``month``, ``regular``) so they
  never join the meeting (ARCHITECTURE rule 4). ``status = 0`` marks a member excused from
  party work (miễn sinh hoạt): listed but not expected, never counted.
* :class:`Assignment` — an upper-level committee member (a user or a member) assigned to attend
  a cell's meetings over ``[start, end]``; :class:`AssigneePresence` says whether they came.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from dangvu.accounts.scoped import ScopedQuerySet
from dangvu.vntext.fields import NFCCharField, NFCTextField


class Topic(models.Model):
    code = models.SlugField("mã", max_length=40, unique=True)
    name = NFCCharField("tên chủ đề", max_length=255)
    is_ho_chi_minh = models.BooleanField(
        "là chủ đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", default=False
    )
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("còn dùng", default=True)

    class Meta:
        verbose_name = "chủ đề sinh hoạt"
        verbose_name_plural = "chủ đề sinh hoạt"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class MeetingKind(models.TextChoices):
    REGULAR = "thuong_ky", "Thường kỳ"
    THEMATIC = "chuyen_de", "Chuyên đề"


class MeetingQuerySet(ScopedQuerySet):
    pass


class Meeting(models.Model):
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="chi bộ"
    )
    kind = models.CharField("loại", max_length=10, choices=MeetingKind.choices)
    date = models.DateField("ngày sinh hoạt")
    month = models.DateField("tháng", help_text="Ngày đầu tháng mà buổi sinh hoạt được tính.")
    title = NFCCharField("tên chuyên đề", max_length=255, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="+", verbose_name="chủ đề")
    chair = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="chủ trì",
    )
    secretary = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="thư ký",
    )
    content = NFCTextField("nội dung", blank=True)
    opinions = NFCTextField("ý kiến thảo luận", blank=True)
    conclusion = NFCTextField("kết luận, nghị quyết", blank=True)
    # TODO(documents): an M2M ``documents = ManyToManyField("documents.Document")`` goes here
    # once the documents app exists; until then the documents discussed are free text.
    documents_text = NFCTextField("văn bản được quán triệt, thảo luận", null=True, blank=True)
    # written only by services.record_attendance, with the rows
    expected_count = models.PositiveIntegerField("số phải dự", default=0)
    present_count = models.PositiveIntegerField("có mặt", default=0)
    excused_count = models.PositiveIntegerField("vắng có lý do", default=0)
    unexcused_count = models.PositiveIntegerField("vắng không lý do", default=0)
    attendance_recorded = models.BooleanField("đã điểm danh", default=False)
    revision = models.PositiveIntegerField("phiên bản", default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "buổi sinh hoạt chi bộ"
        verbose_name_plural = "buổi sinh hoạt chi bộ"
        ordering = ["-date", "unit_id", "id"]
        indexes = [
            models.Index(fields=["unit", "month"], name="meeting_unit_month"),
            models.Index(fields=["month", "kind"], name="meeting_month_kind"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "month"],
                condition=Q(kind="thuong_ky"),
                name="meeting_one_regular_per_month",
            )
        ]

    def __str__(self) -> str:
        return f"Sinh hoạt {self.get_kind_display().lower()} {self.date:%d/%m/%Y}"


class Presence(models.IntegerChoices):
    EXEMPT = 0, "Miễn sinh hoạt (không tính)"
    PRESENT = 1, "Có mặt"
    EXCUSED = 2, "Vắng có lý do"
    UNEXCUSED = 3, "Vắng không lý do"


EXPECTED = (Presence.PRESENT, Presence.EXCUSED, Presence.UNEXCUSED)


class Attendance(models.Model):
    """One member at one meeting. Narrow on purpose (≈ 3 million rows a year per province)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    status = models.PositiveSmallIntegerField("điểm danh", choices=Presence.choices)
    reason = NFCCharField("lý do vắng", max_length=200, blank=True)
    # denormalised from the meeting (never change after the row is written)
    cell = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    top = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    month = models.DateField()
    regular = models.BooleanField()

    class Meta:
        verbose_name = "điểm danh"
        verbose_name_plural = "điểm danh"
        ordering = ["meeting_id", "id"]
        indexes = [
            models.Index(fields=["member", "month"], name="attendance_member_month"),
            models.Index(
                fields=["month", "member"],
                condition=Q(status=3),
                name="attendance_unexcused",
            ),
            # the "absent with reason N times running" rule reads only these rows (≈ 5%)
            models.Index(
                fields=["month", "cell", "meeting", "member"],
                condition=Q(status=2),
                name="attendance_excused",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.member_id}: {self.get_status_display()}"


class Assignment(models.Model):
    """Phân công cấp ủy viên cấp trên dự sinh hoạt chi bộ."""

    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="chi bộ"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="tài khoản",
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đảng viên",
    )
    name = NFCCharField("họ và tên", max_length=180)
    position = NFCCharField("chức vụ", max_length=255, blank=True)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày", null=True, blank=True)
    decision = NFCCharField("căn cứ phân công", max_length=255, blank=True)
    revision = models.PositiveIntegerField("phiên bản", default=1)

    class Meta:
        verbose_name = "phân công dự sinh hoạt chi bộ"
        verbose_name_plural = "phân công dự sinh hoạt chi bộ"
        ordering = ["unit_id", "start", "id"]
        indexes = [models.Index(fields=["unit", "start"], name="assignment_unit_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(member__isnull=False),
                name="assignment_has_person",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="assignment_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AssigneePresence(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="assignees")
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="presences")
    attended = models.BooleanField("có dự")

    class Meta:
        verbose_name = "cấp ủy viên dự sinh hoạt"
        verbose_name_plural = "cấp ủy viên dự sinh hoạt"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "assignment"], name="assigneepresence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.assignment_id}: {self.attended}"
