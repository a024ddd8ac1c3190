"""The flat record of the national database's clean-up export ↔ our identity and events.

One row of that template holds identity, the card, the current unit, "Ngày vào Đảng",
"Ngày vào Đảng chính thức", "Trạng thái" and one leaving/death/excuse date. Importing turns it
into identity fields and lifecycle events; exporting turns a member back into the same row, so
our export re-imports to the same people and the same history (as far as one row can say it).
"""

from __future__ import annotations

from datetime import date

from .lifecycle import (
    Event,
    EventKind,
    LifecycleError,
    Status,
    Timeline,
    add_months,
    build_timeline,
)
from .services import IDENTITY_FIELDS

IDENTITY_KEYS = IDENTITY_FIELDS

# status code in the file → the event that ends or changes membership at "left_on"
STATUS_EVENTS = {
    "mien_sinh_hoat": EventKind.EXCUSED,
    "tu_tran": EventKind.DIED,
    "xoa_ten": EventKind.STRUCK_OFF,
    "khai_tru": EventKind.EXPELLED,
    "ra_khoi_dang": EventKind.RESIGNED,
    "chuyen_di": EventKind.TRANSFER,
}
UNKNOWN_EARLIER_UNIT = "Nơi sinh hoạt trước khi có dữ liệu (chưa rõ)"


class RecordError(ValueError):
    """(field, reason): a row that cannot become a valid history."""

    def __init__(self, field: str, reason: str):
        super().__init__(reason)
        self.field = field
        self.reason = reason


def history_from_record(values: dict, unit) -> dict:
    """``values``: cleaned fields of one row; ``unit``: the resolved orgs.Unit (alive today).

    Returns ``{"identity", "events", "cards"}`` for :func:`services.bulk_register`, or raises
    :class:`RecordError` naming the field at fault.
    """
    return history_and_timeline(values, unit)[0]


def history_and_timeline(values: dict, unit) -> tuple[dict, Timeline]:
    """:func:`history_from_record` and the timeline its events make, built as
    :func:`services.bulk_register` builds it (events in date order), so that a checked row
    can be written by :func:`services.bulk_register_checked` without deriving it again."""
    admitted: date = values["admission_date"]
    ceremony: date = values.get("ceremony_date") or admitted
    official: date | None = values.get("official_date")
    status: str = values.get("status") or ("chinh_thuc" if official else "du_bi")
    left_on: date | None = values.get("left_on")
    if official is not None and values.get("ceremony_date") is None:
        # the file has no ceremony date: official = ceremony + 12 months tells it
        ceremony = max(add_months(official, -12), admitted)
    if official is not None and official < add_months(ceremony, 12):
        raise RecordError(
            "official_date", "ngày vào Đảng chính thức sớm hơn 12 tháng sau ngày lễ kết nạp."
        )
    # The admission belongs to the current unit only if it already existed then.
    events: list[dict] = []
    first = {"kind": EventKind.ADMISSION, "date": admitted, "ceremony_date": ceremony}
    if unit.created_on <= admitted or (left_on is not None and left_on <= unit.created_on):
        # the unit existed then, or the member left before the unit's records begin: the
        # file's unit is the only one we know
        events.append({**first, "unit": unit})
    else:
        events.append({**first, "external": UNKNOWN_EARLIER_UNIT})
        events.append({"kind": EventKind.TRANSFER, "date": unit.created_on, "unit": unit})
    if official is not None:
        events.append({"kind": EventKind.RECOGNITION, "date": official})
    if status in STATUS_EVENTS:
        if left_on is None:
            raise RecordError("left_on", "trạng thái này cần ngày rời khỏi / ngày mất / ngày miễn.")
        event = {"kind": STATUS_EVENTS[status], "date": left_on}
        if status == "chuyen_di":
            event["external"] = "Chuyển sinh hoạt ra ngoài (theo tệp nhập)"
        events.append(event)
    elif status == "chinh_thuc" and official is None:
        raise RecordError("official_date", "đảng viên chính thức cần ngày vào Đảng chính thức.")
    try:
        timeline = build_timeline(
            [
                Event(
                    kind=e["kind"],
                    date=e["date"],
                    ceremony_date=e.get("ceremony_date"),
                    unit_id=getattr(e.get("unit"), "pk", None),
                    external=e.get("external", ""),
                )
                for e in sorted(events, key=lambda e: e["date"])
            ]
        )
    except LifecycleError as exc:
        raise RecordError("status", str(exc)) from exc
    cards = []
    for key in ("old_card_number", "card_number"):
        if values.get(key):
            cards.append(
                {
                    "number": values[key],
                    "issued_on": values.get("card_issued_on") if key == "card_number" else None,
                    "issuer": values.get("card_issuer", "") if key == "card_number" else "",
                }
            )
    identity = {k: values[k] for k in IDENTITY_KEYS if values.get(k) not in (None, "")}
    return {"identity": identity, "events": events, "cards": cards}, timeline


def record_from_member(member, *, timeline, cards=()) -> dict:
    """The flat row for our export: the inverse of :func:`history_from_record`."""
    row = {k: getattr(member, k) for k in IDENTITY_KEYS}
    row["full_name"] = member.full_name
    row["unit"] = member.unit.name if member.unit_id else ""
    row["admission_date"] = member.party_since
    row["official_date"] = member.official_date
    period = timeline.current
    row["status"] = period.status if period else ""
    row["left_on"] = None
    if period is not None and period.status not in (Status.PROBATIONARY, Status.OFFICIAL):
        row["left_on"] = period.start
    for card in cards:
        row["card_number" if card.regime == "moi" else "old_card_number"] = card.number
    return row
