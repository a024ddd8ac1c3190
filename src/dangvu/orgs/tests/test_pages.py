"""Tree and unit pages: as-of date, scope, changes through forms, pinned query counts."""

from datetime import date

from conftest import kind

from dangvu.orgs import services
from dangvu.orgs.models import Unit


def test_tree_as_of_dates_around_the_reform(world, client, django_assert_max_num_queries):
    client.force_login(world.users["province"])
    with django_assert_max_num_queries(6):
        before = client.get("/to-chuc/", {"ngay": "2025-06-30"})
    assert [v.unit_id for v in before.context["nodes"]] == [world.province.pk]
    children = client.get(f"/to-chuc/{world.province.pk}/con/", {"ngay": "30/06/2025"})
    text = children.content.decode()
    assert "Đảng bộ huyện Đông" in text and "Đảng bộ xã An Hòa" not in text
    district = client.get(f"/to-chuc/{world.district.pk}/con/", {"ngay": "2025-06-30"})
    assert "Đảng bộ xã An Bình" in district.content.decode()
    after = client.get(f"/to-chuc/{world.province.pk}/con/", {"ngay": "2025-07-01"})
    text = after.content.decode()
    assert "Đảng bộ huyện Đông" not in text and "Đảng bộ xã An Hòa" in text


def test_commune_officer_tree_starts_at_the_commune(world, client):
    client.force_login(world.users["commune_a"])
    response = client.get("/to-chuc/")
    assert [v.unit_id for v in response.context["nodes"]] == [world.commune_a.pk]
    # before the reform A did not exist: its predecessors are shown instead
    response = client.get("/to-chuc/", {"ngay": "2025-06-30"})
    assert {v.unit_id for v in response.context["nodes"]} == {world.x1.pk, world.x2.pk}


def test_bad_date_is_explained_not_a_crash(world, client):
    client.force_login(world.users["province"])
    response = client.get("/to-chuc/", {"ngay": "31/02/2025"})
    assert response.status_code == 200
    assert "không đọc được" in response.content.decode()


def test_tree_page_query_count_does_not_grow_with_the_tree(
    world, client, django_assert_max_num_queries
):
    client.force_login(world.users["province"])
    for i in range(30):
        services.create_unit(
            actor=None,
            name=f"Chi bộ số {i}",
            kind=kind("chi_bo"),
            parent=world.commune_a,
            effective_date=date(2026, 1, 1),
        )
    with django_assert_max_num_queries(6):
        response = client.get(f"/to-chuc/{world.commune_a.pk}/con/", {"ngay": "2026-01-02"})
    assert len(response.context["nodes"]) == 33


def test_unit_page_shows_history_and_successors(world, client, django_assert_max_num_queries):
    client.force_login(world.users["province"])
    with django_assert_max_num_queries(14):
        response = client.get(f"/to-chuc/{world.x1.pk}/", {"ngay": "2025-07-01"})
    text = response.content.decode()
    assert "không còn hoạt động" in text and "Đảng bộ xã An Hòa" in text
    assert "Quyết định số 1234-QĐ/TU" in text
    response = client.get(f"/to-chuc/{world.c1.pk}/", {"ngay": "2025-06-30"})
    crumbs = [v.unit_id for v in response.context["ancestors"]]
    assert crumbs == [world.province.pk, world.district.pk, world.x1.pk]


def test_unit_page_query_count_is_pinned(world, client, django_assert_max_num_queries):
    client.force_login(world.users["commune_a"])
    for i in range(20):
        services.create_unit(
            actor=None,
            name=f"Chi bộ số {i}",
            kind=kind("chi_bo"),
            parent=world.commune_a,
            effective_date=date(2026, 1, 1),
        )
    with django_assert_max_num_queries(14):
        response = client.get(f"/to-chuc/{world.commune_a.pk}/", {"ngay": "2026-01-02"})
    assert response.status_code == 200 and len(response.context["nodes"]) == 23
    # the province above A is outside A's scope: not in the breadcrumb
    assert [v.unit_id for v in response.context["ancestors"]] == []
    # the panels other modules declare are loaded with htmx, each with the chosen date
    text = response.content.decode()
    for panel in (
        f"/dang-vien/to-chuc/{world.commune_a.pk}/",
        f"/thuc-hien/to-chuc/{world.commune_a.pk}/",
    ):
        assert f'hx-get="{panel}?ngay=2026-01-02"' in text


def test_search_page(world, client, django_assert_max_num_queries):
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(6):
        response = client.get("/to-chuc/tim/", {"q": "chi bo thon"})
    found = {u.pk for u in response.context["page"]}
    assert found == {world.c1.pk, world.c2.pk, world.c3.pk}


def test_rename_through_the_form(world, client):
    client.force_login(world.users["commune_a"])
    url = f"/to-chuc/{world.c1.pk}/doi-ten/"
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(
        url,
        {
            "name": "Chi bộ thôn Một",
            "code": "",
            "effective_date": "2026-01-01",
            "decision_number": "7-QĐ/ĐU",
            "decision_date": "31/12/2025",
            "decision_issuer": "",
            "revision": world.c1.revision,
        },
    )
    assert response.status_code == 302
    assert Unit.objects.get(pk=world.c1.pk).name == "Chi bộ thôn Một"


def test_stale_form_is_refused_with_a_message(world, client):
    client.force_login(world.users["commune_a"])
    url = f"/to-chuc/{world.c1.pk}/doi-ten/"
    data = {
        "name": "Chi bộ thôn Một",
        "code": "",
        "effective_date": "2026-01-01",
        "revision": world.c1.revision,
    }
    assert client.post(url, data).status_code == 302
    data.update(name="Chi bộ thôn Nhất", effective_date="2026-02-01")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "vừa được người khác thay đổi" in response.content.decode()
    assert Unit.objects.get(pk=world.c1.pk).name == "Chi bộ thôn Một"


def test_invalid_form_writes_nothing_and_explains(world, client):
    client.force_login(world.users["commune_a"])
    response = client.post(
        f"/to-chuc/{world.commune_a.pk}/thanh-lap/",
        {
            "name": "Chi bộ mới",
            "kind": kind("chi_bo").pk,
            "effective_date": "2020-01-01",
        },
    )
    assert response.status_code == 200
    assert "không hoạt động vào ngày 01/01/2020" in response.content.decode()
    assert not Unit.objects.filter(name="Chi bộ mới").exists()


def test_merge_and_split_through_forms(world, client):
    client.force_login(world.users["province"])
    response = client.post(
        f"/to-chuc/{world.province.pk}/hop-nhat/",
        {
            "sources": [world.commune_a.pk, world.commune_b.pk],
            "new_name": "Đảng bộ xã Hợp Nhất",
            "new_kind": kind("xa").pk,
            "effective_date": "2026-01-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    merged = Unit.objects.get(name="Đảng bộ xã Hợp Nhất")
    response = client.post(
        f"/to-chuc/{merged.pk}/chia-tach/",
        {
            "effective_date": "2026-06-01",
            "revision": merged.revision,
            "part1_name": "Đảng bộ xã Một",
            "part1_kind": kind("xa").pk,
            "part2_name": "Đảng bộ xã Hai",
            "part2_kind": kind("xa").pk,
            f"child_{world.c1.pk}": "1",
            f"child_{world.c2.pk}": "1",
            f"child_{world.c3.pk}": "2",
            f"child_{world.c4.pk}": "2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Unit.objects.get(pk=world.c4.pk).parent.name == "Đảng bộ xã Hai"
