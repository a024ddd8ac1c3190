"""Inspection, supervision and discipline (kiểm tra, giám sát, kỷ luật; QĐ 296-QĐ/TW, QĐ 69).

* :class:`Plan` — a unit's yearly inspection and supervision programme, with its
  :class:`PlanItem` rows (what is planned, of which kind, on whom, in which month).
* :class:`Case` — one inspection or supervision actually carried out: kind (thường xuyên,
  chuyên đề, khi có dấu hiệu vi phạm), activity (kiểm tra / giám sát), conducting body (a
  unit), subject (a unit **or** a member), dates, findings, conclusion, follow-up; linked to
  its plan item where it has one.
* :class:`ViolationCategory` — a small editable code table (admin) of violation categories.
* :class:`DisciplineDecision` — number, date, deciding body, subject, violation, form. The
  subject's kind at the decision date (unit, official or probationary member) is stored with
  it, and so is ``subject_home``: the unit the subject belonged to on that date (the member's
  home unit, or the disciplined unit itself). Both FKs point at the historical unit record,
  so a decision on a unit that has since been merged still names that unit (its name on the
  decision date is kept in ``subject_name``).

Scope: a case or decision is visible where the user's scope covers the conducting/deciding
body **or** the subject's home unit (:class:`TwoUnitScope`). Discipline details (subject,
violation, form, text) need ``manage_discipline`` there; others see counts only.
"""

from django.db import models
from django.db.models import Q

from dangvu.accounts.scoped import ScopedQuerySet
from dangvu.vntext.fields import NFCCharField, NFCTextField


class Activity(models.TextChoices):
    INSPECTION = "kiem_tra", "Kiểm tra"
    SUPERVISION = "giam_sat", "Giám sát"


class CaseKind(models.TextChoices):
    REGULAR = "thuong_xuyen", "Thường xuyên"
    THEMATIC = "chuyen_de", "Chuyên đề"
    SIGNS = "dau_hieu", "Khi có dấu hiệu vi phạm"


class SubjectKind(models.TextChoices):
    UNIT = "to_chuc", "Tổ chức đảng"
    OFFICIAL = "chinh_thuc", "Đảng viên chính thức"
    PROBATIONARY = "du_bi", "Đảng viên dự bị"


class Form(models.TextChoices):
    """Hình thức kỷ luật (Điều lệ Đảng, Điều 35–36)."""

    REPRIMAND = "khien_trach", "Khiển trách"
    WARNING = "canh_cao", "Cảnh cáo"
    DISMISSAL = "cach_chuc", "Cách chức"
    EXPULSION = "khai_tru", "Khai trừ"
    DISSOLUTION = "giai_tan", "Giải tán"


ALLOWED_FORMS = {
    SubjectKind.UNIT: (Form.REPRIMAND, Form.WARNING, Form.DISSOLUTION),
    SubjectKind.OFFICIAL: (Form.REPRIMAND, Form.WARNING, Form.DISMISSAL, Form.EXPULSION),
    SubjectKind.PROBATIONARY: (Form.REPRIMAND, Form.WARNING),
}
# forms whose decision also changes the registry or the tree (and so cannot be edited later)
CONSEQUENTIAL = (Form.EXPULSION, Form.DISSOLUTION)


class TwoUnitScope(ScopedQuerySet):
    """Visible where the scope covers the acting body (``unit``) or the subject's home."""

    def visible_to(self, user, perm: str = "read"):
        from dangvu.accounts.scopes import scope_for

        scope = scope_for(user, perm)
        return self.filter(scope.q("unit__path") | scope.q("subject_home__path"))


class Plan(models.Model):
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị ban hành"
    )
    year = models.PositiveSmallIntegerField("năm")
    title = NFCCharField("tên kế hoạch", max_length=255)
    number = NFCCharField("số kế hoạch", max_length=60, blank=True)
    note = NFCTextField("ghi chú", blank=True)
    revision = models.PositiveIntegerField("phiên bản", default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "kế hoạch kiểm tra, giám sát"
        verbose_name_plural = "kế hoạch kiểm tra, giám sát"
        ordering = ["-year", "unit_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="oversight_plan_unit_year")
        ]

    def __str__(self) -> str:
        return f"Kế hoạch kiểm tra, giám sát năm {self.year}"


class PlanItem(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    activity = models.CharField("hoạt động", max_length=10, choices=Activity.choices)
    kind = models.CharField("loại", max_length=12, choices=CaseKind.choices)
    content = NFCCharField("nội dung", max_length=500)
    subject_unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đối tượng (tổ chức)",
    )
    subject_text = NFCCharField("đối tượng (mô tả)", max_length=255, blank=True)
    month = models.PositiveSmallIntegerField("tháng dự kiến", null=True, blank=True)

    class Meta:
        verbose_name = "nội dung kế hoạch"
        verbose_name_plural = "nội dung kế hoạch"
        ordering = ["plan_id", "month", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12),
                name="oversight_planitem_month",
            )
        ]

    def __str__(self) -> str:
        return self.content


