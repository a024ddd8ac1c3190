"""Pages: scope both ways (commune A never sees commune B's part), forms through the services
(errors shown, nothing written), roll-up tree table, overdue work list, unit overview;
query counts pinned."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dangvu.implementation import services
from dangvu.implementation.models import ItemKind, Report, TaskStatus
from dangvu.reports.periods import Period

Q1_2025 = Period.parse("2025-Q1")
Q4_2025 = Period.parse("2025-Q4")


@pytest.fixture
def assigned(world, plan):
    """Admissions given to the old communes (2024) — X1, X2 now in A, X3 in B — the study
    task to A and B, the rating to A and B."""
    olds = services.assign_item(
        actor=None, item=plan.admissions, units=[world.x1, world.x2, world.x3]
    )
    tasks = services.assign_item(
        actor=None, item=plan.study, units=[world.commune_a, world.commune_b]
    )
    rates = services.assign_item(
        actor=None, item=plan.rating, units=[world.commune_a, world.commune_b]
    )
    for assignment, value in zip(olds, (3, 2, 4), strict=True):
        services.submit_report(
            actor=None, assignment=assignment, period=Q1_2025, value=Decimal(value)
        )
    return {"x1": olds[0], "x3": olds[2], "task_a": tasks[0], "task_b": tasks[1], "rates": rates}


def test_list_is_scoped_and_its_queries_pinned(
    world, plan, assigned, client, django_assert_max_num_queries
):
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("implementation:list"))
    assert [i.pk for i in response.context["page"]] == [
        plan.admissions.pk,
        plan.rating.pk,
        plan.study.pk,
    ]
    # commune A counts only its own assignments (X1, X2 of the three old communes)
    admissions = response.context["page"][0]
    assert admissions.n_assigned == 2
    client.force_login(world.users["member"])
    assert list(client.get(reverse("implementation:list")).context["page"]) == []
    client.force_login(world.users["province"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("implementation:list"), {"q": "ket nap", "qua_han": "on"})
    assert [i.pk for i in response.context["page"]] == [plan.admissions.pk]
    assert response.context["page"][0].n_assigned == 3


def test_item_page_shows_each_commune_only_its_part(world, plan, assigned, client):
    client.force_login(world.users["commune_a"])
    page = client.get(reverse("implementation:item", args=[plan.admissions.pk]))
    units = [a.unit.pk for a in page.context["assignments"]]
    assert units == [world.x1.pk, world.x2.pk]
    assert "Đảng bộ xã Phú Mỹ" not in page.content.decode()
    assert (
        client.get(reverse("implementation:assignment", args=[assigned["x3"].pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("implementation:report_new", args=[assigned["x3"].pk])).status_code
        == 404
    )
    client.force_login(world.users["province"])
    page = client.get(reverse("implementation:item", args=[plan.admissions.pk]))
    assert len(page.context["assignments"]) == 3


def test_progress_form_writes_through_the_service_and_refuses_a_second_report(
    world, assigned, client
):
    client.force_login(world.users["commune_a"])
    url = reverse("implementation:report_new", args=[assigned["task_a"].pk])
    evidence = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 ...", "application/pdf")
    response = client.post(
        url,
        {"period": "2025-Q4", "status": TaskStatus.DONE, "note": "Đã học", "evidence": evidence},
    )
    assert response.status_code == 302
    report = Report.objects.get(assignment=assigned["task_a"])
    assert (report.status, report.note, report.evidence_name) == ("xong", "Đã học", "bien-ban.pdf")
    again = client.post(url, {"period": "2025-Q4", "status": TaskStatus.IN_PROGRESS})
    assert again.status_code == 200
    assert "đã báo cáo kỳ Quý IV/2025" in again.content.decode()
    assert Report.objects.filter(assignment=assigned["task_a"]).count() == 1
    download = client.get(reverse("implementation:evidence", args=[report.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 ..."
    client.force_login(world.users["commune_b"])
    assert client.get(reverse("implementation:evidence", args=[report.pk])).status_code == 404


def test_rate_form_asks_for_numerator_and_denominator(world, assigned, client):
    client.force_login(world.users["commune_a"])
    url = reverse("implementation:report_new", args=[assigned["rates"][0].pk])
    page = client.get(url)
    assert "numerator" in page.context["form"].fields and "value" not in page.context["form"].fields
    response = client.post(url, {"period": "2025-Q4", "numerator": "12", "denominator": "10"})
    assert "không được lớn hơn mẫu số" in response.content.decode()
    response = client.post(url, {"period": "2025-Q4", "numerator": "9", "denominator": "abc"})
    assert "không phải là số" in response.content.decode()
    assert not Report.objects.filter(assignment=assigned["rates"][0]).exists()
    response = client.post(url, {"period": "2025-Q4", "numerator": "18", "denominator": "20"})
    assert response.status_code == 302


def test_a_stale_correction_is_refused_on_the_page(world, assigned, client):
    report = Report.objects.get(assignment=assigned["x1"])
    client.force_login(world.users["commune_a"])
    url = reverse("implementation:report_edit", args=[report.pk])
    stale = report.revision
    first = client.post(url, {"value": "5", "reason": "Rà soát", "revision": stale})
    assert first.status_code == 302
    second = client.post(url, {"value": "6", "reason": "Rà soát lần 2", "revision": stale})
    assert "vừa được người khác cập nhật" in second.content.decode()
    report.refresh_from_db()
    assert report.value == 5


def test_rollup_page_province_sees_all_commune_only_its_own(
    world, plan, assigned, client, django_assert_max_num_queries
):
    url = reverse("implementation:rollup", args=[plan.document.pk])
    client.force_login(world.users["province"])
    with django_assert_max_num_queries(10):
        response = client.get(url, {"ky": "2025-Q1", "muc": plan.admissions.pk})
    rows = {row.unit.pk: figure for row, figure in response.context["rows"]}
    assert rows[world.province.pk].value == 9
    assert rows[world.commune_a.pk].value == 5 and rows[world.commune_b.pk].value == 4
    page = response.content.decode()
    assert "9 đảng viên" in page and "gồm số liệu" in page and "Đảng bộ xã An Bình" in page
    # more assigned units, same number of queries
    services.assign_item(actor=None, item=plan.admissions, units=[world.c1, world.c2, world.c4])
    with django_assert_max_num_queries(10):
        client.get(url, {"ky": "2025-Q1", "muc": plan.admissions.pk})
    client.force_login(world.users["commune_a"])
    response = client.get(url, {"ky": "2025-Q1", "muc": plan.admissions.pk})
    assert response.context["root"] == world.commune_a
    units = [row.unit.pk for row, _ in response.context["rows"]]
    assert world.commune_b.pk not in units and world.province.pk not in units
    assert client.get(url, {"don_vi": world.commune_b.pk}).status_code == 404
    bad = client.get(url, {"ky": "quy 5"})
    assert bad.status_code == 200 and "không đọc được" in bad.content.decode()


def test_overdue_work_list_and_unit_overview(
    world, plan, assigned, client, django_assert_max_num_queries
):
    # the study task (deadline 30/06/2024) is done in A, not in B
    services.submit_report(
        actor=None, assignment=assigned["task_a"], period=Q4_2025, status=TaskStatus.DONE
    )
    client.force_login(world.users["commune_b"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("implementation:overdue"))
    late = {(a.item_id, a.unit_id) for a in response.context["page"]}
    assert (plan.study.pk, world.commune_b.pk) in late
    assert all(unit != world.commune_a.pk for _, unit in late)
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("implementation:overdue"))
    late = {(a.item_id, a.unit_id) for a in response.context["page"]}
    assert (plan.study.pk, world.commune_a.pk) not in late
    assert (plan.admissions.pk, world.x1.pk) in late  # 3 of 20 by 31/12/2025
    with django_assert_max_num_queries(9):
        response = client.get(reverse("implementation:unit", args=[world.commune_a.pk]))
    figures = response.context["figures"]
    assert (figures["n_total"], figures["n_achieved"]) == (4, 1)
    assert figures["n_overdue"] == 2  # X1 and X2 admissions
    assert "quá hạn 2" in response.content.decode()
    fragment = client.get(
        reverse("implementation:unit", args=[world.commune_a.pk]), HTTP_HX_REQUEST="true"
    )
    assert "<html" not in fragment.content.decode()
    assert client.get(reverse("implementation:unit", args=[world.c4.pk])).status_code == 404


def test_item_forms_go_through_the_services(world, plan, client):
    client.force_login(world.users["province"])
    url = reverse("implementation:item_new", args=[plan.document.pk])
    response = client.post(
        url,
        {
            "kind": ItemKind.TARGET,
            "name": "Tỷ lệ đảng viên được học tập nghị quyết",
            "measure": "ty_le",
            "target_value": "96,5",
            "direction": "cao",
            "deadline": "31/12/2026",
        },
    )
    assert response.status_code == 302
    item = plan.document.implementation_items.get(name__startswith="Tỷ lệ đảng viên")
    assert (item.target_value, item.measure_unit, item.deadline) == (
        Decimal("96.5"),
        "%",
        date(2026, 12, 31),
    )
    refused = client.post(url, {"kind": ItemKind.TARGET, "name": "Thiếu", "direction": "cao"})
    assert "Chỉ tiêu cần giá trị phải đạt" in refused.content.decode()
    assign = client.post(
        reverse("implementation:assign", args=[item.pk]),
        {"units": [world.commune_a.pk, world.commune_b.pk]},
    )
    assert assign.status_code == 302 and item.assignments.count() == 2
    client.force_login(world.users["commune_a"])
    assert client.get(url).status_code == 404  # A may not add to the province's document
    assert client.get(reverse("implementation:item_edit", args=[item.pk])).status_code == 404


def test_htmx_redraw_keeps_the_unit_filter(world, plan, assigned, client):
    client.force_login(world.users["province"])
    response = client.get(
        reverse("implementation:list"),
        {"don_vi": world.commune_b.pk, "kind": "nhiem_vu"},
        HTTP_HX_REQUEST="true",
    )
    assert [i.pk for i in response.context["page"]] == [plan.study.pk]
    assert "<html" not in response.content.decode()
    response = client.get(reverse("implementation:list"), {"don_vi": world.c4.pk})
    assert list(response.context["page"]) == []  # nothing assigned inside the cell


def test_the_document_page_shows_its_targets_and_tasks(world, plan, assigned, client):
    client.force_login(world.users["commune_a"])
    document = plan.admissions.document
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "Chỉ tiêu, nhiệm vụ thực hiện văn bản" in page and "Kết nạp đảng viên mới" in page
    assert reverse("implementation:document", args=[document.pk]) in page
