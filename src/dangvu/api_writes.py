"""Writes through the JSON API, the same way in every app's router.

    @router.post("…", response={201: ThingOut, 422: Problem})
    def create_thing(request, payload: ThingIn):
        with api_write():
            thing = services.create_thing(actor=request.user, …)
        return Status(201, thing)

Inside ``api_write`` the audit entries name the API as their source, and a service's refusal
(``ValidationError``) answers 422 ``{"detail": "<its reasons, in Vietnamese>"}``: the service
wrote nothing.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from ninja import Schema
from ninja.errors import HttpError

from dangvu.audit.context import audit_source


class Problem(Schema):
    """A refused request: what is wrong and how to fix it."""

    detail: str


@contextmanager
def api_write():
    try:
        with audit_source("api"):
            yield
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from None
