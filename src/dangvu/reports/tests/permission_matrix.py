"""Who may reach each reports URL (merged by tests/test_permission_matrix.py).

The dashboard answers every signed-in user: without ``view_reports`` anywhere the page says
so and shows nothing; a unit outside the user's scope is tested in test_dashboard.py (404)."""

from dangvu.web.tests.permission_personas import OK_ALL, PAGE, PERSONAS

MATRIX: dict = {
    "reports:dashboard": (None, {"anonymous": PAGE, **OK_ALL}),
    # POST only (GET: 405); the POST is tested both ways in test_report_documents.py
    "reports:generate": (None, {"anonymous": PAGE, **dict.fromkeys(PERSONAS[1:], 405)}),
    "reports:refresh": (None, {"anonymous": PAGE, **dict.fromkeys(PERSONAS[1:], 405)}),
}

TARGETS: dict = {}
