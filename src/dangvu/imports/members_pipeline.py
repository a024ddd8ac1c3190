"""Member import: read → clean → check every row → (preview) → commit all or nothing.

Both passes stream the file, so memory stays bounded whatever its size: validation keeps
only the keys needed to find duplicates; the commit reads the file again and writes in
batches inside one transaction. Without a preview between them (the command line),
:func:`validate_and_commit` does both in one pass: each batch is written as soon as it is
checked, and the transaction is rolled back if any row has an error.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.utils import timezone
from openpyxl import Workbook

from dangvu.members.flat_records import RecordError, history_and_timeline
from dangvu.members.importing import BatchWriter, CommitResult, commit_planned
from dangvu.members.models import Member, PartyCard
from dangvu.members.services import name_parts
from dangvu.orgs.models import Unit
from dangvu.vntext.cccd import validate_cccd
from dangvu.vntext.formats import format_date
from dangvu.vntext.search_keys import search_key

from .cleaning import clean_value
from .member_columns import BY_FIELD, REQUIRED
from .reading import ImportFileError, read_table

BATCH = 1000
MAX_ERRORS = 10_000


@dataclass
class RowError:
    row: int
    column: str
    value: str
    reason: str


@dataclass
class Validation:
    rows: int = 0
    new: int = 0
    existing: int = 0
    errors: list[RowError] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.errors and self.rows > 0


class UnitResolver:
    """Unit names or codes in the file → alive units inside the importer's unit."""

    def __init__(self, scope_unit: Unit, day: date):
        self.by_key: dict[str, list[Unit]] = {}
        self.seen: dict[str, tuple[Unit | None, str | None]] = {}
        units = Unit.objects.subtree_of(scope_unit).alive_on(day)
        for unit in units:
            for text in {unit.name, unit.code}:
                if text:
                    self.by_key.setdefault(search_key(text), []).append(unit)

    def __call__(self, text: str) -> tuple[Unit | None, str | None]:
        answer = self.seen.get(text)
        if answer is None:  # a file names the same few cells on every row
            answer = self.seen[text] = self._resolve(text)
        return answer

    def _resolve(self, text: str) -> tuple[Unit | None, str | None]:
        found = self.by_key.get(search_key(text), [])
        if not found:
            return None, "không tìm thấy tổ chức đảng này trong phạm vi được nhập"
        if len(found) > 1:
            return None, "có nhiều tổ chức cùng tên; hãy ghi mã đơn vị"
        return found[0], None


def _clean_row(number: int, raw: dict, headers: dict, resolve) -> tuple[dict, list, tuple]:
    """(values, errors, (history, timeline)); the history is empty when there are errors."""
    values: dict = {}
    errors: list[RowError] = []

    def fail(field_name, reason):
        errors.append(
            RowError(
                number,
                headers.get(field_name, BY_FIELD[field_name].header),
                "" if raw.get(field_name) is None else str(raw.get(field_name)),
                reason,
            )
        )

    for field_name, cell in raw.items():
        value, reason = clean_value(BY_FIELD[field_name], cell)
        if reason:
            fail(field_name, reason)
        else:
            values[field_name] = value
    for field_name in REQUIRED:
        if field_name in values and values[field_name] in (None, ""):
            fail(field_name, "bắt buộc, đang để trống")
    if errors:
        return values, errors, ()
    values.update(name_parts(values["full_name"]))
    if values.get("cccd"):
        try:
            values["cccd"] = validate_cccd(
                values["cccd"], birth_date=values["birth_date"], gender=values["gender"]
            )
        except ValidationError as exc:
            fail("cccd", " ".join(exc.messages))
    unit, reason = resolve(values["unit"])
    if reason:
        fail("unit", reason)
    values["unit"] = unit
    birth, admitted = values["birth_date"], values["admission_date"]
    if admitted < date(birth.year + 18, birth.month, min(birth.day, 28)):
        fail("admission_date", f"chưa đủ 18 tuổi khi vào Đảng (sinh {format_date(birth)})")
    if admitted > date.today():
        fail("admission_date", "ngày vào Đảng ở tương lai")
    planned = ()
    if not errors:
        try:
            planned = history_and_timeline(values, unit)
        except RecordError as exc:
            fail(exc.field if exc.field in BY_FIELD else "status", exc.reason)
    return values, errors, planned


