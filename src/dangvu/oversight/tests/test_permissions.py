"""Discipline details only for ``manage_discipline`` (the UBKT), counts for every reader —
on the pages, the API and the export, both ways — and the subtree scope (404 outside)."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.oversight.models import DisciplineDecision, Form
from dangvu.oversight.services import create_case, decide_discipline


@pytest.fixture
def records(world, people, violation):
    def decide(unit, number, form, **subject):
        return decide_discipline(
            actor=None,
            unit=unit,
            number=number,
            date=date(2025, 10, 1),
            violation=violation,
            form=form,
            text="Nội dung quyết định kỷ luật mật",
            **subject,
        )

    return {
        "khanh": decide(world.commune_b, "01-QĐ/UBKT", Form.REPRIMAND, subject_member=people.khanh),
        "c4": decide(world.commune_b, "02-QĐ/UBKT", Form.WARNING, subject_unit=world.c4),
        "an": decide(world.commune_a, "03-QĐ/UBKT", Form.WARNING, subject_member=people.an),
        "case": create_case(
            actor=None,
            unit=world.commune_b,
            activity="giam_sat",
            kind="chuyen_de",
            subject_member=people.khanh,
            start_date=date(2025, 8, 1),
            title="Giám sát việc tu dưỡng, rèn luyện",
        ),
    }


SECRETS = ("Lê Văn Khánh", "Suy thoái đạo đức", "Nội dung quyết định kỷ luật mật")


def test_list_shows_counts_only_without_the_permission(world, records, login, ubkt_b):
    url = reverse("oversight:decision_list")
    page = login(world.users["commune_b"]).get(url).content.decode()
    assert "2 quyết định kỷ luật: 1 đối với đảng viên, 1 đối với tổ chức đảng" in page
    assert "khiển trách 1, cảnh cáo 1" in page
    for secret in SECRETS:
        assert secret not in page
    assert "01-QĐ/UBKT" not in page

    page = login(ubkt_b).get(url).content.decode()
    assert "2 quyết định kỷ luật" in page
    for secret in SECRETS[:2]:
        assert secret in page
    assert "01-QĐ/UBKT" in page and "03-QĐ/UBKT" not in page  # An is in commune A


def test_province_counts_everything_and_the_province_ubkt_sees_it(world, records, login, ubkt_p):
    page = login(world.users["province"]).get(reverse("oversight:decision_list")).content.decode()
    assert "3 quyết định kỷ luật" in page and "Nguyễn Văn An" not in page
    page = login(ubkt_p).get(reverse("oversight:decision_list")).content.decode()
    assert "Nguyễn Văn An" in page and "Lê Văn Khánh" in page


def test_detail_pages_answer_404_without_the_permission_or_outside_the_scope(
    world, records, login, ubkt_b, ubkt_p
):
    khanh, an = records["khanh"], records["an"]
    detail = lambda d: reverse("oversight:decision_detail", args=[d.pk])  # noqa: E731
    edit = lambda d: reverse("oversight:decision_edit", args=[d.pk])  # noqa: E731
    for user in (world.users["commune_b"], world.users["province"], world.users["member"]):
        assert login(user).get(detail(khanh)).status_code == 404
    client = login(ubkt_b)
    page = client.get(detail(khanh))
    assert page.status_code == 200 and "Khiển trách" in page.content.decode()
    assert client.get(edit(khanh)).status_code == 200
    assert client.get(detail(an)).status_code == 404  # commune A: outside B
    assert client.get(edit(an)).status_code == 404
    assert login(ubkt_p).get(detail(an)).status_code == 200


def test_api_details_and_counts(world, records, login, ubkt_b):
    client = login(world.users["commune_b"])
    assert client.get(reverse("api:oversight_decisions")).json()["count"] == 0
    counts = client.get(reverse("api:oversight_decision_counts")).json()
    assert (counts["total"], counts["members"], counts["units"], counts["hidden"]) == (2, 1, 1, 2)
    assert (
        client.get(reverse("api:oversight_decision", args=[records["khanh"].pk])).status_code == 404
    )

    client = login(ubkt_b)
    listed = client.get(reverse("api:oversight_decisions")).json()
    assert {d["number"] for d in listed["items"]} == {"01-QĐ/UBKT", "02-QĐ/UBKT"}
    one = client.get(reverse("api:oversight_decision", args=[records["khanh"].pk])).json()
    assert (one["form"], one["subject_name"]) == ("khien_trach", "Lê Văn Khánh")
    assert client.get(reverse("api:oversight_decision", args=[records["an"].pk])).status_code == 404
    assert client.get(reverse("api:oversight_decision_counts")).json()["hidden"] == 0
    only_units = client.get(reverse("api:oversight_decisions"), {"subject": "to_chuc"}).json()
    assert [d["number"] for d in only_units["items"]] == ["02-QĐ/UBKT"]
    outside = client.get(reverse("api:oversight_decision_counts"), {"unit": world.commune_a.pk})
    assert outside.status_code == 404


def _sheet(response):
    return load_workbook(BytesIO(b"".join(response.streaming_content))).active


def test_export_has_discipline_columns_only_with_the_permission(
    world, records, login, ubkt_b, django_assert_max_num_queries
):
    url = reverse("oversight:decision_export")
    client = login(world.users["province"])
    with django_assert_max_num_queries(7):
        response = client.get(url)
    sheet = _sheet(response)
    header = [c for c in next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))]
    assert header == ["Số quyết định", "Ngày quyết định", "Cấp quyết định"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert sorted(r[0] for r in rows) == ["01-QĐ/UBKT", "02-QĐ/UBKT", "03-QĐ/UBKT"]
    flat = " ".join(str(v) for r in sheet.iter_rows(values_only=True) for v in r if v)
    for secret in SECRETS:
        assert secret not in flat

    client = login(ubkt_b)
    with django_assert_max_num_queries(7):
        response = client.get(url)
    sheet = _sheet(response)
    header = next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))
    assert "Hình thức kỷ luật" in header and "Nhóm vi phạm" in header
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert set(rows) == {"01-QĐ/UBKT", "02-QĐ/UBKT"}  # B's scope only
    assert rows["01-QĐ/UBKT"][header.index("Hình thức kỷ luật")] == "Khiển trách"
    assert rows["01-QĐ/UBKT"][header.index("Đối tượng (tên tại ngày quyết định)")] == "Lê Văn Khánh"


def test_export_blanks_details_outside_the_discipline_scope(world, records, login, ubkt_b):
    """A user who is UBKT in B and Ban Tổ chức at the province reads A's decision (counts,
    number) but not its details."""
    from dangvu.accounts.models import Role, RoleAssignment

    RoleAssignment.objects.create(
        user=ubkt_b,
        role=Role.objects.get(code="to_chuc"),
        unit=world.province,
        valid_from=date(2025, 7, 1),
    )
    sheet = _sheet(login(ubkt_b).get(reverse("oversight:decision_export")))
    header = next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    form = header.index("Hình thức kỷ luật")
    assert rows["01-QĐ/UBKT"][form] == "Khiển trách"
    assert rows["03-QĐ/UBKT"][form] is None
    assert "Nguyễn Văn An" not in rows["03-QĐ/UBKT"]


def test_member_page_shows_discipline_only_to_the_ubkt(world, records, login, ubkt_b):
    url = reverse("members:detail", args=[records["khanh"].subject_member_id])
    assert "01-QĐ/UBKT" not in login(world.users["commune_b"]).get(url).content.decode()
    assert "01-QĐ/UBKT" in login(ubkt_b).get(url).content.decode()


def test_cases_are_scoped(world, records, login):
    case = records["case"]
    url = reverse("oversight:case_detail", args=[case.pk])
    assert login(world.users["commune_b"]).get(url).status_code == 200
    assert login(world.users["commune_a"]).get(url).status_code == 404
    assert (
        login(world.users["commune_b"])
        .get(reverse("oversight:case_edit", args=[case.pk]))
        .status_code
        == 404
    )
    listed = login(world.users["commune_a"]).get(reverse("api:oversight_cases")).json()
    assert listed["count"] == 0


def test_forms_refuse_what_the_service_refuses(world, people, violation, login, ubkt_b):
    client = login(ubkt_b)
    url = reverse("oversight:decision_create")
    data = {
        "unit": world.commune_b.pk,
        "subject_type": "dang_vien",
        "subject_member": people.lan.pk,
        "number": "07-QĐ/UBKT",
        "date": "01/10/2025",
        "violation": violation.pk,
        "form": Form.EXPULSION,
        "text": "",
    }
    page = client.post(url, data)
    assert page.status_code == 200
    assert "đảng viên dự bị: chỉ được khiển trách hoặc cảnh cáo" in page.content.decode()
    page = client.post(url, {**data, "subject_member": people.an.pk, "form": Form.WARNING})
    assert f"Không có đảng viên mã {people.an.pk} trong phạm vi của bạn" in page.content.decode()
    assert not DisciplineDecision.objects.exists()
    response = client.post(url, {**data, "form": Form.WARNING})
    decision = DisciplineDecision.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("oversight:decision_detail", args=[decision.pk])
    assert login(world.users["commune_b"]).post(url, data).status_code == 404


def test_api_decide(world, people, violation, login, ubkt_b):
    client = login(ubkt_b)
    url = reverse("api:oversight_decide")
    payload = {
        "unit": world.commune_b.pk,
        "number": "08-QĐ/UBKT",
        "date": "2025-10-01",
        "violation": violation.pk,
        "form": "cach_chuc",
        "subject_member": people.lan.pk,
    }
    refused = client.post(url, payload, content_type="application/json")
    assert refused.status_code == 422 and "đảng viên dự bị" in refused.json()["detail"]
    made = client.post(url, {**payload, "form": "canh_cao"}, content_type="application/json")
    assert made.status_code == 201 and made.json()["subject_kind"] == "du_bi"
    other = login(world.users["commune_b"])
    assert other.post(url, payload, content_type="application/json").status_code == 404


def test_decision_pages_edit_and_list_pins(
    world, records, people, violation, login, ubkt_b, django_assert_max_num_queries
):
    for i in range(30):
        decide_discipline(
            actor=None,
            unit=world.commune_b,
            number=f"{10 + i}-QĐ/UBKT",
            date=date(2025, 11, 1),
            violation=violation,
            form=Form.REPRIMAND,
            subject_member=people.lan,
        )
    client = login(ubkt_b)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("oversight:decision_list"), {"don_vi": world.commune_b.pk})
    assert "32 quyết định kỷ luật" in page.content.decode()
    client = login(world.users["commune_b"])
    with django_assert_max_num_queries(9):
        client.get(reverse("oversight:decision_list"))
    client = login(ubkt_b)
    edit = reverse("oversight:decision_edit", args=[records["khanh"].pk])
    data = {
        "number": "01-QĐ/UBKT",
        "date": "01/10/2025",
        "violation": violation.pk,
        "form": Form.WARNING,
        "text": "Sửa",
        "revision": 1,
    }
    assert client.post(edit, data).status_code == 302
    stale = client.post(edit, {**data, "form": Form.DISMISSAL})
    assert "vừa được người khác cập nhật" in stale.content.decode()
    assert DisciplineDecision.objects.get(pk=records["khanh"].pk).form == Form.WARNING
