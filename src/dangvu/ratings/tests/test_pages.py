"""Pages: the whole-cell form (all or nothing, errors per row), rounds, scope (404 outside),
the export, the member section and query-count pins."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.audit.models import AuditEntry
from dangvu.ratings import services
from dangvu.ratings.models import Level, Rating, Round

from .conftest import entry

pytestmark = pytest.mark.django_db


def _cell_post(people, rows):
    data = {}
    for member, score, level in rows:
        data[f"diem_{member.pk}"] = score
        data[f"muc_{member.pk}"] = level
        data[f"ghi_chu_{member.pk}"] = ""
    return data


def test_the_secretary_rates_the_whole_cell_in_one_form(world, people, login):
    client = login(world.users["secretary"])
    url = reverse("ratings:rate_cell", args=[people.members_a.pk, world.c1.pk])
    page = client.get(url).content.decode()
    assert "Lê Văn An" in page and "Trần Thị Bình" in page
    assert "Hoàng Văn Dũng" in page.split("Không xếp loại")[1]  # excused: listed apart
    assert f'name="diem_{people.dung.pk}"' not in page
    assert "Đinh Văn Hùng" not in page
    bad = _cell_post(
        people,
        [(people.an, "95", ""), (people.chi, "85", "HTXSNV"), (people.binh, "10x", "")],
    )
    response = client.post(url, bad)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Phạm Thị Chi: 85,0 điểm không khớp mức" in body
    assert "Trần Thị Bình: Điểm “10x” không phải là số." in body
    # and each reason again on its member's row
    rows = body.split('class="table-danger"')
    assert len(rows) == 3  # two rows flagged, in name order (Bình before Chi)
    assert "Trần Thị Bình" in rows[1] and "Phạm Thị Chi" in rows[2]
    assert "Lê Văn An" not in rows[1] + rows[2]
    assert not Rating.objects.exists()
    good = _cell_post(
        people, [(people.an, "95", ""), (people.chi, "85", ""), (people.binh, "", "")]
    )
    response = client.post(url, good, follow=True)
    assert Rating.objects.count() == 2  # the empty row is left out
    body = response.content.decode()
    assert "Đã ghi kết quả xếp loại của Chi bộ thôn 1: 2 mới" in body
    assert "Vượt tỷ lệ" in body  # 1 HTXSNV of 2: over 20%, warned on the round page


def test_a_posted_excused_member_is_ignored_by_the_form_and_refused_by_the_service(
    world, people, login
):
    client = login(world.users["secretary"])
    url = reverse("ratings:rate_cell", args=[people.members_a.pk, world.c1.pk])
    client.post(url, {f"diem_{people.dung.pk}": "80", f"diem_{people.an.pk}": "80"})
    assert list(Rating.objects.values_list("member_id", flat=True)) == [people.an.pk]


def test_the_cell_form_of_another_cell_answers_404(world, people, login):
    client = login(world.users["secretary"])
    assert (
        client.get(
            reverse("ratings:rate_cell", args=[people.members_a.pk, world.c2.pk])
        ).status_code
        == 404
    )
    assert (
        login(world.users["commune_b"])
        .get(reverse("ratings:rate_cell", args=[people.members_a.pk, world.c1.pk]))
        .status_code
        == 404
    )


def test_rounds_are_visible_below_and_404_outside(world, people, login):
    round_url = reverse("ratings:round", args=[people.members_a.pk])
    assert login(world.users["secretary"]).get(round_url).status_code == 200
    assert login(world.users["commune_b"]).get(round_url).status_code == 404
    assert login(world.users["outsider"]).get(round_url).status_code == 404
    # and the 2024 round of the old commune c1 belonged to before the reform
    old = services.create_round(
        actor=None, unit=world.x1, subject_kind="dang_vien", year=2024, date=date(2024, 12, 15)
    )
    old_url = reverse("ratings:round", args=[old.pk])
    assert login(world.users["secretary"]).get(old_url).status_code == 200
    assert login(world.users["commune_b"]).get(old_url).status_code == 404
    # the secretary reads the round but may not edit it
    assert (
        login(world.users["secretary"])
        .get(reverse("ratings:round_edit", args=[people.members_a.pk]))
        .status_code
        == 404
    )


def test_ratings_outside_scope_answer_404(world, people, login):
    services.rate_members(actor=None, round_=people.members_a, entries=[entry(people.an, "80")])
    rating = Rating.objects.get()
    url = reverse("ratings:rating_edit", args=[rating.pk])
    assert login(world.users["commune_b"]).get(url).status_code == 404
    assert login(world.users["member"]).get(url).status_code == 404
    client = login(world.users["secretary"])
    response = client.post(url, {"score": "92", "level": "", "note": "Tốt", "revision": 1})
    assert response.status_code == 302
    rating.refresh_from_db()
    assert rating.level == Level.EXCELLENT and rating.revision == 2
    stale = client.post(url, {"score": "70", "level": "", "note": "", "revision": 1})
    assert "vừa được người khác cập nhật" in stale.content.decode()


def test_create_and_edit_a_round(world, login):
    client = login(world.users["commune_a"])
    response = client.post(
        reverse("ratings:round_create"),
        {
            "unit": world.commune_a.pk,
            "subject_kind": "dang_vien",
            "year": 2025,
            "quarter": 0,
            "date": "15/12/2025",
            "title": "Kiểm điểm cuối năm",
        },
    )
    assert response.status_code == 302
    round_ = Round.objects.get()
    assert AuditEntry.objects.filter(action="ratings.round.create").exists()
    again = client.post(
        reverse("ratings:round_create"),
        {
            "unit": world.commune_a.pk,
            "subject_kind": "dang_vien",
            "year": 2025,
            "quarter": 0,
            "date": "16/12/2025",
        },
    )
    assert "đã có đợt" in again.content.decode()
    wrong = client.post(
        reverse("ratings:round_create"),
        {
            "unit": world.commune_a.pk,
            "subject_kind": "to_chuc",
            "year": 2025,
            "quarter": 2,
            "date": "15/12/2025",
        },
    )
    assert "phải nằm trong kỳ" in wrong.content.decode()
    edit = client.post(
        reverse("ratings:round_edit", args=[round_.pk]),
        {"date": "20/12/2025", "title": "Đổi tên", "note": "", "revision": 1},
    )
    assert edit.status_code == 302
    round_.refresh_from_db()
    assert round_.title == "Đổi tên" and round_.revision == 2


def test_lists_and_export_in_few_queries(world, people, login, django_assert_max_num_queries):
    services.rate_members(
        actor=None,
        round_=people.members_a,
        entries=[entry(people.an, "95"), entry(people.chi, "85"), entry(people.em, "65")],
    )
    client = login(world.users["commune_a"])
    for name in ("ratings:list", "ratings:ratings", "ratings:commitments"):
        with django_assert_max_num_queries(14):
            assert client.get(reverse(name)).status_code == 200
    with django_assert_max_num_queries(14):
        page = client.get(reverse("ratings:round", args=[people.members_a.pk]))
    body = page.content.decode()
    assert "Hoàn thành xuất sắc nhiệm vụ: <strong>1</strong>" in body
    assert "Hoàn thành nhiệm vụ: <strong>1</strong>" in body
    with django_assert_max_num_queries(12):
        response = client.get(reverse("ratings:export") + "?nam=2025")
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert "Lê Văn An" in values and "HTXSNV" in values
    assert AuditEntry.objects.filter(action="ratings.export").exists()
    # the secretary's list holds their cell only
    mine = login(world.users["secretary"]).get(reverse("ratings:ratings")).content.decode()
    assert "Lê Văn An" in mine and "Đỗ Thị Em" not in mine


def test_the_member_page_shows_ratings_by_year(world, people, login):
    services.rate_members(actor=None, round_=people.members_a, entries=[entry(people.an, "95")])
    page = login(world.users["commune_a"]).get(reverse("members:detail", args=[people.an.pk]))
    body = page.content.decode()
    assert "Đánh giá, xếp loại chất lượng" in body and "Hoàn thành xuất sắc nhiệm vụ" in body
