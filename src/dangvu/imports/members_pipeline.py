"""Member import: read → clean → check every row → (preview) → commit all or nothing.

Both passes stream the file, so memory stays bounded whatever its size: validation keeps
only the keys needed to find duplicates; the commit reads the file again and writes in
batches inside one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from openpyxl import Workbook

from dangvu.members.flat_records import RecordError, history_and_timeline
from dangvu.members.importing import CommitResult, commit_planned
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

    ``batch``: (row number, values, search key of the full name). The name + birth date
    lookup asks only for the batch's names (a registry of 500,000 has ~20 people born on any
    given day: fetching them all for 1,000 birth dates was most of this query's time).
    """
    cccds = {v["cccd"] for _, v, _ in batch if v.get("cccd")}
    cards = {v[k] for _, v, _ in batch for k in ("card_number", "old_card_number") if v.get(k)}
    births = {v["birth_date"] for _, v, _ in batch}
    keys = {key for _, _, key in batch}
    by_cccd = dict(Member.objects.filter(cccd__in=cccds).values_list("cccd", "pk"))
    by_card = dict(PartyCard.objects.filter(number__in=cards).values_list("number", "member_id"))
    by_name = {
        (key, birth): pk
        for key, birth, pk in Member.objects.filter(
            birth_date__in=births, name_key__in=keys
        ).values_list("name_key", "birth_date", "pk")
    }
    for _, values, key in batch:
        values["existing_id"] = (
            by_cccd.get(values.get("cccd"))
            or by_card.get(values.get("card_number"))
            or by_card.get(values.get("old_card_number"))
            or by_name.get((key, values["birth_date"]))
        )


def validate(
    stream, filename: str, *, scope_unit: Unit, progress: Callable[[int], None] | None = None
) -> Validation:
    result = Validation()
    resolve = UnitResolver(scope_unit, date.today())
    try:
        table, rows = _rows(stream, filename, resolve)
    except ImportFileError as exc:
        result.file_error = str(exc)
        return result
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

    try:
        for number, values, errors, name_key, _ in rows:
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
            if len(batch) >= BATCH:
                check_batch()
            if progress and result.rows % 500 == 0:
                progress(result.rows)
        if batch:
            check_batch()
    except ImportFileError as exc:
        result.file_error = str(exc)
    if result.rows == 0 and not result.file_error:
        result.file_error = "Tệp có dòng tiêu đề nhưng không có dòng dữ liệu nào."
    if progress:
        progress(result.rows)
    return result


def commit(
    stream, filename: str, *, scope_unit: Unit, actor, progress: Callable[[int], None] | None = None
) -> CommitResult:
    """Read the file again and write it, all or nothing (call :func:`validate` first)."""
    resolve = UnitResolver(scope_unit, date.today())
    _, rows = _rows(stream, filename, resolve)

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

    return commit_planned(actor=actor, planned=ready(), source_name=filename, progress=progress)


def errors_to_xlsx(errors: list[RowError], target) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Lỗi")
    sheet.append(["Dòng", "Cột", "Giá trị", "Lý do"])
    for error in errors:
        sheet.append([error.row, error.column, error.value, error.reason])
    workbook.save(target)
