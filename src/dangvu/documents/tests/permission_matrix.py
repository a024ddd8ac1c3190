"""Who may reach each documents URL (merged by tests/test_permission_matrix.py).

Targets are documents of commune B's cell c4 ("Chi bộ thôn Bắc"): inside B, outside A.
POST-only URLs answer 405 to a GET once signed in; their refusals (404 outside the write
scope) are tested in test_attachments.py, test_relations.py and test_export.py.
"""

from dangvu.web.tests.permission_personas import API, IN_B, OK_ALL, PAGE, PERSONAS

POST_ONLY = {"anonymous": PAGE, **dict.fromkeys(PERSONAS[1:], 405)}
WRITERS = {**OK_ALL, "member": 404, "outsider": 404}  # WRITE held somewhere

MATRIX: dict = {
    "documents:list": (None, {"anonymous": PAGE, **OK_ALL}),
    "documents:create": (None, {"anonymous": PAGE, **WRITERS}),
    "documents:export": (None, POST_ONLY),
    "documents:detail": ("document_in_b", {"anonymous": PAGE, **IN_B}),
    "documents:edit": ("document_in_b", {"anonymous": PAGE, **IN_B}),
    "documents:attachment_add": ("document_in_b", POST_ONLY),
    "documents:download": ("document_attachment_in_b", {"anonymous": PAGE, **IN_B}),
    "documents:attachment_remove": ("document_attachment_in_b", POST_ONLY),
    "documents:relation_add": ("document_in_b", POST_ONLY),
    "documents:relation_remove": ("document_relation_in_b", POST_ONLY),
    "api:document_list": (None, {"anonymous": API, **OK_ALL}),
    "api:document_detail": ("document_in_b", {"anonymous": API, **IN_B}),
    # same path as the list: a GET lists; the POST is tested in test_api.py
    "api:document_create": (None, {"anonymous": API, **OK_ALL}),
}


def _document_in_b(world):
    from datetime import date

    from dangvu.documents.models import DocumentType
    from dangvu.documents.services import create_document

    return create_document(
        actor=None,
        unit=world.c4,
        body="chi_bo",
        agency="CB",
        doc_type=DocumentType.objects.get(code="NQ"),
        number="07",
        date=date(2025, 9, 1),
        title="Nghị quyết chi bộ thôn Bắc",
    )


def _attachment_in_b(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dangvu.documents.services import add_attachment

    document = _document_in_b(world)
    attachment = add_attachment(
        actor=None, document=document, upload=SimpleUploadedFile("nq.pdf", b"%PDF-1.4\n%%EOF")
    )
    return {"document_id": document.pk, "attachment_id": attachment.pk}


def _relation_in_b(world):
    from datetime import date

    from dangvu.documents.models import DocumentType
    from dangvu.documents.services import create_document, link_documents

    document = _document_in_b(world)
    province = create_document(
        actor=None,
        unit=world.province,
        agency="TU",
        doc_type=DocumentType.objects.get(code="NQ"),
        number="71",
        date=date(2022, 8, 29),
        title="Nghị quyết của Tỉnh ủy",
    )
    relation = link_documents(actor=None, source=document, target=province, kind="implements")
    return {"document_id": document.pk, "relation_id": relation.pk}


TARGETS: dict = {
    "document_in_b": lambda world: {"document_id": _document_in_b(world).pk},
    "document_attachment_in_b": _attachment_in_b,
    "document_relation_in_b": _relation_in_b,
}
