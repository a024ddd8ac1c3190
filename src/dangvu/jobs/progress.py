"""What a handler gets to report on its job: progress (throttled) and the output file."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar

from django.core.files import File

from .file_names import storage_name

if TYPE_CHECKING:
    from .models import Job

T = TypeVar("T")


class Reporter:
    """Passed to every handler as ``reporter``.

    ``progress(done, total, message)`` writes at most once every ``interval`` seconds (plus
    the write when ``done`` reaches ``total``, and the final state written when the job
    ends), with a single-row ``UPDATE`` of the progress columns only. Progress reported
    inside the handler's own ``transaction.atomic()`` block becomes visible to the page only
    when that block commits, so report outside it where possible (e.g. while validating).
    """

    interval = 0.5

    def __init__(self, job: Job, *, clock: Callable[[], float] = time.monotonic):
        self.job = job
        self.clock = clock
        self.done = job.progress_done
        self.total = job.progress_total
        self.message = ""
        self.writes = 0
        self._last_write: float | None = None
        self._pending = False

    def progress(self, done: int, total: int | None, message: str = "") -> None:
        self.done, self.total = int(done), None if total is None else int(total)
        if message:
            self.message = message
        self._pending = True
        now = self.clock()
        finished = self.total is not None and self.done >= self.total
        if finished or self._last_write is None or now - self._last_write >= self.interval:
            self.flush(now)

    def flush(self, now: float | None = None) -> None:
        """Write the last reported progress now, if it has not been written yet."""
        if not self._pending:
            return
        from .models import Job

        fields = {"progress_done": self.done, "progress_total": self.total}
        if self.message:
            fields["message"] = self.message
        Job.objects.filter(pk=self.job.pk).update(**fields)
        for name, value in fields.items():
            setattr(self.job, name, value)
        self.writes += 1
        self._pending = False
        self._last_write = self.clock() if now is None else now

    def save_output(self, filename: str, write: Callable[[IO[bytes]], T]) -> T:
        """Store the job's output file: ``write(handle)`` fills a temporary file (so memory
        stays bounded), which is then moved to storage under ``jobs/output/…``; the user
        downloads it as ``filename``. Returns what ``write`` returned."""
        from .models import Job

        suffix = Path(storage_name(filename)).suffix
        with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
            value = write(handle)
            handle.flush()
            handle.seek(0)
            name = f"{self.job.pk}-{storage_name(filename, fallback='ket-qua')}"
            self.job.output_file.save(name, File(handle, name=name), save=False)
        self.job.output_name = filename
        Job.objects.filter(pk=self.job.pk).update(
            output_file=self.job.output_file.name, output_name=filename
        )
        return value
