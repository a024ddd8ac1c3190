"""Training (đào tạo, bồi dưỡng): programmes, classes, trainees and their results.

* :class:`Programme` is a code table (data migration, editable in the admin): what is taught,
  to whom (đảng viên, quần chúng ưu tú or both) and how long its certificate stays valid.
* :class:`TrainingClass` (lớp) is organised by a unit of the tree; scopes and figures follow
  that unit. ``revision`` guards every change to the class, its enrolments and its results.
* :class:`Candidate` is a non-member being cultivated for admission (quần chúng ưu tú), with
  minimal personal data.
* :class:`Enrolment` puts one member *or* one candidate in a class, with the result and the
  certificate; ``valid_until`` is computed by the services from the programme's validity.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from dangvu.accounts.scoped import ScopedQuerySet
from dangvu.members.models import Gender
from dangvu.vntext.fields import NFCCharField, NFCTextField


class Audience(models.TextChoices):
    MEMBERS = "dang_vien", "Đảng viên"
    CANDIDATES = "quan_chung", "Quần chúng ưu tú"
    BOTH = "ca_hai", "Đảng viên và quần chúng"


class Programme(models.Model):
    code = models.SlugField("mã", max_length=40, unique=True)
    name = NFCCharField("tên chương trình", max_length=255)
    audience = models.CharField(
        "dành cho", max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    validity_months = models.PositiveSmallIntegerField(
        "giấy chứng nhận có giá trị (tháng)",
        null=True,
        blank=True,
        help_text="Để trống: giấy chứng nhận không có thời hạn.",
    )
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "chương trình đào tạo, bồi dưỡng"
        verbose_name_plural = "chương trình đào tạo, bồi dưỡng"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def takes_members(self) -> bool:
        return self.audience in (Audience.MEMBERS, Audience.BOTH)

    @property
    def takes_candidates(self) -> bool:
        return self.audience in (Audience.CANDIDATES, Audience.BOTH)


class ClassForm(models.TextChoices):
    FULL_TIME = "tap_trung", "Tập trung"
    PART_TIME = "khong_tap_trung", "Không tập trung"
    ONLINE = "truc_tuyen", "Trực tuyến"
    MIXED = "ket_hop", "Kết hợp trực tiếp và trực tuyến"


class TrainingClassQuerySet(ScopedQuerySet):
    """Classes organised by a unit in the user's scope."""


class TrainingClass(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="classes", verbose_name="chương trình"
    )
    unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        related_name="training_classes",
        verbose_name="đơn vị tổ chức",
    )
    name = NFCCharField("tên lớp", max_length=255)
    number = NFCCharField("số hiệu lớp, khóa", max_length=60, blank=True)
    name_key = models.CharField(max_length=320, editable=False)
    start_date = models.DateField("khai giảng")
    end_date = models.DateField("bế giảng")
    place = NFCCharField("địa điểm", max_length=255, blank=True)
    audience = NFCCharField("đối tượng", max_length=255, blank=True)
    form = models.CharField(
        "hình thức", max_length=20, choices=ClassForm.choices, default=ClassForm.FULL_TIME
    )
    note = NFCTextField("ghi chú", blank=True)
    revision = models.PositiveIntegerField("phiên bản", default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrainingClassQuerySet.as_manager()

    class Meta:
        verbose_name = "lớp đào tạo, bồi dưỡng"
        verbose_name_plural = "lớp đào tạo, bồi dưỡng"
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["end_date"], name="trainingclass_end"),
            models.Index(fields=["unit", "end_date"], name="trainingclass_unit_end"),
            models.Index(fields=["-start_date", "-id"], name="trainingclass_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="trainingclass_dates"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})" if self.number else self.name


class CandidateQuerySet(ScopedQuerySet):
    """Candidates cultivated in a cell of the user's scope."""


class Candidate(models.Model):
    """A quần chúng ưu tú being cultivated for admission: only what the classes need."""

    ho = NFCCharField("họ", max_length=50, blank=True)
    ten_dem = NFCCharField("tên đệm", max_length=80, blank=True)
    ten = NFCCharField("tên", max_length=50)
    full_name = NFCCharField("họ và tên", max_length=180)
    name_key = models.CharField(max_length=180, editable=False)
    sort_key = models.CharField(max_length=400, editable=False)
    birth_date = models.DateField("ngày sinh")
    gender = models.CharField("giới tính", max_length=3, choices=Gender.choices)
    cccd = models.CharField("số định danh cá nhân", max_length=12, blank=True)
    unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        related_name="training_candidates",
        verbose_name="chi bộ đang bồi dưỡng",
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đã kết nạp (hồ sơ đảng viên)",
    )
    revision = models.PositiveIntegerField("phiên bản", default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        verbose_name = "quần chúng ưu tú"
        verbose_name_plural = "quần chúng ưu tú"
        ordering = ["sort_key", "id"]
        indexes = [
            models.Index(fields=["unit", "sort_key"], name="candidate_unit_sort"),
            models.Index(fields=["cccd"], name="candidate_cccd"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["cccd"], condition=~Q(cccd=""), name="candidate_cccd_unique"
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class Result(models.TextChoices):
    PENDING = "", "Chưa có kết quả"
    COMPLETED = "hoan_thanh", "Hoàn thành"
    NOT_COMPLETED = "khong_hoan_thanh", "Không hoàn thành"
    WITHDREW = "bo_hoc", "Bỏ học, thôi học"


class Grade(models.TextChoices):
    NONE = "", "—"
    EXCELLENT = "xuat_sac", "Xuất sắc"
    VERY_GOOD = "gioi", "Giỏi"
    GOOD = "kha", "Khá"
    AVERAGE = "trung_binh", "Trung bình"


class Enrolment(models.Model):
    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.PROTECT, related_name="enrolments", verbose_name="lớp"
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_enrolments",
        verbose_name="đảng viên",
    )
    candidate = models.ForeignKey(
        Candidate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name="quần chúng",
    )
    outside_reason = NFCCharField(
        "lý do học viên ngoài phạm vi đơn vị tổ chức", max_length=255, blank=True
    )
    result = models.CharField(
        "kết quả", max_length=20, choices=Result.choices, blank=True, default=Result.PENDING
    )
    grade = models.CharField("xếp loại", max_length=12, choices=Grade.choices, blank=True)
    certificate_number = NFCCharField("số giấy chứng nhận", max_length=60, blank=True)
    certificate_date = models.DateField("ngày cấp", null=True, blank=True)
    valid_until = models.DateField("có giá trị đến", null=True, blank=True)
    note = NFCCharField("ghi chú", max_length=255, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "học viên"
        verbose_name_plural = "học viên"
        ordering = ["training_class_id", "id"]
        indexes = [
            models.Index(fields=["valid_until"], name="enrolment_valid_until"),
            models.Index(fields=["member", "training_class"], name="enrolment_member"),
            models.Index(fields=["candidate", "training_class"], name="enrolment_candidate"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False, candidate__isnull=True)
                | Q(member__isnull=True, candidate__isnull=False),
                name="enrolment_one_person",
            ),
            models.UniqueConstraint(
                fields=["training_class", "member"],
                condition=Q(member__isnull=False),
                name="enrolment_member_once",
            ),
            models.UniqueConstraint(
                fields=["training_class", "candidate"],
                condition=Q(candidate__isnull=False),
                name="enrolment_candidate_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.training_class_id}"

    @property
    def person(self):
        return self.member if self.member_id else self.candidate

    @property
    def is_candidate(self) -> bool:
        return self.candidate_id is not None
