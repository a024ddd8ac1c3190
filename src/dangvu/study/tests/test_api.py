"""/api/study/: list, detail, create through the service (422 in Vietnamese, 404 outside the
write scope), rates."""

import json
from datetime import date

from dangvu.audit.models import AuditEntry
from dangvu.study.models import StudySession

from .conftest import counted, listed


def post(client, payload):
    return client.post("/api/study/sessions", json.dumps(payload), content_type="application/json")


def test_list_and_detail_are_scoped(world, login, people, django_assert_max_num_queries):
    mine = listed(world.c1, date(2025, 9, 1), [(people.an, True), (people.binh, False, "Ốm")])
    theirs = counted(world.c4, date(2025, 9, 2))
    client = login(world.users["commune_a"])
    with django_assert_max_num_queries(10):
        data = client.get("/api/study/sessions").json()
    assert data["count"] == 1
    (item,) = data["items"]
    assert item["id"] == mine.pk and item["groups"][0] == {
        "kind": "dang_vien",
        "kind_name": "đảng viên",
        "by_list": True,
        "expected": 2,
        "attended": 1,
    }
    detail = client.get(f"/api/study/sessions/{mine.pk}").json()
    assert [a["full_name"] for a in detail["groups"][0]["attendees"]] == [
        "Lê Văn An",
        "Trần Thị Bình",
    ]
    assert client.get(f"/api/study/sessions/{theirs.pk}").status_code == 404
    assert client.get("/api/study/sessions", {"unit": world.c4.pk}).status_code == 404


def test_create_with_a_list_and_counts(world, login, people, document):
    client = login(world.users["commune_a"])
    response = post(
        client,
        {
            "unit_id": world.commune_a.pk,
            "date": "2025-09-05",
            "title": "Hội nghị quán triệt",
            "document_ids": [document.pk],
            "groups": [
                {"kind": "can_bo_chu_chot", "expected": 968, "attended": 941},
                {
                    "kind": "dang_vien",
                    "members": [
                        {"member_id": people.an.pk},
                        {"member_id": people.dung.pk, "present": False, "note": "Ốm"},
                    ],
                },
            ],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["document_ids"] == [document.pk]
    assert {g["kind"]: (g["attended"], g["expected"]) for g in body["groups"]} == {
        "can_bo_chu_chot": (941, 968),
        "dang_vien": (1, 2),
    }
    assert AuditEntry.objects.get(action="study.session.create").source == "api"


def test_create_refusals(world, login, people):
    client = login(world.users["commune_a"])
    base = {"unit_id": world.commune_a.pk, "date": "2025-09-05", "title": "Hội nghị"}
    too_many = post(
        client, {**base, "groups": [{"kind": "dang_vien", "expected": 5, "attended": 6}]}
    )
    assert too_many.status_code == 422
    assert "lớn hơn số được triệu tập" in too_many.json()["detail"]
    outsider = post(
        client,
        {**base, "groups": [{"kind": "dang_vien", "members": [{"member_id": people.em.pk}]}]},
    )
    assert outsider.status_code == 422 and "Đỗ Thị Em" in outsider.json()["detail"]
    unknown = post(client, {**base, "groups": [{"kind": "khong_co", "expected": 1, "attended": 1}]})
    assert unknown.status_code == 422
    elsewhere = post(
        client,
        {
            **base,
            "unit_id": world.c4.pk,
            "groups": [{"kind": "dang_vien", "expected": 1, "attended": 1}],
        },
    )
    assert elsewhere.status_code == 404
    login(world.users["member"])
    reader_only = post(
        client,
        {
            **base,
            "unit_id": world.c1.pk,
            "groups": [{"kind": "dang_vien", "expected": 1, "attended": 1}],
        },
    )
    assert reader_only.status_code == 404
    assert not StudySession.objects.exists()


def test_rates(world, login, django_assert_max_num_queries):
    counted(world.x1, date(2025, 2, 1), expected=468, attended=450)
    counted(world.commune_a, date(2025, 9, 1), expected=500, attended=491)
    client = login(world.users["province"])
    with django_assert_max_num_queries(10):
        data = client.get("/api/study/rates", {"unit": world.province.pk, "year": 2025}).json()
    assert data["sessions"] == 2 and data["tree_on"] == "2025-12-31"
    (kind,) = data["kinds"]
    assert (kind["kind"], kind["attended"], kind["expected"], kind["percent"]) == (
        "can_bo_chu_chot",
        941,
        968,
        97.2,
    )
    assert data["sentence"].endswith("941/968 lượt cán bộ chủ chốt tham gia, đạt 97,2%.")
    assert data["rows"][0]["unit_id"] == world.commune_a.pk
    assert world.x1.pk in data["merged_unit_ids"]
    q1 = client.get("/api/study/rates", {"unit": world.province.pk, "year": 2025, "quarter": 1})
    assert q1.json()["sessions"] == 1
    assert (
        client.get("/api/study/rates", {"unit": world.province.pk, "quarter": 5}).status_code == 422
    )
    login(world.users["commune_a"])
    assert client.get("/api/study/rates", {"unit": world.province.pk}).status_code == 404
