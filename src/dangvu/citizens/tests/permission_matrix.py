"""Who may reach each dân vận URL (merged by tests/test_permission_matrix.py).

Targets: a feedback received by cell c4 (commune B) and a pressing issue of c4."""

from dangvu.web.tests.permission_personas import API, IN_B, OK_ALL, OK_ALL_COUNTS, PAGE, PERSONAS

WRITERS = {
    "province": 200,
    "commune_a": 200,
    "commune_b": 200,
    "secretary": 200,
    "member": 404,
    "outsider": 404,
}

MATRIX: dict = {
    "citizens:list": (None, {"anonymous": PAGE, **OK_ALL}),
    "citizens:create": (None, {"anonymous": PAGE, **WRITERS}),
    "citizens:overdue": (None, {"anonymous": PAGE, **OK_ALL}),
    "citizens:figures": (None, {"anonymous": PAGE, **OK_ALL}),
    "citizens:export": (None, {"anonymous": PAGE, **OK_ALL}),
    "citizens:detail": ("citizen_feedback", {"anonymous": PAGE, **IN_B}),
    "citizens:edit": ("citizen_feedback", {"anonymous": PAGE, **IN_B}),
    "citizens:route": ("citizen_feedback", {"anonymous": PAGE, **IN_B}),
    "citizens:answer": ("citizen_feedback", {"anonymous": PAGE, **IN_B}),
    "citizens:refer": ("citizen_feedback", {"anonymous": PAGE, **IN_B}),
    "citizens:close": ("citizen_feedback", {"anonymous": PAGE, **IN_B}),
    "citizens:issues": (None, {"anonymous": PAGE, **OK_ALL}),
    "citizens:issue_create": (None, {"anonymous": PAGE, **WRITERS}),
    "citizens:issue_detail": ("citizen_issue", {"anonymous": PAGE, **IN_B}),
    "citizens:issue_edit": ("citizen_issue", {"anonymous": PAGE, **IN_B}),
    "citizens:issue_result": ("citizen_issue", {"anonymous": PAGE, **IN_B}),
    "api:citizens_feedback": (None, {"anonymous": API, **OK_ALL}),
    # same path as the list; POST is tested in citizens/tests/test_api.py (404 without write)
    "api:create_citizen_feedback": (None, {"anonymous": API, **OK_ALL}),
    "api:citizen_feedback": ("citizen_feedback", {"anonymous": API, **IN_B}),
    # POST only (tested in test_api.py): GET is not allowed for anybody
    "api:citizen_feedback_transition": ("citizen_feedback", dict.fromkeys(PERSONAS, 405)),
    "api:citizens_issues": (None, {"anonymous": API, **OK_ALL}),
    "api:create_citizen_issue": (None, {"anonymous": API, **OK_ALL}),
    "api:citizen_issue": ("citizen_issue", {"anonymous": API, **IN_B}),
    "api:citizens_figures": (None, {"anonymous": API, **OK_ALL_COUNTS}),  # needs ?unit=
}


def _feedback_in_b(world):
    from datetime import date

    from dangvu.citizens.models import Channel, Sector
    from dangvu.citizens.services import record_feedback

    feedback = record_feedback(
        actor=None,
        unit=world.c4,
        channel=Channel.objects.get(code="lang_nghe_dan_noi"),
        sector=Sector.objects.get(code="giao_thong"),
        raised_by="Nhóm hộ dân xóm Bắc",
        content="Đề nghị sửa đường liên thôn bị sụt lún.",
        received_on=date(2025, 9, 1),
    )
    return {"feedback_id": feedback.pk}


def _issue_in_b(world):
    from dangvu.citizens.models import Sector
    from dangvu.citizens.services import select_issue

    issue = select_issue(
        actor=None,
        unit=world.c4,
        year=2025,
        sector=Sector.objects.get(code="dat_dai"),
        title="Tranh chấp ranh giới đất giữa hai hộ",
        plan="Tổ hòa giải phối hợp địa chính xã đo đạc lại.",
    )
    return {"issue_id": issue.pk}


TARGETS: dict = {"citizen_feedback": _feedback_in_b, "citizen_issue": _issue_in_b}