def _rows(stream, filename, resolve) -> tuple[object, Iterator]:
    table = read_table(stream, filename)

    def generate():
        for number, raw in table.rows:
            values, errors, planned = _clean_row(number, raw, table.headers, resolve)
            key = search_key(values["full_name"]) if not errors else ""
            yield number, values, errors, key, planned

    return table, generate()


def _find_existing(batch: list[tuple[int, dict, str]]) -> None:
    """Mark rows whose person is already registered (CCCD, card, or name + birth date).

    ``batch``: (row number, values, search key of the full name).
    """
    cccds = {v["cccd"] for _, v, _ in batch if v.get("cccd")}
    cards = {v[k] for _, v, _ in batch for k in ("card_number", "old_card_number") if v.get(k)}
    by_cccd = dict(Member.objects.filter(cccd__in=cccds).order_by().values_list("cccd", "pk"))
    by_card = dict(
        PartyCard.objects.filter(number__in=cards).order_by().values_list("number", "member_id")
    )
    by_name = _by_name_and_birth({(key, v["birth_date"]) for _, v, key in batch})
    for _, values, key in batch:
        values["existing_id"] = (
            by_cccd.get(values.get("cccd"))
            or by_card.get(values.get("card_number"))
            or by_card.get(values.get("old_card_number"))
            or by_name.get((key, values["birth_date"]))
        )


def _by_name_and_birth(pairs: set[tuple[str, date]]) -> dict[tuple[str, date], int]:
    """Registered members by (search key of the full name, birth date), for these pairs.

    On PostgreSQL the pairs are sent as two arrays and joined on the (name_key, birth_date)
    index, one probe per pair: with ``name_key IN (…)`` the planner took the trigram index
    for the thousand names, seconds per batch. Elsewhere: both ``IN`` lists, then the pairs.
    """
    if not pairs:
        return {}
    connection = connections[router.db_for_read(Member)]
    if connection.vendor == "postgresql":
        keys, births = zip(*pairs, strict=True)
        table = connection.ops.quote_name(Member._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT m.name_key, m.birth_date, m.id FROM {table} m "
                "JOIN unnest(%s::varchar[], %s::date[]) AS k(name_key, birth_date) "
                "ON m.name_key = k.name_key AND m.birth_date = k.birth_date",
                [list(keys), list(births)],
            )
            rows = cursor.fetchall()
    else:
        rows = (
            Member.objects.filter(
                name_key__in={k for k, _ in pairs}, birth_date__in={b for _, b in pairs}
            )
            .order_by()
            .values_list("name_key", "birth_date", "pk")
        )
    return {(key, birth): pk for key, birth, pk in rows if (key, birth) in pairs}


