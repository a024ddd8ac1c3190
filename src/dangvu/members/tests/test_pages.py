"""Member pages: scope, search, profile with read log, forms through the services, work lists,
counts; query counts pinned."""

from datetime import date

from conftest import REFORM

from dangvu.accounts.models import Role, RoleAssignment
from dangvu.audit.models import ReadLogEntry
from dangvu.members import services
from dangvu.members.lifecycle import EventKind
from dangvu.members.models import Correction, Member, MemberEvent, PartyCard


def names(response):
    return [m.full_name for m in response.context["page"]]


def test_commune_officer_sees_only_the_communes_members(
    people, world, client, django_assert_max_num_queries
):
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(9):
        response = client.get("/dang-vien/")
    assert names(response) == ["Trần Văn Bình", "Nguyễn Thị Hòa"]  # Bình < Hòa by tên
    page = response.content.decode()
    assert "02/05/1970" in page and "Chi bộ thôn 2" in page and "Dự bị" in page
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
    assert names(client.get("/dang-vien/", {"gender": "nu"})) == ["Nguyễn Thị Hòa"]
    # as of a date before Bình's admission he is not a member anywhere
    before = client.get("/dang-vien/", {"status": "dang_vien", "ngay": "01/01/2024"})
    assert names(before) == ["Lê Quốc Cường", "Nguyễn Thị Hòa"]


def test_unit_filter_is_scoped(people, world, client):
    client.force_login(world.users["commune_a"])
    response = client.get("/dang-vien/")
    offered = [value for value, _ in response.context["form"].fields["don_vi"].choices]
    assert world.c1.pk in offered and world.commune_a.pk in offered
    assert world.c4.pk not in offered and world.province.pk not in offered
    assert client.get("/dang-vien/", {"don_vi": world.c4.pk}).status_code == 404
    assert client.get("/dang-vien/", {"don_vi": "x"}).status_code == 404
    assert names(client.get("/dang-vien/", {"don_vi": world.c2.pk})) == ["Trần Văn Bình"]


