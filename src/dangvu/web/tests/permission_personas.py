"""Personas and expected-status shorthands shared by every app's permission-matrix entries.

Each app may add ``tests/permission_matrix.py`` with ``MATRIX`` (url name → (target, statuses))
and ``TARGETS`` (target name → ``callable(world) -> reverse kwargs``);
``tests/test_permission_matrix.py`` merges them.
"""

from datetime import date

PERSONAS = ["anonymous", "province", "commune_a", "commune_b", "secretary", "member", "outsider"]

# Target: a cell of commune B ("Chi bộ thôn Bắc"), i.e. inside B, outside A.
OK_ALL = dict.fromkeys(PERSONAS[1:], 200)
IN_B = {
    "province": 200,
    "commune_a": 404,
    "commune_b": 200,
    "secretary": 404,
    "member": 404,
    "outsider": 404,
}
MANAGE_B = IN_B  # only Ban Tổ chức of the province and of B manage B's units
PAGE, API = 302, 401
# counts need ?unit=: without it the request is malformed for everybody signed in
OK_ALL_COUNTS = dict.fromkeys(PERSONAS[1:], 422)  # what anonymous users get


def member_in_b(world):
    """A member of cell c4 (commune B): Lê Văn Bắc, admitted 2010."""
    from dangvu.members.services import register_member

    return register_member(
        actor=None,
        identity={
            "ho": "Lê",
            "ten_dem": "Văn",
            "ten": "Bắc",
            "gender": "nam",
            "birth_date": date(1980, 1, 1),
        },
        admission_date=date(2010, 1, 1),
        ceremony_date=date(2010, 1, 1),
        unit=world.c4,
    )
