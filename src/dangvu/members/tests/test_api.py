"""Members API: scope, filters, sensitive fields, read log, events written through the
services, counts."""

from dangvu.accounts.scopes import today
from dangvu.audit.models import ReadLogEntry
from dangvu.members.models import MemberEvent


def full_names(body):
    return [m["full_name"] for m in body["items"]]


def test_list_is_scoped_and_in_name_order(people, world, client, django_assert_max_num_queries):
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(8):
        body = client.get("/api/members/").json()
    assert full_names(body) == ["Trần Văn Bình", "Nguyễn Thị Hòa"]
    assert body["count"] == 2
    binh = body["items"][0]
    assert (binh["status"], binh["unit_name"], binh["birth_date"]) == (
        "du_bi",
        "Chi bộ thôn 2",
        "1998-01-01",
    )
    assert client.get(f"/api/members/{people.cuong.pk}").status_code == 404
    client.force_login(world.users["secretary"])
    assert full_names(client.get("/api/members/").json()) == ["Nguyễn Thị Hòa"]


def test_list_filters_and_paging(people, world, client):
    client.force_login(world.users["province"])

    def names(**params):
        return full_names(client.get("/api/members/", params).json())

    assert names(q="nguyen thi hoa") == ["Nguyễn Thị Hòa"]
    assert names(q="Ho\u0300a") == ["Nguyễn Thị Hòa"]  # NFD
    assert names(q="001170012345") == ["Nguyễn Thị Hòa"]
    assert names(status="du_bi") == ["Trần Văn Bình"]
    assert names(unit=world.commune_b.pk) == ["Lê Quốc Cường"]
    assert names(status="dang_vien", on="2024-01-01") == ["Lê Quốc Cường", "Nguyễn Thị Hòa"]
    assert names(gender="nam", age_band=">60") == ["Lê Quốc Cường"]
    assert names(ethnicity="Tày") == ["Nguyễn Thị Hòa"]
    page = client.get("/api/members/", {"limit": 1, "offset": 1}).json()
    assert page["count"] == 3 and full_names(page) == ["Lê Quốc Cường"]
    client.force_login(world.users["commune_a"])
    assert client.get("/api/members/", {"unit": world.commune_b.pk}).status_code == 404


def test_detail_logs_the_read_from_the_api(people, world, client, django_assert_max_num_queries):
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(8):
        body = client.get(f"/api/members/{people.hoa.pk}").json()
    assert body["ethnicity"] == "Tày" and body["status_today"] == "chinh_thuc"
    assert body["unit_name"] == "Chi bộ thôn 1" and body["cccd"] == "001170012345"
    entry = ReadLogEntry.objects.get()
    assert (entry.source, entry.actor, entry.object_id) == (
        "api",
        world.users["commune_a"],
        str(people.hoa.pk),
    )
    assert client.get(f"/api/members/{people.cuong.pk}").status_code == 404
    assert ReadLogEntry.objects.count() == 1


def test_events_read_and_written_through_the_rules(people, world, client):
    client.force_login(world.users["commune_a"])
    url = f"/api/members/{people.binh.pk}/events"
    assert [e["kind"] for e in client.get(url).json()] == ["ket_nap"]
    early = client.post(
        url, {"kind": "chinh_thuc", "date": "2026-01-10"}, content_type="application/json"
    )
    assert early.status_code == 422 and "chưa đủ 12 tháng" in early.json()["detail"]
    assert MemberEvent.objects.filter(member=people.binh).count() == 1
    ok = client.post(
        url,
        {"kind": "chinh_thuc", "date": "2026-01-20", "decision_number": "15-QĐ/ĐU"},
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["kind"] == "chinh_thuc"
    assert [e["kind"] for e in client.get(url).json()] == ["ket_nap", "chinh_thuc"]
    # a stale revision is refused
    stale = client.post(
        url,
        {"kind": "huy_hieu", "date": "2056-02-03", "years": 30, "expected_revision": 1},
        content_type="application/json",
    )
    assert stale.status_code == 422 and "người khác cập nhật" in stale.json()["detail"]
    # an unknown kind is a malformed request
    bad = client.post(url, {"kind": "x", "date": "2026-01-20"}, content_type="application/json")
    assert bad.status_code == 422


def test_event_text_is_stored_nfc(people, world, client):
    client.force_login(world.users["commune_a"])
    response = client.post(
        f"/api/members/{people.hoa.pk}/events",
        {
            "kind": "chuyen_tam_thoi",
            "date": "2026-01-05",
            "end_date": "2026-06-05",
            "external": "Trươ\u0300ng Chi\u0301nh tri\u0323 ti\u0309nh",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["external"] == "Trường Chính trị tỉnh"


def test_writing_events_needs_manage_members(people, world, client):
    client.force_login(world.users["secretary"])
    url = f"/api/members/{people.hoa.pk}/events"
    assert client.get(url).status_code == 200  # reading is allowed
    denied = client.post(
        url,
        {"kind": "huy_hieu", "date": "2026-02-03", "years": 30},
        content_type="application/json",
    )
    assert denied.status_code == 404
    client.force_login(world.users["commune_b"])
    denied = client.post(
        url,
        {"kind": "huy_hieu", "date": "2026-02-03", "years": 30},
        content_type="application/json",
    )
    assert denied.status_code == 404
    assert not MemberEvent.objects.filter(kind="huy_hieu").exists()


def test_counts(people, world, client):
    client.force_login(world.users["commune_b"])
    body = client.get("/api/members/counts", {"unit": world.commune_b.pk}).json()
    assert body["total"] == 1 and body["official"] == 1 and body["by_ethnicity"] == {"Mường": 1}
    assert body["on"] == today().isoformat()
    assert client.get("/api/members/counts", {"unit": world.commune_a.pk}).status_code == 404
    before = client.get("/api/members/counts", {"unit": world.commune_b.pk, "on": "2025-06-30"})
    assert before.json()["total"] == 0  # commune B was formed on 01/07/2025
    client.force_login(world.users["secretary"])
    body = client.get("/api/members/counts", {"unit": world.c1.pk}).json()
    assert body["total"] == 1 and "by_ethnicity" not in body