class CheckedRows:
    """The rows a validation found good, kept on disk for the commit of the same file, so
    the commit does not clean and check every row a second time.

    The file is named by a digest of the file's bytes, the scope unit, the day and every
    unit alive in the scope (name, code, id, creation date): if any of these differ when
    the commit runs, the commit does not find it and cleans and checks the file again. The
    contents are signed with ``SECRET_KEY`` and not read unless the signature matches; the
    file is private to the server's user (it holds identity data, like the upload itself)
    and removed by the commit; leftovers older than two days are removed by validations.
    """

    VERSION = b"members-pipeline-1"
    KEEP_SECONDS = 2 * 86400

    def __init__(self, data: bytes, resolve: UnitResolver, scope_unit: Unit):
        digest = hashlib.sha256(self.VERSION)
        digest.update(hashlib.sha256(data).digest())
        digest.update(f"|{scope_unit.pk}|{date.today()}|{timezone.localdate()}".encode())
        for key in sorted(resolve.by_key):
            units = ",".join(f"{u.pk}:{u.created_on}" for u in resolve.by_key[key])
            digest.update(f"|{key}={units}".encode())
        self.folder = Path(settings.MEDIA_ROOT) / "import-checks"
        self.path = self.folder / f"{digest.hexdigest()}.pickle"
        self.mac_path = self.path.with_suffix(".mac")

    def _mac(self, path: Path) -> str:
        mac = hmac.new(settings.SECRET_KEY.encode(), self.path.name.encode(), "sha256")
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                mac.update(chunk)
        return mac.hexdigest()

    def start(self) -> None:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        cutoff = time.time() - self.KEEP_SECONDS
        for old in self.folder.iterdir():
            try:
                if old.stat().st_mtime < cutoff:
                    old.unlink()
            except OSError:
                pass
        # created readable by this user only (0600); closed by finish()
        self._handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
            dir=self.folder, suffix=".part", delete=False
        )

    def add(self, batch: list) -> None:
        pickle.dump(batch, self._handle, protocol=pickle.HIGHEST_PROTOCOL)

    def finish(self, keep: bool) -> None:
        self._handle.close()
        part = Path(self._handle.name)
        if not keep:
            part.unlink(missing_ok=True)
            return
        mac = self._mac(part)
        os.replace(part, self.path)
        self.mac_path.write_text(mac)

    def batches(self) -> Iterator[list] | None:
        """The stored batches, or None when there are none (or they are not ours)."""
        try:
            expected = self.mac_path.read_text()
            if not hmac.compare_digest(expected, self._mac(self.path)):
                return None
        except OSError:
            return None

        def read():
            with self.path.open("rb") as handle:
                while True:
                    try:
                        yield pickle.load(handle)
                    except EOFError:
                        return

        return read()

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)
        self.mac_path.unlink(missing_ok=True)


def validate(
    stream, filename: str, *, scope_unit: Unit, progress: Callable[[int], None] | None = None
) -> Validation:
    """Check every row; keep the good ones (:class:`CheckedRows`) for the commit that
    follows a preview."""
    resolve = UnitResolver(scope_unit, date.today())
    data = stream.read()
    return _check(data, filename, resolve, progress, lambda: CheckedRows(data, resolve, scope_unit))


def validate_and_commit(
    stream,
    filename: str,
    *,
    scope_unit: Unit,
    actor,
    progress: Callable[[int], None] | None = None,
) -> tuple[Validation, CommitResult]:
    """Check every row and write the good ones as they are checked, in one transaction
    that is rolled back if any row has an error or cannot be written: what ``validate``
    then ``commit`` give, in one pass (the command line, where no preview comes between).
    """
    resolve = UnitResolver(scope_unit, date.today())
    data = stream.read()
    sink: _Writer | None = None

    def make_sink():
        nonlocal sink
        sink = _Writer(BatchWriter(actor, filename))
        return sink

    with transaction.atomic(using=router.db_for_write(Member)):
        validation = _check(data, filename, resolve, progress, make_sink)
        if sink is None:
            return validation, CommitResult()
        if not validation.ok or sink.writer.result.problems:
            transaction.set_rollback(True, using=router.db_for_write(Member))
            return validation, sink.writer.rolled_back()
        return validation, sink.writer.result


class _Writer:
    """A sink for :func:`_check` that writes each batch of good rows at once."""

    def __init__(self, writer: BatchWriter):
        self.writer = writer

    def start(self) -> None:
        pass

    def add(self, batch: list) -> None:
        self.writer.write(
            [(number, values, history, timeline) for number, values, _, history, timeline in batch]
        )

    def finish(self, keep: bool) -> None:
        pass


