"""Committing validated import rows to the registry, all or nothing, safe to re-run.

Rows arrive already cleaned and checked (``values`` with the canonical field names of the
import columns, the resolved unit and, for people already in the registry, ``existing_id``).
New people are registered in bulk; people already there get corrections for the identity
fields that differ and the events the file adds, so importing the same file twice changes
nothing the second time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from . import services
from .flat_records import IDENTITY_KEYS, RecordError, history_and_timeline
from .lifecycle import EXITS, EventKind
from .models import Member, MemberEvent, PartyCard


@dataclass
class RowProblem:
    row: int
    field: str
    reason: str


@dataclass
class CommitResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def plan_rows(rows: Iterable[tuple[int, dict, object]]):
    """Turn each (row number, values, unit) into a history; collect the rows that cannot."""
    planned, problems = _plan(rows)
    return [(row, values, history) for row, values, history, _ in planned], problems


def _plan(rows):
    planned, problems = [], []
    for row, values, unit in rows:
        try:
            planned.append((row, values, *history_and_timeline(values, unit)))
        except RecordError as exc:
            problems.append(RowProblem(row, exc.field, exc.reason))
    return planned, problems


def commit_rows(
    *,
    actor,
    rows: Iterable[tuple[int, dict, object]],
    source_name: str,
    progress=None,
    batch_size: int = 1000,
) -> CommitResult:
    """Write every row or none: a single problem rolls the whole import back.

    Rows are taken in batches, so a large file is never all in memory at once.
    """
    return _commit(actor, rows, _plan, False, source_name, progress, batch_size)


def commit_planned(
    *,
    actor,
    planned: Iterable[tuple[int, dict, dict, object]],
    source_name: str,
    progress=None,
    batch_size: int = 1000,
) -> CommitResult:
    """:func:`commit_rows` for rows the import has cleaned and checked (identity included)
    and turned into histories with :func:`flat_records.history_and_timeline`:
    ``(row number, values, history, timeline)``. New people are written without checking
    them a second time."""
    return _commit(
        actor, planned, lambda batch: (batch, []), True, source_name, progress, batch_size
    )


class BatchWriter:
    """Writes batches of rows inside the caller's transaction, counting them in
    :attr:`result`; after the first problem it writes nothing more and :meth:`write`
    answers False (the caller rolls the transaction back)."""

    def __init__(self, actor, source_name: str, *, plan=None, batch_size: int = 1000):
        self.actor, self.batch_size = actor, batch_size
        self.reason = f"Nhập từ tệp {source_name}"
        # rows checked by the import arrive planned; others are planned (and checked) here
        self.plan, self.checked = (plan, False) if plan else ((lambda b: (b, [])), True)
        self.result = CommitResult()

    def write(self, batch: list) -> bool:
        if self.result.problems:
            return False
        planned, problems = self.plan(batch)
        if problems:
            self.result.problems.extend(problems)
            return False
        try:
            _commit_batch(
                self.actor, planned, self.reason, self.result, self.batch_size, self.checked
            )
        except _RowFailure as failure:
            self.result.problems.append(failure.problem)
            return False
        return True

    def rolled_back(self) -> CommitResult:
        """The result once the caller has rolled back: nothing was written."""
        self.result.created = self.result.updated = self.result.unchanged = 0
        return self.result


@transaction.atomic
def _commit(actor, rows, plan, checked, source_name, progress, batch_size) -> CommitResult:
    writer = BatchWriter(actor, source_name, plan=None if checked else plan, batch_size=batch_size)
    batch: list = []
    done = 0
    for item in rows:
        batch.append(item)
        if len(batch) >= batch_size:
            if not writer.write(batch):
                break
            done += len(batch)
            batch = []
            if progress:
                progress(done)
    else:
        if batch and writer.write(batch):
            done += len(batch)
            if progress:
                progress(done)
    if writer.result.problems:
        transaction.set_rollback(True)
        return writer.rolled_back()
    return writer.result


class _RowFailure(Exception):
    def __init__(self, problem: RowProblem):
        super().__init__(problem.reason)
        self.problem = problem


def _commit_batch(actor, planned, reason, result, batch_size, checked) -> None:
    new = [
        (history, timeline)
        for _, values, history, timeline in planned
        if not values.get("existing_id")
    ]
    existing = [
        (row, values, history) for row, values, history, _ in planned if values.get("existing_id")
    ]
    if new and checked:
        # cleaned and checked by the import, histories by history_and_timeline
        result.created += services.bulk_register_checked(
            actor=actor, people=new, reason=reason, batch_size=batch_size
        )
    elif new:
        try:
            result.created += services.bulk_register(
                actor=actor, people=[h for h, _ in new], reason=reason, batch_size=batch_size
            )
        except ValidationError as exc:
            first = next(row for row, values, *_ in planned if not values.get("existing_id"))
            raise _RowFailure(RowProblem(first, "", " ".join(exc.messages))) from exc
    if not existing:
        return
    members = Member.objects.in_bulk([values["existing_id"] for _, values, _ in existing])
    known_events = set(
        MemberEvent.objects.filter(member__in=members.values(), voided_by__isnull=True).values_list(
            "member_id", "kind", "date"
        )
    )
    known_cards = set(
        PartyCard.objects.filter(member__in=members.values()).values_list("number", flat=True)
    )
    for row, values, history in existing:
        member = members[values["existing_id"]]
        try:
            changed = _update_existing(actor, member, history, known_events, known_cards, reason)
        except ValidationError as exc:
            raise _RowFailure(RowProblem(row, "", " ".join(exc.messages))) from exc
        if changed:
            result.updated += 1
        else:
            result.unchanged += 1


def _update_existing(actor, member, history, known_events, known_cards, reason) -> bool:
    identity = history["identity"]
    changes = {k: v for k, v in identity.items() if k in IDENTITY_KEYS and getattr(member, k) != v}
    changed = False
    if changes:
        services.correct_member(actor=actor, member=member, changes=changes, reason=reason)
        changed = True
    # A row is a snapshot: for a known person it can only add what happened since — the
    # recognition, or the leaving / death / excuse it states. The admission and the unit
    # history already in the registry are kept as they are.
    known_kinds = {kind for member_id, kind, _ in known_events if member_id == member.pk}
    for event in history["events"]:
        kind = event["kind"]
        if kind in (EventKind.ADMISSION, EventKind.TRANSFER):
            continue
        if kind == EventKind.RECOGNITION and kind in known_kinds:
            continue
        if (member.pk, kind, event["date"]) in known_events:
            continue
        if kind in EXITS and any((member.pk, k, event["date"]) in known_events for k in EXITS):
            continue  # the file's "Ra khỏi Đảng" does not say which way; the registry does
        details = {k: v for k, v in event.items() if k not in ("kind", "date")}
        services.record_event(actor=actor, member=member, kind=kind, date=event["date"], **details)
        changed = True
    for card in history["cards"]:
        if card["number"] not in known_cards:
            services.issue_card(actor=actor, member=member, **card)
            changed = True
    return changed
