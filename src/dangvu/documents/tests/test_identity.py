"""Identity = issuing unit + agency + type + number (leading zeros aside) + term, or the
year when no term is given. A true duplicate is refused (service message and DB constraint);
the same symbol in another term, year or unit is a different document."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dangvu.audit.models import AuditEntry
from dangvu.documents import services
from dangvu.documents.models import Document

from .conftest import doc_type, make


def test_same_symbol_in_two_terms_coexist(world):
    first = make(
        world.province, "HD", "01", "TW", date(2016, 3, 1), "Hướng dẫn A", term="2015-2020"
    )
    second = make(
        world.province, "HD", "01", "TW", date(2021, 3, 1), "Hướng dẫn B", term="2020-2025"
    )
    assert first.symbol == second.symbol == "01-HD/TW"
    assert Document.objects.filter(symbol_key="1-hd/tw").count() == 2


def test_same_symbol_in_two_years_without_term_coexist(world):
    make(world.province, "CV", "15", "TU", date(2024, 1, 5), "Công văn 2024")
    make(world.province, "CV", "15", "TU", date(2025, 1, 5), "Công văn 2025")
    assert Document.objects.filter(symbol_key="15-cv/tu").count() == 2


def test_same_symbol_of_two_units_coexist(world):
    """Every commune's Đảng ủy signs "ĐU": 09-KH/ĐU of A and of B are different documents."""
    make(world.commune_a, "KH", "09", "ĐU", date(2025, 8, 1), "Kế hoạch của A")
    make(world.commune_b, "KH", "09", "ĐU", date(2025, 8, 1), "Kế hoạch của B")
    assert Document.objects.filter(symbol_key="9-kh/du").count() == 2


def test_true_duplicate_is_refused_with_a_vietnamese_message(world):
    make(world.province, "NQ", "71", "TU", date(2022, 8, 29), "Nghị quyết 71", term="2020-2025")
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        make(world.province, "NQ", "71", "TU", date(2023, 1, 1), "Nhập lại", term="2020-2025")
    message = " ".join(refused.value.messages)
    assert "71-NQ/TU" in message and "đã có trong sổ" in message and "nhiệm kỳ 2020-2025" in message
    assert Document.objects.count() == 1
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("number", "agency", "year"),
    [("1", "TU", 2024), ("001", "TU", 2024), ("01", "tu", 2024), ("01", " TU ", 2024)],
)
def test_duplicate_despite_leading_zeros_and_case(world, number, agency, year):
    make(world.province, "HD", "01", "TU", date(2024, 2, 1), "Hướng dẫn")
    with pytest.raises(ValidationError, match="đã có trong sổ"):
        make(world.province, "HD", number, agency, date(year, 6, 1), "Lại hướng dẫn")


def test_duplicate_by_year_when_no_term(world):
    make(world.province, "TB", "30", "TU", date(2024, 2, 1), "Thông báo")
    with pytest.raises(ValidationError, match="năm 2024"):
        make(world.province, "TB", "30", "TU", date(2024, 11, 1), "Thông báo khác")


def test_database_constraint_backs_the_service(world):
    kept = make(world.province, "NQ", "05", "TU", date(2024, 2, 1), "Nghị quyết")
    copy = Document.objects.get(pk=kept.pk)
    copy.pk = None
    copy.title = "Bản sao ghi thẳng vào bảng"
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


def test_a_concurrent_duplicate_is_reported_cleanly(world, monkeypatch):
    """Two users save the same document at once: the second insert hits the constraint and
    gets the same message, not a server error."""
    make(world.province, "NQ", "06", "TU", date(2024, 2, 1), "Nghị quyết")
    calls = []
    original = services._identity_clash

    def blind_first_time(*args, **kwargs):
        calls.append(1)
        return None if len(calls) == 1 else original(*args, **kwargs)

    monkeypatch.setattr(services, "_identity_clash", blind_first_time)
    with pytest.raises(ValidationError, match="đã có trong sổ"):
        make(world.province, "NQ", "06", "TU", date(2024, 3, 1), "Cùng lúc")
    assert Document.objects.filter(number_key="6").count() == 1


def test_editing_into_a_duplicate_is_refused(world):
    make(world.province, "KL", "10", "TU", date(2024, 2, 1), "Kết luận 10")
    other = make(world.province, "KL", "11", "TU", date(2024, 3, 1), "Kết luận 11")
    with pytest.raises(ValidationError, match="đã có trong sổ"):
        services.update_document(
            actor=None, document=other, expected_revision=other.revision, number="10"
        )
    other.refresh_from_db()
    assert other.number == "11"


def test_bulk_refuses_duplicates_inside_the_batch_and_against_the_register(world):
    item = {
        "unit": world.province,
        "body": "bch",
        "agency": "TU",
        "doc_type": doc_type("KH"),
        "number": "20",
        "date": date(2024, 4, 1),
        "title": "Kế hoạch",
    }
    with pytest.raises(ValidationError, match="trùng văn bản thứ 1"):
        services.bulk_create_documents(actor=None, items=[item, {**item, "number": "020"}])
    assert Document.objects.count() == 0
    services.bulk_create_documents(actor=None, items=[item])
    with pytest.raises(ValidationError, match="đã có trong sổ"):
        services.bulk_create_documents(actor=None, items=[{**item, "title": "Lần hai"}])
    assert Document.objects.count() == 1