def test_filters_redraw_only_the_results_with_htmx(people, world, client):
    client.force_login(world.users["commune_a"])
    response = client.get("/dang-vien/", {"q": "hoa"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<form" not in page and "Nguyễn Thị Hòa" in page and "Trần Văn Bình" not in page
    full = client.get("/dang-vien/").content.decode()
    assert 'hx-target="#results"' in full and 'id="results"' in full


def test_list_pages_50_at_a_time_in_name_order(world, client, django_assert_max_num_queries):
    people = [
        {
            "identity": {
                "ho": "Nguyễn",
                "ten_dem": "Văn",
                "ten": f"Tên {i:03d}",
                "gender": "nam",
                "birth_date": date(1980, 1, 1),
            },
            "events": [
                {
                    "kind": EventKind.ADMISSION,
                    "date": date(2010, 1, 1),
                    "ceremony_date": date(2010, 1, 1),
                    "unit": world.c1,
                }
            ],
        }
        for i in range(120, 0, -1)
    ]
    services.bulk_register(actor=None, people=people)
    client.force_login(world.users["province"])
    with django_assert_max_num_queries(9):
        first = client.get("/dang-vien/")
    assert len(first.context["page"]) == 50
    assert names(first)[:2] == ["Nguyễn Văn Tên 001", "Nguyễn Văn Tên 002"]
    third = client.get("/dang-vien/", {"trang": 3, "gender": "nam"})
    assert names(third)[-1] == "Nguyễn Văn Tên 120" and len(third.context["page"]) == 20
    assert "Trang 3/3" in third.content.decode()
    assert "?gender=nam&trang=2" in third.content.decode()  # the filters stay


def section_queries() -> int:
    """At most one query for each section other modules add to the profile."""
    from dangvu.members.sections import section_functions

    return len(section_functions())


def test_profile_view_is_logged_and_listed_for_auditors(
    people, world, client, django_assert_max_num_queries
):
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(11 + section_queries()):
        response = client.get(f"/dang-vien/{people.hoa.pk}/")
    assert response.status_code == 200
    entry = ReadLogEntry.objects.get()
    assert (entry.actor, entry.object_id, entry.source) == (
        world.users["commune_a"],
        str(people.hoa.pk),
        "web",
    )
    page = response.content.decode()
    for text in ("Tuổi đảng", "Chính thức", "19/05/1995", "012345678901", "Chi bộ thôn 1"):
        assert text in page
    viewers = client.get(f"/dang-vien/{people.hoa.pk}/nguoi-xem/")
    assert viewers.status_code == 200 and "commune_a" in viewers.content.decode()
    client.force_login(world.users["secretary"])  # no view_audit
    client.get(f"/dang-vien/{people.hoa.pk}/")
    assert ReadLogEntry.objects.count() == 2
    assert client.get(f"/dang-vien/{people.hoa.pk}/nguoi-xem/").status_code == 404
    # a refused (out of scope) view is not a read
    client.force_login(world.users["commune_b"])
    assert client.get(f"/dang-vien/{people.hoa.pk}/").status_code == 404
    assert ReadLogEntry.objects.count() == 2


def test_profile_shows_history_cards_and_corrections(people, world, client):
    services.record_event(
        actor=None,
        member=people.hoa,
        kind=EventKind.TRANSFER,
        date=date(2025, 8, 31),
        unit=world.c2,
        decision_number="12-QĐ/ĐU",
    )
    services.correct_member(
        actor=None,
        member=Member.objects.get(pk=people.hoa.pk),
        changes={"hometown": "Xã An Bình"},
        reason="Theo giấy khai sinh",
        decision_ref="05-QĐ/ĐU",
    )
    client.force_login(world.users["commune_a"])
    page = client.get(f"/dang-vien/{people.hoa.pk}/").content.decode()
    for text in ("31/08/2025", "Chi bộ thôn 2", "12-QĐ/ĐU", "Quê quán", "Xã An Bình", "05-QĐ/ĐU"):
        assert text in page
    assert "Ghi nhận sự kiện" in page  # the manager's buttons
    client.force_login(world.users["secretary"])  # Hòa moved to c2: out of the cell's scope
    assert client.get(f"/dang-vien/{people.hoa.pk}/").status_code == 404


def test_record_event_through_the_form(people, world, client):
    client.force_login(world.users["commune_a"])
    url = f"/dang-vien/{people.binh.pk}/su-kien/"
    response = client.post(
        url, {"kind": "chinh_thuc", "date": "10/01/2026", "revision": people.binh.revision}
    )
    assert response.status_code == 200  # probation ends 15/01/2026: refused, explained
    assert "chưa đủ 12 tháng dự bị" in response.content.decode()
    assert not MemberEvent.objects.filter(member=people.binh, kind="chinh_thuc").exists()
    response = client.post(
        url, {"kind": "chinh_thuc", "date": "20/01/2026", "revision": people.binh.revision}
    )
    assert response.status_code == 302
    assert MemberEvent.objects.filter(member=people.binh, kind="chinh_thuc").exists()


def test_event_form_asks_for_the_fields_of_the_chosen_kind(people, world, client):
    client.force_login(world.users["commune_a"])
    url = f"/dang-vien/{people.hoa.pk}/su-kien/"
    form = client.get(url, {"kind": "huy_hieu"}).context["form"]
    assert "years" in form.fields and "end_date" not in form.fields
    form = client.get(url, {"kind": "chuyen_tam_thoi"}).context["form"]
    assert {"unit", "external", "end_date", "study"} <= set(form.fields)
    assert "years" not in form.fields
    # the kind selector redraws the form (htmx) from the same URL
    assert f'hx-get="{url}"' in client.get(url).content.decode()
    # missing details: Vietnamese messages, nothing written
    response = client.post(
        url, {"kind": "chuyen_tam_thoi", "date": "01/09/2025", "revision": people.hoa.revision}
    )
    page = response.content.decode()
    assert "Hãy nhập thời hạn sinh hoạt tạm thời" in page
    assert "Hãy chọn nơi sinh hoạt tạm thời" in page
    response = client.post(url, {"kind": "", "date": "31/02/2025", "revision": 1})
    assert "Hãy chọn loại sự kiện." in response.content.decode()
    assert MemberEvent.objects.filter(member=people.hoa).count() == 2
    # only the chosen kind's details are kept
    response = client.post(
        url,
        {
            "kind": "huy_hieu",
            "date": "03/02/2026",
            "years": "30",
            "end_date": "01/01/2027",
            "revision": people.hoa.revision,
        },
    )
    assert response.status_code == 302
    badge = MemberEvent.objects.get(member=people.hoa, kind="huy_hieu")
    assert (badge.years, badge.end_date) == (30, None)


def test_concurrent_edits_are_detected(people, world, client):
    client.force_login(world.users["commune_a"])
    stale = people.hoa.revision
    services.correct_member(
        actor=None, member=people.hoa, changes={"phone": "0912345678"}, reason="Bổ sung"
    )
    response = client.post(
        f"/dang-vien/{people.hoa.pk}/dinh-chinh/",
        {"field": "hometown", "new_value": "Hà Nội", "reason": "Sửa", "revision": stale},
    )
    assert response.status_code == 200
    assert "vừa được người khác cập nhật" in response.content.decode()
    assert Member.objects.get(pk=people.hoa.pk).hometown == ""
    response = client.post(
        f"/dang-vien/{people.hoa.pk}/su-kien/",
        {"kind": "het_tam_thoi", "date": "01/01/2026", "revision": stale},
    )
    assert "vừa được người khác cập nhật" in response.content.decode()


def test_secretary_cannot_change_records(people, world, client):
    client.force_login(world.users["secretary"])
    for path in ("su-kien", "dinh-chinh", "the"):
        assert client.get(f"/dang-vien/{people.hoa.pk}/{path}/").status_code == 404
        assert client.post(f"/dang-vien/{people.hoa.pk}/{path}/", {}).status_code == 404
    assert client.get("/dang-vien/moi/").status_code == 404
    assert "Ghi nhận sự kiện" not in client.get(f"/dang-vien/{people.hoa.pk}/").content.decode()


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
    response = client.post(
        f"/dang-vien/{people.hoa.pk}/dinh-chinh/",
        {"field": "birth_date", "new_value": "1970-05-12", "reason": "", "revision": 2},
    )
    page = response.content.decode()
    assert "Ngày sinh phải theo dạng dd/mm/yyyy." in page and "Hãy ghi lý do đính chính." in page


def test_add_a_card(people, world, client):
    client.force_login(world.users["commune_a"])
    url = f"/dang-vien/{people.binh.pk}/the/"
    response = client.post(url, {"number": "12.34567"})
    assert "không đúng dạng" in response.content.decode()
    response = client.post(url, {"number": "012345678901"})  # Hòa's
    assert "đã cấp cho Nguyễn Thị Hòa" in response.content.decode()
    response = client.post(url, {"number": "11.123456", "issued_on": "03/02/2010"})
    assert response.status_code == 302
    assert PartyCard.objects.get(member=people.binh).regime == "cu"


def test_register_a_new_member(world, client):
    client.force_login(world.users["commune_a"])
    form = client.get("/dang-vien/moi/").context["form"]
    assert {u.pk for u in form.fields["unit"].queryset} == {world.c1.pk, world.c2.pk, world.c3.pk}
    response = client.post(
        "/dang-vien/moi/",
        {
            "full_name": "Đỗ Thị  Thu",
            "gender": "nu",
            "birth_date": "03/03/2000",
            "unit": world.c2.pk,
            "admission_date": "01/09/2025",
            "ceremony_date": "02/09/2025",
            "theory_level": "so_cap",
            "hometown": "Xa\u0303 An Bi\u0300nh",  # NFD
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    member = Member.objects.get()
    assert (member.ho, member.ten_dem, member.ten) == ("Đỗ", "Thị", "Thu")
    assert member.unit_id == world.c2.pk and member.theory_level == "so_cap"
    assert member.hometown == "Xã An Bình"
    assert member.probation_end == date(2026, 9, 2)


def test_register_refuses_with_reasons_and_writes_nothing(world, client):
    client.force_login(world.users["commune_a"])
    response = client.post(
        "/dang-vien/moi/",
        {
            "full_name": "Đỗ Thị Thu",
            "gender": "nu",
            "birth_date": "03/03/2000",
            "unit": world.c4.pk,  # commune B: not offered
            "admission_date": "05/09/2025",
            "ceremony_date": "02/09/2025",
        },
    )
    assert response.status_code == 200 and not Member.objects.exists()
    response = client.post(
        "/dang-vien/moi/",
        {
            "full_name": "Đỗ Thị Thu",
            "gender": "nu",
            "birth_date": "03/03/2000",
            "unit": world.c1.pk,
            "admission_date": "05/09/2025",
            "ceremony_date": "02/09/2025",  # before the decision
            "cccd": "001300000001",
        },
    )
    assert "trước ngày quyết định kết nạp" in response.content.decode()
    assert not Member.objects.exists()


def test_register_sensitive_fields_only_where_allowed(world, client):
    clerk = world.users["outsider"]
    for code, perms, unit in (
        ("ql", ["manage_members"], world.commune_a),
        ("nc", ["see_sensitive"], world.c1),
    ):
        role = Role.objects.create(code=code, name=code, permissions=perms)
        RoleAssignment.objects.create(user=clerk, role=role, unit=unit, valid_from=REFORM)
    client.force_login(clerk)
    data = {
        "full_name": "Đỗ Thị Thu",
        "gender": "nu",
        "birth_date": "03/03/2000",
        "admission_date": "01/09/2025",
        "ceremony_date": "02/09/2025",
        "ethnicity": "Nùng",
    }
    response = client.post("/dang-vien/moi/", {**data, "unit": world.c2.pk})
    assert "Bạn không có quyền ghi thông tin này" in response.content.decode()
    assert not Member.objects.exists()
    assert client.post("/dang-vien/moi/", {**data, "unit": world.c1.pk}).status_code == 302
    assert Member.objects.get().ethnicity == "Nùng"


def test_work_lists_and_counts(people, world, client, django_assert_max_num_queries):
    client.force_login(world.users["province"])
    with django_assert_max_num_queries(9):
        response = client.get("/dang-vien/viec-can-lam/", {"ngay": "01/01/2026"})
    assert [m.full_name for m in response.context["recognition"]] == ["Trần Văn Bình"]
    assert [(m.full_name, m.badge_years) for m in response.context["badges"]] == [
        ("Lê Quốc Cường", 40),
        ("Nguyễn Thị Hòa", 30),
    ]
    assert response.context["award_date"] == date(2026, 2, 3)
    assert [m.full_name for m in response.context["missing"]] == ["Trần Văn Bình", "Lê Quốc Cường"]
    assert "03/02/2026" in response.content.decode()
    with django_assert_max_num_queries(9):
        counts = client.get("/dang-vien/thong-ke/", {"don_vi": world.province.pk})
    figures = counts.context["figures"]
    assert figures["total"] == 3 and figures["by_status"] == {
        "chinh_thuc": 2,
        "du_bi": 1,
        "mien_sinh_hoat": 0,
    }
    assert figures["by_ethnicity"] == {"Kinh": 1, "Mường": 1, "Tày": 1}
    assert "2/3" in counts.content.decode()  # "X/Y … đạt Z%": chính thức 2/3


def test_counts_default_to_the_users_top_unit_and_take_a_date(people, world, client):
    client.force_login(world.users["commune_a"])
    response = client.get("/dang-vien/thong-ke/")
    assert response.context["unit"] == world.commune_a
    assert response.context["figures"]["total"] == 2
    # before the reform commune A did not exist
    response = client.get("/dang-vien/thong-ke/", {"ngay": "30/06/2025"})
    assert response.context["figures"]["total"] == 0
    response = client.get("/dang-vien/thong-ke/", {"ngay": "31/02/2025"})
    assert "không đọc được" in response.content.decode()
    assert client.get("/dang-vien/thong-ke/", {"don_vi": world.commune_b.pk}).status_code == 404
    client.force_login(world.users["member"])  # no "read": nothing to count
    assert client.get("/dang-vien/thong-ke/").context["figures"] is None


def test_unit_page_loads_the_member_summary(people, world, client):
    client.force_login(world.users["commune_a"])
    page = client.get(f"/to-chuc/{world.c1.pk}/").content.decode()
    assert f"/dang-vien/to-chuc/{world.c1.pk}/" in page
    summary = client.get(f"/dang-vien/to-chuc/{world.commune_a.pk}/", {"ngay": "2025-11-01"})
    text = summary.content.decode()
    assert "01/11/2025" in text and f"don_vi={world.commune_a.pk}" in text
    assert summary.context["figures"]["total"] == 2
    assert client.get(f"/dang-vien/to-chuc/{world.c4.pk}/").status_code == 404


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
    services.correct_member(
        actor=None, member=people.binh, changes={"cccd": "001098001111"}, reason="Bổ sung"
    )
    client.force_login(world.users["province"])
    missing = client.get("/dang-vien/viec-can-lam/").context["missing"]
    assert [m.full_name for m in missing] == ["Lê Quốc Cường"]
