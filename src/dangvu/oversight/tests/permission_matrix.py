"""Who may reach each oversight URL (merged by tests/test_permission_matrix.py).

None of the shared personas holds ``manage_discipline``: they read plans, cases and the
counts, but every decision page and every form answers 404. The inspection commission's
side (role ``kiem_tra``) is tested in ``test_permissions.py``.
"""

from datetime import date

from dangvu.web.tests.permission_personas import API, IN_B, OK_ALL, OK_ALL_COUNTS, PAGE, PERSONAS

NOBODY = dict.fromkeys(PERSONAS[1:], 404)

MATRIX: dict = {
    "oversight:list": (None, {"anonymous": PAGE, **OK_ALL}),
    "oversight:case_create": (None, {"anonymous": PAGE, **NOBODY}),
    "oversight:case_export": (None, {"anonymous": PAGE, **OK_ALL}),
    "oversight:case_detail": ("oversight_case", {"anonymous": PAGE, **IN_B}),
    "oversight:case_edit": ("oversight_case", {"anonymous": PAGE, **NOBODY}),
    "oversight:plan_list": (None, {"anonymous": PAGE, **OK_ALL}),
    "oversight:plan_create": (None, {"anonymous": PAGE, **NOBODY}),
    "oversight:plan_detail": ("oversight_plan", {"anonymous": PAGE, **IN_B}),
    "oversight:plan_edit": ("oversight_plan", {"anonymous": PAGE, **NOBODY}),
    "oversight:decision_list": (None, {"anonymous": PAGE, **OK_ALL}),
    "oversight:decision_create": (None, {"anonymous": PAGE, **NOBODY}),
    "oversight:decision_export": (None, {"anonymous": PAGE, **OK_ALL}),
    "oversight:decision_detail": ("oversight_decision", {"anonymous": PAGE, **NOBODY}),
    "oversight:decision_edit": ("oversight_decision", {"anonymous": PAGE, **NOBODY}),
    "oversight:figures": (None, {"anonymous": PAGE, **OK_ALL}),
    "api:oversight_plans": (None, {"anonymous": API, **OK_ALL}),
    "api:oversight_plan": ("oversight_plan", {"anonymous": API, **IN_B}),
    "api:oversight_cases": (None, {"anonymous": API, **OK_ALL}),
    "api:oversight_case": ("oversight_case", {"anonymous": API, **IN_B}),
    # same path as the POST (oversight_decide, tested in test_api.py): GET lists the
    # decisions whose details the user may see (none for these personas)
    "api:oversight_decisions": (None, {"anonymous": API, **OK_ALL}),
    "api:oversight_decide": (None, {"anonymous": API, **OK_ALL}),  # GET = the list above
    "api:oversight_decision_counts": (None, {"anonymous": API, **OK_ALL}),
    "api:oversight_decision": ("oversight_decision", {"anonymous": API, **NOBODY}),
    "api:oversight_figures": (None, {"anonymous": API, **OK_ALL_COUNTS}),  # needs ?unit=&year=
}


def _violation():
    from dangvu.oversight.models import ViolationCategory

    return ViolationCategory.objects.order_by("sort_order").first()


def case_in_b(world):
    from dangvu.oversight.services import create_case

    case = create_case(
        actor=None,
        unit=world.commune_b,
        activity="kiem_tra",
        kind="thuong_xuyen",
        subject_unit=world.c4,
        start_date=date(2025, 9, 1),
        title="Kiểm tra việc thực hiện nghị quyết của chi bộ",
    )
    return {"case_id": case.pk}


def plan_in_b(world):
    from dangvu.oversight.services import create_plan

    plan = create_plan(actor=None, unit=world.commune_b, year=2025, title="Kế hoạch năm 2025")
    return {"plan_id": plan.pk}


def decision_in_b(world):
    from dangvu.oversight.services import decide_discipline

    decision = decide_discipline(
        actor=None,
        unit=world.commune_b,
        number="01-QĐ/ĐU",
        date=date(2025, 10, 1),
        violation=_violation(),
        form="khien_trach",
        subject_unit=world.c4,
    )
    return {"decision_id": decision.pk}


TARGETS: dict = {
    "oversight_case": case_in_b,
    "oversight_plan": plan_in_b,
    "oversight_decision": decision_in_b,
}
