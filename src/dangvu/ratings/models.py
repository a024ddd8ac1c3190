"""Reviews and quality ratings (kiểm điểm, đánh giá, xếp loại chất lượng; QĐ 366-QĐ/TW 2025).

* :class:`Scheme` — the score thresholds and the quota on the top level, as data: one row per
  province (``province`` = the root unit; empty = the national default) and effective year.
  The scheme of a round is the row of the round's province (else the national one) with the
  latest ``effective_year`` ≤ the round's year; with no row at all the QĐ 366 defaults apply
  (:data:`DEFAULT_SCHEME`).
* :class:`Round` — one review round (đợt đánh giá, xếp loại) run by a unit for a year (and
  optionally a quarter), rating either members or units. ``date`` is the day the members'
  status is read (who is rated) and the tree is read (which units).
* :class:`Rating` — one subject's level and score in a round. A member rating keeps the
  member's home unit on the round date in ``subject_unit`` (scope and figures); a unit
  rating keeps the rated unit there.
* :class:`Commitment` — a remedial commitment (đăng ký khắc phục hạn chế, khuyết điểm) from
  a review: what, who (a member, or the unit as a whole), by when; done or overdue.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import Q

from dangvu.accounts.scoped import ScopedQuerySet
from dangvu.vntext.fields import NFCCharField, NFCTextField


class Level(models.TextChoices):
    EXCELLENT = "HTXSNV", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "HTTNV", "Hoàn thành tốt nhiệm vụ"
    PASS = "HTNV", "Hoàn thành nhiệm vụ"
    FAIL = "KHTNV", "Không hoàn thành nhiệm vụ"


LEVEL_ORDER = [Level.EXCELLENT, Level.GOOD, Level.PASS, Level.FAIL]
GOOD_OR_BETTER = (Level.EXCELLENT, Level.GOOD)


class SubjectKind(models.TextChoices):
    MEMBER = "dang_vien", "Đảng viên"
    UNIT = "to_chuc", "Tổ chức đảng"


class QuotaBase(models.TextChoices):
    GOOD_OR_BETTER = "tot_tro_len", "Số được xếp loại hoàn thành tốt nhiệm vụ trở lên"
    GOOD_ONLY = "tot", "Số được xếp loại hoàn thành tốt nhiệm vụ (không kể xuất sắc)"


@dataclass(frozen=True)
class Thresholds:
    excellent_min: Decimal
    good_min: Decimal
    pass_min: Decimal
    quota_percent: Decimal | None
    quota_base: str
    label: str

    def level_for(self, score: Decimal) -> str:
        if score >= self.excellent_min:
            return Level.EXCELLENT
        if score >= self.good_min:
            return Level.GOOD
        if score >= self.pass_min:
            return Level.PASS
        return Level.FAIL

    def band(self, level: str) -> tuple[Decimal, Decimal | None]:
        """``[low, high)`` of the scores that fit ``level`` (high None: up to 100)."""
        return {
            Level.EXCELLENT: (self.excellent_min, None),
            Level.GOOD: (self.good_min, self.excellent_min),
            Level.PASS: (self.pass_min, self.good_min),
            Level.FAIL: (Decimal(0), self.pass_min),
        }[level]


DEFAULT_SCHEME = Thresholds(
    excellent_min=Decimal(90),
    good_min=Decimal(70),
    pass_min=Decimal(50),
    quota_percent=Decimal(20),
    quota_base=QuotaBase.GOOD_OR_BETTER,
    label="Mặc định theo QĐ 366-QĐ/TW",
)


class Scheme(models.Model):
    province = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đảng bộ tỉnh (để trống: áp dụng chung)",
    )
    effective_year = models.PositiveSmallIntegerField("áp dụng từ năm")
    excellent_min = models.DecimalField(
        "điểm tối thiểu HTXSNV", max_digits=4, decimal_places=1, default=Decimal(90)
    )
    good_min = models.DecimalField(
        "điểm tối thiểu HTTNV", max_digits=4, decimal_places=1, default=Decimal(70)
    )
    pass_min = models.DecimalField(
        "điểm tối thiểu HTNV", max_digits=4, decimal_places=1, default=Decimal(50)
    )
    quota_percent = models.DecimalField(
        "tỷ lệ tối đa HTXSNV (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        default=Decimal(20),
        help_text="Để trống: không giới hạn.",
    )
    quota_base = models.CharField(
        "tính tỷ lệ trên",
        max_length=12,
        choices=QuotaBase.choices,
        default=QuotaBase.GOOD_OR_BETTER,
    )
    basis = NFCCharField("căn cứ", max_length=255, blank=True)

    class Meta:
        verbose_name = "thang điểm xếp loại"
        verbose_name_plural = "thang điểm xếp loại"
        ordering = ["province_id", "-effective_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "effective_year"], name="ratings_scheme_unique"
            ),
            models.UniqueConstraint(
                fields=["effective_year"],
                condition=Q(province__isnull=True),
                name="ratings_scheme_national_unique",
            ),
            models.CheckConstraint(
                condition=Q(pass_min__lt=models.F("good_min"))
                & Q(good_min__lt=models.F("excellent_min"))
                & Q(excellent_min__lte=100)
                & Q(pass_min__gte=0),
                name="ratings_scheme_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"Thang điểm từ năm {self.effective_year}"

    def thresholds(self) -> Thresholds:
        return Thresholds(
            excellent_min=self.excellent_min,
            good_min=self.good_min,
            pass_min=self.pass_min,
            quota_percent=self.quota_percent,
            quota_base=self.quota_base,
            label=self.basis or str(self),
        )


class RoundQuerySet(ScopedQuerySet):
    def visible_to(self, user, perm: str = "read"):
        from .selectors import visible_rounds_q

        return self.filter(visible_rounds_q(user, perm))


class Round(models.Model):
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="tổ chức thực hiện"
    )
    subject_kind = models.CharField("đối tượng", max_length=10, choices=SubjectKind.choices)
    year = models.PositiveSmallIntegerField("năm")
    quarter = models.PositiveSmallIntegerField("quý", default=0, help_text="0: đánh giá cả năm.")
    date = models.DateField("ngày đánh giá")
    title = NFCCharField("tên đợt", max_length=255, blank=True)
    note = NFCTextField("ghi chú", blank=True)
    revision = models.PositiveIntegerField("phiên bản", default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = "đợt đánh giá, xếp loại"
        verbose_name_plural = "đợt đánh giá, xếp loại"
        ordering = ["-year", "-quarter", "unit_id", "subject_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "subject_kind", "year", "quarter"], name="ratings_round_unique"
            ),
            models.CheckConstraint(condition=Q(quarter__lte=4), name="ratings_round_quarter"),
        ]

    def __str__(self) -> str:
        period = f"quý {self.quarter}/{self.year}" if self.quarter else f"năm {self.year}"
        return f"Đánh giá, xếp loại {self.get_subject_kind_display().lower()} {period}"

    @property
    def period_label(self) -> str:
        return f"quý {self.quarter}/{self.year}" if self.quarter else f"năm {self.year}"


class RatingQuerySet(ScopedQuerySet):
    scope_path = "subject_unit__path"


class Rating(models.Model):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="ratings")
    subject_kind = models.CharField(max_length=10, choices=SubjectKind.choices)
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đảng viên",
    )
    subject_unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="tổ chức",
        help_text="Tổ chức được xếp loại, hoặc chi bộ của đảng viên vào ngày đánh giá.",
    )
    year = models.PositiveSmallIntegerField()  # denormalised from the round
    quarter = models.PositiveSmallIntegerField(default=0)
    level = models.CharField("xếp loại", max_length=6, choices=Level.choices)
    score = models.DecimalField("điểm", max_digits=4, decimal_places=1)
    note = NFCTextField("nhận xét", blank=True)
    revision = models.PositiveIntegerField("phiên bản", default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RatingQuerySet.as_manager()

    class Meta:
        verbose_name = "kết quả xếp loại"
        verbose_name_plural = "kết quả xếp loại"
        ordering = ["round_id", "subject_unit_id", "id"]
        indexes = [
            models.Index(fields=["year", "quarter", "subject_kind"], name="rating_period"),
            models.Index(fields=["member", "year"], name="rating_member_year"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "member"],
                condition=Q(member__isnull=False),
                name="rating_one_per_member",
            ),
            models.UniqueConstraint(
                fields=["round", "subject_unit"],
                condition=Q(member__isnull=True),
                name="rating_one_per_unit",
            ),
            models.CheckConstraint(
                condition=(Q(subject_kind="dang_vien") & Q(member__isnull=False))
                | (Q(subject_kind="to_chuc") & Q(member__isnull=True)),
                name="rating_subject_matches",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100), name="rating_score_range"
            ),
        ]

    def __str__(self) -> str:
        who = self.member.full_name if self.member_id else self.subject_unit.name
        return f"{who}: {self.level} ({self.score})"


class CommitmentQuerySet(ScopedQuerySet):
    pass


class Commitment(models.Model):
    unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="tổ chức",
        help_text="Tổ chức đăng ký khắc phục, hoặc chi bộ của đảng viên.",
    )
    rating = models.ForeignKey(
        Rating,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name="từ kết quả kiểm điểm",
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đảng viên (để trống: cả tập thể)",
    )
    shortcoming = NFCTextField("hạn chế, khuyết điểm")
    action = NFCTextField("biện pháp khắc phục")
    due = models.DateField("hạn hoàn thành")
    done_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    result = NFCTextField("kết quả khắc phục", blank=True)
    revision = models.PositiveIntegerField("phiên bản", default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = "đăng ký khắc phục hạn chế, khuyết điểm"
        verbose_name_plural = "đăng ký khắc phục hạn chế, khuyết điểm"
        ordering = ["due", "id"]
        indexes = [
            models.Index(
                fields=["due"], condition=Q(done_on__isnull=True), name="commitment_open_due"
            )
        ]

    def __str__(self) -> str:
        who = self.member.full_name if self.member_id else self.unit.name
        return f"Khắc phục: {who} (hạn {self.due:%d/%m/%Y})"

    def is_overdue(self, day) -> bool:
        return self.done_on is None and self.due < day
