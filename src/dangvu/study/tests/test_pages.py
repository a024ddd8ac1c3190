"""Study pages: scoped list with filters, create/edit through the services (revision check),
detail, the attendance form, the figures page with links; query counts pinned."""

import re
from datetime import date

from dangvu.study.models import Attendee, AudienceGroup, StudySession

from .conftest import counted, kind, listed


def titles(response):
    return [s.title for s in response.context["page"].object_list]


def test_list_is_scoped_and_paginated(world, login, django_assert_max_num_queries):
    for day in range(1, 4):
        counted(world.c1, date(2025, 9, day), title=f"Hội nghị chi bộ thôn 1 số {day}")
    counted(world.c4, date(2025, 9, 9), title="Hội nghị thôn Bắc")
    client = login(world.users["commune_a"])
    with django_assert_max_num_queries(14):
        response = client.get("/hoc-tap/")
    assert titles(response) == [f"Hội nghị chi bộ thôn 1 số {d}" for d in (3, 2, 1)]
    assert "9/10 (90,0%)" in response.content.decode()
    b_session = StudySession.objects.get(unit=world.c4)
    assert client.get(f"/hoc-tap/{b_session.pk}/").status_code == 404
    assert client.get("/hoc-tap/", {"don_vi": world.c4.pk}).status_code == 404
    login(world.users["province"])
    with django_assert_max_num_queries(14):
        assert len(titles(client.get("/hoc-tap/"))) == 4


def test_list_query_count_does_not_grow_with_rows(world, login, django_assert_max_num_queries):
    for day in range(1, 29):
        counted(world.c1, date(2025, 2, day))
        counted(world.c2, date(2025, 2, day), code="dang_vien")
    client = login(world.users["province"])
    with django_assert_max_num_queries(14):
        response = client.get("/hoc-tap/", {"trang": 2})
    assert len(response.context["page"].object_list) == 6


def test_list_filters(world, login, people, document):
    counted(world.x1, date(2024, 5, 1), title="Quán triệt nghị quyết tỉnh", documents=[document])
    counted(world.c1, date(2025, 9, 1), title="Học tập chuyên đề", code="dang_vien")
    counted(world.c4, date(2025, 9, 2), title="Hội nghị thôn Bắc")
    counted(world.commune_a, date(2025, 9, 3), title="Hội nghị cán bộ chủ chốt xã")
    client = login(world.users["province"])
    by_a = client.get("/hoc-tap/", {"don_vi": world.commune_a.pk})
    assert titles(by_a) == [
        "Hội nghị cán bộ chủ chốt xã",
        "Học tập chuyên đề",
        "Quán triệt nghị quyết tỉnh",  # X1 was merged into A
    ]
    only_a = client.get("/hoc-tap/", {"don_vi": world.commune_a.pk, "truc_tiep": "on"})
    assert titles(only_a) == ["Hội nghị cán bộ chủ chốt xã"]
    in_2024 = client.get("/hoc-tap/", {"tu_ngay": "01/01/2024", "den_ngay": "31/12/2024"})
    assert titles(in_2024) == ["Quán triệt nghị quyết tỉnh"]
    assert titles(client.get("/hoc-tap/", {"van_ban": document.pk})) == [
        "Quán triệt nghị quyết tỉnh"
    ]
    by_kind = client.get("/hoc-tap/", {"doi_tuong": kind("dang_vien").pk})
    assert titles(by_kind) == ["Học tập chuyên đề"]
    assert titles(client.get("/hoc-tap/", {"q": "quan triet"})) == ["Quán triệt nghị quyết tỉnh"]
    wrong = client.get("/hoc-tap/", {"tu_ngay": "01/01/2025", "den_ngay": "01/01/2024"})
    assert "“Đến ngày” phải sau “Từ ngày”" in wrong.content.decode()


def _post_session(client, url, **overrides):
    data = {
        "unit": world_unit(overrides),
        "date": "05/09/2025",
        "end_date": "",
        "title": "Hội nghị quán triệt Nghị quyết Đại hội",
        "form": "truc_tiep",
        "place": "Hội trường xã",
        "note": "",
        "revision": "",
        "nhom-TOTAL_FORMS": "2",
        "nhom-INITIAL_FORMS": "0",
        "nhom-MIN_NUM_FORMS": "0",
        "nhom-MAX_NUM_FORMS": "12",
        "nhom-0-kind": str(kind("can_bo_chu_chot").pk),
        "nhom-0-mode": "so_luong",
        "nhom-0-expected": "968",
        "nhom-0-attended": "941",
        "nhom-1-kind": str(kind("dang_vien").pk),
        "nhom-1-mode": "danh_sach",
        "nhom-1-expected": "",
        "nhom-1-attended": "",
    }
    data.update({k: v for k, v in overrides.items() if k != "unit_obj"})
    return client.post(url, data)


def world_unit(overrides):
    return str(overrides["unit_obj"].pk)


