"""Create and edit: every field checked with a Vietnamese reason (nothing written), stale
edits refused, the actor's right to write at the issuing unit, one audit entry per change."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dangvu.audit.models import AuditEntry
from dangvu.documents import services
from dangvu.documents.models import Document

from .conftest import doc_type, make


def data(world, **overrides):
    base = {
        "unit": world.province,
        "body": "btv",
        "agency": "TU",
        "doc_type": doc_type("NQ"),
        "number": "01",
        "date": date(2024, 1, 10),
        "term": "",
        "title": "Nghị quyết về công tác cán bộ",
        "summary": "",
    }
    return {**base, **overrides}


def test_create_stores_parts_keys_and_audit(world):
    document = services.create_document(
        actor=world.users["province"],
        **data(world, title="  Nghị quyết   về  chuyển đổi số ", agency="tu", term="2020 – 2025"),
    )
    document.refresh_from_db()
    assert document.symbol == "01-NQ/TU"
    assert document.number == "01" and document.number_key == "1"
    assert document.agency == "TU" and document.term == "2020-2025"
    assert document.period_key == "2020-2025"
    assert document.title == "Nghị quyết về chuyển đổi số"
    assert "chuyen doi so" in document.search_key and "01 nq tu" in document.search_key
    assert document.created_by == world.users["province"]
    entry = AuditEntry.objects.get(action="documents.document.create")
    assert entry.object_id == str(document.pk)
    assert entry.actor == world.users["province"]
    assert entry.unit_id == world.province.pk
    assert entry.after["number"] == "01"


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"number": ""}, "number", "Thiếu số"),
        ({"number": "7a"}, "number", "chỉ gồm chữ số"),
        ({"agency": ""}, "agency", "Thiếu ký hiệu cơ quan"),
        ({"agency": "T U"}, "agency", "không dấu cách"),
        ({"title": "  "}, "title", "Thiếu trích yếu"),
        ({"doc_type": None}, "doc_type", "Chọn loại văn bản"),
        ({"date": None}, "date", "Thiếu ngày ban hành"),
        ({"term": "2020"}, "term", "ví dụ 2020-2025"),
        ({"term": "2025-2020"}, "term", "ví dụ 2020-2025"),
        ({"term": "2015-2020"}, "date", "nằm ngoài nhiệm kỳ 2015-2020"),
        ({"body": "ban_bi_mat"}, "body", "không hợp lệ"),
        ({"unit": None}, "unit", "Chọn tổ chức"),
        ({"date": date(2014, 12, 31)}, "date", "trước ngày thành lập"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(world, overrides, field, words):
    with pytest.raises(ValidationError) as refused:
        services.create_document(actor=None, **data(world, **overrides))
    assert field in refused.value.message_dict
    assert any(words in m for m in refused.value.message_dict[field])
    assert not Document.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="documents.").exists()


def test_future_date_refused(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="ở tương lai"):
        services.create_document(actor=None, **data(world, date=tomorrow))


def test_ended_unit_cannot_issue_after_it_ended(world):
    with pytest.raises(ValidationError, match="đã chấm dứt hoạt động từ 01/07/2025"):
        services.create_document(
            actor=None, **data(world, unit=world.district, agency="HU", date=date(2025, 8, 1))
        )
    # before the reorganisation it could
    services.create_document(
        actor=None, **data(world, unit=world.district, agency="HU", date=date(2025, 6, 1))
    )


def test_actor_must_write_at_the_issuing_unit(world):
    with pytest.raises(ValidationError, match="không có quyền"):
        services.create_document(
            actor=world.users["commune_a"],
            **data(world, unit=world.commune_b, agency="ĐU", date=date(2025, 8, 1)),
        )
    services.create_document(
        actor=world.users["commune_a"],
        **data(world, unit=world.commune_a, agency="ĐU", date=date(2025, 8, 1)),
    )
    with pytest.raises(ValidationError, match="không có quyền"):
        services.create_document(
            actor=world.users["member"], **data(world, unit=world.c1, agency="CB")
        )


def test_edit_bumps_revision_and_audits_the_change(world):
    document = make(world.province, "NQ", "01", "TU", date(2024, 1, 10), "Nghị quyết cũ")
    services.update_document(
        actor=world.users["province"],
        document=document,
        expected_revision=1,
        title="Nghị quyết mới",
        summary="Nội dung",
    )
    document.refresh_from_db()
    assert document.revision == 2 and document.title == "Nghị quyết mới"
    assert "nghi quyet moi" in document.search_key
    entry = AuditEntry.objects.get(action="documents.document.update")
    assert entry.before == {"title": "Nghị quyết cũ", "summary": "", "revision": 1}
    assert entry.after == {"title": "Nghị quyết mới", "summary": "Nội dung", "revision": 2}


def test_stale_edit_is_refused(world):
    document = make(world.province, "NQ", "01", "TU", date(2024, 1, 10), "Bản đầu")
    services.update_document(actor=None, document=document, expected_revision=1, title="Bản A")
    with pytest.raises(ValidationError, match="vừa được người khác sửa"):
        services.update_document(actor=None, document=document, expected_revision=1, title="Bản B")
    document.refresh_from_db()
    assert document.title == "Bản A" and document.revision == 2


def test_edit_without_change_writes_nothing(world):
    document = make(world.province, "NQ", "01", "TU", date(2024, 1, 10), "Nghị quyết")
    services.update_document(actor=None, document=document, expected_revision=1, title="Nghị quyết")
    document.refresh_from_db()
    assert document.revision == 1
    assert not AuditEntry.objects.filter(action="documents.document.update").exists()


def test_edit_checks_the_rules_again(world):
    document = make(world.province, "NQ", "01", "TU", date(2024, 1, 10), "Nghị quyết")
    with pytest.raises(ValidationError, match="Số văn bản"):
        services.update_document(actor=None, document=document, expected_revision=1, number="x")
    with pytest.raises(ValidationError, match="không có quyền"):
        services.update_document(
            actor=world.users["commune_a"], document=document, expected_revision=1, title="A sửa"
        )
    document.refresh_from_db()
    assert document.revision == 1 and document.title == "Nghị quyết"


def test_bulk_create_one_audit_entry(world):
    items = [data(world, number=str(n), title=f"Nghị quyết {n}") for n in range(1, 6)]
    created = services.bulk_create_documents(actor=None, items=items, reason="demo")
    assert len(created) == 5 and all(d.pk for d in created)
    assert Document.objects.get(number="3").symbol_key == "3-nq/tu"
    entry = AuditEntry.objects.get(action="documents.document.create_bulk")
    assert [row[1] for row in entry.after["documents"]] == [f"{n}-NQ/TU" for n in range(1, 6)]


def test_bulk_refuses_the_whole_batch_on_one_bad_item(world):
    items = [data(world, number="1"), data(world, number="2", title="")]
    with pytest.raises(ValidationError, match="Văn bản thứ 2"):
        services.bulk_create_documents(actor=None, items=items)
    assert not Document.objects.exists()
