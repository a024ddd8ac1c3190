"""Emulation (thi đua) records.

* **4 tốt** — :class:`CriteriaSet` / :class:`Criterion` are the criteria a *province*
  defines for a year and a target ("Chi bộ 4 tốt" or "Đảng bộ cơ sở 4 tốt"): data, not
  code. A :class:`Pledge` is one cell's or grassroots committee's đăng ký for a year (one per
  unit and year); its :class:`Evaluation` (one per pledge) records met / not met per
  criterion (:class:`CriterionResult`) and the result, decided by a unit *above* the pledging
  unit.
* **Học tập và làm theo** — a :class:`Registration` is one collective's (a unit) or one
  individual's (a member) registration for a year (one per subject and year).
* **Models and examples** — an :class:`Example` is a mô hình hay, cách làm hiệu quả or
  điển hình tiên tiến of a collective or an individual, in a field (:class:`Field`, a code
  table), in a year, recognised by a unit/body with a decision; an example of the "Dân vận
  khéo" movement goes through registered → evaluated → effective / not effective.
* **Recognitions** — a :class:`Recognition` of a member ("bí thư chi bộ tiêu biểu", a
  :class:`RecognitionKind`) in a year by a recognising unit.

Every record hangs off ``unit`` (the pledging/registering unit, or the member's unit at the
time) for the scope: :class:`~dangvu.accounts.scoped.ScopedQuerySet`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from dangvu.accounts.scoped import ScopedQuerySet
from dangvu.vntext.fields import NFCCharField, NFCTextField


class Target(models.TextChoices):
    CELL = "chi_bo", "Chi bộ 4 tốt"
    COMMITTEE = "dang_bo_co_so", "Đảng bộ cơ sở 4 tốt"


class Result(models.TextChoices):
    PASSED = "dat", "Đạt"
    FAILED = "khong_dat", "Không đạt"


class Tracked(models.Model):
    revision = models.PositiveIntegerField("phiên bản", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class CodeTable(models.Model):
    code = models.SlugField("mã", max_length=40, unique=True)
    name = NFCCharField("tên", max_length=200)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("đang dùng", default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


# ---------------------------------------------------------------- 4 tốt


class CriteriaSetQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "read"):
        """A province's criteria are read by everyone holding ``perm`` anywhere in it."""
        from dangvu.accounts.scopes import scope_for
        from dangvu.orgs.tree_paths import path_ids

        scope = scope_for(user, perm)
        if scope.everything:
            return self.all()
        return self.filter(province_id__in={path_ids(root)[0] for root in scope.roots})


class CriteriaSet(Tracked):
    province = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đảng bộ tỉnh"
    )
    year = models.PositiveSmallIntegerField("năm")
    target = models.CharField("đối tượng", max_length=16, choices=Target.choices)
    title = NFCCharField("tên bộ tiêu chí", max_length=300)
    decision_ref = NFCCharField("văn bản ban hành", max_length=120, blank=True)
    pass_score = models.DecimalField(
        "điểm tối thiểu để đạt",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Để trống khi tiêu chí không chấm điểm.",
    )

    objects = CriteriaSetQuerySet.as_manager()

    class Meta:
        verbose_name = "bộ tiêu chí 4 tốt"
        verbose_name_plural = "bộ tiêu chí 4 tốt"
        ordering = ["-year", "target", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year", "target"], name="criteriaset_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField("mã", max_length=20)
    text = NFCTextField("nội dung tiêu chí")
    weight = models.DecimalField("điểm tối đa", max_digits=6, decimal_places=2, null=True)
    required = models.BooleanField("bắt buộc đạt", default=False)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        ordering = ["criteria_set_id", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="criterion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:60]}"


class PledgeQuerySet(ScopedQuerySet):
    pass


class Pledge(Tracked):
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="tổ chức đăng ký"
    )
    year = models.PositiveSmallIntegerField("năm")
    target = models.CharField("danh hiệu", max_length=16, choices=Target.choices)
    pledged_on = models.DateField("ngày đăng ký")
    note = NFCTextField("nội dung đăng ký, ghi chú", blank=True)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        verbose_name = "đăng ký 4 tốt"
        verbose_name_plural = "đăng ký 4 tốt"
        ordering = ["-year", "unit__sort_key", "id"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="pledge_unique")]
        indexes = [models.Index(fields=["year", "unit"], name="pledge_year_unit")]

    def __str__(self) -> str:
        return f"{self.get_target_display()} {self.year} — {self.unit}"


class Evaluation(Tracked):
    pledge = models.OneToOneField(Pledge, on_delete=models.CASCADE, related_name="evaluation")
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT, related_name="+")
    result = models.CharField("kết quả", max_length=12, choices=Result.choices)
    score = models.DecimalField("tổng điểm", max_digits=7, decimal_places=2, null=True)
    decided_by = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="cấp ủy cấp trên"
    )
    decided_on = models.DateField("ngày quyết định")
    decision_ref = NFCCharField("số quyết định, thông báo", max_length=120, blank=True)
    comment = NFCTextField("nhận xét", blank=True)

    class Meta:
        verbose_name = "đánh giá 4 tốt"
        verbose_name_plural = "đánh giá 4 tốt"

    def __str__(self) -> str:
        return f"{self.pledge}: {self.get_result_display()}"


