"""API tokens: only a SHA-256 digest is stored; the token is shown once when created."""

import hashlib
import secrets

from django.utils import timezone

from .models import ApiToken

PREFIX = "dv_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(*, user, name: str) -> tuple[ApiToken, str]:
    token = PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(user=user, name=name, digest=digest(token))
    return record, token


def user_for_token(token: str):
    if not token.startswith(PREFIX):
        return None
    record = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if record is None:
        return None
    ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
    return record.user
