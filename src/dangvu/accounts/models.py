from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from dangvu.vntext.fields import NFCCharField

from . import permissions


class User(AbstractUser):
    full_name = NFCCharField("họ và tên", max_length=150, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self) -> str:
        return self.full_name or self.username


class Role(models.Model):
    """A kind of role (data, not code) and the permissions it grants over a subtree."""

    code = models.SlugField("mã", max_length=50, unique=True)
    name = NFCCharField("tên vai trò", max_length=150)
    permissions = models.JSONField("quyền", default=list)

    class Meta:
        verbose_name = "vai trò"
        verbose_name_plural = "vai trò"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            permissions.expand(self.permissions)
        except ValueError as exc:
            raise ValidationError({"permissions": str(exc)}) from exc

    def granted(self) -> frozenset[str]:
        return permissions.expand(self.permissions)


class RoleAssignmentQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day)
        )


class RoleAssignment(models.Model):
    """A user holds a role at a unit from valid_from (inclusive) to valid_to (exclusive)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="assignments")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="role_assignments")
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến trước ngày", null=True, blank=True)
    note = NFCCharField("ghi chú", max_length=255, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "phân công vai trò"
        verbose_name_plural = "phân công vai trò"
        indexes = [models.Index(fields=["user", "valid_from"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="roleassignment_valid_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.role} tại {self.unit_id}"


class ApiToken(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = NFCCharField("tên", max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "khóa API"
        verbose_name_plural = "khóa API"

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"