class CriterionResult(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="results")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    met = models.BooleanField("đạt")
    score = models.DecimalField("điểm", max_digits=6, decimal_places=2, null=True)

    class Meta:
        ordering = ["evaluation_id", "criterion__sort_order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "criterion"], name="criterionresult_uq")
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {'đạt' if self.met else 'không đạt'}"


# ---------------------------------------------------------------- học tập và làm theo


class RegistrationQuerySet(ScopedQuerySet):
    pass


class Registration(Tracked):
    """A collective (``member`` empty: ``unit`` registers) or an individual (``member``
    registers; ``unit`` is the member's home unit on ``registered_on``)."""

    year = models.PositiveSmallIntegerField("năm")
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="tổ chức"
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đảng viên",
    )
    registered_on = models.DateField("ngày đăng ký")
    content = NFCTextField("nội dung đăng ký làm theo", blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "đăng ký học tập và làm theo"
        verbose_name_plural = "đăng ký học tập và làm theo"
        ordering = ["-year", "unit__sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "unit"], condition=Q(member__isnull=True), name="reg_collective_uq"
            ),
            models.UniqueConstraint(
                fields=["year", "member"],
                condition=Q(member__isnull=False),
                name="reg_individual_uq",
            ),
        ]
        indexes = [
            models.Index(fields=["year", "unit"], name="reg_year_unit"),
            models.Index(fields=["year", "member"], name="reg_year_member"),
        ]

    def __str__(self) -> str:
        who = self.unit.name if self.collective else str(self.member)
        return f"Đăng ký làm theo {self.year} — {who}"

    @property
    def collective(self) -> bool:
        return self.member_id is None


# ---------------------------------------------------------------- models and examples


class Field(CodeTable):
    class Meta(CodeTable.Meta):
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"


class ExampleKind(models.TextChoices):
    GOOD_MODEL = "mo_hinh_hay", "Mô hình hay"
    GOOD_PRACTICE = "cach_lam_hieu_qua", "Cách làm hiệu quả"
    ADVANCED = "dien_hinh_tien_tien", "Điển hình tiên tiến"


class Movement(models.TextChoices):
    LAM_THEO = "lam_theo", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    DAN_VAN_KHEO = "dan_van_kheo", "Dân vận khéo"


class DvkState(models.TextChoices):
    REGISTERED = "dang_ky", "Đăng ký"
    EVALUATED = "da_danh_gia", "Đã đánh giá"
    EFFECTIVE = "hieu_qua", "Công nhận hiệu quả"
    NOT_EFFECTIVE = "khong_hieu_qua", "Chưa hiệu quả"


# the only moves of a "Dân vận khéo" model's state
DVK_TRANSITIONS = {
    DvkState.REGISTERED: (DvkState.EVALUATED,),
    DvkState.EVALUATED: (DvkState.EFFECTIVE, DvkState.NOT_EFFECTIVE),
    DvkState.EFFECTIVE: (),
    DvkState.NOT_EFFECTIVE: (),
}


class ExampleQuerySet(ScopedQuerySet):
    pass


class Example(Tracked):
    kind = models.CharField("loại", max_length=24, choices=ExampleKind.choices)
    movement = models.CharField(
        "phong trào", max_length=16, choices=Movement.choices, default=Movement.LAM_THEO
    )
    title = NFCCharField("tên mô hình, điển hình", max_length=300)
    title_key = models.CharField(max_length=300, editable=False, default="")
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="tập thể"
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cá nhân",
    )
    field = models.ForeignKey(Field, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm")
    description = NFCTextField("mô tả, hiệu quả", blank=True)
    recognised_by = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cấp công nhận",
    )
    recognised_body = NFCCharField("cơ quan công nhận (khác)", max_length=200, blank=True)
    decision_ref = NFCCharField("số quyết định công nhận", max_length=120, blank=True)
    recognised_on = models.DateField("ngày công nhận", null=True, blank=True)
    state = models.CharField(
        "trạng thái (Dân vận khéo)", max_length=16, choices=DvkState.choices, blank=True
    )

    objects = ExampleQuerySet.as_manager()

    class Meta:
        verbose_name = "mô hình, điển hình"
        verbose_name_plural = "mô hình, điển hình"
        ordering = ["-year", "title_key", "id"]
        indexes = [models.Index(fields=["year", "unit"], name="example_year_unit")]

    def __str__(self) -> str:
        return self.title

    @property
    def collective(self) -> bool:
        return self.member_id is None


# ---------------------------------------------------------------- recognitions


class RecognitionKind(CodeTable):
    class Meta(CodeTable.Meta):
        verbose_name = "loại biểu dương, tôn vinh"
        verbose_name_plural = "loại biểu dương, tôn vinh"


class RecognitionQuerySet(ScopedQuerySet):
    pass


class Recognition(Tracked):
    """A member recognised in a year; ``unit`` is the member's home unit on the day."""

    kind = models.ForeignKey(RecognitionKind, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm")
    recognised_by = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="cấp biểu dương"
    )
    recognised_on = models.DateField("ngày biểu dương")
    decision_ref = NFCCharField("số quyết định", max_length=120, blank=True)
    note = NFCTextField("ghi chú", blank=True)

    objects = RecognitionQuerySet.as_manager()

    class Meta:
        verbose_name = "biểu dương, tôn vinh"
        verbose_name_plural = "biểu dương, tôn vinh"
        ordering = ["-year", "kind__sort_order", "member__sort_key", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "member", "year"], name="recognition_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year} — {self.member}"