class Case(models.Model):
    """One inspection (kiểm tra) or supervision (giám sát) carried out by ``unit``."""

    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="chủ thể tiến hành"
    )
    activity = models.CharField("hoạt động", max_length=10, choices=Activity.choices)
    kind = models.CharField("loại", max_length=12, choices=CaseKind.choices)
    subject_unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đối tượng (tổ chức)",
    )
    subject_member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đối tượng (đảng viên)",
    )
    subject_home = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị của đối tượng"
    )
    subject_name = NFCCharField("tên đối tượng tại thời điểm", max_length=255)
    plan_item = models.ForeignKey(
        PlanItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name="theo kế hoạch",
    )
    title = NFCCharField("nội dung", max_length=500)
    start_date = models.DateField("ngày bắt đầu")
    end_date = models.DateField("ngày kết thúc", null=True, blank=True)
    findings = NFCTextField("kết quả, phát hiện", blank=True)
    conclusion = NFCTextField("kết luận", blank=True)
    follow_up = NFCTextField("kiến nghị, theo dõi sau kiểm tra", blank=True)
    revision = models.PositiveIntegerField("phiên bản", default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TwoUnitScope.as_manager()

    class Meta:
        verbose_name = "cuộc kiểm tra, giám sát"
        verbose_name_plural = "cuộc kiểm tra, giám sát"
        ordering = ["-start_date", "id"]
        indexes = [models.Index(fields=["start_date", "activity"], name="oversight_case_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(subject_unit__isnull=True) ^ Q(subject_member__isnull=True),
                name="oversight_case_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="oversight_case_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_activity_display()} {self.get_kind_display().lower()}"


class ViolationCategory(models.Model):
    code = models.SlugField("mã", max_length=40, unique=True)
    name = NFCCharField("tên nhóm vi phạm", max_length=255)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("còn dùng", default=True)

    class Meta:
        verbose_name = "nhóm vi phạm"
        verbose_name_plural = "nhóm vi phạm"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class DisciplineDecision(models.Model):
    number = NFCCharField("số quyết định", max_length=60)
    date = models.DateField("ngày quyết định")
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="cấp quyết định"
    )
    subject_kind = models.CharField("đối tượng", max_length=12, choices=SubjectKind.choices)
    subject_unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="tổ chức bị kỷ luật",
    )
    subject_member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đảng viên bị kỷ luật",
    )
    subject_home = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị của đối tượng"
    )
    subject_name = NFCCharField("tên đối tượng tại ngày quyết định", max_length=255)
    violation = models.ForeignKey(
        ViolationCategory, on_delete=models.PROTECT, related_name="+", verbose_name="vi phạm"
    )
    form = models.CharField("hình thức kỷ luật", max_length=12, choices=Form.choices)
    text = NFCTextField("nội dung quyết định", blank=True)
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name="cuộc kiểm tra liên quan",
    )
    member_event = models.ForeignKey(
        "members.MemberEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="sự kiện khai trừ",
    )
    revision = models.PositiveIntegerField("phiên bản", default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TwoUnitScope.as_manager()

    class Meta:
        verbose_name = "quyết định kỷ luật"
        verbose_name_plural = "quyết định kỷ luật"
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["date", "form"], name="oversight_decision_date")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(subject_kind="to_chuc") & Q(subject_unit__isnull=False))
                | (~Q(subject_kind="to_chuc") & Q(subject_member__isnull=False)),
                name="oversight_decision_subject",
            ),
        ]

    def __str__(self) -> str:
        # no subject or form here: the audit log and job titles are read without the permission
        return f"Quyết định kỷ luật số {self.number}"

    @property
    def on_member(self) -> bool:
        return self.subject_kind != SubjectKind.UNIT