def _check(data: bytes, filename: str, resolve, progress, make_sink) -> Validation:
    """Clean and check every row; hand each batch of good rows to the sink while the file
    has no error (``sink.add``), then ``sink.finish(keep=ok)``."""
    result = Validation()
    try:
        table, rows = _rows(io.BytesIO(data), filename, resolve)
    except ImportFileError as exc:
        result.file_error = str(exc)
        return result
    checked = make_sink()
    checked.start()
    good: list = []
    result.unknown_columns = table.unknown
    seen: dict[tuple, int] = {}
    batch: list[tuple[int, dict, str]] = []

    def check_batch():
        _find_existing(batch)
        for _, values, _ in batch:
            if values["existing_id"]:
                result.existing += 1
            else:
                result.new += 1
        batch.clear()
        if not result.errors:
            checked.add(good)
        good.clear()

    try:
        for number, values, errors, name_key, planned in rows:
            result.rows += 1
            if not errors:
                keys = [
                    ("cccd", values.get("cccd")),
                    ("card_number", values.get("card_number")),
                    ("full_name", (name_key, values["birth_date"])),
                ]
                for field_name, key in keys:
                    if not key:
                        continue
                    if (field_name, key) in seen:
                        errors.append(
                            RowError(
                                number,
                                table.headers.get(field_name, BY_FIELD[field_name].header),
                                str(values.get(field_name)),
                                f"trùng với dòng {seen[(field_name, key)]} trong cùng tệp",
                            )
                        )
                        break
                    seen[(field_name, key)] = number
            if errors:
                if len(result.errors) < MAX_ERRORS:
                    result.errors.extend(errors)
                continue
            batch.append((number, values, name_key))
            if not result.errors:
                good.append((number, values, name_key, *planned))
            if len(batch) >= BATCH:
                check_batch()
            if progress and result.rows % 500 == 0:
                progress(result.rows)
        if batch:
            check_batch()
    except ImportFileError as exc:
        result.file_error = str(exc)
    finally:
        checked.finish(keep=result.ok)
    if result.rows == 0 and not result.file_error:
        result.file_error = "Tệp có dòng tiêu đề nhưng không có dòng dữ liệu nào."
    if progress:
        progress(result.rows)
    return result


def commit(
    stream, filename: str, *, scope_unit: Unit, actor, progress: Callable[[int], None] | None = None
) -> CommitResult:
    """Write the file, all or nothing (call :func:`validate` first).

    The rows the validation of this same file found good are taken from its
    :class:`CheckedRows`; without them (another day, units changed, no validation) the file
    is read, cleaned and checked again. Either way who is already in the registry is looked
    up again, and all is written in one transaction.
    """
    resolve = UnitResolver(scope_unit, date.today())
    data = stream.read()
    checked = CheckedRows(data, resolve, scope_unit)
    stored = checked.batches()
    try:
        if stored is not None:
            planned = _checked_rows(stored)
        else:
            planned = _cleaned_rows(data, filename, resolve)
        return commit_planned(actor=actor, planned=planned, source_name=filename, progress=progress)
    finally:
        checked.discard()


def _checked_rows(stored) -> Iterator[tuple]:
    for batch in stored:
        _find_existing([(number, values, key) for number, values, key, _, _ in batch])
        for number, values, _, history, timeline in batch:
            yield number, values, history, timeline


def _cleaned_rows(data: bytes, filename: str, resolve) -> Iterator[tuple]:
    _, rows = _rows(io.BytesIO(data), filename, resolve)

    def ready():
        # each row is cleaned and checked again (the registry may have changed since the
        # validation), and the history built by that check is the one written
        batch, planned = [], []
        for number, values, errors, name_key, checked in rows:
            if errors:
                raise ImportFileError(f"Dòng {number}: {errors[0].reason}")
            history, timeline = checked
            batch.append((number, values, name_key))
            planned.append((number, values, history, timeline))
            if len(batch) >= BATCH:
                _find_existing(batch)
                yield from planned
                batch, planned = [], []
        if batch:
            _find_existing(batch)
            yield from planned

    return ready()


def errors_to_xlsx(errors: list[RowError], target) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Lỗi")
    sheet.append(["Dòng", "Cột", "Giá trị", "Lý do"])
    for error in errors:
        sheet.append([error.row, error.column, error.value, error.reason])
    workbook.save(target)
