"""Every write to the document register: create, edit, attachments, relations.

Each service checks its input, writes and records the audit entry in one transaction; a
refusal is a Vietnamese ValidationError and writes nothing. Callers (views, API, demo) check
that the actor may write at the issuing unit; the services check it again when the actor
is a user (``actor=None`` is the system: demo, imports).
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from dangvu.accounts.scopes import require_write
from dangvu.audit.context import current_source
from dangvu.audit.models import AuditEntry
from dangvu.audit.services import acting_user, record_change, snapshot
from dangvu.jobs.file_names import storage_name
from dangvu.vntext.normalize import clean_text, nfc
from dangvu.vntext.search_keys import search_key

from .attachment_files import check_upload
from .models import (
    Attachment,
    Document,
    DocumentRelation,
    DocumentType,
    IssuingBody,
    RelationKind,
)
from .symbols import agency_key, number_key, render_symbol, symbol_key

FIELDS = ["unit", "body", "agency", "doc_type", "number", "date", "term", "title", "summary"]
AUDIT_FIELDS = [*FIELDS, "revision"]
NUMBER = re.compile(r"^\d{1,6}$")
AGENCY = re.compile(r"^[A-ZĐƯƠÂĂÊÔ][A-ZĐƯƠÂĂÊÔ0-9]{0,19}$")
TERM = re.compile(r"^(\d{4})\s*[-–—]\s*(\d{4})$")


# ---------------------------------------------------------------- checks


def _clean(data: dict, *, current: Document | None = None) -> dict:
    """Normalise and check the fields; one ValidationError listing every problem."""
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown document fields: {sorted(unknown)}")
    merged = {f: getattr(current, f) for f in FIELDS} if current is not None else {}
    merged.update(data)
    errors: dict[str, list[str]] = {}

    def error(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if merged.get("unit") is None:
        error("unit", "Chọn tổ chức đảng ban hành văn bản.")
    body = merged.get("body") or IssuingBody.BCH
    if body not in IssuingBody.values:
        error("body", "Cơ quan ban hành không hợp lệ.")
    agency = agency_key(clean_text(merged.get("agency") or ""))
    if not agency:
        error("agency", "Thiếu ký hiệu cơ quan ban hành (phần sau dấu “/”, ví dụ TU, ĐU).")
    elif not AGENCY.match(agency):
        error(
            "agency",
            f"Ký hiệu cơ quan “{agency}” chỉ được gồm chữ in hoa và chữ số, không dấu cách, "
            "ví dụ TU, ĐU, UBKTTW.",
        )
    doc_type = merged.get("doc_type")
    if not isinstance(doc_type, DocumentType):
        error("doc_type", "Chọn loại văn bản.")
    number = (str(merged.get("number") or "")).strip()
    if not number:
        error("number", "Thiếu số văn bản.")
    elif not NUMBER.match(number):
        error("number", f"Số văn bản “{number}” chỉ gồm chữ số, ví dụ 01 hoặc 71.")
    day = merged.get("date")
    if not isinstance(day, date):
        error("date", "Thiếu ngày ban hành (dd/mm/yyyy).")
    elif day > timezone.localdate():
        error("date", f"Ngày ban hành {day:%d/%m/%Y} ở tương lai.")
    unit = merged.get("unit")
    if unit is not None and isinstance(day, date):
        if day < unit.created_on:
            error(
                "date",
                f"Ngày ban hành {day:%d/%m/%Y} trước ngày thành lập {unit.name} "
                f"({unit.created_on:%d/%m/%Y}).",
            )
        elif unit.ended_on is not None and day >= unit.ended_on:
            error(
                "date",
                f"{unit.name} đã chấm dứt hoạt động từ {unit.ended_on:%d/%m/%Y}; không thể "
                f"ban hành văn bản ngày {day:%d/%m/%Y}.",
            )
    term = clean_text(merged.get("term") or "")
    if term:
        match = TERM.match(term)
        if not match or int(match.group(2)) <= int(match.group(1)):
            error("term", f"Nhiệm kỳ “{term}” phải ghi dạng năm đầu-năm cuối, ví dụ 2020-2025.")
        else:
            term = f"{match.group(1)}-{match.group(2)}"
            if isinstance(day, date) and not int(match.group(1)) <= day.year <= int(match.group(2)):
                error("date", f"Ngày ban hành {day:%d/%m/%Y} nằm ngoài nhiệm kỳ {term}.")
    title = clean_text(merged.get("title") or "")
    if not title:
        error("title", "Thiếu trích yếu (tên) văn bản.")
    elif len(title) > 500:
        error("title", "Trích yếu dài quá 500 ký tự.")
    if errors:
        raise ValidationError(errors)
    cleaned = {
        "unit": merged["unit"],
        "body": body,
        "agency": agency,
        "doc_type": doc_type,
        "number": number,
        "date": day,
        "term": term,
        "title": title,
        "summary": nfc(merged.get("summary") or "").strip(),
    }
    return cleaned


def _derived(cleaned: dict) -> dict:
    code = cleaned["doc_type"].code
    symbol = render_symbol(cleaned["number"], code, cleaned["agency"])
    return {
        "number_key": number_key(cleaned["number"]),
        "agency_key": agency_key(cleaned["agency"]),
        "period_key": cleaned["term"] or str(cleaned["date"].year),
        "symbol_key": symbol_key(cleaned["number"], code, cleaned["agency"]),
        "search_key": search_key(
            f"{symbol} {cleaned['doc_type'].name} {cleaned['title']} {cleaned['summary'][:300]}"
        )[:800],
    }


def _identity_clash(cleaned: dict, derived: dict, exclude: int | None = None) -> Document | None:
    clash = Document.objects.filter(
        unit=cleaned["unit"],
        agency_key=derived["agency_key"],
        doc_type=cleaned["doc_type"],
        number_key=derived["number_key"],
        period_key=derived["period_key"],
    ).select_related("doc_type", "unit")
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    return clash.first()


def duplicate_message(existing: Document) -> str:
    period = f"nhiệm kỳ {existing.term}" if existing.term else f"năm {existing.date.year}"
    return (
        f"Văn bản {existing.symbol} ({period}) của {existing.unit.name} đã có trong sổ: "
        f"“{existing.title}”, ngày {existing.date:%d/%m/%Y}. Kiểm tra lại số, loại, "
        "ký hiệu cơ quan hoặc nhiệm kỳ."
    )


def _save_unique(document: Document, cleaned: dict, derived: dict) -> None:
    clash = _identity_clash(cleaned, derived, exclude=document.pk)
    if clash is not None:
        raise ValidationError({"number": [duplicate_message(clash)]})
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:  # a concurrent insert of the same identity
        clash = _identity_clash(cleaned, derived, exclude=document.pk)
        if clash is None:
            raise
        raise ValidationError({"number": [duplicate_message(clash)]}) from None


# ---------------------------------------------------------------- documents


@transaction.atomic
def create_document(*, actor, reason: str = "", **data) -> Document:
    """Register a document. A true duplicate (same issuing unit, agency, type, number and
    term — or year when no term is given) is refused."""
    cleaned = _clean(data)
    require_write(actor, cleaned["unit"], what="ghi văn bản")
    derived = _derived(cleaned)
    document = Document(**cleaned, **derived, created_by=acting_user(actor))
    _save_unique(document, cleaned, derived)
    record_change(
        actor=actor,
        action="documents.document.create",
        obj=document,
        unit=document.unit,
        after=snapshot(document, AUDIT_FIELDS),
        reason=reason,
    )
    return document


def _lock(document: Document, expected_revision: int | None) -> Document:
    locked = (
        Document.objects.select_for_update().select_related("doc_type", "unit").get(pk=document.pk)
    )
    if expected_revision is not None and locked.revision != expected_revision:
        raise ValidationError(
            f"Văn bản {locked.symbol} vừa được người khác sửa (phiên bản {locked.revision}, "
            f"bạn đang sửa phiên bản {expected_revision}). Hãy tải lại trang, kiểm tra rồi "
            "sửa lại."
        )
    return locked


@transaction.atomic
def update_document(
    *, actor, document: Document, expected_revision: int | None, reason: str = "", **changes
) -> Document:
    """Edit a document; refused when someone saved it since ``expected_revision``."""
    document = _lock(document, expected_revision)
    require_write(actor, document.unit, what="ghi văn bản")
    cleaned = _clean(changes, current=document)
    if cleaned["unit"] != document.unit:
        require_write(actor, cleaned["unit"], what="ghi văn bản")
    before = snapshot(document, AUDIT_FIELDS)
    derived = _derived(cleaned)
    for name, value in {**cleaned, **derived}.items():
        setattr(document, name, value)
    changed = {k for k, v in snapshot(document, FIELDS).items() if before.get(k) != v}
    if not changed:
        return document
    document.revision = F("revision") + 1
    _save_unique(document, cleaned, derived)
    document.refresh_from_db()
    record_change(
        actor=actor,
        action="documents.document.update",
        obj=document,
        unit=document.unit,
        before={k: before[k] for k in sorted(changed)} | {"revision": before["revision"]},
        after={k: v for k, v in snapshot(document, AUDIT_FIELDS).items() if k in changed}
        | {"revision": document.revision},
        reason=reason,
    )
    return document


@transaction.atomic
def bulk_create_documents(*, actor, items: list[dict], reason: str = "") -> list[Document]:
    """Register many documents (the demo, imports) with the same checks, duplicates refused
    (within the batch and against the register), and one audit entry for the batch."""
    prepared = []
    seen: dict[tuple, int] = {}
    for position, data in enumerate(items, start=1):
        try:
            cleaned = _clean(data)
        except ValidationError as exc:
            raise ValidationError(f"Văn bản thứ {position}: " + " ".join(exc.messages)) from exc
        derived = _derived(cleaned)
        key = (
            cleaned["unit"].pk,
            derived["agency_key"],
            cleaned["doc_type"].pk,
            derived["number_key"],
            derived["period_key"],
        )
        if key in seen:
            symbol = render_symbol(cleaned["number"], cleaned["doc_type"].code, cleaned["agency"])
            raise ValidationError(
                f"Văn bản thứ {position} trùng văn bản thứ {seen[key]} ({symbol})."
            )
        seen[key] = position
        prepared.append(Document(**cleaned, **derived, created_by=acting_user(actor)))
    if not prepared:
        return []
    existing = Q(pk__in=[])
    for unit_id, agency, type_id, number, period in seen:
        existing |= Q(
            unit_id=unit_id,
            agency_key=agency,
            doc_type_id=type_id,
            number_key=number,
            period_key=period,
        )
    clash = Document.objects.filter(existing).select_related("doc_type", "unit").first()
    if clash is not None:
        raise ValidationError(duplicate_message(clash))
    Document.objects.bulk_create(prepared, batch_size=500)
    if prepared[0].pk is None:  # backends without RETURNING: read the ids back
        prepared = list(Document.objects.order_by("-id")[: len(prepared)])[::-1]
    units = {d.unit_id for d in prepared}
    AuditEntry.objects.create(
        actor=acting_user(actor),
        source=current_source(),
        action="documents.document.create_bulk",
        object_type="documents.document",
        object_id=f"{prepared[0].pk}-{prepared[-1].pk}",
        object_repr=f"{len(prepared)} văn bản",
        unit_id=units.pop() if len(units) == 1 else None,
        after={"documents": [[d.pk, d.symbol, d.unit_id] for d in prepared]},
        reason=reason,
    )
    return prepared


# ---------------------------------------------------------------- attachments


@transaction.atomic
def add_attachment(*, actor, document: Document, upload, reason: str = "") -> Attachment:
    """Attach a PDF, DOCX or image, checked by its content (see attachment_files)."""
    document = _lock(document, None)
    require_write(actor, document.unit, what="ghi văn bản")
    checked = check_upload(upload)
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    sha = digest.hexdigest()
    if document.attachments.filter(sha256=sha).exists():
        raise ValidationError(f"Tệp “{checked.name}” đã được đính kèm văn bản này.")
    attachment = Attachment(
        document=document,
        original_name=checked.name,
        kind=checked.kind,
        size=checked.size,
        sha256=sha,
        uploaded_by=acting_user(actor),
    )
    attachment.file.save(storage_name(checked.name), upload, save=False)
    try:
        attachment.save()
    except BaseException:
        attachment.file.delete(save=False)
        raise
    record_change(
        actor=actor,
        action="documents.attachment.add",
        obj=document,
        unit=document.unit,
        after={
            "attachment": attachment.pk,
            "name": checked.name,
            "size": checked.size,
            "kind": checked.kind,
            "sha256": sha,
        },
        reason=reason,
    )
    return attachment


@transaction.atomic
def remove_attachment(*, actor, attachment: Attachment, reason: str = "") -> None:
    document = _lock(attachment.document, None)
    require_write(actor, document.unit, what="ghi văn bản")
    info = {
        "attachment": attachment.pk,
        "name": attachment.original_name,
        "size": attachment.size,
        "sha256": attachment.sha256,
    }
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    record_change(
        actor=actor,
        action="documents.attachment.remove",
        obj=document,
        unit=document.unit,
        before=info,
        reason=reason,
    )
    # the file goes only when the removal is committed
    transaction.on_commit(lambda: storage.delete(name))


# ---------------------------------------------------------------- relations


@transaction.atomic
def link_documents(
    *, actor, source: Document, target: Document, kind: str, reason: str = ""
) -> DocumentRelation:
    """``source`` <kind> ``target`` ("09-KH/ĐU thực hiện 71-NQ/TU")."""
    if kind not in RelationKind.values:
        raise ValidationError("Loại quan hệ không hợp lệ.")
    require_write(actor, source.unit, what="ghi văn bản")
    if (
        acting_user(actor) is not None
        and not Document.objects.visible_to(actor).filter(pk=target.pk).exists()
    ):
        raise ValidationError("Không tìm thấy văn bản được liên kết trong phạm vi bạn được xem.")
    if source.pk == target.pk:
        raise ValidationError("Một văn bản không thể liên kết với chính nó.")
    if DocumentRelation.objects.filter(source=source, target=target, kind=kind).exists():
        raise ValidationError(
            f"Đã có quan hệ “{RelationKind(kind).label}” từ {source.symbol} tới {target.symbol}."
        )
    if (
        kind in (RelationKind.REPLACES, RelationKind.IMPLEMENTS, RelationKind.GUIDES)
        and DocumentRelation.objects.filter(source=target, target=source, kind=kind).exists()
    ):
        raise ValidationError(
            f"{target.symbol} đã “{RelationKind(kind).label.lower()}” {source.symbol}; "
            "không thể có quan hệ ngược lại."
        )
    relation = DocumentRelation.objects.create(
        source=source, target=target, kind=kind, created_by=acting_user(actor)
    )
    record_change(
        actor=actor,
        action="documents.relation.add",
        obj=source,
        unit=source.unit,
        after={
            "relation": relation.pk,
            "kind": kind,
            "target": target.pk,
            "target_symbol": target.symbol,
        },
        reason=reason,
    )
    return relation


@transaction.atomic
def unlink_documents(*, actor, relation: DocumentRelation, reason: str = "") -> None:
    source = relation.source
    require_write(actor, source.unit, what="ghi văn bản")
    info = {
        "relation": relation.pk,
        "kind": relation.kind,
        "target": relation.target_id,
        "target_symbol": relation.target.symbol,
    }
    relation.delete()
    record_change(
        actor=actor,
        action="documents.relation.remove",
        obj=source,
        unit=source.unit,
        before=info,
        reason=reason,
    )
