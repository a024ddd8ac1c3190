"""/api/documents/: list (scoped, filters), detail (404 outside), create (201, 422, 404)."""

import pytest
from django.urls import reverse

from dangvu.audit.models import AuditEntry
from dangvu.documents.models import Document


def symbols(response):
    assert response.status_code == 200, response.content
    return [row["symbol"] for row in response.json()["items"]]


def test_list_is_scoped_and_filtered(world, register, login, django_assert_max_num_queries):
    client = login(world.users["commune_a"])
    url = reverse("api:document_list")
    client.get(url)
    with django_assert_max_num_queries(10):
        response = client.get(url)
    seen = symbols(response)
    assert "71-NQ/TU" in seen and "05-BC/CB" not in seen
    assert symbols(client.get(url, {"q": "71 nq"})) == ["71-NQ/TU"]
    assert symbols(client.get(url, {"type_code": "CT"})) == ["05-CT/TU"]
    assert symbols(client.get(url, {"unit": world.province.pk})) == ["05-CT/TU", "71-NQ/TU"]
    assert symbols(client.get(url, {"date_from": "2025-01-01", "date_to": "2025-08-31"})) == [
        "09-KH/ĐU"
    ]
    assert client.get(url, {"unit": world.commune_b.pk}).status_code == 404
    row = client.get(url, {"q": "71-NQ/TU"}).json()["items"][0]
    assert row["type_code"] == "NQ" and row["unit_name"] == "Đảng bộ tỉnh Thử Nghiệm"
    assert row["number"] == "71" and row["term"] == "2020-2025"


def test_detail_with_relations_both_ways(world, register, login):
    client = login(world.users["commune_a"])
    body = client.get(reverse("api:document_detail", args=[register.province_nq.pk])).json()
    assert body["symbol"] == "71-NQ/TU"
    assert body["relations"] == [
        {
            "id": body["relations"][0]["id"],
            "kind": "implements",
            "label": "Được thực hiện bởi",
            "direction": "in",
            "document_id": register.a_kh.pk,
            "symbol": "09-KH/ĐU",
            "date": "2025-08-01",
            "title": register.a_kh.title,
        }
    ]


def test_anonymous_gets_401(client, register):
    assert client.get(reverse("api:document_list")).status_code == 401


def payload(world, **overrides):
    return {
        "unit_id": world.commune_a.pk,
        "body": "btv",
        "type_code": "KH",
        "number": "15",
        "agency": "ĐU",
        "date": "2025-09-10",
        "term": "2025-2030",
        "title": "Kế hoạch tuyên truyền",
        **overrides,
    }


def test_create(world, login):
    client = login(world.users["commune_a"])
    response = client.post(
        reverse("api:document_create"), payload(world), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["symbol"] == "15-KH/ĐU" and body["date"] == "2025-09-10"
    document = Document.objects.get(pk=body["id"])
    assert document.created_by == world.users["commune_a"]
    entry = AuditEntry.objects.get(action="documents.document.create")
    assert entry.source == "api"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"number": "mười"}, "number"), ({"term": "2030"}, "term"), ({"title": ""}, "title")],
)
def test_create_refused_422(world, login, overrides, field):
    client = login(world.users["commune_a"])
    response = client.post(
        reverse("api:document_create"), payload(world, **overrides), content_type="application/json"
    )
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not Document.objects.exists()


def test_create_duplicate_422(world, login):
    client = login(world.users["commune_a"])
    url = reverse("api:document_create")
    assert client.post(url, payload(world), content_type="application/json").status_code == 201
    again = client.post(url, payload(world, title="Lần nữa"), content_type="application/json")
    assert again.status_code == 422
    assert "đã có trong sổ" in again.json()["detail"]
    assert Document.objects.count() == 1


def test_create_unknown_type_422(world, login):
    client = login(world.users["commune_a"])
    response = client.post(
        reverse("api:document_create"),
        payload(world, type_code="XX"),
        content_type="application/json",
    )
    assert response.status_code == 422


@pytest.mark.parametrize("persona", ["commune_b", "secretary", "member", "outsider"])
def test_create_outside_write_scope_404(world, login, persona):
    client = login(world.users[persona])
    response = client.post(
        reverse("api:document_create"), payload(world), content_type="application/json"
    )
    assert response.status_code == 404
    assert not Document.objects.exists()
