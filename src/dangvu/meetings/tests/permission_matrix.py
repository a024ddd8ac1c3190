"""Who may reach each meetings URL (merged by tests/test_permission_matrix.py)."""

from datetime import date

from dangvu.web.tests.permission_personas import API, IN_B, OK_ALL, OK_ALL_COUNTS, PAGE, PERSONAS

WRITERS = {"province": 200, "commune_a": 200, "commune_b": 200, "secretary": 200}
ANY_CELL = {**dict.fromkeys(PERSONAS[1:], 404), **WRITERS}  # someone with a cell to write

MATRIX: dict = {
    "meetings:list": (None, {"anonymous": PAGE, **OK_ALL}),
    "meetings:create": (None, {"anonymous": PAGE, **ANY_CELL}),
    "meetings:export": (None, {"anonymous": PAGE, **OK_ALL}),
    "meetings:quality": (None, {"anonymous": PAGE, **OK_ALL}),
    "meetings:figures": (None, {"anonymous": PAGE, **OK_ALL}),
    "meetings:assignments": (None, {"anonymous": PAGE, **OK_ALL}),
    "meetings:detail": ("meeting", {"anonymous": PAGE, **IN_B}),
    "meetings:edit": ("meeting", {"anonymous": PAGE, **IN_B}),
    "meetings:attendance": ("meeting", {"anonymous": PAGE, **IN_B}),
    "meetings:template": ("meeting", {"anonymous": PAGE, **IN_B}),
    "meetings:upload": ("meeting", {"anonymous": PAGE, **IN_B}),
    "api:meeting_list": (None, {"anonymous": API, **OK_ALL}),
    "api:meeting_figures": (None, {"anonymous": API, **OK_ALL_COUNTS}),  # needs ?unit=
    "api:meeting_detail": ("meeting", {"anonymous": API, **IN_B}),
    # POST only (GET answers 405); the POST is tested in meetings/tests/test_api.py
    "api:submit_attendance": ("meeting", dict.fromkeys(PERSONAS, 405)),
}


def meeting_in_b(world):
    from dangvu.meetings.services import create_meeting

    meeting = create_meeting(actor=None, unit=world.c4, kind="thuong_ky", date=date(2025, 8, 5))
    return {"meeting_id": meeting.pk}


TARGETS: dict = {"meeting": meeting_in_b}
