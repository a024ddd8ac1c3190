"""Where a write comes from (web, API, command, import, demo), set around the work."""

from contextlib import contextmanager
from contextvars import ContextVar

from .models import Source

_current_source: ContextVar[str] = ContextVar("dangvu_audit_source", default=Source.WEB)


def current_source() -> str:
    return _current_source.get()


@contextmanager
def audit_source(source: str):
    token = _current_source.set(source)
    try:
        yield
    finally:
        _current_source.reset(token)