def test_create_through_the_page_then_fill_the_list(world, login, people):
    client = login(world.users["commune_a"])
    assert client.get("/hoc-tap/moi/").status_code == 200
    response = _post_session(client, "/hoc-tap/moi/", unit_obj=world.commune_a)
    session = StudySession.objects.get()
    listed_group = session.groups.get(by_list=True)
    assert response.status_code == 302
    assert response["Location"] == f"/hoc-tap/{session.pk}/diem-danh/{listed_group.pk}/"
    counts = session.groups.get(by_list=False)
    assert (counts.expected, counts.attended) == (968, 941)
    # the whole cell c1 is added in one submission, then Bình is marked absent
    page = client.get(response["Location"])
    assert page.status_code == 200
    client.post(
        response["Location"],
        {"revision": session.revision, "add_unit": world.c1.pk, "added_present": "on"},
    )
    listed_group.refresh_from_db()
    assert listed_group.expected == 3  # An, Bình, Giang (moved to c1 in March)
    session.refresh_from_db()
    post = {"revision": session.revision}
    for row in Attendee.objects.filter(group=listed_group).select_related("member"):
        if row.member.ten != "Bình":
            post[f"co_mat_{row.member_id}"] = "on"
    post[f"ghi_chu_{people.binh.pk}"] = "Ốm"
    client.post(response["Location"], post)
    listed_group.refresh_from_db()
    assert (listed_group.expected, listed_group.attended) == (3, 2)
    detail = client.get(f"/hoc-tap/{session.pk}/").content.decode()
    assert "Trần Thị Bình" in detail and "Ốm" in detail and "2/3 (66,7%)" in detail


def test_attended_above_expected_shows_the_reason_and_writes_nothing(world, login):
    client = login(world.users["commune_a"])
    response = _post_session(
        client, "/hoc-tap/moi/", unit_obj=world.commune_a, **{"nhom-0-attended": "970"}
    )
    assert response.status_code == 200
    assert "Số tham gia (970) lớn hơn số được triệu tập (968)." in response.content.decode()
    assert not StudySession.objects.exists()


def test_unit_outside_write_scope_is_refused(world, login):
    client = login(world.users["commune_a"])
    response = _post_session(client, "/hoc-tap/moi/", unit_obj=world.c4)
    assert response.status_code == 200  # not a choice offered to commune A
    assert not StudySession.objects.exists()


def test_attendance_form_refuses_members_outside_and_searches_inside(world, login, people):
    session = listed(world.commune_a, date(2025, 9, 1), [(people.an, True)])
    group = session.groups.get()
    client = login(world.users["commune_a"])
    url = f"/hoc-tap/{session.pk}/diem-danh/{group.pk}/"
    found = client.get(url, {"tim": "em"})
    assert [m.full_name for m in found.context["candidates"]] == []  # Em is in commune B
    found = client.get(url, {"tim": "dung"})
    assert [m.full_name for m in found.context["candidates"]] == ["Hoàng Văn Dũng"]
    response = client.post(
        url,
        {"revision": session.revision, f"co_mat_{people.an.pk}": "on", "add_ids": [people.em.pk]},
    )
    assert response.status_code == 200
    assert "Đỗ Thị Em không sinh hoạt trong Đảng bộ xã An Hòa" in response.content.decode()
    assert list(Attendee.objects.values_list("member_id", flat=True)) == [people.an.pk]
    stale = client.post(url, {"revision": session.revision - 1 + 5})
    assert "vừa được người khác cập nhật" in stale.content.decode()


def test_attendance_page_is_only_for_list_groups_and_writers(world, login, people):
    session = counted(world.c1, date(2025, 9, 5))
    group = session.groups.get()
    client = login(world.users["commune_a"])
    assert client.get(f"/hoc-tap/{session.pk}/diem-danh/{group.pk}/").status_code == 404
    session = listed(world.c1, date(2025, 9, 6), [(people.an, True)])
    url = f"/hoc-tap/{session.pk}/diem-danh/{session.groups.get().pk}/"
    assert client.get(url).status_code == 200
    login(world.users["member"])  # reads nothing, writes nothing
    assert client.get(url).status_code == 404
    assert client.post(url, {"revision": session.revision}).status_code == 404


def test_export_page_query_count(world, login, django_assert_max_num_queries):
    for day in range(1, 20):
        counted(world.c1, date(2025, 4, day))
    client = login(world.users["commune_a"])
    with django_assert_max_num_queries(8):
        response = client.get("/hoc-tap/xuat/", {"don_vi": world.commune_a.pk})
    assert "19 hội nghị" in response.content.decode()


