"""API: the same scope (404 outside) and the same service for progress reports."""

from decimal import Decimal

from dangvu.audit.models import AuditEntry
from dangvu.implementation import services
from dangvu.implementation.models import Report
from dangvu.reports.periods import Period


def test_items_and_assignments_are_scoped(world, plan, client, django_assert_max_num_queries):
    services.assign_item(actor=None, item=plan.admissions, units=[world.x1, world.x3])
    client.force_login(world.users["commune_b"])
    with django_assert_max_num_queries(6):
        items = client.get(f"/api/implementation/documents/{plan.document.pk}/items").json()
    assert [i["id"] for i in items] == [plan.admissions.pk]
    assert items[0]["target_value"] == "20.00" and items[0]["measure"] == "so_luong"
    rows = client.get(f"/api/implementation/items/{plan.admissions.pk}/assignments").json()
    assert [r["unit_id"] for r in rows] == [world.x3.pk]
    assert client.get(f"/api/implementation/items/{plan.study.pk}/assignments").status_code == 404
    client.force_login(world.users["outsider"])
    response = client.get(f"/api/implementation/documents/{plan.document.pk}/items")
    assert response.status_code == 404


def test_progress_submit_goes_through_the_service(world, plan, client):
    (x1,) = services.assign_item(actor=None, item=plan.admissions, units=[world.x1])
    (b,) = services.assign_item(actor=None, item=plan.rating, units=[world.commune_b])
    url = f"/api/implementation/assignments/{x1.pk}/reports"
    client.force_login(world.users["commune_a"])
    response = client.post(
        url, {"period": "2025-Q1", "value": "3"}, content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["period"] == "2025-Q1" and response.json()["value"] == "3.00"
    again = client.post(url, {"period": "2025-Q1", "value": "4"}, content_type="application/json")
    assert again.status_code == 422 and "đã báo cáo kỳ Quý I/2025" in again.json()["detail"]
    bad = client.post(url, {"period": "2025-Q9", "value": "4"}, content_type="application/json")
    assert bad.status_code == 422 and "không đọc được" in bad.json()["detail"]
    assert AuditEntry.objects.get(action="implementation.report.submit").source == "api"
    # commune B's assignment: 404 to commune A; a member without WRITE gets 404 too
    other = f"/api/implementation/assignments/{b.pk}/reports"
    payload = {"period": "2025-Q3", "numerator": "9", "denominator": "10"}
    assert client.post(other, payload, content_type="application/json").status_code == 404
    client.force_login(world.users["member"])
    assert (
        client.post(
            url, {"period": "2025-Q2", "value": "1"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert Report.objects.count() == 1


def test_rollup_and_programmes(world, plan, client, django_assert_max_num_queries):
    olds = services.assign_item(
        actor=None, item=plan.admissions, units=[world.x1, world.x2, world.x3]
    )
    for assignment, value in zip(olds, (3, 2, 4), strict=True):
        services.submit_report(
            actor=None, assignment=assignment, period=Period.parse("2025-Q1"), value=Decimal(value)
        )
    client.force_login(world.users["province"])
    with django_assert_max_num_queries(9):
        body = client.get(
            f"/api/implementation/documents/{plan.document.pk}/rollup", {"period": "2025-Q1"}
        ).json()
    rows = {r["unit_id"]: r for r in body["rows"] if r["item_id"] == plan.admissions.pk}
    assert rows[world.province.pk]["value"] == "9.00"
    assert rows[world.commune_a.pk]["merged_from"] == ["Đảng bộ xã An Bình", "Đảng bộ xã Hòa Lạc"]
    assert body["period_label"] == "Quý I/2025"
    client.force_login(world.users["commune_b"])
    body = client.get(
        f"/api/implementation/documents/{plan.document.pk}/rollup", {"period": "2025-Q1"}
    ).json()
    assert {r["unit_id"] for r in body["rows"]} == {world.commune_b.pk}
    services.create_programme(actor=None, unit=world.commune_b, year=2026, title="CT 2026")
    programmes = client.get("/api/implementation/programmes", {"year": 2026}).json()
    assert [p["unit_id"] for p in programmes] == [world.commune_b.pk]
    client.force_login(world.users["commune_a"])
    assert client.get("/api/implementation/programmes", {"year": 2026}).json() == []
