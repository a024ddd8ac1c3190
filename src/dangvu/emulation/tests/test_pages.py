"""The pages, API and export: forms write through the services (refusals shown, nothing
written), scope (404 outside), stale edits refused, figures linking to their lists, XLSX
export through a job, and query counts pinned on lists, figures and the export."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from dangvu.audit.models import AuditEntry
from dangvu.emulation import services
from dangvu.emulation.job_handlers import EXPORT_JOB
from dangvu.emulation.models import (
    DvkState,
    Evaluation,
    Example,
    ExampleKind,
    Movement,
    Pledge,
    Registration,
    Result,
    Target,
)
from dangvu.jobs.models import Job

from .conftest import all_met, field, recognition_kind

pytestmark = pytest.mark.django_db


def test_pledge_form_and_duplicate_refused(world, login):
    client = login(world.users["commune_a"])
    data = {"unit": world.c1.pk, "year": 2025, "pledged_on": "01/09/2025", "note": "Quyết tâm"}
    response = client.post("/thi-dua/4-tot/moi/", data)
    pledge = Pledge.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/thi-dua/4-tot/{pledge.pk}/"
    again = client.post("/thi-dua/4-tot/moi/", data)
    assert again.status_code == 200 and "đã đăng ký “4 tốt” năm 2025" in again.content.decode()
    assert Pledge.objects.count() == 1
    # a unit outside the user's write scope is not a choice: refused, nothing written
    outside = client.post("/thi-dua/4-tot/moi/", {**data, "unit": world.c4.pk, "year": 2024})
    assert outside.status_code == 200 and Pledge.objects.count() == 1


def test_stale_edit_is_refused_on_the_page(world, login):
    pledge = services.create_pledge(
        actor=None, unit=world.c1, year=2025, pledged_on=date(2025, 9, 1)
    )
    client = login(world.users["secretary"])
    url = f"/thi-dua/4-tot/{pledge.pk}/sua/"
    first = client.post(url, {"pledged_on": "02/09/2025", "note": "a", "revision": 1})
    assert first.status_code == 302
    stale = client.post(url, {"pledged_on": "03/09/2025", "note": "b", "revision": 1})
    assert "vừa được người khác cập nhật" in stale.content.decode()
    pledge.refresh_from_db()
    assert pledge.note == "a"


def test_evaluation_page_only_for_the_level_above(world, login, criteria):
    pledge = services.create_pledge(
        actor=None, unit=world.c1, year=2025, pledged_on=date(2025, 9, 1)
    )
    url = f"/thi-dua/4-tot/{pledge.pk}/danh-gia/"
    assert login(world.users["secretary"]).get(url).status_code == 404
    client = login(world.users["commune_a"])
    page = client.get(url)
    assert page.status_code == 200 and "Chính trị tư tưởng tốt" in page.content.decode()
    cs = criteria[(2025, Target.CELL)]
    ticks = {f"tc_{c.pk}": "on" for c in cs.criteria.all() if c.code != "1"}
    base = {
        "decided_by": world.commune_a.pk,
        "decided_on": "20/12/2025",
        "result": "dat",
        "revision": pledge.revision,
    }
    refused = client.post(url, {**base, **ticks})
    assert "bắt buộc “1” không đạt" in refused.content.decode()
    assert not Evaluation.objects.exists()
    ok = client.post(url, {**base, **ticks, f"tc_{cs.criteria.get(code='1').pk}": "on"})
    assert ok.status_code == 302
    assert Evaluation.objects.get().result == Result.PASSED
    assert AuditEntry.objects.filter(action="emulation.pledge.evaluate").exists()


def test_registration_form_for_a_member_and_scope(world, login, people):
    client = login(world.users["commune_a"])
    data = {"year": 2025, "member": people.an.pk, "registered_on": "10/03/2025", "content": "x"}
    assert client.post("/thi-dua/lam-theo/moi/", data).status_code == 302
    assert Registration.objects.get().unit == world.c1
    twice = client.post("/thi-dua/lam-theo/moi/", data)
    assert "đã đăng ký học tập và làm theo năm 2025" in twice.content.decode()
    outside = client.post("/thi-dua/lam-theo/moi/", {**data, "member": people.em.pk})
    assert "Không tìm thấy đảng viên" in outside.content.decode()
    assert Registration.objects.count() == 1
    reg = Registration.objects.get()
    assert login(world.users["commune_b"]).get(f"/thi-dua/lam-theo/{reg.pk}/").status_code == 404


def test_dan_van_kheo_steps_on_the_page(world, login):
    client = login(world.users["commune_a"])
    data = {
        "kind": ExampleKind.GOOD_PRACTICE,
        "movement": Movement.DAN_VAN_KHEO,
        "title": "Dân vận khéo trong giải phóng mặt bằng",
        "unit": world.c1.pk,
        "field": field("an_sinh").pk,
        "year": 2025,
    }
    assert client.post("/thi-dua/mo-hinh/moi/", data).status_code == 302
    example = Example.objects.get()
    assert example.state == DvkState.REGISTERED
    url = f"/thi-dua/mo-hinh/{example.pk}/buoc/"
    client.post(url, {"state": DvkState.EFFECTIVE, "revision": 1})
    example.refresh_from_db()
    assert example.state == DvkState.REGISTERED
    client.post(url, {"state": DvkState.EVALUATED, "revision": 1})
    client.post(
        url,
        {
            "state": DvkState.EFFECTIVE,
            "revision": 2,
            "recognised_by": world.commune_a.pk,
            "recognised_on": "01/11/2025",
            "decision_ref": "30-QĐ/ĐU",
        },
    )
    example.refresh_from_db()
    assert (example.state, example.decision_ref) == (DvkState.EFFECTIVE, "30-QĐ/ĐU")


def _fill(world, people, criteria):
    for unit in (world.c1, world.c2, world.c3, world.c4):
        p = services.create_pledge(actor=None, unit=unit, year=2025, pledged_on=date(2025, 9, 1))
        services.evaluate_pledge(
            actor=None,
            pledge=p,
            decided_by=world.province,
            decided_on=date(2025, 12, 20),
            results=all_met(criteria[(2025, Target.CELL)]),
            result=Result.PASSED,
        )
    for member in (people.an, people.binh, people.chi, people.dung, people.em):
        services.register(actor=None, year=2025, registered_on=date(2025, 3, 1), member=member)
    for unit in (world.c1, world.c2, world.c3, world.c4):
        services.register(actor=None, year=2025, registered_on=date(2025, 9, 1), unit=unit)
        services.save_example(
            actor=None,
            kind=ExampleKind.GOOD_MODEL,
            title=f"Mô hình {unit.name}",
            unit=unit,
            field=field(),
            year=2025,
        )
    for member in (people.an, people.em):
        services.record_recognition(
            actor=None,
            kind=recognition_kind(),
            member=member,
            year=2025,
            recognised_by=world.province,
            recognised_on=date(2025, 12, 1),
        )


@pytest.mark.parametrize(
    "url", ["/thi-dua/", "/thi-dua/lam-theo/", "/thi-dua/mo-hinh/", "/thi-dua/bieu-duong/"]
)
def test_lists_are_scoped_and_pinned(
    url, world, login, people, criteria, django_assert_max_num_queries
):
    _fill(world, people, criteria)
    client = login(world.users["commune_b"])
    with django_assert_max_num_queries(14):
        page = client.get(url, {"nam": 2025})
    text = page.content.decode()
    assert page.status_code == 200
    assert "thôn 1" not in text  # commune A's records stay out of commune B's lists
    assert "Bắc" in text or "Em" in text
    outside = client.get(url, {"don_vi": world.commune_a.pk})
    assert outside.status_code == 404


def test_figures_page_sentences_link_to_the_lists(
    world, login, people, criteria, django_assert_max_num_queries
):
    _fill(world, people, criteria)
    client = login(world.users["province"])
    with django_assert_max_num_queries(20):
        page = client.get("/thi-dua/so-lieu/", {"don_vi": world.province.pk, "nam": 2025})
    text = page.content.decode()
    assert "đảng viên đăng ký học tập và làm theo, đạt tỷ lệ 100,0%" in text
    assert "/4 chi bộ đăng ký “Chi bộ 4 tốt”, đạt 100,0%" in text
    assert "4 mô hình hay, cách làm hiệu quả" in text or ">4</a> mô hình hay" in text
    link = f"/thi-dua/lam-theo/?don_vi={world.province.pk}&amp;nam=2025&amp;doi_tuong=ca_nhan"
    assert link in text
    listed = client.get(
        "/thi-dua/lam-theo/", {"don_vi": world.province.pk, "nam": 2025, "doi_tuong": "ca_nhan"}
    )
    assert "5 đăng ký" in listed.content.decode()
    assert (
        login(world.users["commune_a"])
        .get("/thi-dua/so-lieu/", {"don_vi": world.commune_b.pk})
        .status_code
        == 404
    )


def test_api_lists_writes_and_figures(world, login, people, criteria):
    _fill(world, people, criteria)
    client = login(world.users["commune_b"])
    body = client.get("/api/emulation/pledges", {"year": 2025}).json()
    assert [i["unit_name"] for i in body["items"]] == ["Chi bộ thôn Bắc"]
    assert body["items"][0]["result"] == "dat"
    figures = client.get(
        "/api/emulation/figures", {"unit": world.commune_b.pk, "year": 2025}
    ).json()
    assert figures["lam_theo"]["members_registered"] == 1
    assert figures["four_good"][0]["text"].startswith("1/1 chi bộ")
    assert (
        client.get("/api/emulation/figures", {"unit": world.commune_a.pk, "year": 2025}).status_code
        == 404
    )
    denied = client.post(
        "/api/emulation/pledges",
        {"unit_id": world.c1.pk, "year": 2024, "pledged_on": "2024-02-01"},
        content_type="application/json",
    )
    assert denied.status_code == 404
    refused = client.post(
        "/api/emulation/pledges",
        {"unit_id": world.c4.pk, "year": 2025, "pledged_on": "2025-09-01"},
        content_type="application/json",
    )
    assert refused.status_code == 422 and "đã đăng ký" in refused.json()["detail"]
    created = client.post(
        "/api/emulation/pledges",
        {"unit_id": world.c4.pk, "year": 2024, "pledged_on": "2024-02-01"},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["target"] == "chi_bo"


def test_export_job_writes_the_filtered_list(
    world, login, people, criteria, django_capture_on_commit_callbacks
):
    _fill(world, people, criteria)
    client = login(world.users["commune_a"])
    page = client.get("/thi-dua/xuat/", {"bang": "mo-hinh", "don_vi": world.commune_a.pk})
    assert page.status_code == 200 and "3 mô hình" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/thi-dua/xuat/?bang=mo-hinh&don_vi={world.commune_a.pk}")
    job = Job.objects.get(kind=EXPORT_JOB)
    assert response["Location"] == f"/viec/{job.pk}/"
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    with job.output_file.open("rb") as handle:
        rows = [
            list(r)
            for r in load_workbook(BytesIO(handle.read())).active.iter_rows(values_only=True)
        ]
    body = rows[rows.index(next(r for r in rows if r[0] == "Tên mô hình, điển hình")) + 1 :]
    assert sorted(r[5] for r in body) == ["Chi bộ thôn 1", "Chi bộ thôn 2", "Chi bộ thôn Đoài"]
    assert AuditEntry.objects.filter(action="emulation.export").exists()


def test_export_query_count_does_not_grow(
    world, people, criteria, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    from dangvu.jobs.services import start_job

    _fill(world, people, criteria)
    for n in range(30):
        services.save_example(
            actor=None,
            kind=ExampleKind.ADVANCED,
            title=f"Điển hình {n}",
            member=people.an,
            field=field(),
            year=2025,
        )
    with django_capture_on_commit_callbacks(execute=True), django_assert_max_num_queries(25):
        job = start_job(
            actor=world.users["province"],
            kind=EXPORT_JOB,
            params={"table": "mo-hinh", "filters": ""},
        )
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.result["rows"] == 34


def test_figures_page_escapes_code_table_names(world, login, people):
    from dangvu.emulation.models import RecognitionKind

    kind = RecognitionKind.objects.create(code="x", name="<b>Gương</b> tiêu biểu", sort_order=1)
    services.record_recognition(
        actor=None,
        kind=kind,
        member=people.an,
        year=2025,
        recognised_by=world.province,
        recognised_on=date(2025, 12, 1),
    )
    page = login(world.users["province"]).get(
        "/thi-dua/so-lieu/", {"don_vi": world.province.pk, "nam": 2025}
    )
    text = page.content.decode()
    assert "&lt;b&gt;gương&lt;/b&gt; tiêu biểu" in text and "<b>gương" not in text
    assert f'loai={kind.pk}">1</a>' in text
