"""Members API: scope, sensitive fields, read log, events written through the services."""

from dangvu.audit.models import ReadLogEntry
from dangvu.members.models import MemberEvent


def test_list_is_scoped_and_in_name_order(people, world, client, django_assert_max_num_queries):
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(7):
        body = client.get("/api/members/").json()
    assert [m["full_name"] for m in body["items"]] == ["Trần Văn Bình", "Nguyễn Thị Hòa"]
    assert body["count"] == 2
    assert client.get(f"/api/members/{people.cuong.pk}").status_code == 404


def test_detail_hides_sensitive_fields_and_logs_the_read(people, world, client):
    client.force_login(world.users["commune_a"])
    body = client.get(f"/api/members/{people.hoa.pk}").json()
    assert body["ethnicity"] == "Tày" and body["status_today"] == "chinh_thuc"
    client.force_login(world.users["secretary"])
    body = client.get(f"/api/members/{people.hoa.pk}").json()
    assert body["ethnicity"] is None and body["religion"] is None
    assert ReadLogEntry.objects.filter(source="api").count() == 2


def test_post_event_goes_through_the_rules(people, world, client):
    client.force_login(world.users["commune_a"])
    url = f"/api/members/{people.binh.pk}/events"
    early = client.post(
        url, {"kind": "chinh_thuc", "date": "2026-01-10"}, content_type="application/json"
    )
    assert early.status_code == 422 and "chưa đủ 12 tháng" in early.json()["detail"]
    ok = client.post(
        url, {"kind": "chinh_thuc", "date": "2026-01-20"}, content_type="application/json"
    )
    assert ok.status_code == 201
    assert MemberEvent.objects.filter(member=people.binh, kind="chinh_thuc").count() == 1
    client.force_login(world.users["secretary"])
    denied = client.post(
        f"/api/members/{people.hoa.pk}/events",
        {"kind": "huy_hieu", "date": "2026-02-03", "years": 30},
        content_type="application/json",
    )
    assert denied.status_code == 404


def test_counts(people, world, client):
    client.force_login(world.users["commune_b"])
    body = client.get("/api/members/counts/", {"unit": world.commune_b.pk}).json()
    assert body["total"] == 1 and body["by_ethnicity"] == {"Mường": 1}
    assert client.get("/api/members/counts/", {"unit": world.commune_a.pk}).status_code == 404
