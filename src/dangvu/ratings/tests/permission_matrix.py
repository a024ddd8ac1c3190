"""Who may reach each ratings URL (merged by tests/test_permission_matrix.py). The targets lie
in commune B (a round of B, its cell c4, a rating and a commitment there)."""

from datetime import date

from dangvu.web.tests.permission_personas import (
    API,
    IN_B,
    OK_ALL,
    OK_ALL_COUNTS,
    PAGE,
    PERSONAS,
    member_in_b,
)

WRITERS = {"province": 200, "commune_a": 200, "commune_b": 200, "secretary": 200}
ANY_WRITER = {**dict.fromkeys(PERSONAS[1:], 404), **WRITERS}

MATRIX: dict = {
    "ratings:list": (None, {"anonymous": PAGE, **OK_ALL}),
    "ratings:round_create": (None, {"anonymous": PAGE, **ANY_WRITER}),
    "ratings:round": ("rating_round", {"anonymous": PAGE, **IN_B}),
    "ratings:round_edit": ("rating_round", {"anonymous": PAGE, **IN_B}),
    "ratings:rate_cell": ("rating_cell", {"anonymous": PAGE, **IN_B}),
    "ratings:rate_unit": ("rating_unit_round", {"anonymous": PAGE, **IN_B}),
    "ratings:ratings": (None, {"anonymous": PAGE, **OK_ALL}),
    "ratings:export": (None, {"anonymous": PAGE, **OK_ALL}),
    "ratings:rating_edit": ("rating_b", {"anonymous": PAGE, **IN_B}),
    "ratings:commitments": (None, {"anonymous": PAGE, **OK_ALL}),
    "ratings:commitment_create": (None, {"anonymous": PAGE, **ANY_WRITER}),
    "ratings:commitment": ("commitment_b", {"anonymous": PAGE, **IN_B}),
    "ratings:commitment_edit": ("commitment_b", {"anonymous": PAGE, **IN_B}),
    "ratings:figures": (None, {"anonymous": PAGE, **OK_ALL}),
    "ratings:unit": ("unit", {"anonymous": PAGE, **IN_B}),
    "api:rating_rounds": (None, {"anonymous": API, **OK_ALL}),
    "api:rating_round": ("rating_round", {"anonymous": API, **IN_B}),
    # POST only (GET answers 405); the POST is tested in ratings/tests/test_api.py
    "api:rating_submit": ("rating_round", dict.fromkeys(PERSONAS, 405)),
    "api:rating_list": (None, {"anonymous": API, **OK_ALL}),
    "api:rating_figures": (None, {"anonymous": API, **OK_ALL_COUNTS}),  # needs ?unit=&year=
    "api:rating_commitments": (None, {"anonymous": API, **OK_ALL}),
}


def _round(world, kind="dang_vien"):
    from dangvu.ratings.services import create_round

    return create_round(
        actor=None, unit=world.commune_b, subject_kind=kind, year=2025, date=date(2025, 12, 10)
    )


def _rating(world):
    from dangvu.ratings.models import Rating
    from dangvu.ratings.services import Entry, rate_members

    member = member_in_b(world)
    round_ = _round(world)
    rate_members(actor=None, round_=round_, entries=[Entry(member_id=member.pk, score="80")])
    return Rating.objects.get(round=round_)


def _commitment(world):
    from dangvu.ratings.services import create_commitment

    return create_commitment(
        actor=None, rating=_rating(world), shortcoming="s", action="a", due=date(2026, 3, 1)
    )


TARGETS: dict = {
    "rating_round": lambda world: {"round_id": _round(world).pk},
    "rating_unit_round": lambda world: {"round_id": _round(world, "to_chuc").pk},
    "rating_cell": lambda world: {"round_id": _round(world).pk, "cell_id": world.c4.pk},
    "rating_b": lambda world: {"rating_id": _rating(world).pk},
    "commitment_b": lambda world: {"commitment_id": _commitment(world).pk},
}
