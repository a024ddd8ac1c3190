"""The demo's documents: province, district, commune and cell documents 2024–today, valid
under the register's rules, with relations, readable by the demo personas as scoped."""

import random
from datetime import date

import pytest

from dangvu.accounts.models import User
from dangvu.audit.models import AuditEntry
from dangvu.demo.documents import populate
from dangvu.demo.generator import build_demo
from dangvu.documents.models import Document, DocumentRelation
from dangvu.documents.selectors import document_list

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo():
    result = build_demo(seed=5, scale=0.05, work_records=False)
    counts = populate(
        rng=random.Random(5),
        province=result.province,
        start=date(2024, 1, 1),
        end=date(2026, 3, 31),
        say=lambda _text: None,
    )
    return result, counts


def test_documents_across_levels_and_years(demo):
    result, counts = demo
    assert counts["documents"] == Document.objects.count() > 40
    assert counts["document_relations"] == DocumentRelation.objects.count() > 10
    kinds = set(Document.objects.values_list("unit__kind__code", flat=True))
    assert {"tinh", "huyen", "dang_bo_co_so", "xa", "chi_bo"} <= kinds
    years = set(Document.objects.values_list("date__year", flat=True))
    assert years == {2024, 2025, 2026}
    assert not Document.objects.filter(date__gt=date(2026, 3, 31)).exists()
    codes = set(Document.objects.values_list("doc_type__code", flat=True))
    assert {"NQ", "CT", "KL", "KH", "HD", "QĐ", "BC", "CTHĐ", "QC"} <= codes
    # every document was issued while its unit existed
    for d in Document.objects.select_related("unit"):
        assert d.unit.created_on <= d.date
        assert d.unit.ended_on is None or d.date < d.unit.ended_on
    assert AuditEntry.objects.filter(action="documents.document.create_bulk").exists()
    # numbers restart with the new term
    province = result.province
    new_term = Document.objects.filter(unit=province, doc_type__code="NQ", term="2025-2030")
    congress = new_term.order_by("date").first()
    assert "Đại hội" in congress.title
    assert congress.number == "01" and congress.symbol == "01-NQ/TU"
    assert list(new_term.order_by("date").values_list("number", flat=True)) == ["01", "02"]
    assert (
        Document.objects.filter(unit=province, term="2020-2025", doc_type__code="NQ").count() >= 3
    )


def test_relations_and_scopes(demo):
    kinds = set(DocumentRelation.objects.values_list("kind", flat=True))
    assert kinds == {"implements", "guides", "replaces", "amends"}
    for relation in DocumentRelation.objects.select_related("source", "target"):
        assert relation.target.date <= relation.source.date
    commune_a = User.objects.get(username="xa_a")
    commune_b = User.objects.get(username="xa_b")
    seen_a = set(document_list(commune_a).values_list("pk", flat=True))
    seen_b = set(document_list(commune_b).values_list("pk", flat=True))
    province_docs = set(Document.objects.filter(unit=demo[0].province).values_list("pk", flat=True))
    assert province_docs <= seen_a and province_docs <= seen_b
    own_a = seen_a - seen_b
    assert own_a and not (own_a & seen_b)
    secretary = User.objects.get(username="bithu")
    seen_cell = set(document_list(secretary).values_list("pk", flat=True))
    assert province_docs <= seen_cell <= seen_a


def test_same_seed_same_documents():
    result = build_demo(seed=5, scale=0.05, work_records=False)
    args = {"province": result.province, "start": date(2024, 1, 1), "end": date(2025, 12, 31)}
    populate(rng=random.Random(9), say=lambda _t: None, **args)
    first = list(Document.objects.order_by("id").values_list("number", "title", "date"))
    Document.objects.all().delete()
    populate(rng=random.Random(9), say=lambda _t: None, **args)
    assert list(Document.objects.order_by("id").values_list("number", "title", "date")) == first
