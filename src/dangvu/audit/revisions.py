"""Concurrent edits are detected, not silently overwritten: a form carries the revision it was
read at, and the service refuses the change when the row, locked for it, has moved on."""

from __future__ import annotations

from django.core.exceptions import ValidationError

STALE = "vừa được người khác cập nhật. Hãy tải lại trang, kiểm tra rồi ghi lại."


def refuse_stale(obj, expected_revision: int | None, what: str) -> None:
    """Raise "``what`` vừa được người khác cập nhật…" when ``obj`` (locked for the change) is
    no longer at ``expected_revision``; ``None`` means no check (a command, an import)."""
    if expected_revision is not None and obj.revision != expected_revision:
        raise ValidationError(f"{what} {STALE}")
