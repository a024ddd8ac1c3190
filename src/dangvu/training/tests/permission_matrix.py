"""Who may reach each training URL (merged by tests/test_permission_matrix.py).

Targets live in commune B: a class organised by B, a candidate cultivated in B's cell, a
member of B. Reading needs ``read`` over B (province, commune B); changing needs ``write``
there (the same two personas: the secretary's ``write`` covers only cell c1).
"""

from datetime import date

from dangvu.web.tests.permission_personas import API, IN_B, OK_ALL, PAGE, PERSONAS, member_in_b

WRITERS = {**dict.fromkeys(PERSONAS[1:], 200), "member": 404, "outsider": 404}
POST_ONLY = dict.fromkeys(PERSONAS[1:], 405)

MATRIX = {
    "training:list": (None, {"anonymous": PAGE, **OK_ALL}),
    "training:create": (None, {"anonymous": PAGE, **WRITERS}),
    "training:export": (None, {"anonymous": PAGE, **dict.fromkeys(PERSONAS[1:], 302)}),
    "training:detail": ("training_class", {"anonymous": PAGE, **IN_B}),
    "training:edit": ("training_class", {"anonymous": PAGE, **IN_B}),
    "training:enrol": ("training_class", {"anonymous": PAGE, **IN_B}),
    "training:results": ("training_class", {"anonymous": PAGE, **IN_B}),
    "training:export_trainees": (
        "training_class",
        {"anonymous": PAGE, **{k: 302 if v == 200 else v for k, v in IN_B.items()}},
    ),
    "training:unenrol": ("training_enrolment", {"anonymous": PAGE, **POST_ONLY}),
    "training:candidates": (None, {"anonymous": PAGE, **OK_ALL}),
    "training:candidate_create": (None, {"anonymous": PAGE, **WRITERS}),
    "training:candidate_edit": ("training_candidate", {"anonymous": PAGE, **IN_B}),
    "training:candidate_admitted": ("training_candidate", {"anonymous": PAGE, **POST_ONLY}),
    "training:figures": (None, {"anonymous": PAGE, **OK_ALL}),
    "training:worklist": (None, {"anonymous": PAGE, **OK_ALL}),
    "training:member_training": ("training_member", {"anonymous": PAGE, **IN_B}),
    "api:training_class_list": (None, {"anonymous": API, **OK_ALL}),
    "api:training_class_detail": ("training_class", {"anonymous": API, **IN_B}),
    "api:training_figures": (None, {"anonymous": API, **dict.fromkeys(PERSONAS[1:], 422)}),
}


def _class_in_b(world):
    from dangvu.training.models import Programme
    from dangvu.training.services import create_class

    return create_class(
        actor=None,
        programme=Programme.objects.get(code="chuyen_de"),
        unit=world.commune_b,
        name="Lớp chuyên đề xã Phú Mỹ",
        start_date=date(2025, 9, 1),
        end_date=date(2025, 9, 2),
    )


def _candidate_in_b(world):
    from dangvu.training.services import create_candidate

    return create_candidate(
        actor=None,
        ho="Lý",
        ten_dem="Văn",
        ten="Xa",
        birth_date=date(2000, 1, 1),
        gender="nam",
        unit=world.c4,
    )


def _enrolment_in_b(world):
    from dangvu.training.services import enrol

    training_class = _class_in_b(world)
    row = enrol(actor=None, training_class=training_class, candidates=[_candidate_in_b(world)])[0]
    return {"class_id": training_class.pk, "enrolment_id": row.pk}


def _member_in_b(world):
    return {"member_id": member_in_b(world).pk}


TARGETS = {
    "training_class": lambda world: {"class_id": _class_in_b(world).pk},
    "training_candidate": lambda world: {"candidate_id": _candidate_in_b(world).pk},
    "training_enrolment": _enrolment_in_b,
    "training_member": _member_in_b,
}
