"""Who may reach each emulation URL (merged by tests/test_permission_matrix.py).

Targets live in commune B (cell c4): a pledge, a registration and a Dân vận khéo model of
c4, a recognition of a member of c4 by B; the criteria set is the province's."""

from dangvu.web.tests.permission_personas import (
    API,
    IN_B,
    OK_ALL,
    OK_ALL_COUNTS,
    PAGE,
    PERSONAS,
    member_in_b,
)

WRITERS = {
    "province": 200,
    "commune_a": 200,
    "commune_b": 200,
    "secretary": 200,
    "member": 404,
    "outsider": 404,
}
PROVINCE_ONLY = {**dict.fromkeys(PERSONAS[1:], 404), "province": 200}
IN_PROVINCE = {**WRITERS}  # every reader in the province; the plain member reads nothing
POST_ONLY = dict.fromkeys(PERSONAS[1:], 405)

MATRIX: dict = {
    "emulation:list": (None, {"anonymous": PAGE, **OK_ALL}),
    "emulation:registrations": (None, {"anonymous": PAGE, **OK_ALL}),
    "emulation:examples": (None, {"anonymous": PAGE, **OK_ALL}),
    "emulation:recognitions": (None, {"anonymous": PAGE, **OK_ALL}),
    "emulation:criteria": (None, {"anonymous": PAGE, **OK_ALL}),
    "emulation:figures": (None, {"anonymous": PAGE, **OK_ALL}),
    "emulation:export": (None, {"anonymous": PAGE, **OK_ALL}),
    "emulation:pledge_create": (None, {"anonymous": PAGE, **WRITERS}),
    "emulation:registration_create": (None, {"anonymous": PAGE, **WRITERS}),
    "emulation:example_create": (None, {"anonymous": PAGE, **WRITERS}),
    "emulation:recognition_create": (None, {"anonymous": PAGE, **WRITERS}),
    "emulation:criteria_create": (None, {"anonymous": PAGE, **PROVINCE_ONLY}),
    "emulation:criteria_detail": ("emulation_criteria", {"anonymous": PAGE, **IN_PROVINCE}),
    "emulation:criteria_edit": ("emulation_criteria", {"anonymous": PAGE, **PROVINCE_ONLY}),
    "emulation:pledge_detail": ("emulation_pledge", {"anonymous": PAGE, **IN_B}),
    "emulation:pledge_edit": ("emulation_pledge", {"anonymous": PAGE, **IN_B}),
    "emulation:pledge_evaluate": ("emulation_pledge", {"anonymous": PAGE, **IN_B}),
    "emulation:registration_detail": ("emulation_registration", {"anonymous": PAGE, **IN_B}),
    "emulation:registration_edit": ("emulation_registration", {"anonymous": PAGE, **IN_B}),
    "emulation:example_detail": ("emulation_example", {"anonymous": PAGE, **IN_B}),
    "emulation:example_edit": ("emulation_example", {"anonymous": PAGE, **IN_B}),
    "emulation:example_move": ("emulation_example", {"anonymous": PAGE, **POST_ONLY}),
    "emulation:recognition_detail": ("emulation_recognition", {"anonymous": PAGE, **IN_B}),
    "emulation:recognition_edit": ("emulation_recognition", {"anonymous": PAGE, **IN_B}),
    "api:emulation_pledges": (None, {"anonymous": API, **OK_ALL}),
    # same path as the list; POST is tested in emulation/tests/test_pages.py (404 without write)
    "api:create_emulation_pledge": (None, {"anonymous": API, **OK_ALL}),
    "api:emulation_pledge": ("emulation_pledge", {"anonymous": API, **IN_B}),
    "api:emulation_registrations": (None, {"anonymous": API, **OK_ALL}),
    "api:create_emulation_registration": (None, {"anonymous": API, **OK_ALL}),
    "api:emulation_examples": (None, {"anonymous": API, **OK_ALL}),
    "api:emulation_recognitions": (None, {"anonymous": API, **OK_ALL}),
    "api:emulation_figures": (None, {"anonymous": API, **OK_ALL_COUNTS}),  # needs ?unit=&year=
}


def _criteria(world):
    from dangvu.emulation.services import save_criteria_set

    criteria_set = save_criteria_set(
        actor=None,
        province=world.province,
        year=2025,
        target="chi_bo",
        title="Tiêu chí Chi bộ 4 tốt năm 2025",
        criteria=[{"code": "1", "text": "Chính trị tư tưởng tốt", "required": True}],
    )
    return {"set_id": criteria_set.pk}


def _pledge(world):
    from datetime import date

    from dangvu.emulation.services import create_pledge

    pledge = create_pledge(actor=None, unit=world.c4, year=2025, pledged_on=date(2025, 9, 1))
    return {"pledge_id": pledge.pk}


def _registration(world):
    from datetime import date

    from dangvu.emulation.services import register

    registration = register(actor=None, year=2025, registered_on=date(2025, 9, 1), unit=world.c4)
    return {"registration_id": registration.pk}


def _example(world):
    from dangvu.emulation.models import Field
    from dangvu.emulation.services import save_example

    example = save_example(
        actor=None,
        kind="mo_hinh_hay",
        movement="dan_van_kheo",
        title="Tổ tự quản đường làng sáng, xanh, sạch",
        unit=world.c4,
        field=Field.objects.get(code="moi_truong"),
        year=2025,
    )
    return {"example_id": example.pk}


def _recognition(world):
    from datetime import date

    from dangvu.emulation.models import RecognitionKind
    from dangvu.emulation.services import record_recognition

    recognition = record_recognition(
        actor=None,
        kind=RecognitionKind.objects.get(code="bi_thu_chi_bo_tieu_bieu"),
        member=member_in_b(world),
        year=2025,
        recognised_by=world.commune_b,
        recognised_on=date(2025, 12, 1),
    )
    return {"recognition_id": recognition.pk}


TARGETS: dict = {
    "emulation_criteria": _criteria,
    "emulation_pledge": _pledge,
    "emulation_registration": _registration,
    "emulation_example": _example,
    "emulation_recognition": _recognition,
}
