"""Who may reach each implementation URL (merged by tests/test_permission_matrix.py).

Targets are records of commune B: a document issued by B with a target assigned to its cell
"Chi bộ thôn Bắc", a report with an evidence file, and B's yearly work programme.
"""

from dangvu.web.tests.permission_personas import API, IN_B, OK_ALL, PAGE, PERSONAS

WRITERS = {**IN_B}  # Ban Tổ chức of the province and of B hold WRITE over B
ANY_WRITER = {**OK_ALL, "member": 404, "outsider": 404}  # WRITE somewhere

MATRIX: dict = {
    "implementation:list": (None, {"anonymous": PAGE, **OK_ALL}),
    "implementation:overdue": (None, {"anonymous": PAGE, **OK_ALL}),
    "implementation:programmes": (None, {"anonymous": PAGE, **OK_ALL}),
    "implementation:programme_new": (None, {"anonymous": PAGE, **ANY_WRITER}),
    "implementation:unit": ("unit", {"anonymous": PAGE, **IN_B}),
    "implementation:document": ("impl_document", {"anonymous": PAGE, **IN_B}),
    "implementation:item_new": ("impl_document", {"anonymous": PAGE, **WRITERS}),
    "implementation:rollup": ("impl_document", {"anonymous": PAGE, **IN_B}),
    "implementation:rollup_export": (
        "impl_document",
        {"anonymous": PAGE, **dict.fromkeys(PERSONAS[1:], 405)},  # POST only
    ),
    "implementation:item": ("impl_item", {"anonymous": PAGE, **IN_B}),
    "implementation:item_edit": ("impl_item", {"anonymous": PAGE, **WRITERS}),
    "implementation:assign": ("impl_item", {"anonymous": PAGE, **WRITERS}),
    "implementation:assignment": ("impl_assignment", {"anonymous": PAGE, **IN_B}),
    "implementation:report_new": ("impl_assignment", {"anonymous": PAGE, **WRITERS}),
    "implementation:report_edit": ("impl_report", {"anonymous": PAGE, **WRITERS}),
    "implementation:evidence": ("impl_report", {"anonymous": PAGE, **IN_B}),
    "implementation:programme": ("impl_programme", {"anonymous": PAGE, **IN_B}),
    "implementation:programme_edit": ("impl_programme", {"anonymous": PAGE, **WRITERS}),
    "implementation:programme_item_new": ("impl_programme", {"anonymous": PAGE, **WRITERS}),
    "implementation:programme_item_edit": ("impl_entry", {"anonymous": PAGE, **WRITERS}),
    "api:implementation_items": ("impl_document", {"anonymous": API, **IN_B}),
    "api:implementation_rollup": ("impl_document", {"anonymous": API, **IN_B}),
    "api:implementation_assignments": ("impl_item", {"anonymous": API, **IN_B}),
    # POST only (tested both ways in test_api.py)
    "api:implementation_report": ("impl_assignment", dict.fromkeys(PERSONAS, 405)),
    "api:implementation_programmes": (None, {"anonymous": API, **OK_ALL}),
}


def records_in_b(world):
    from datetime import date
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile

    from dangvu.implementation import services
    from dangvu.implementation.models import Field, ItemKind, Measure
    from dangvu.implementation.tests.conftest import make_document
    from dangvu.reports.periods import Period

    document = make_document(world.commune_b, number="09", code="KH", day=date(2025, 8, 1))
    item = services.create_item(
        actor=None,
        document=document,
        kind=ItemKind.TARGET,
        name="Kết nạp đảng viên mới ở thôn Bắc",
        measure=Measure.COUNT,
        measure_unit="đảng viên",
        target_value=Decimal(3),
        deadline=date(2026, 6, 30),
    )
    (assignment,) = services.assign_item(actor=None, item=item, units=[world.c4])
    report = services.submit_report(
        actor=None,
        assignment=assignment,
        period=Period.parse("2025-Q4"),
        value=Decimal(1),
        evidence=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban", "application/pdf"),
    )
    programme = services.create_programme(
        actor=None, unit=world.commune_b, year=2026, title="Chương trình công tác năm 2026"
    )
    services.add_programme_items(
        actor=None,
        programme=programme,
        items=[
            {
                "field": Field.INSPECTION,
                "content": "Kiểm tra chi bộ thôn Bắc",
                "responsible": "Ủy ban Kiểm tra",
                "due_quarter": 2,
            }
        ],
    )
    return {
        "document_id": document.pk,
        "item_id": item.pk,
        "assignment_id": assignment.pk,
        "report_id": report.pk,
        "programme_id": programme.pk,
        "entry_id": programme.items.get().pk,
    }


def _target(key: str):
    return lambda world: {key: records_in_b(world)[key]}


TARGETS: dict = {
    "impl_document": _target("document_id"),
    "impl_item": _target("item_id"),
    "impl_assignment": _target("assignment_id"),
    "impl_report": _target("report_id"),
    "impl_programme": _target("programme_id"),
    "impl_entry": _target("entry_id"),
}
