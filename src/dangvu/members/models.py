"""The member registry.

* :class:`Member` holds identity and background. It is never edited in place: every change
  goes through a :class:`Correction` (old value, new value, reason, approving decision).
* :class:`MemberEvent` rows are the append-only lifecycle; :class:`MemberPeriod` rows are
  *derived* from them by the services (status, home unit, temporary placement over
  ``[start, end)``) so "status on date D" is one indexed query. ``Member.unit`` caches the
  home unit of the latest period, for access scopes.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from dangvu.vntext.fields import NFCCharField, NFCTextField

from .lifecycle import EventKind, Status

SENSITIVE_FIELDS = ("ethnicity", "religion")


class Gender(models.TextChoices):
    MALE = "nam", "Nam"
    FEMALE = "nu", "Nữ"


class TheoryLevel(models.TextChoices):
    NONE = "", "Chưa qua đào tạo"
    BASIC = "so_cap", "Sơ cấp"
    INTERMEDIATE = "trung_cap", "Trung cấp"
    ADVANCED = "cao_cap", "Cao cấp"
    BACHELOR = "cu_nhan", "Cử nhân"


MAX_LISTED_UNITS = 500


def member_scope(user, perm: str = "read") -> tuple[Q, bool]:
    """The condition on members whose (current or last) unit lies in the user's scope for
    ``perm``, and whether that scope is narrow (a list of at most :data:`MAX_LISTED_UNITS`
    units, as a commune's) rather than the whole registry or a province.

    The scope's units are resolved to a list of ids first (one small query): with a
    plain ``unit_id IN (…)`` PostgreSQL uses the (unit, sort_key) index and sorts only
    the commune's members, where a join on the unit path made it walk the whole registry
    in name order (120 → 34 ms for a commune officer among 500,000 members). A scope
    of more than 500 units keeps the join.
    """
    from dangvu.accounts.scopes import scope_for
    from dangvu.orgs.models import Unit

    scope = scope_for(user, perm)
    if scope.everything or (
        not scope.is_empty and not Unit.objects.exclude(scope.q("path")).exists()
    ):
        return Q(unit__isnull=False), False  # the scope covers every unit
    ids = list(
        Unit.objects.visible_to(user, perm).values_list("pk", flat=True)[: MAX_LISTED_UNITS + 1]
    )
    if len(ids) > MAX_LISTED_UNITS:
        # a province: walking the registry in name order is then the better plan
        return scope.q("unit__path"), False
    return Q(unit_id__in=ids), True


class MemberQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "read"):
        """Members whose (current or last) unit lies in the user's scope (:func:`member_scope`)."""
        return self.filter(member_scope(user, perm)[0])


class Member(models.Model):
    # name
    ho = NFCCharField("họ", max_length=50, blank=True)
    ten_dem = NFCCharField("tên đệm", max_length=80, blank=True)
    ten = NFCCharField("tên", max_length=50)
    full_name = NFCCharField("họ và tên", max_length=180)
    other_name = NFCCharField("tên gọi khác", max_length=180, blank=True)
    name_key = models.CharField(max_length=180, editable=False)
    sort_key = models.CharField(max_length=400, editable=False)
    # identity
    gender = models.CharField("giới tính", max_length=3, choices=Gender.choices)
    birth_date = models.DateField("ngày sinh")
    ethnicity = NFCCharField("dân tộc", max_length=50, blank=True)
    religion = NFCCharField("tôn giáo", max_length=80, blank=True)
    cccd = models.CharField("số định danh cá nhân", max_length=12, blank=True)
    old_cmnd = models.CharField("số CMND cũ", max_length=12, blank=True)
    birth_registration_place = NFCCharField("nơi đăng ký khai sinh", max_length=255, blank=True)
    hometown = NFCCharField("quê quán", max_length=255, blank=True)
    hometown_old = NFCCharField("quê quán (tên cũ)", max_length=255, blank=True)
    permanent_address = NFCCharField("nơi thường trú", max_length=255, blank=True)
    temporary_address = NFCCharField("nơi tạm trú", max_length=255, blank=True)
    # background
    education = NFCCharField("giáo dục phổ thông", max_length=20, blank=True)
    qualification = NFCCharField("chuyên môn, nghiệp vụ", max_length=255, blank=True)
    theory_level = models.CharField(
        "lý luận chính trị", max_length=10, choices=TheoryLevel.choices, blank=True
    )
    occupation = NFCCharField("nghề nghiệp", max_length=255, blank=True)
    position = NFCCharField("chức vụ", max_length=255, blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    # derived from the events by the services (never edited directly)
    unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name="chi bộ đang sinh hoạt",
    )
    party_since = models.DateField("ngày vào Đảng", null=True, blank=True)
    party_anchor = models.DateField(null=True, blank=True, editable=False)
    probation_end = models.DateField(null=True, blank=True, editable=False)
    official_date = models.DateField("ngày chính thức", null=True, blank=True, editable=False)
    # the member's standing from ``status_since`` on, cached from the periods by the services
    # in the same transaction (``Timeline.standing``): the member list's status + unit filter
    # for today reads it from one index instead of the periods (never edited directly)
    status = models.CharField(
        "trạng thái", max_length=20, choices=Status.choices, blank=True, editable=False
    )
    status_unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        db_index=False,
        related_name="+",
    )
    status_since = models.DateField(null=True, blank=True, editable=False)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = "đảng viên"
        verbose_name_plural = "đảng viên"
        ordering = ["sort_key", "id"]
        indexes = [
            models.Index(fields=["sort_key", "id"], name="member_sort"),
            models.Index(fields=["unit", "sort_key"], name="member_unit_sort"),
            models.Index(fields=["cccd"], name="member_cccd"),
            # the import's "same name and birth date" lookup; no index on birth_date alone:
            # SQLite would take it for an age band and sort the whole band by name
            models.Index(fields=["name_key", "birth_date"], name="member_name_birth"),
            # "members of these units with this status (and gender) today" (member_list)
            models.Index(
                fields=["status_unit", "status", "gender", "status_since"],
                name="member_standing",
            ),
            models.Index(fields=["status_since"], name="member_status_since"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["cccd"], condition=~Q(cccd=""), name="member_cccd_unique"
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class MemberEvent(models.Model):
    """One lifecycle event. Append-only: a wrong event is voided by a correction, not edited."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField("loại", max_length=20, choices=EventKind.choices)
    date = models.DateField("ngày")
    ceremony_date = models.DateField("ngày lễ kết nạp", null=True, blank=True)
    unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="tổ chức đảng",
    )
    external = NFCCharField("nơi ngoài hệ thống", max_length=255, blank=True)
    end_date = models.DateField("đến ngày", null=True, blank=True)
    years = models.PositiveSmallIntegerField("số năm tuổi đảng", null=True, blank=True)
    study = models.BooleanField("đi học", default=False)
    ground = NFCTextField("lý do, căn cứ", blank=True)
    sponsors = NFCCharField("người giới thiệu", max_length=255, blank=True)
    decision_number = NFCCharField("số quyết định", max_length=60, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    voided_by = models.ForeignKey(
        "Correction", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "sự kiện đảng viên"
        verbose_name_plural = "sự kiện đảng viên"
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["member", "date"], name="memberevent_member_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class MemberPeriod(models.Model):
    """Derived: status, home unit and temporary placement over [start, end)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="periods")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    external = NFCCharField(max_length=255, blank=True)
    away_unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    away_external = NFCCharField(max_length=255, blank=True)
    away_until = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "giai đoạn sinh hoạt"
        verbose_name_plural = "giai đoạn sinh hoạt"
        ordering = ["member_id", "start"]
        indexes = [
            models.Index(fields=["member", "start"], name="memberperiod_member_start"),
            # covering on PostgreSQL ("who is in these units with this status on D" is read
            # from the index alone); SQLite ignores ``include``
            models.Index(
                fields=["unit", "status", "start"],
                include=["end", "member"],
                name="memberperiod_unit_status_c",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.status} {self.start:%d/%m/%Y}"


class CardRegime(models.TextChoices):
    OLD = "cu", "Thẻ cũ (NN.NNNNNN)"
    NEW = "moi", "Thẻ mới (12 số)"


class PartyCard(models.Model):
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="cards")
    number = models.CharField("số thẻ", max_length=12)
    regime = models.CharField("loại thẻ", max_length=3, choices=CardRegime.choices)
    issued_on = models.DateField("ngày cấp", null=True, blank=True)
    issuer = NFCCharField("nơi cấp", max_length=255, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "thẻ đảng viên"
        verbose_name_plural = "thẻ đảng viên"
        ordering = ["member_id", "issued_on", "id"]
        constraints = [models.UniqueConstraint(fields=["number"], name="partycard_number_unique")]

    def __str__(self) -> str:
        return self.number


class Correction(models.Model):
    """A change to a member record: old value, new value, reason, approving decision."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="corrections")
    field = models.CharField("trường", max_length=60)
    old_value = models.TextField("giá trị cũ", blank=True)
    new_value = models.TextField("giá trị mới", blank=True)
    reason = NFCTextField("lý do")
    decision_ref = NFCCharField("căn cứ (quyết định, văn bản)", max_length=255, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đính chính hồ sơ"
        verbose_name_plural = "đính chính hồ sơ"
        ordering = ["member_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.member_id} {self.field}"