def test_edit_with_a_stale_revision_is_refused(world, login):
    session = counted(world.commune_a, date(2025, 9, 5), title="Cũ")
    client = login(world.users["commune_a"])
    page = client.get(f"/hoc-tap/{session.pk}/sua/")
    assert page.status_code == 200 and "Cũ" in page.content.decode()
    overrides = {
        "unit_obj": world.commune_a,
        "revision": "1",
        "nhom-TOTAL_FORMS": "1",
        "nhom-0-kind": str(kind("can_bo_chu_chot").pk),
        "nhom-0-expected": "10",
        "nhom-0-attended": "10",
    }
    assert _post_session(client, f"/hoc-tap/{session.pk}/sua/", **overrides).status_code == 302
    again = _post_session(client, f"/hoc-tap/{session.pk}/sua/", title="Ghi đè", **overrides)
    assert "vừa được người khác cập nhật" in again.content.decode()
    session.refresh_from_db()
    assert session.title == "Hội nghị quán triệt Nghị quyết Đại hội" and session.revision == 2
    assert AudienceGroup.objects.get().attended == 10


def test_detail_query_count(world, login, people, django_assert_max_num_queries):
    session = listed(world.c1, date(2025, 9, 1), [(people.an, True), (people.binh, False)])
    client = login(world.users["secretary"])
    with django_assert_max_num_queries(8):
        response = client.get(f"/hoc-tap/{session.pk}/")
    assert "Lê Văn An" in response.content.decode()


def test_figures_page_sentence_rows_and_links(world, login, django_assert_max_num_queries):
    counted(world.x1, date(2025, 2, 1), expected=468, attended=450)
    counted(world.commune_a, date(2025, 9, 1), expected=500, attended=491)
    counted(world.c4, date(2025, 9, 2), code="dang_vien", expected=40, attended=38)
    client = login(world.users["province"])
    with django_assert_max_num_queries(12):
        response = client.get("/hoc-tap/so-lieu/", {"don_vi": world.province.pk, "nam": 2025})
    page = response.content.decode()
    assert (
        "Tổ chức 03 hội nghị học tập, quán triệt; 941/968 lượt cán bộ chủ chốt tham gia, "
        "đạt 97,2%; 38/40 lượt đảng viên tham gia, đạt 95,0%." in page
    )
    assert "Đảng bộ xã An Bình (đến 01/07/2025)" in page  # said to be counted at its successor
    rates = response.context["rates"]
    row_a = next(r for r in rates.rows if r.unit == world.commune_a)
    assert row_a.sessions == 2
    # each figure links to exactly the sessions behind it
    linked = client.get(row_a.kind_list[0].link.replace("&amp;", "&"))
    assert len(titles(linked)) == row_a.kind_list[0].sessions == 2
    total = client.get(rates.total.link)
    assert len(titles(total)) == 3
    # a commune officer cannot ask for the province
    login(world.users["commune_a"])
    assert client.get("/hoc-tap/so-lieu/", {"don_vi": world.province.pk}).status_code == 404
    default = client.get("/hoc-tap/so-lieu/", {"nam": 2025})
    assert default.context["unit"] == world.commune_a
    assert default.context["rates"].total.sessions == 2


def test_figures_by_quarter_and_custom_range(world, login):
    counted(world.c1, date(2025, 2, 1))
    counted(world.c1, date(2025, 5, 1))
    client = login(world.users["commune_a"])
    q2 = client.get("/hoc-tap/so-lieu/", {"nam": 2025, "quy": 2})
    assert q2.context["rates"].total.sessions == 1 and q2.context["period"].label == "quý 2/2025"
    custom = client.get("/hoc-tap/so-lieu/", {"tu_ngay": "01/01/2025", "den_ngay": "31/05/2025"})
    assert custom.context["rates"].total.sessions == 2
    assert re.search(r"từ 01/01/2025 đến 31/05/2025", custom.content.decode())


def test_member_fragment_lists_the_members_sessions(
    world, people, rf, django_assert_max_num_queries
):
    from django.template.loader import render_to_string

    listed(world.c1, date(2025, 9, 1), [(people.an, False, "Đi học")], title="Học tập Nghị quyết")
    counted(world.c4, date(2025, 9, 1))
    request = rf.get("/")
    request.user = world.users["secretary"]
    with django_assert_max_num_queries(2):  # the viewer's scope, the member's rows
        html = render_to_string(
            "study/_member_sessions.html", {"member": people.an}, request=request
        )
    assert "Học tập Nghị quyết" in html and "Vắng" in html and "Đi học" in html
    assert "/hoc-tap/" in html
    empty = render_to_string("study/_member_sessions.html", {"member": people.em}, request=request)
    assert "Chưa có trong danh sách" in empty


def test_member_page_loads_the_study_section(world, people, login, django_assert_max_num_queries):
    listed(world.c1, date(2025, 9, 1), [(people.an, True)], title="Học tập Nghị quyết 71")
    client = login(world.users["commune_a"])
    page = client.get(f"/dang-vien/{people.an.pk}/").content.decode()
    url = f"/hoc-tap/dang-vien/{people.an.pk}/"
    assert f'hx-get="{url}"' in page
    with django_assert_max_num_queries(7):
        section = client.get(url).content.decode()
    assert "Học tập Nghị quyết 71" in section and "Có mặt" in section
    assert client.get(f"/hoc-tap/dang-vien/{people.binh.pk}/").content == b""  # never listed
    assert client.get(f"/hoc-tap/dang-vien/{people.em.pk}/").status_code == 404  # commune B
