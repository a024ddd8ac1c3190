"""The units API: same scope as the pages, session or token authentication."""

from dangvu.accounts.tokens import issue_token


def test_tree_as_of_date_through_the_api(world, client, django_assert_max_num_queries):
    client.force_login(world.users["province"])
    with django_assert_max_num_queries(4):
        before = client.get("/api/units/tree", {"on": "2025-06-30"}).json()
    kinds = {row["kind"] for row in before}
    assert "huyen" in kinds and "xa" not in kinds
    after = client.get("/api/units/tree", {"on": "2025-07-01"}).json()
    assert {row["kind"] for row in after} == {"tinh", "xa", "chi_bo"}
    assert [row["path"] for row in after] == sorted(row["path"] for row in after)


def test_api_scope_and_404(world, client):
    client.force_login(world.users["commune_a"])
    assert client.get(f"/api/units/{world.c4.pk}").status_code == 404
    assert client.get("/api/units/tree", {"root": world.commune_b.pk}).status_code == 404
    rows = client.get("/api/units/tree").json()
    assert {r["unit_id"] for r in rows} == {
        world.commune_a.pk,
        world.c1.pk,
        world.c2.pk,
        world.c3.pk,
    }
    assert client.get(f"/api/units/{world.c1.pk}").json()["name"] == "Chi bộ thôn 1"


def test_lineage_successors_and_ancestors(world, client):
    client.force_login(world.users["province"])
    events = client.get(f"/api/units/{world.x1.pk}/lineage").json()
    merged = next(e for e in events if e["kind"] == "merged")
    assert merged["links"] == [
        {"predecessor_id": world.x1.pk, "successor_id": world.commune_a.pk},
        {"predecessor_id": world.x2.pk, "successor_id": world.commune_a.pk},
    ]
    assert "1234-QĐ/TU" in merged["decision"]
    successors = client.get(f"/api/units/{world.x1.pk}/successors", {"on": "2025-07-01"}).json()
    assert [s["id"] for s in successors] == [world.commune_a.pk]
    ancestors = client.get(f"/api/units/{world.c1.pk}/ancestors", {"on": "2025-06-30"}).json()
    assert [a["unit_id"] for a in ancestors] == [world.province.pk, world.district.pk, world.x1.pk]


def test_token_authentication(world, client):
    _, token = issue_token(user=world.users["commune_b"], name="thử")
    response = client.get(f"/api/units/{world.c4.pk}", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    response = client.get(f"/api/units/{world.c1.pk}", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 404
    response = client.get(f"/api/units/{world.c4.pk}", headers={"Authorization": "Bearer dv_sai"})
    assert response.status_code == 401


def test_bad_date_gets_a_clear_422(world, client):
    client.force_login(world.users["province"])
    response = client.get("/api/units/tree", {"on": "30/06/2025"})
    assert response.status_code == 422
    assert "không hợp lệ" in response.json()["detail"]


def test_openapi_docs_are_served_locally(world, client):
    client.force_login(world.users["province"])
    page = client.get("/api/docs").content.decode()
    assert "cdn" not in page.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in page
