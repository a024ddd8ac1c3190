"""Who may reach each study URL (merged by tests/test_permission_matrix.py).

Targets: a session of commune B (cell c4) with one audience kept as a (still empty) list."""

from dangvu.web.tests.permission_personas import API, IN_B, OK_ALL, OK_ALL_COUNTS, PAGE

WRITERS = {
    "province": 200,
    "commune_a": 200,
    "commune_b": 200,
    "secretary": 200,
    "member": 404,
    "outsider": 404,
}

MATRIX: dict = {
    "study:list": (None, {"anonymous": PAGE, **OK_ALL}),
    "study:create": (None, {"anonymous": PAGE, **WRITERS}),
    "study:figures": (None, {"anonymous": PAGE, **OK_ALL}),
    "study:export": (None, {"anonymous": PAGE, **OK_ALL}),
    "study:detail": ("study_session", {"anonymous": PAGE, **IN_B}),
    "study:edit": ("study_session", {"anonymous": PAGE, **IN_B}),
    "study:attendance": ("study_group", {"anonymous": PAGE, **IN_B}),
    "study:member_sessions": ("member", {"anonymous": PAGE, **IN_B}),
    "api:study_audience_kinds": (None, {"anonymous": API, **OK_ALL}),
    "api:study_sessions": (None, {"anonymous": API, **OK_ALL}),
    # same path as the list; POST is tested in study/tests/test_api.py (404 without write)
    "api:create_study_session": (None, {"anonymous": API, **OK_ALL}),
    "api:study_session": ("study_session", {"anonymous": API, **IN_B}),
    "api:study_rates": (None, {"anonymous": API, **OK_ALL_COUNTS}),  # needs ?unit=
}


def _session_in_b(world):
    from datetime import date

    from dangvu.study.models import AudienceKind
    from dangvu.study.services import create_session

    return create_session(
        actor=None,
        unit=world.c4,
        date=date(2025, 9, 1),
        title="Hội nghị học tập của chi bộ thôn Bắc",
        groups=[{"kind": AudienceKind.objects.get(code="dang_vien"), "by_list": True}],
    )


def _group_in_b(world):
    session = _session_in_b(world)
    return {"session_id": session.pk, "group_id": session.groups.get().pk}


TARGETS: dict = {
    "study_session": lambda world: {"session_id": _session_in_b(world).pk},
    "study_group": _group_in_b,
}
