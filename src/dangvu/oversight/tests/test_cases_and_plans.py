"""Plans and cases: the rules of the services, the audit entries, stale edits, the pages
(create, edit, list with query-count pins) and the case export."""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.audit.models import AuditEntry
from dangvu.oversight.models import Case, Plan
from dangvu.oversight.services import (
    add_plan_item,
    create_case,
    create_plan,
    update_case,
    update_plan,
)


def _case(world, **changes):
    fields = {
        "actor": None,
        "unit": world.commune_b,
        "activity": "kiem_tra",
        "kind": "thuong_xuyen",
        "subject_unit": world.c4,
        "start_date": date(2025, 9, 1),
        "title": "Kiểm tra việc chấp hành Điều lệ Đảng",
        **changes,
    }
    return create_case(**fields)


def test_case_rules(world, people):
    with pytest.raises(ValidationError, match="Ngày kết thúc trước ngày bắt đầu"):
        _case(world, end_date=date(2025, 8, 1))
    with pytest.raises(ValidationError, match="tương lai"):
        _case(world, start_date=date(2999, 1, 1))
    with pytest.raises(ValidationError, match="đúng một đối tượng"):
        _case(world, subject_member=people.khanh)
    with pytest.raises(ValidationError, match="đã từ trần"):
        _case(world, subject_unit=None, subject_member=people.mai)
    with pytest.raises(ValidationError, match="không hoạt động"):  # B formed at the reform
        _case(world, start_date=date(2025, 3, 1))
    with pytest.raises(ValidationError, match="Hoạt động không hợp lệ"):
        _case(world, activity="thanh_tra")
    assert not Case.objects.exists()
    case = _case(world, subject_unit=None, subject_member=people.khanh)
    assert (case.subject_home_id, case.subject_name) == (world.c4.pk, "Lê Văn Khánh")


def test_plan_items_link_cases_of_the_same_unit_year_and_activity(world, ubkt_b):
    plan = create_plan(actor=ubkt_b, unit=world.commune_b, year=2025, title="Kế hoạch KT, GS 2025")
    with pytest.raises(ValidationError, match="đã có kế hoạch"):
        create_plan(actor=ubkt_b, unit=world.commune_b, year=2025, title="Lần hai")
    item = add_plan_item(
        actor=ubkt_b,
        plan=plan,
        activity="giam_sat",
        kind="chuyen_de",
        content="Giám sát việc thực hiện quy chế dân chủ",
        subject_unit=world.c4,
        month=9,
        expected_revision=1,
    )
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        add_plan_item(
            actor=ubkt_b,
            plan=plan,
            activity="kiem_tra",
            kind="thuong_xuyen",
            content="X",
            expected_revision=1,
        )
    with pytest.raises(ValidationError, match="không phải kiểm tra"):
        _case(world, plan_item=item)
    with pytest.raises(ValidationError, match="kế hoạch năm 2025"):
        _case(world, plan_item=item, activity="giam_sat", start_date=date(2026, 1, 5))
    with pytest.raises(ValidationError, match="đơn vị khác"):
        _case(world, plan_item=item, activity="giam_sat", unit=world.province)
    case = _case(world, plan_item=item, activity="giam_sat", actor=ubkt_b)
    assert case.plan_item == item
    actions = list(
        AuditEntry.objects.filter(actor=ubkt_b).order_by("id").values_list("action", flat=True)
    )
    assert actions == ["oversight.plan.create", "oversight.plan.add_item", "oversight.case.create"]


def test_stale_edits_are_refused(world, ubkt_b):
    case = _case(world)
    fields = {
        "activity": "kiem_tra",
        "kind": "thuong_xuyen",
        "start_date": case.start_date,
        "title": case.title,
    }
    edited = update_case(
        actor=ubkt_b, case=case, expected_revision=1, conclusion="Chấp hành tốt", **fields
    )
    assert (edited.conclusion, edited.revision) == ("Chấp hành tốt", 2)
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        update_case(actor=ubkt_b, case=case, expected_revision=1, conclusion="Khác", **fields)
    assert Case.objects.get().conclusion == "Chấp hành tốt"
    plan = create_plan(actor=None, unit=world.commune_b, year=2025, title="Kế hoạch")
    update_plan(actor=ubkt_b, plan=plan, expected_revision=1, title="Kế hoạch (sửa)")
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        update_plan(actor=ubkt_b, plan=plan, expected_revision=1, title="Lần hai")
    assert Plan.objects.get().title == "Kế hoạch (sửa)"
    assert (
        AuditEntry.objects.filter(
            actor=ubkt_b, action__in=["oversight.case.update", "oversight.plan.update"]
        ).count()
        == 2
    )


def test_case_pages_create_edit_and_list(
    world, people, login, ubkt_b, django_assert_max_num_queries
):
    client = login(ubkt_b)
    assert client.get(reverse("oversight:case_create")).status_code == 200
    response = client.post(
        reverse("oversight:case_create"),
        {
            "unit": world.commune_b.pk,
            "activity": "kiem_tra",
            "kind": "dau_hieu",
            "subject_type": "dang_vien",
            "subject_member": people.khanh.pk,
            "title": "Kiểm tra khi có dấu hiệu vi phạm",
            "start_date": "02/09/2025",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302 and case.kind == "dau_hieu"
    edit = reverse("oversight:case_edit", args=[case.pk])
    data = {
        "activity": "kiem_tra",
        "kind": "dau_hieu",
        "title": case.title,
        "start_date": "02/09/2025",
        "end_date": "20/09/2025",
        "conclusion": "Có vi phạm, đề nghị xem xét kỷ luật",
        "revision": 1,
    }
    assert client.post(edit, data).status_code == 302
    stale = client.post(edit, {**data, "conclusion": "Khác"})
    assert "vừa được người khác cập nhật" in stale.content.decode()
    for i in range(30):
        _case(world, title=f"Kiểm tra số {i}")
    with django_assert_max_num_queries(9):
        page = client.get(reverse("oversight:list"), {"don_vi": world.commune_b.pk})
    assert page.status_code == 200 and "Kiểm tra số 29" in page.content.decode()
    with django_assert_max_num_queries(7):
        response = client.get(reverse("oversight:case_export"))
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == 2 + 31


def test_plan_pages(world, login, ubkt_b, django_assert_max_num_queries):
    client = login(ubkt_b)
    response = client.post(
        reverse("oversight:plan_create"),
        {"unit": world.commune_b.pk, "year": 2025, "title": "Kế hoạch kiểm tra, giám sát năm 2025"},
    )
    plan = Plan.objects.get()
    assert response.status_code == 302
    detail = reverse("oversight:plan_detail", args=[plan.pk])
    added = client.post(
        detail,
        {
            "activity": "kiem_tra",
            "kind": "thuong_xuyen",
            "content": "Kiểm tra chi bộ thôn Bắc",
            "subject_unit": world.c4.pk,
            "month": 10,
            "revision": 1,
        },
    )
    assert added.status_code == 302 and plan.items.count() == 1
    assert login(world.users["commune_b"]).post(detail, {"content": "x"}).status_code == 404
    client = login(world.users["commune_b"])
    with django_assert_max_num_queries(8):
        page = client.get(reverse("oversight:plan_list"))
    assert "Kế hoạch kiểm tra, giám sát năm 2025" in page.content.decode()
    assert (
        client.get(reverse("api:oversight_plan", args=[plan.pk])).json()["items"][0]["month"] == 10
    )
