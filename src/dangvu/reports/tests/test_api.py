"""The reports API and the written report's sources page: the dashboard's figures as JSON with
the aggregate row behind each, the report job through the API with its file, and a written
report's numbers traced to their rows — scoped like the pages (404 outside), reads pinned."""

from datetime import date

import pytest

from dangvu.accounts.tokens import issue_token
from dangvu.jobs.models import Job
from dangvu.reports import engine
from dangvu.reports.catalogue import catalogue
from dangvu.reports.models import Aggregate, GeneratedReport, Tree
from dangvu.reports.tests.test_dashboard import ON, _session
from dangvu.reports.tests.test_report_documents import _text

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(world):
    _session(world.c1, date(2024, 5, 10), 20, 19)
    _session(world.commune_a, date(2025, 9, 1), 30, 27)
    _session(world.province, date(2025, 3, 1), 100, 96)
    engine.build_all(on=ON)


def test_indicators_are_the_catalogue(world, login):
    listed = login(world.users["member"]).get("/api/reports/indicators").json()
    assert [i["code"] for i in listed] == list(catalogue())
    members = next(i for i in listed if i["code"] == "dang_vien.so_luong")
    assert members["kind"] == "state" and members["categories"]


def test_figures_are_the_aggregate_rows(world, built, login, django_assert_max_num_queries):
    client = login(world.users["province"])
    with django_assert_max_num_queries(12):
        response = client.get("/api/reports/figures?period=2025")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["unit_id"] == world.province.pk and data["period_label"] == "Năm 2025"
    figures = {f["indicator"]: f for f in data["figures"]}
    assert set(figures) == set(catalogue())
    study = figures["hoc_tap.tham_gia"]
    row = Aggregate.objects.get(
        indicator="hoc_tap.tham_gia",
        period="2025",
        unit=world.province,
        category="",
        tree=Tree.PERIOD_END,
    )
    assert (study["value"], study["base"]) == (row.value, row.base) == (123, 130)
    assert study["percent"] == 94.6 and study["shown"].endswith("(94,6%)")
    assert study["trace"] == {
        "indicator": "hoc_tap.tham_gia",
        "unit_id": world.province.pk,
        "period": "2025",
        "tree": Tree.PERIOD_END,
        "category": "",
        "build_id": row.build_id,
    }
    assert study["link"].startswith("/hoc-tap/")
    # a state (units by kind) read from its latest change point: the row the trace names
    members = figures["to_chuc.so_luong"]
    kept = Aggregate.objects.get(
        indicator="to_chuc.so_luong",
        unit=world.province,
        category="",
        period=members["trace"]["period"],
        tree=members["trace"]["tree"],
    )
    assert kept.value == members["value"] > 0
    assert {p["category"] for p in members["parts"]} <= set(
        catalogue()["to_chuc.so_luong"].categories
    )
    children = {u["unit_id"]: u for u in data["sub_units"]}
    assert world.commune_a.pk in children
    assert children[world.commune_a.pk]["figures"]["hoc_tap.tham_gia"]["value"] == 27


def test_figures_scope_and_bad_input(world, built, login):
    client = login(world.users["commune_a"])
    own = client.get("/api/reports/figures?period=2025").json()
    assert own["unit_id"] == world.commune_a.pk  # the top of the caller's scope
    assert client.get(f"/api/reports/figures?unit={world.commune_b.pk}").status_code == 404
    assert client.get(f"/api/reports/figures?unit={world.province.pk}").status_code == 404
    refused = client.get("/api/reports/figures?period=2025-Q7")
    assert refused.status_code == 422 and "không đọc được" in refused.json()["detail"]
    nobody = login(world.users["outsider"])  # no role anywhere
    assert nobody.get("/api/reports/figures").status_code == 404


def test_report_job_through_the_api(world, built, client, django_capture_on_commit_callbacks):
    _, token = issue_token(user=world.users["commune_a"], name="báo cáo")
    auth = {"Authorization": f"Bearer {token}"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/reports/documents",
            {"unit": world.commune_a.pk, "period": "2025", "format": "docx", "number": "7"},
            content_type="application/json",
            headers=auth,
        )
    assert response.status_code == 202, response.content
    job = Job.objects.get()
    state = client.get(f"/api/jobs/{job.pk}", headers=auth).json()
    assert state["status"] == Job.Status.SUCCEEDED, state
    assert state["file_url"] == f"/api/jobs/{job.pk}/file"
    download = client.get(state["file_url"], headers=auth)
    assert download.status_code == 200
    assert "Số 7-BC/ĐU" in _text(b"".join(download.streaming_content))

    report = GeneratedReport.objects.get()
    assert state["result"]["report_id"] == report.pk
    written = client.get(f"/api/reports/documents/{report.pk}", headers=auth).json()
    stored = list(report.figures.order_by("position"))
    assert [f["position"] for f in written["figures"]] == [f.position for f in stored]
    assert [(f["indicator"], f["value"], f["build_id"]) for f in written["figures"]] == [
        (f.indicator, f.value, f.build_id) for f in stored
    ]
    # another commune's officer sees neither the job nor the report; bad input writes nothing
    other = {"Authorization": f"Bearer {issue_token(user=world.users['commune_b'], name='x')[1]}"}
    assert client.get(f"/api/jobs/{job.pk}", headers=other).status_code == 404
    assert client.get(f"/api/jobs/{job.pk}/file", headers=other).status_code == 404
    assert client.get(f"/api/reports/documents/{report.pk}", headers=other).status_code == 404
    for payload, status in (
        ({"unit": world.commune_a.pk, "period": "2025", "format": "docx"}, 404),
        ({"unit": world.commune_b.pk, "period": "20x5"}, 422),
        ({"unit": world.commune_b.pk, "period": "2025", "format": "pdf"}, 422),
    ):
        refused = client.post(
            "/api/reports/documents", payload, content_type="application/json", headers=other
        )
        assert refused.status_code == status, (payload, refused.content)
    assert Job.objects.count() == 1


def test_sources_page(world, built, login, django_assert_max_num_queries):
    from dangvu.reports.periods import Period, PeriodKind
    from dangvu.reports.report_documents import compose, record

    content = compose(world.province, Period(2025, PeriodKind.YEAR), number="3")
    report = record(content, actor=world.users["province"], fmt="docx")
    client = login(world.users["province"])
    with django_assert_max_num_queries(10):
        response = client.get(f"/bao-cao/da-viet/{report.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<tr data-indicator=") == report.figures.count() > 0
    assert catalogue()["hoc_tap.tham_gia"].name in page
    assert 'href="/hoc-tap/' in page  # a number links to its records
    assert login(world.users["commune_a"]).get(f"/bao-cao/da-viet/{report.pk}/").status_code == 404


def test_openapi_schema_lists_the_reports_and_jobs(world, login):
    schema = login(world.users["province"]).get("/api/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in (
        "/api/reports/indicators",
        "/api/reports/figures",
        "/api/reports/documents",
        "/api/reports/documents/{report_id}",
        "/api/jobs/{job_id}",
        "/api/jobs/{job_id}/file",
    ):
        assert path in paths, path
