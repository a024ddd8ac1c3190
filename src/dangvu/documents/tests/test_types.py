"""The document type table: loaded by a data migration with the types of DOMAIN.md §4,
editable in the admin; a new type is usable by the forms at once."""

import pytest
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.documents.models import DocumentType
from dangvu.documents.symbols import TYPE_CODES

EXPECTED = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định, quy định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "CTHĐ": "Chương trình hành động",
    "TTr": "Tờ trình",
    "CV": "Công văn",
    "ĐA": "Đề án",
    "TT": "Thông tri",
}


@pytest.mark.django_db
def test_the_migration_loads_every_type():
    assert dict(DocumentType.objects.values_list("code", "name")) == EXPECTED
    assert set(TYPE_CODES) == set(EXPECTED)  # the parser knows the same codes


@pytest.mark.django_db
def test_editable_in_the_admin(client):
    admin = User.objects.create_superuser("quantri", password="x")
    client.force_login(admin)
    changelist = reverse("admin:documents_documenttype_changelist")
    assert "Chương trình hành động" in client.get(changelist).text
    kind = DocumentType.objects.get(code="TT")
    response = client.post(
        reverse("admin:documents_documenttype_change", args=[kind.pk]),
        {"code": "TT", "name": "Thông tri (sửa)", "sort_order": 150, "active": "on"},
    )
    assert response.status_code == 302
    kind.refresh_from_db()
    assert kind.name == "Thông tri (sửa)"


def test_a_new_type_is_offered_and_used(world, login):
    DocumentType.objects.create(code="HDLT", name="Hướng dẫn liên tịch", sort_order=200)
    client = login(world.users["province"])
    form = client.get(reverse("documents:create")).context["form"]
    assert "HDLT – Hướng dẫn liên tịch" in dict(form.fields["doc_type"].choices).values()
    inactive = DocumentType.objects.get(code="TTr")
    inactive.active = False
    inactive.save()
    form = client.get(reverse("documents:create")).context["form"]
    assert inactive.pk not in dict(form.fields["doc_type"].choices)


def test_a_new_type_is_found_by_symbol(world, login):
    from datetime import date

    from dangvu.documents.selectors import document_list, documents_named

    from .conftest import make

    DocumentType.objects.create(code="HDLT", name="Hướng dẫn liên tịch", sort_order=200)
    make(world.province, "HDLT", "03", "TU", date(2024, 5, 1), "Hướng dẫn liên tịch về dân vận")
    province = world.users["province"]
    assert [d.symbol for d in document_list(province, q="03 hdlt")] == ["03-HDLT/TU"]
    assert [d.symbol for d in documents_named(province, "03-HDLT/TU")] == ["03-HDLT/TU"]
