"""Claims compared with the system's figures (issue 7 §2): the mapping from a claim's wording
to an indicator, the value read from the aggregates of a small built dataset, and the scope
(a unit outside the user's subtree is a 404 on the page and on the API)."""

import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from dangvu.checker.checking import check_text
from dangvu.checker.system import OutOfScope, map_claim
from dangvu.members.services import register_member
from dangvu.reports import engine
from dangvu.reports.periods import Period
from dangvu.reports.tests.test_dashboard import ON, _session


def mapped(text):
    report = check_text(text)
    found = [map_claim(report.text, claim) for claim in report.claims]
    return [(m.code, m.category, m.part["text"]) for m in found if m is not None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Năm 2025 kết nạp 47 đảng viên mới, đạt 104,4% chỉ tiêu (45 đảng viên).",
            ("dang_vien.ket_nap", "", "47"),
        ),
        (
            "Tổng số 354 lượt ý kiến phản ánh; đã trả lời 337 lượt ý kiến, kiến nghị đạt 95,2%.",
            ("dan_van.tra_loi", "", "337"),
        ),
        (
            "Có 36/40 chi bộ tổ chức sinh hoạt đạt yêu cầu theo Hướng dẫn 12, đạt 90%.",
            ("sinh_hoat.dat_chat_luong", "", "36"),
        ),
        (
            "Tỷ lệ đảng viên dự sinh hoạt chi bộ bình quân đạt 92,4%.",
            ("sinh_hoat.du_hop", "", "92,4%"),
        ),
        (
            "Có 27/30 lượt cán bộ, đảng viên tham gia học tập nghị quyết, đạt 90%.",
            ("hoc_tap.tham_gia", "", "27"),
        ),
        (
            "Thi hành kỷ luật 26 đảng viên (khiển trách 17, cảnh cáo 6, cách chức 1, khai trừ 2).",
            ("ky_luat.dang_vien", "", "26"),
        ),
        (
            "Tổng số 100 đảng viên được xếp loại, trong đó hoàn thành xuất sắc nhiệm vụ 15 đồng "
            "chí (15%), hoàn thành tốt nhiệm vụ 85 đồng chí (85%).",
            ("xep_loai.dang_vien", "muc:HTXSNV", "15"),
        ),
        (
            "Các chi bộ tổ chức 14.233 buổi sinh hoạt (thường kỳ 14.154, chuyên đề 79).",
            ("sinh_hoat.hoi_nghi", "", "14.233"),
        ),
        (  # "… trở lên" is the indicator itself (the report dangvu writes says it so)
            "17.170/18.695 đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên, đạt 91,8%;",
            ("xep_loai.dang_vien", "", "17.170"),
        ),
        (
            "1.213/1.316 tổ chức đảng được xếp loại hoàn thành tốt nhiệm vụ trở lên, đạt 92,2%.",
            ("xep_loai.to_chuc", "", "1.213"),
        ),
        (
            "Đảng bộ có 986 đảng viên, trong đó 952 đảng viên chính thức, 34 đảng viên dự bị.",
            ("dang_vien.so_luong", "", "986"),
        ),
        (
            "Số đảng viên được miễn công tác và sinh hoạt đảng là 112 đồng chí, chiếm 11,4% "
            "tổng số đảng viên. Đảng bộ có 986 đảng viên.",
            None,  # the base comes after the share: no claim, nothing to map
        ),
    ],
)
def test_a_claim_names_its_indicator(text, expected):
    found = mapped(text)
    if expected is None:
        assert found == []
    else:
        assert expected in found, found
        assert not [m for m in found if m[0] == "dang_vien.so_luong" and m[2] == "100"]


def test_claims_naming_no_indicator_are_left_alone():
    text = "Thu nhập bình quân đạt 42,6 triệu đồng, tăng 31,5% so với năm 2021 (32,4 triệu đồng)."
    assert mapped(text) == []
    # a share of a subset is not the count of the whole ("có 1.712 chi bộ duy trì sinh hoạt")
    text = "Toàn tỉnh có 1.846 chi bộ; có 1.712 chi bộ duy trì sinh hoạt đúng quy định, đạt 92,7%."
    assert ("to_chuc.so_luong", "cap:chi_bo", "1.712") not in mapped(text)


# ---------------------------------------------------------------- against a built dataset

Y2025 = Period.parse("2025")


def _admit(unit, day, name):
    return register_member(
        actor=None,
        identity={
            "ho": "Nguyễn",
            "ten_dem": "Văn",
            "ten": name,
            "gender": "nam",
            "birth_date": date(1995, 1, 1),
        },
        admission_date=day,
        ceremony_date=day,
        unit=unit,
    )


@pytest.fixture
def built(world):
    for k, name in enumerate(["An", "Bình", "Cường"]):  # commune B: 3 admissions in 2025
        _admit(world.c4, date(2025, 8 + k, 10), name)
    _admit(world.c1, date(2025, 9, 5), "Dũng")  # commune A: 1
    _session(world.commune_b, date(2025, 9, 1), 30, 27)  # 27/30 took part
    engine.build_all(on=ON)


TEXT = (
    "Năm 2025, Đảng bộ xã kết nạp {admitted} đảng viên mới, đạt {rate} chỉ tiêu (4 đảng viên). "
    "Tổ chức quán triệt nghị quyết, có {took}/30 lượt cán bộ, đảng viên tham gia học tập, đạt "
    "{share}."
)
GOOD = TEXT.format(admitted=3, rate="75%", took=27, share="90%")
BAD = TEXT.format(admitted=4, rate="100%", took=28, share="93,3%")


def _systems(report):
    return {c.system["indicator"]: c.system for c in report.claims if c.system}


