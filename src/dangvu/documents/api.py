"""Documents under /api/documents/: the same scope as the pages (404 for a document the
caller may not read) and the same services for writes (422 with the Vietnamese reason)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from dangvu.accounts import permissions
from dangvu.accounts.scopes import has_perm_at
from dangvu.audit.context import audit_source
from dangvu.orgs.models import Unit
from dangvu.vntext.schema_types import NFCStr

from . import selectors, services
from .listing import selected_unit
from .models import Document, DocumentType

router = Router(tags=["Văn bản, thực hiện, học tập quán triệt"])


class DocumentOut(Schema):
    id: int
    symbol: str
    number: str
    type_code: str
    type_name: str
    agency: str
    unit_id: int
    unit_name: str
    body: str
    date: date
    term: str
    title: str
    revision: int

    @staticmethod
    def resolve_type_code(obj) -> str:
        return obj.doc_type.code

    @staticmethod
    def resolve_type_name(obj) -> str:
        return obj.doc_type.name

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name


class AttachmentOut(Schema):
    id: int
    name: str
    kind: str
    size: int
    uploaded_at: datetime
    url: str


class RelationOut(Schema):
    id: int
    kind: str
    label: str
    direction: str  # "out": this document <kind> other; "in": other <kind> this document
    document_id: int
    symbol: str
    date: date
    title: str


class DocumentDetailOut(Schema):
    id: int
    symbol: str
    number: str
    type_code: str
    type_name: str
    agency: str
    unit_id: int
    unit_name: str
    body: str
    date: date
    term: str
    title: str
    revision: int
    summary: str
    created_at: datetime
    attachments: list[AttachmentOut]
    relations: list[RelationOut]


PLAIN_FIELDS = (
    "id",
    "symbol",
    "number",
    "agency",
    "unit_id",
    "body",
    "date",
    "term",
    "title",
    "revision",
)


class DocumentIn(Schema):
    unit_id: int
    body: str = "bch"
    type_code: NFCStr
    number: str
    agency: NFCStr
    date: date
    term: str = ""
    title: NFCStr
    summary: NFCStr = ""


class Problem(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


@router.get(
    "",
    response=list[DocumentOut],
    url_name="document_list",
    summary="Danh sách văn bản (lọc, mới nhất trước)",
)
@paginate(LimitOffsetPagination)
def document_list(
    request,
    q: NFCStr = "",
    type_code: NFCStr = "",
    unit: int | None = None,
    within: bool = False,
    body: str = "",
    agency: NFCStr = "",
    date_from: date | None = None,
    date_to: date | None = None,
):
    """``q`` is a symbol ("71-NQ/TU", "71 nq") or words of the title (diacritics ignored);
    ``unit`` keeps the documents issued by that unit (``within``: or by its subtree)."""
    root = selected_unit(request.user, str(unit)) if unit is not None else None
    doc_type = None
    if type_code:
        doc_type = get_object_or_404(DocumentType, code=type_code)
    return selectors.document_list(
        request.user,
        q=q,
        doc_type=doc_type,
        unit=root,
        within=within,
        body=body,
        agency=agency,
        date_from=date_from,
        date_to=date_to,
    )


def _detail(request, document: Document) -> dict:
    from django.urls import reverse

    relations = [
        {
            "id": r["relation"].pk,
            "kind": r["relation"].kind,
            "label": r["label"],
            "direction": "out" if r["outgoing"] else "in",
            "document_id": r["other"].pk,
            "symbol": r["other"].symbol,
            "date": r["other"].date,
            "title": r["other"].title,
        }
        for r in selectors.relations_of(request.user, document)
    ]
    return {
        **{name: getattr(document, name) for name in PLAIN_FIELDS},
        "type_code": document.doc_type.code,
        "type_name": document.doc_type.name,
        "unit_name": document.unit.name,
        "summary": document.summary,
        "created_at": document.created_at,
        "attachments": [
            {
                "id": a.pk,
                "name": a.original_name,
                "kind": a.kind,
                "size": a.size,
                "uploaded_at": a.uploaded_at,
                "url": reverse("documents:download", args=[document.pk, a.pk]),
            }
            for a in document.attachments.all()
        ],
        "relations": relations,
    }


@router.get(
    "{document_id}",
    response=DocumentDetailOut,
    url_name="document_detail",
    summary="Một văn bản",
)
def document_detail(request, document_id: int):
    document = get_object_or_404(
        Document.objects.visible_to(request.user).select_related("doc_type", "unit"),
        pk=document_id,
    )
    return _detail(request, document)


@router.post(
    "",
    response={201: DocumentDetailOut, 422: Problem},
    url_name="document_create",
    summary="Ghi một văn bản vào sổ (cần quyền ghi tại tổ chức ban hành)",
)
def create_document(request, payload: DocumentIn):
    """A refused document (missing field, true duplicate …) answers 422 with the reasons in
    Vietnamese and writes nothing; a unit where the caller may not write answers 404."""
    unit = get_object_or_404(Unit, pk=payload.unit_id)
    if not has_perm_at(request.user, permissions.WRITE, unit):
        raise Http404
    doc_type = DocumentType.objects.filter(code=payload.type_code).first()
    if doc_type is None:
        return Status(
            422,
            {
                "detail": f"Không có loại văn bản “{payload.type_code}”.",
                "errors": {"type_code": ["Loại văn bản không tồn tại."]},
            },
        )
    data = payload.dict()
    data.pop("unit_id")
    data.pop("type_code")
    try:
        with audit_source("api"):
            document = services.create_document(
                actor=request.user, unit=unit, doc_type=doc_type, **data
            )
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else None
        return Status(422, {"detail": " ".join(exc.messages), "errors": errors})
    document = Document.objects.select_related("doc_type", "unit").get(pk=document.pk)
    return Status(201, _detail(request, document))
