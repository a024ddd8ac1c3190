"""Job kinds: a code, a Vietnamese title and the handler that does the work.

Handlers are registered with :func:`register_job` in ``<app>/job_handlers.py`` (imported at
start-up by :class:`~dangvu.jobs.apps.JobsConfig`) and called as ``handler(job, reporter)``;
they return a JSON-ready dict stored as the job's result (its ``"message"``, if any, is shown
to the user) or raise ``django.core.exceptions.ValidationError`` with a Vietnamese message
saying what is wrong and how to fix it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Job
    from .progress import Reporter

Handler = Callable[["Job", "Reporter"], dict[str, Any] | None]


@dataclass(frozen=True)
class JobKind:
    code: str
    title: str
    handler: Handler
    source: str = ""  # audit source of the job's writes; "" = where the job was started


class UnknownJobKind(LookupError):
    pass


_KINDS: dict[str, JobKind] = {}


def register_job(code: str, *, title: str, source: str = "") -> Callable[[Handler], Handler]:
    """Decorator: ``@register_job("members.import", title="Nhập danh sách đảng viên")``."""

    def decorator(handler: Handler) -> Handler:
        existing = _KINDS.get(code)
        if existing is not None and _qualified(existing.handler) != _qualified(handler):
            raise ValueError(
                f"Loại việc {code!r} đã được khai báo ({_qualified(existing.handler)})."
            )
        _KINDS[code] = JobKind(code=code, title=title, handler=handler, source=source)
        return handler

    return decorator


def get_kind(code: str) -> JobKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise UnknownJobKind(f"Loại việc không tồn tại: {code!r}.") from None


def all_kinds() -> dict[str, JobKind]:
    return dict(_KINDS)


def _qualified(handler: Handler) -> str:
    return f"{handler.__module__}.{handler.__qualname__}"
