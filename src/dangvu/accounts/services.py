"""Role assignments: each write is audited with the unit it concerns."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.audit.services import record_change, snapshot
from dangvu.vntext.formats import format_date

from .models import Role, RoleAssignment, User


@transaction.atomic
def assign_role(
    *, actor, user, role: Role, unit, valid_from: date, valid_to: date | None = None, note=""
) -> RoleAssignment:
    if valid_to is not None and valid_to <= valid_from:
        raise ValidationError(
            f"Ngày kết thúc ({format_date(valid_to)}) phải sau ngày bắt đầu "
            f"({format_date(valid_from)})."
        )
    if unit.ended_on is not None and unit.ended_on <= valid_from:
        raise ValidationError(
            f"“{unit.name}” đã chấm dứt hoạt động từ {format_date(unit.ended_on)}; "
            "không thể phân công vai trò tại tổ chức này."
        )
    assignment = RoleAssignment.objects.create(
        user=user, role=role, unit=unit, valid_from=valid_from, valid_to=valid_to, note=note
    )
    record_change(
        actor=actor,
        action="accounts.role.assign",
        obj=assignment,
        unit=unit,
        after=snapshot(assignment),
    )
    return assignment


@transaction.atomic
def end_role(*, actor, assignment: RoleAssignment, valid_to: date) -> RoleAssignment:
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    if valid_to <= assignment.valid_from:
        raise ValidationError("Ngày kết thúc phải sau ngày bắt đầu của vai trò.")
    before = snapshot(assignment)
    RoleAssignment.objects.filter(pk=assignment.pk).update(valid_to=valid_to)
    assignment.refresh_from_db()
    record_change(
        actor=actor,
        action="accounts.role.end",
        obj=assignment,
        unit=assignment.unit,
        before=before,
        after=snapshot(assignment),
    )
    return assignment


@transaction.atomic
def create_user(*, actor, username: str, full_name: str, password: str, unit=None) -> User:
    """A new login; ``unit`` is where the creating officer records it (for the audit scope)."""
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(f"Tên đăng nhập “{username}” đã có người dùng.")
    user = User(username=username, full_name=full_name)
    user.set_password(password)
    user.full_clean()
    user.save()
    record_change(
        actor=actor,
        action="accounts.user.create",
        obj=user,
        unit=unit,
        after=snapshot(user, ["username", "full_name", "is_active"]),
    )
    return user
