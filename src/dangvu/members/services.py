"""Every write to the member registry: registration, lifecycle events, corrections, cards.

Each service checks the rules, writes the record and the audit entry in one transaction, and
re-derives the member's periods from the whole event history (so an event entered out of
order is checked against everything around it). A refusal is a Vietnamese ValidationError
and writes nothing.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import F
from django.utils import timezone

from dangvu.audit.context import current_source
from dangvu.audit.models import AuditEntry
from dangvu.audit.revisions import refuse_stale
from dangvu.audit.services import acting_user, record_change, snapshot
from dangvu.vntext.cccd import validate_cccd
from dangvu.vntext.fields import NFCCharField, NFCTextField
from dangvu.vntext.normalize import clean_text, nfc
from dangvu.vntext.search_keys import search_key
from dangvu.vntext.sort_keys import name_sort_key, split_full_name

from .identity import check_cccd, check_name_gender_birth
from .lifecycle import Event, EventKind, LifecycleError, build_timeline
from .models import (
    SENSITIVE_FIELDS,
    CardRegime,
    Correction,
    Gender,
    Member,
    MemberEvent,
    MemberPeriod,
    PartyCard,
    TheoryLevel,
)

IDENTITY_FIELDS = [
    "ho",
    "ten_dem",
    "ten",
    "other_name",
    "gender",
    "birth_date",
    "ethnicity",
    "religion",
    "cccd",
    "old_cmnd",
    "birth_registration_place",
    "hometown",
    "hometown_old",
    "permanent_address",
    "temporary_address",
    "education",
    "qualification",
    "theory_level",
    "occupation",
    "position",
    "phone",
]
OLD_CARD = re.compile(r"^\d{2}\.\d{6}$")
NEW_CARD = re.compile(r"^\d{12}$")


# ---------------------------------------------------------------- identity


def _clean_identity(data: dict, *, current: Member | None = None) -> dict:
    """Normalise and check identity fields; raise one ValidationError listing every problem."""
    errors: dict[str, list[str]] = {}
    cleaned = {}
    for name, value in data.items():
        if name not in IDENTITY_FIELDS:
            raise ValidationError(f"Trường “{name}” không sửa được qua hồ sơ.")
        cleaned[name] = clean_text(value) if isinstance(value, str) else value
    merged = {f: getattr(current, f) for f in IDENTITY_FIELDS} if current else {}
    merged.update(cleaned)
    check_name_gender_birth(errors, merged)
    if merged.get("theory_level", "") not in TheoryLevel.values:
        errors.setdefault("theory_level", []).append("Trình độ lý luận chính trị không hợp lệ.")
    cleaned_cccd = check_cccd(errors, merged, cleaned)
    if cleaned_cccd:
        clash = Member.objects.filter(cccd=cleaned_cccd)
        if current is not None:
            clash = clash.exclude(pk=current.pk)
        other = clash.first()
        if other is not None:
            errors.setdefault("cccd", []).append(
                f"Số định danh {cleaned_cccd} đã có trong hồ sơ của {other.full_name}."
            )
    if errors:
        raise ValidationError(errors)
    return cleaned


def _name_fields(ho: str, ten_dem: str, ten: str) -> dict:
    full = " ".join(part for part in (ho, ten_dem, ten) if part)
    return {
        "full_name": full,
        "name_key": search_key(full)[:180],
        "sort_key": name_sort_key(ho, ten_dem, ten)[:400],
    }


def name_parts(full_name: str) -> dict:
    ho, ten_dem, ten = split_full_name(clean_text(full_name))
    return {"ho": ho, "ten_dem": ten_dem, "ten": ten}


# ---------------------------------------------------------------- events and periods


def _as_event(row: MemberEvent) -> Event:
    return Event(
        kind=row.kind,
        date=row.date,
        ceremony_date=row.ceremony_date,
        unit_id=row.unit_id,
        external=row.external,
        end_date=row.end_date,
        years=row.years,
        study=row.study,
        key=row.pk,
    )


def _rebuild(member: Member, rows: list[MemberEvent]):
    """Check the history and store the derived periods and cached fields."""
    try:
        timeline = build_timeline([_as_event(r) for r in rows])
    except LifecycleError as exc:
        raise ValidationError(str(exc)) from exc
    MemberPeriod.objects.filter(member=member).delete()
    MemberPeriod.objects.bulk_create(_period_rows(member.pk, timeline))
    Member.objects.filter(pk=member.pk).update(
        **_derived(timeline),
        revision=F("revision") + 1,
    )
    member.refresh_from_db()
    return timeline


def _derived(timeline) -> dict:
    """The Member fields cached from the timeline (never edited directly)."""
    status, status_unit_id, status_since = timeline.standing
    return {
        "status": status,
        "status_unit_id": status_unit_id,
        "status_since": status_since,
        "unit_id": next((p.unit_id for p in reversed(timeline.periods) if p.unit_id), None),
        "party_since": timeline.memberships[0][0] if timeline.memberships else None,
        "party_anchor": timeline.party_anchor,
        "probation_end": timeline.probation_end,
        "official_date": timeline.official_date,
    }


def _lock(member: Member, expected_revision: int | None) -> Member:
    locked = Member.objects.select_for_update().get(pk=member.pk)
    refuse_stale(locked, expected_revision, f"Hồ sơ của {locked.full_name}")
    return locked


def _live_events(member: Member) -> list[MemberEvent]:
    return list(member.events.filter(voided_by__isnull=True).order_by("date", "id"))


EVENT_FIELDS = (
    "ceremony_date",
    "unit",
    "external",
    "end_date",
    "years",
    "study",
    "ground",
    "sponsors",
    "decision_number",
    "decision_date",
)


@transaction.atomic
def record_event(
    *,
    actor,
    member: Member,
    kind: str,
    date: date,
    expected_revision: int | None = None,
    **details,
) -> MemberEvent:
    """Record one lifecycle event; the whole history is re-checked before it is kept."""
    unknown = set(details) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    if kind not in EventKind.values:
        raise ValidationError("Loại sự kiện không hợp lệ.")
    member = _lock(member, expected_revision)
    event = MemberEvent(member=member, kind=kind, date=date, actor=acting_user(actor), **details)
    event.external = clean_text(event.external or "")
    event.save()
    before = {"unit": member.unit_id, "party_since": member.party_since}
    _rebuild(member, _live_events(member))
    record_change(
        actor=actor,
        action=f"members.event.{kind}",
        obj=member,
        unit=member.unit,
        before=before,
        after={"event": snapshot(event), "unit": member.unit_id},
        reason=event.decision_number or event.ground,
    )
    return event


@transaction.atomic
def register_member(
    *,
    actor,
    identity: dict,
    admission_date: date,
    ceremony_date: date,
    unit,
    official_date_decided: date | None = None,
    sponsors: str = "",
    decision_number: str = "",
) -> Member:
    """A new member: identity plus the admission event (and recognition if already decided)."""
    cleaned = _clean_identity(identity)
    member = Member.objects.create(
        **cleaned, **_name_fields(cleaned.get("ho", ""), cleaned.get("ten_dem", ""), cleaned["ten"])
    )
    MemberEvent.objects.create(
        member=member,
        kind=EventKind.ADMISSION,
        date=admission_date,
        ceremony_date=ceremony_date,
        unit=unit,
        sponsors=sponsors,
        decision_number=decision_number,
        actor=acting_user(actor),
    )
    if official_date_decided is not None:
        MemberEvent.objects.create(
            member=member,
            kind=EventKind.RECOGNITION,
            date=official_date_decided,
            actor=acting_user(actor),
        )
    _rebuild(member, _live_events(member))
    record_change(
        actor=actor,
        action="members.member.register",
        obj=member,
        unit=member.unit,
        after=snapshot(member, ["full_name", "birth_date", "gender", "unit", "party_since"]),
    )
    return member


@transaction.atomic
def correct_member(
    *,
    actor,
    member: Member,
    changes: dict,
    reason: str,
    decision_ref: str = "",
    expected_revision: int | None = None,
) -> list[Correction]:
    """Change identity fields by corrections that keep the old values."""
    reason = clean_text(reason or "")
    if not reason:
        raise ValidationError("Hãy ghi lý do đính chính.")
    member = _lock(member, expected_revision)
    cleaned = _clean_identity(changes, current=member)
    corrections = []
    for name, new in cleaned.items():
        old = getattr(member, name)
        if old == new:
            continue
        corrections.append(
            Correction(
                member=member,
                field=name,
                old_value=_text(old),
                new_value=_text(new),
                reason=reason,
                decision_ref=clean_text(decision_ref),
                actor=acting_user(actor),
            )
        )
        setattr(member, name, new)
    if not corrections:
        raise ValidationError("Không có thông tin nào thay đổi.")
    names = _name_fields(member.ho, member.ten_dem, member.ten)
    Member.objects.filter(pk=member.pk).update(
        **{c.field: getattr(member, c.field) for c in corrections},
        **names,
        revision=F("revision") + 1,
    )
    Correction.objects.bulk_create(corrections)
    record_change(
        actor=actor,
        action="members.member.correct",
        obj=member,
        unit=member.unit,
        before={c.field: _masked(c.field, c.old_value) for c in corrections},
        after={c.field: _masked(c.field, c.new_value) for c in corrections},
        reason=f"{reason} {decision_ref}".strip(),
    )
    member.refresh_from_db()
    return corrections


@transaction.atomic
def void_event(*, actor, member: Member, event: MemberEvent, reason: str, decision_ref: str = ""):
    """Withdraw a wrongly entered event (kept, marked void); the rest must still hold."""
    reason = clean_text(reason or "")
    if not reason:
        raise ValidationError("Hãy ghi lý do hủy sự kiện.")
    member = _lock(member, None)
    if event.member_id != member.pk or event.voided_by_id:
        raise ValidationError("Sự kiện không thuộc hồ sơ này hoặc đã bị hủy.")
    correction = Correction.objects.create(
        member=member,
        field=f"su_kien:{event.pk}",
        old_value=str(event),
        new_value="(hủy)",
        reason=reason,
        decision_ref=clean_text(decision_ref),
        actor=acting_user(actor),
    )
    MemberEvent.objects.filter(pk=event.pk).update(voided_by=correction)
    _rebuild(member, _live_events(member))
    record_change(
        actor=actor,
        action="members.event.void",
        obj=member,
        unit=member.unit,
        before={"event": str(event)},
        reason=reason,
    )
    return correction


@transaction.atomic
def issue_card(
    *, actor, member: Member, number: str, issued_on=None, issuer: str = ""
) -> PartyCard:
    number = (number or "").strip().replace(" ", "")
    if NEW_CARD.match(number):
        regime = CardRegime.NEW
    elif OLD_CARD.match(number):
        regime = CardRegime.OLD
    else:
        raise ValidationError(
            f"Số thẻ “{number}” không đúng dạng: thẻ mới 12 chữ số, thẻ cũ dạng NN.NNNNNN."
        )
    other = PartyCard.objects.filter(number=number).select_related("member").first()
    if other is not None:
        raise ValidationError(f"Số thẻ {number} đã cấp cho {other.member.full_name}.")
    card = PartyCard.objects.create(
        member=member,
        number=number,
        regime=regime,
        issued_on=issued_on,
        issuer=clean_text(issuer),
    )
    record_change(
        actor=actor,
        action="members.card.issue",
        obj=member,
        unit=member.unit,
        after=snapshot(card, ["number", "regime", "issued_on", "issuer"]),
    )
    return card


def _text(value) -> str:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def _masked(field: str, value: str) -> str:
    """Sensitive values are not copied into the general change log."""
    return "(thông tin nhạy cảm)" if field in SENSITIVE_FIELDS else value


# ---------------------------------------------------------------- bulk registration


def _period_rows(member_id: int, timeline) -> list[MemberPeriod]:
    return [
        MemberPeriod(
            member_id=member_id,
            start=p.start,
            end=p.end,
            status=p.status,
            unit_id=p.unit_id,
            external=p.external,
            away_unit_id=p.away_unit_id,
            away_external=p.away_external,
            away_until=p.away_until,
        )
        for p in timeline.periods
    ]


@transaction.atomic
def bulk_register(*, actor, people: list[dict], reason: str = "", batch_size: int = 1000) -> int:
    """Register many new members at once (imports, the demo): one transaction, few queries.

    Each item is ``{"identity": {...}, "events": [ {"kind", "date", ...}, ... ],
    "cards": [{"number", "issued_on", "issuer"}]}``. Every history is checked with the same
    lifecycle rules as :func:`record_event`; the first broken one refuses the whole batch with
    its position, so nothing is written.

    The rows are written as plain tuples (``COPY`` on PostgreSQL, ``executemany`` on SQLite)
    holding exactly the values the models would store (see :class:`_RawTable`): building
    ~7 model instances per person and compiling them was most of an import's time.
    """
    prepared = []
    for position, person in enumerate(people, start=1):
        try:
            cleaned = _clean_identity_fast(person["identity"])
            events = [_event_values(e) for e in person["events"]]
            timeline = build_timeline(
                [_event_for_timeline(e) for e in sorted(events, key=lambda e: e["date"])]
            )
        except (ValidationError, LifecycleError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise ValidationError(f"Người thứ {position}: " + " ".join(messages)) from exc
        prepared.append((cleaned, events, timeline, person.get("cards", [])))
    return _write_people(actor, prepared, reason, batch_size)


@transaction.atomic
def bulk_register_checked(
    *, actor, people: list[tuple[dict, object]], reason: str = "", batch_size: int = 1000
) -> int:
    """:func:`bulk_register` for people whose rows the import has already checked.

    Each item is ``(history, timeline)`` from :func:`flat_records.history_and_timeline` on a
    row cleaned by the import (identity cleaned, CCCD validated, history checked by the same
    lifecycle rules): the rules are not run a second time. What is written is the same as
    :func:`bulk_register` writes for that history.
    """
    prepared = [
        (
            {
                k: clean_text(v) if isinstance(v, str) else v
                for k, v in history["identity"].items()
                if k in IDENTITY_FIELDS
            },
            [_event_values(e) for e in history["events"]],
            timeline,
            history.get("cards", []),
        )
        for history, timeline in people
    ]
    return _write_people(actor, prepared, reason, batch_size)


NAME_INDEX = "member_name_key_trgm"  # migration 0002


def _merge_name_index_pending(alias: str) -> None:
    """Move the rows a bulk write left in the trigram index's pending list into the index
    (PostgreSQL GIN "fast update"): until then every name search reads that list through —
    after 100,000 imported rows searches were 2-4 times slower until autovacuum came."""
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s)", [NAME_INDEX])
            if cursor.fetchone()[0] is not None:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [NAME_INDEX])
    except DatabaseError:  # not the index's owner: autovacuum will do it
        pass


def _write_people(actor, prepared: list[tuple], reason: str, batch_size: int) -> int:
    user = acting_user(actor)
    actor_id = user.pk if user is not None else None
    writer = _BulkWriter()
    if writer.postgres:
        alias = writer.connection.alias
        transaction.on_commit(lambda: _merge_name_index_pending(alias), using=alias)
    created = 0
    for start in range(0, len(prepared), batch_size):
        chunk = prepared[start : start + batch_size]
        now = timezone.now()
        member_rows, listed = [], []
        for cleaned, _events, timeline, _cards in chunk:
            names = _name_fields(cleaned.get("ho", ""), cleaned.get("ten_dem", ""), cleaned["ten"])
            derived = _derived(timeline)
            member_rows.append(
                writer.members.row({**cleaned, **names, **derived, "created_at": now})
            )
            # the audit entry names each member as the model instance held it after pre_save
            listed.append((clean_text(names["full_name"]), derived["unit_id"]))
        ids = writer.insert_members(member_rows)
        event_rows, period_rows, card_rows = [], [], []
        for member_id, (_cleaned, events, timeline, cards) in zip(ids, chunk, strict=True):
            for event in events:
                event_rows.append(
                    writer.events.row(
                        {**event, "member_id": member_id, "actor_id": actor_id, "recorded_at": now}
                    )
                )
            for p in timeline.periods:
                period_rows.append(
                    writer.periods.row(
                        {
                            "member_id": member_id,
                            "start": p.start,
                            "end": p.end,
                            "status": p.status,
                            "unit_id": p.unit_id,
                            "external": p.external,
                            "away_unit_id": p.away_unit_id,
                            "away_external": p.away_external,
                            "away_until": p.away_until,
                        }
                    )
                )
            for c in cards:
                card_rows.append(
                    writer.cards.row(
                        {
                            "member_id": member_id,
                            "number": c["number"],
                            "regime": CardRegime.NEW
                            if NEW_CARD.match(c["number"])
                            else CardRegime.OLD,
                            "issued_on": c.get("issued_on"),
                            "issuer": c.get("issuer", ""),
                            "recorded_at": now,
                        }
                    )
                )
        writer.insert(writer.events, event_rows)
        writer.insert(writer.periods, period_rows)
        writer.insert(writer.cards, card_rows)
        # one audit entry per batch, naming every member it registered
        units = {unit_id for _, unit_id in listed}
        AuditEntry.objects.create(
            actor=user,
            source=current_source(),
            action="members.member.register_bulk",
            object_type="members.member",
            object_id=f"{ids[0]}-{ids[-1]}",
            object_repr=f"{len(ids)} đảng viên",
            unit_id=units.pop() if len(units) == 1 else None,
            after={
                "members": [
                    [pk, full_name, unit_id]
                    for pk, (full_name, unit_id) in zip(ids, listed, strict=True)
                ]
            },
            reason=reason,
        )
        created += len(ids)
    return created


_EVENT_DEFAULTS = {
    "ceremony_date": None,
    "unit": None,
    "external": "",
    "end_date": None,
    "years": None,
    "study": False,
    "ground": "",
    "sponsors": "",
    "decision_number": "",
    "decision_date": None,
}


def _event_values(data: dict) -> dict:
    """An event dict of :func:`bulk_register` as MemberEvent attribute values (unit → unit_id)."""
    values = {**_EVENT_DEFAULTS, "kind": data["kind"], "date": data["date"]}
    values.update((k, v) for k, v in data.items() if k in EVENT_FIELDS)
    unit = values.pop("unit")
    values["unit_id"] = unit.pk if unit is not None else None
    return values


def _event_for_timeline(values: dict) -> Event:
    return Event(
        kind=values["kind"],
        date=values["date"],
        ceremony_date=values["ceremony_date"],
        unit_id=values["unit_id"],
        external=values["external"],
        end_date=values["end_date"],
        years=values["years"],
        study=values["study"],
    )


def _stored_text(value: str) -> str:
    """What an NFCCharField stores for ``value``: ``pre_save`` and ``to_python`` each apply
    ``clean_text`` (twice differs from once only when removing an invisible character lets
    two characters compose)."""
    if not value:
        return value
    once = clean_text(value)
    return once if once == value else clean_text(once)


class _RawTable:
    """One table's columns (primary key excluded) and, per column, the function that turns an
    attribute value into what Django's ``bulk_create`` would send for it: the field's
    ``pre_save`` + ``get_db_prep_save``, with fast paths for the plain types and Django's own
    conversion for anything else."""

    def __init__(self, model, connection):
        self.table = model._meta.db_table
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.columns = [connection.ops.quote_name(f.column) for f in self.fields]
        converters = [_converter(f, connection) for f in self.fields]
        self.position = {
            f.attname: (index, convert)
            for index, (f, convert) in enumerate(zip(self.fields, converters, strict=True))
        }
        # every column starts at its default, as the database would get it
        self.blank = [
            convert(f.get_default()) for f, convert in zip(self.fields, converters, strict=True)
        ]

    def row(self, values: dict) -> tuple:
        """The row for ``values`` (attribute name → value; the others take their default)."""
        out = self.blank.copy()
        position = self.position
        for name, value in values.items():
            index, convert = position[name]
            out[index] = convert(value)
        return tuple(out)


def _converter(field, connection):
    def django(value):
        return field.get_db_prep_save(value, connection)

    if isinstance(field, NFCCharField):
        return lambda v: _stored_text(v) if v.__class__ is str else django(v)
    if isinstance(field, NFCTextField):
        return lambda v: nfc(v) if v.__class__ is str else django(v)
    if isinstance(field, models.CharField | models.TextField):
        return lambda v: v if isinstance(v, str) else django(v)
    if isinstance(field, models.DateTimeField):
        last = [object(), None]

        def timestamp(value):  # the same batch timestamp on every row: convert it once
            if value is not last[0]:
                last[0], last[1] = value, django(value)
            return last[1]

        return timestamp
    if isinstance(field, models.DateField):
        if connection.vendor == "postgresql":
            return lambda v: v if v.__class__ is date or v is None else django(v)
        return lambda v: v.isoformat() if v.__class__ is date else django(v)
    return lambda v: v if v is None or v.__class__ is int or v.__class__ is bool else django(v)


class _BulkWriter:
    """Multi-row inserts of prepared tuples: ``COPY`` on PostgreSQL, ``executemany`` else."""

    def __init__(self):
        self.connection = connections[router.db_for_write(Member)]
        self.members = _RawTable(Member, self.connection)
        self.events = _RawTable(MemberEvent, self.connection)
        self.periods = _RawTable(MemberPeriod, self.connection)
        self.cards = _RawTable(PartyCard, self.connection)
        self.postgres = self.connection.vendor == "postgresql"

    def insert_members(self, rows: list[tuple]) -> list[int]:
        """Insert the members with ids in their order; return the ids."""
        quote = self.connection.ops.quote_name
        pk = quote(Member._meta.pk.column)
        table = self.members
        with self.connection.cursor() as cursor:
            if self.postgres:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [table.table, Member._meta.pk.column, len(rows)],
                )
                ids = sorted(r[0] for r in cursor.fetchall())
                rest, rest_ids = rows, ids
            else:
                # the first insert takes SQLite's write lock and says where the ids start:
                # no other connection can insert before this transaction ends
                placeholders = ", ".join(["%s"] * len(table.columns))
                cursor.execute(
                    f"INSERT INTO {quote(table.table)} ({', '.join(table.columns)}) "
                    f"VALUES ({placeholders}) RETURNING {pk}",
                    rows[0],
                )
                first = cursor.fetchone()[0]
                ids = list(range(first, first + len(rows)))
                rest, rest_ids = rows[1:], ids[1:]
        self.insert(table, [(i, *r) for i, r in zip(rest_ids, rest, strict=True)], pk)
        return ids

    def insert(self, table: _RawTable, rows: list[tuple], pk: str | None = None) -> None:
        if not rows:
            return
        columns = ([pk] if pk else []) + table.columns
        target = f"{self.connection.ops.quote_name(table.table)} ({', '.join(columns)})"
        with self.connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {target} FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {target} VALUES ({placeholders})", rows)


def _clean_identity_fast(data: dict) -> dict:
    """Identity checks without per-row queries (uniqueness is left to the database)."""
    cleaned = {
        k: clean_text(v) if isinstance(v, str) else v
        for k, v in data.items()
        if k in IDENTITY_FIELDS
    }
    if not cleaned.get("ten"):
        raise ValidationError("Thiếu tên.")
    if cleaned.get("gender") not in Gender.values:
        raise ValidationError("Giới tính phải là Nam hoặc Nữ.")
    if not isinstance(cleaned.get("birth_date"), date):
        raise ValidationError("Thiếu ngày sinh.")
    if cleaned.get("cccd"):
        cleaned["cccd"] = validate_cccd(
            cleaned["cccd"], birth_date=cleaned["birth_date"], gender=cleaned["gender"]
        )
    return cleaned


def timeline_of(member: Member, events: list[MemberEvent] | None = None):
    """The member's derived timeline from their live (not voided) events."""
    rows = events if events is not None else _live_events(member)
    return build_timeline([_as_event(e) for e in rows if e.voided_by_id is None])
