"""Who may reach each reports URL (merged by tests/test_permission_matrix.py).

The dashboard answers every signed-in user: without ``view_reports`` anywhere the page says
so and shows nothing; a unit outside the user's scope is tested in test_dashboard.py (404).
The API's figures answer 404 to a user with no scope for reports (a member, an outsider); a
written report (target: one of commune B) is seen by those who may read B's reports."""

from dangvu.web.tests.permission_personas import API, IN_B, OK_ALL, PAGE, PERSONAS

NO_REPORTS = {"member": 404, "outsider": 404}  # no view_reports anywhere

MATRIX: dict = {
    "reports:dashboard": (None, {"anonymous": PAGE, **OK_ALL}),
    # POST only (GET: 405); the POST is tested both ways in test_report_documents.py
    "reports:generate": (None, {"anonymous": PAGE, **dict.fromkeys(PERSONAS[1:], 405)}),
    "reports:refresh": (None, {"anonymous": PAGE, **dict.fromkeys(PERSONAS[1:], 405)}),
    "reports:sources": ("report", {"anonymous": PAGE, **IN_B}),
    "api:indicators": (None, {"anonymous": API, **OK_ALL}),
    "api:figures": (None, {"anonymous": API, **OK_ALL, **NO_REPORTS}),
    # POST only; the POST is tested both ways in test_api.py
    "api:write_document": (None, {"anonymous": 405, **dict.fromkeys(PERSONAS[1:], 405)}),
    "api:written_report": ("report", {"anonymous": API, **IN_B}),
}


def report_in_b(world):
    from dangvu.reports.models import GeneratedReport, Tree

    report = GeneratedReport.objects.create(
        unit=world.commune_b, period="2025", report_type="nam", format="docx", tree=Tree.PERIOD_END
    )
    return {"report_id": report.pk}


TARGETS: dict = {"report": report_in_b}
