"""Member pages: scope, search, profile with read log, forms through the services."""

from datetime import date

from dangvu.audit.models import ReadLogEntry
from dangvu.members.models import Correction, Member, MemberEvent


def names(response):
    return [m.full_name for m in response.context["page"]]


def test_commune_officer_sees_only_the_communes_members(
    people, world, client, django_assert_max_num_queries
):
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(8):
        response = client.get("/dang-vien/")
    assert names(response) == ["Trần Văn Bình", "Nguyễn Thị Hòa"]  # Bình < Hòa by tên
    assert client.get(f"/dang-vien/{people.cuong.pk}/").status_code == 404


def test_cell_secretary_sees_only_the_cell(people, world, client):
    client.force_login(world.users["secretary"])
    assert names(client.get("/dang-vien/")) == ["Nguyễn Thị Hòa"]
    client.force_login(world.users["member"])
    assert names(client.get("/dang-vien/")) == []


def test_search_by_name_without_diacritics_cccd_and_card(people, world, client):
    client.force_login(world.users["province"])
    assert names(client.get("/dang-vien/", {"q": "nguyen thi hoa"})) == ["Nguyễn Thị Hòa"]
    assert names(client.get("/dang-vien/", {"q": "HOÀ"})) == ["Nguyễn Thị Hòa"]
    assert names(client.get("/dang-vien/", {"q": "001170012345"})) == ["Nguyễn Thị Hòa"]
    assert names(client.get("/dang-vien/", {"q": "012345678901"})) == ["Nguyễn Thị Hòa"]
    assert names(client.get("/dang-vien/", {"status": "du_bi"})) == ["Trần Văn Bình"]
    assert names(client.get("/dang-vien/", {"don_vi": world.commune_b.pk})) == ["Lê Quốc Cường"]
    assert names(client.get("/dang-vien/", {"age_band": ">60"})) == ["Lê Quốc Cường"]
    # as of a date before Bình's admission he is not a member anywhere
    before = client.get("/dang-vien/", {"status": "dang_vien", "ngay": "01/01/2024"})
    assert names(before) == ["Lê Quốc Cường", "Nguyễn Thị Hòa"]


def test_profile_view_is_logged_and_listed_for_auditors(
    people, world, client, django_assert_max_num_queries
):
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(20):
        response = client.get(f"/dang-vien/{people.hoa.pk}/")
    assert response.status_code == 200
    entry = ReadLogEntry.objects.get()
    assert (entry.actor, entry.object_id) == (world.users["commune_a"], str(people.hoa.pk))
    assert "Tuổi đảng" in response.content.decode()
    viewers = client.get(f"/dang-vien/{people.hoa.pk}/nguoi-xem/")
    assert viewers.status_code == 200 and "commune_a" in viewers.content.decode()
    client.force_login(world.users["secretary"])  # no view_audit
    assert client.get(f"/dang-vien/{people.hoa.pk}/nguoi-xem/").status_code == 404


def test_record_event_through_the_form(people, world, client):
    client.force_login(world.users["commune_a"])
    url = f"/dang-vien/{people.binh.pk}/su-kien/"
    response = client.post(
        url, {"kind": "chinh_thuc", "date": "10/01/2026", "revision": people.binh.revision}
    )
    assert response.status_code == 200  # probation ends 15/01/2026: refused, explained
    assert "chưa đủ 12 tháng dự bị" in response.content.decode()
    response = client.post(
        url, {"kind": "chinh_thuc", "date": "20/01/2026", "revision": people.binh.revision}
    )
    assert response.status_code == 302
    assert MemberEvent.objects.filter(member=people.binh, kind="chinh_thuc").exists()


def test_secretary_cannot_record_events(people, world, client):
    client.force_login(world.users["secretary"])
    assert client.get(f"/dang-vien/{people.hoa.pk}/su-kien/").status_code == 404


def test_correction_through_the_form(people, world, client):
    client.force_login(world.users["commune_a"])
    response = client.post(
        f"/dang-vien/{people.hoa.pk}/dinh-chinh/",
        {
            "field": "birth_date",
            "new_value": "12/05/1970",
            "reason": "Theo giấy khai sinh",
            "revision": people.hoa.revision,
        },
    )
    assert response.status_code == 302
    assert Member.objects.get(pk=people.hoa.pk).birth_date == date(1970, 5, 12)
    assert Correction.objects.get().old_value == "02/05/1970"


def test_register_a_new_member(world, client):
    client.force_login(world.users["commune_a"])
    response = client.post(
        "/dang-vien/moi/",
        {
            "full_name": "Đỗ Thị  Thu",
            "gender": "nu",
            "birth_date": "03/03/2000",
            "unit": world.c2.pk,
            "admission_date": "01/09/2025",
            "ceremony_date": "02/09/2025",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    member = Member.objects.get()
    assert (member.ho, member.ten_dem, member.ten) == ("Đỗ", "Thị", "Thu")
    assert member.unit_id == world.c2.pk


def test_work_lists_and_counts(people, world, client, django_assert_max_num_queries):
    client.force_login(world.users["province"])
    with django_assert_max_num_queries(15):
        response = client.get("/dang-vien/viec-can-lam/")
    assert [m.full_name for m in response.context["recognition"]] == ["Trần Văn Bình"]
    assert [(m.full_name, m.badge_years) for m in response.context["badges"]] == [
        ("Lê Quốc Cường", 40),
        ("Nguyễn Thị Hòa", 30),
    ]
    assert [m.full_name for m in response.context["missing"]] == ["Trần Văn Bình", "Lê Quốc Cường"]
    with django_assert_max_num_queries(20):
        counts = client.get("/dang-vien/thong-ke/", {"don_vi": world.province.pk})
    figures = counts.context["figures"]
    assert figures["total"] == 3 and figures["by_status"] == {"chinh_thuc": 2, "du_bi": 1}
    assert figures["by_ethnicity"] == {"Tày": 1, "Kinh": 1, "Mường": 1}


def test_export_is_scoped_ordered_reimportable_and_masks_sensitive(
    people, world, client, django_assert_max_num_queries
):
    import io

    from openpyxl import load_workbook

    from dangvu.imports import members_pipeline

    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(12):
        response = client.get("/dang-vien/xuat/")
        content = b"".join(response.streaming_content)
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    header = rows[1]
    names = [r[header.index("Họ và tên")] for r in rows[2:]]
    assert names == ["Trần Văn Bình", "Nguyễn Thị Hòa"]
    hoa = rows[2 + names.index("Nguyễn Thị Hòa")]
    assert hoa[header.index("Số định danh cá nhân")] == "001170012345"
    assert hoa[header.index("Dân tộc")] == "Tày"
    # our own export validates against the registry as the same two people
    check = members_pipeline.validate(io.BytesIO(content), "xuat.xlsx", scope_unit=world.commune_a)
    assert (check.errors, check.existing, check.new) == ([], 2, 0)
    client.force_login(world.users["secretary"])
    content = b"".join(client.get("/dang-vien/xuat/").streaming_content)
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert "Dân tộc" not in rows[1] and len(rows) == 3


def test_probationary_member_without_a_card_is_not_missing_one(people, world, client):
    """Cards are issued on recognition: a probationer with a CCCD lacks nothing yet."""
    from dangvu.members import services

    services.correct_member(actor=None, member=people.binh, changes={"cccd": "001098001111"},
                            reason="Bổ sung")
    client.force_login(world.users["province"])
    missing = client.get("/dang-vien/viec-can-lam/").context["missing"]
    assert [m.full_name for m in missing] == ["Lê Quốc Cường"]
