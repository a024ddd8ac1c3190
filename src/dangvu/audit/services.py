"""Writing the audit trail. Services call these inside their own transaction."""

import json
from datetime import date, datetime
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .context import current_source
from .models import AuditEntry, ReadLogEntry


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """A JSON-ready dict of the object's concrete field values (FKs by id)."""
    data = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        value = getattr(obj, field.attname)
        data[field.name] = _jsonable(value)
    return data


def _jsonable(value):
    if isinstance(value, date | datetime | Decimal):
        return json.loads(json.dumps(value, cls=DjangoJSONEncoder))
    return value


def acting_user(actor):
    """The user to store as the author of a write: ``None`` for the system (no actor) and for
    an anonymous one."""
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def object_label(obj: models.Model) -> str:
    return obj._meta.label_lower


def record_change(
    *,
    actor,
    action: str,
    obj: models.Model,
    unit=None,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    source: str | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=acting_user(actor),
        source=source or current_source(),
        action=action,
        object_type=object_label(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        unit=unit,
        before=before,
        after=after,
        reason=reason or "",
    )


def record_read(*, actor, obj: models.Model, unit=None, source: str | None = None) -> ReadLogEntry:
    return ReadLogEntry.objects.create(
        actor=actor,
        source=source or current_source(),
        object_type=object_label(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        unit=unit,
    )