@pytest.mark.django_db
def test_figures_that_match_the_system(world, built):
    report = check_text(GOOD, unit=world.commune_b, period=Y2025)
    systems = _systems(report)
    assert set(systems) == {"dang_vien.ket_nap", "hoc_tap.tham_gia"}
    admitted = systems["dang_vien.ket_nap"]
    assert (admitted["value"], admitted["verdict"]) == (3, "matches")
    assert admitted["verdict_label"] == "Khớp hệ thống"
    took = systems["hoc_tap.tham_gia"]
    assert (took["value"], took["base"], took["verdict"]) == (27, 30, "matches")


@pytest.mark.django_db
def test_figures_that_differ_from_the_system(world, built):
    systems = _systems(check_text(BAD, unit=world.commune_b, period=Y2025))
    admitted = systems["dang_vien.ket_nap"]
    assert (admitted["value"], admitted["verdict"]) == (3, "differs")
    assert admitted["verdict_label"] == "Khác hệ thống"
    assert "Kết nạp đảng viên 3; báo cáo ghi 4" in admitted["explanation"]
    took = systems["hoc_tap.tham_gia"]
    assert (took["value"], took["verdict"]) == (27, "differs") and "27/30" in took["shown"]


@pytest.mark.django_db
def test_the_value_is_the_chosen_units_subtree_and_period(world, built):
    # commune A admitted one member in 2025, none in 2024; the province all four in 2025
    assert (
        _systems(check_text(GOOD, unit=world.commune_a, period=Y2025))["dang_vien.ket_nap"]["value"]
        == 1
    )
    assert (
        _systems(check_text(GOOD, unit=world.province, period=Y2025))["dang_vien.ket_nap"]["value"]
        == 4
    )
    quarter = _systems(check_text(GOOD, unit=world.commune_b, period=Period.parse("2025-Q3")))
    assert quarter["dang_vien.ket_nap"]["value"] == 2  # August and September, not October
    assert quarter["dang_vien.ket_nap"]["verdict"] == "differs"


@pytest.mark.django_db
def test_no_comparison_without_a_unit_and_a_period(world, built):
    assert not _systems(check_text(GOOD))
    assert not _systems(check_text(GOOD, unit=world.commune_b))


@pytest.mark.django_db
def test_a_unit_outside_the_users_scope_is_refused(world, built):
    with pytest.raises(OutOfScope):
        check_text(GOOD, user=world.users["commune_a"], unit=world.commune_b, period=Y2025)


@pytest.mark.django_db
def test_the_page_compares_within_scope_and_404s_outside(world, built, login):
    client = login(world.users["commune_b"])
    url = reverse("checker:check")
    response = client.post(url, {"text": GOOD, "don_vi": world.commune_b.pk, "ky": "2025"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "So với hệ thống" in page and page.count("Khớp hệ thống") == 2
    assert f'name="don_vi" value="{world.commune_b.pk}"' in page  # kept for the download
    response = client.post(url, {"text": GOOD, "don_vi": world.commune_a.pk, "ky": "2025"})
    assert response.status_code == 404
    response = client.post(url, {"text": GOOD, "don_vi": world.commune_b.pk, "ky": ""})
    assert response.status_code == 400
    assert "chọn cả tổ chức và kỳ báo cáo" in response.content.decode()
    # without a unit the page checks the arithmetic only
    response = client.post(url, {"text": GOOD})
    assert response.status_code == 200 and "Khớp hệ thống" not in response.content.decode()


@pytest.mark.django_db
def test_the_download_carries_the_comparison(world, built, login):
    client = login(world.users["commune_b"])
    data = {"text": BAD, "source": "", "format": "html", "don_vi": world.commune_b.pk}
    response = client.post(reverse("checker:download"), {**data, "ky": "2025"})
    assert response.status_code == 200 and "Khác hệ thống" in response.content.decode()
    response = client.post(
        reverse("checker:download"), {**data, "ky": "2025", "don_vi": world.commune_a.pk}
    )
    assert response.status_code == 404


def _api(client, payload):
    return client.post(
        reverse("api:check_report"), json.dumps(payload), content_type="application/json"
    )


@pytest.mark.django_db
def test_the_api_compares_within_scope(world, built, client):
    client.force_login(world.users["commune_b"])
    response = _api(client, {"text": BAD, "unit": world.commune_b.pk, "period": "2025"})
    assert response.status_code == 200
    systems = {
        c["system"]["indicator"]: c["system"] for c in response.json()["claims"] if c["system"]
    }
    assert systems["dang_vien.ket_nap"]["value"] == 3
    assert systems["dang_vien.ket_nap"]["verdict"] == "differs"
    response = _api(client, {"text": BAD, "unit": world.commune_a.pk, "period": "2025"})
    assert response.status_code == 404 and "phạm vi" in response.json()["detail"]
    response = _api(client, {"text": BAD, "unit": world.commune_b.pk, "period": "2025-Q7"})
    assert response.status_code == 422


@pytest.mark.django_db
def test_the_command_compares_with_unit_and_period(world, built, tmp_path, capsys):
    path = tmp_path / "bao-cao.txt"
    path.write_text(GOOD, encoding="utf-8")
    call_command("check-report", str(path), "--unit", str(world.commune_b.pk), "--period", "2025")
    out = capsys.readouterr().out
    assert out.count("[Khớp hệ thống]") == 2
    with pytest.raises(CommandError, match="không đọc được"):
        call_command("check-report", str(path), "--unit", str(world.commune_b.pk), "--period", "x")
    with pytest.raises(CommandError, match="Không có tổ chức"):
        call_command("check-report", str(path), "--unit", "khong-co", "--period", "2025")
