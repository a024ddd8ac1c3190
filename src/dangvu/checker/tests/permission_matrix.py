"""Who may reach each report-checker URL (merged by tests/test_permission_matrix.py).

The checker reads no records: every signed-in user may use it. The download and the API are
POST only (a GET answers 405 once signed in); their POSTs are tested in test_pages.py and
test_api.py, both ways."""

from dangvu.web.tests.permission_personas import OK_ALL, PAGE, PERSONAS

POST_ONLY = dict.fromkeys(PERSONAS[1:], 405)

MATRIX: dict = {
    "checker:check": (None, {"anonymous": PAGE, **OK_ALL}),
    "checker:download": (None, {"anonymous": PAGE, **POST_ONLY}),
    "api:check_report": (None, {"anonymous": 405, **POST_ONLY}),
}

TARGETS: dict = {}
