"""Work programme pages: the count of content groups per unit and field on the list and the
page, create / add / edit through the services, scope both ways; queries pinned."""

from django.urls import reverse

from dangvu.audit.models import AuditEntry
from dangvu.implementation import services
from dangvu.implementation.models import Field, ProgrammeItem, WorkProgramme


def groups(n, field=Field.ORGANISATION):
    return [
        {"field": field, "content": f"Nội dung {i}", "responsible": "Ban Xây dựng Đảng"}
        for i in range(n)
    ]


def test_list_and_page_show_the_count_per_unit_and_field(
    world, client, django_assert_max_num_queries
):
    province = services.create_programme(
        actor=None, unit=world.province, year=2025, title="Chương trình công tác năm 2025"
    )
    services.add_programme_items(
        actor=None, programme=province, items=groups(100) + groups(22, Field.INSPECTION)
    )
    b = services.create_programme(
        actor=None, unit=world.commune_b, year=2025, title="Chương trình công tác năm 2025"
    )
    services.add_programme_items(actor=None, programme=b, items=groups(7, Field.MOBILISATION))
    client.force_login(world.users["province"])
    with django_assert_max_num_queries(7):
        response = client.get(reverse("implementation:programmes"), {"nam": 2025})
    rows = {p.unit_id: p for p in response.context["page"]}
    assert rows[world.province.pk].n_items == 122 and rows[world.commune_b.pk].n_items == 7
    assert rows[world.province.pk].n_kiem_tra == 22
    with django_assert_max_num_queries(8):
        page = client.get(reverse("implementation:programme", args=[province.pk]))
    text = page.content.decode()
    assert "122 nhóm nội dung" in text
    assert ("Kiểm tra, giám sát, kỷ luật đảng", 22) in [
        (g[0], g[1]) for g in page.context["groups"]
    ]
    client.force_login(world.users["commune_a"])
    response = client.get(reverse("implementation:programmes"))
    assert list(response.context["page"]) == []
    assert client.get(reverse("implementation:programme", args=[b.pk])).status_code == 404


def test_create_add_and_edit_through_the_services(world, client):
    client.force_login(world.users["commune_a"])
    response = client.post(
        reverse("implementation:programme_new"),
        {
            "unit": world.commune_a.pk,
            "year": 2026,
            "title": "Chương trình công tác năm 2026",
            "adopted_on": "20/12/2025",
        },
    )
    assert response.status_code == 302
    programme = WorkProgramme.objects.get(unit=world.commune_a, year=2026)
    again = client.post(
        reverse("implementation:programme_new"),
        {"unit": world.commune_a.pk, "year": 2026, "title": "Trùng"},
    )
    assert "đã có chương trình công tác năm 2026" in again.content.decode()
    refused = client.post(
        reverse("implementation:programme_new"),
        {"unit": world.commune_b.pk, "year": 2026, "title": "Của xã khác"},
    )
    assert (
        refused.status_code == 200
        and not WorkProgramme.objects.filter(unit=world.commune_b).exists()
    )
    add = reverse("implementation:programme_item_new", args=[programme.pk])
    both = client.post(
        add,
        {
            "field": Field.INSPECTION,
            "content": "Kiểm tra",
            "responsible": "UBKT",
            "due_month": "3",
            "due_quarter": "1",
        },
    )
    assert "không chọn cả hai" in both.content.decode() and not ProgrammeItem.objects.exists()
    client.post(
        add,
        {
            "field": Field.INSPECTION,
            "content": "Kiểm tra",
            "responsible": "UBKT",
            "due_quarter": "2",
        },
    )
    entry = ProgrammeItem.objects.get()
    edit = reverse("implementation:programme_item_edit", args=[entry.pk])
    stale = entry.revision
    client.post(
        edit,
        {
            "field": Field.INSPECTION,
            "content": "Kiểm tra chi bộ",
            "responsible": "UBKT",
            "revision": stale,
        },
    )
    late = client.post(
        edit,
        {"field": Field.INSPECTION, "content": "Khác", "responsible": "UBKT", "revision": stale},
    )
    assert "vừa được người khác cập nhật" in late.content.decode()
    entry.refresh_from_db()
    assert entry.content == "Kiểm tra chi bộ"
    assert AuditEntry.objects.filter(action="implementation.programme.update_item").count() == 1
    client.force_login(world.users["commune_b"])
    assert client.get(edit).status_code == 404
