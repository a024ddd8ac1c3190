"""Reads of plans, cases and discipline decisions that depend on who asks.

* Plans and cases are read with ``read`` over the acting unit (a case also over its
  subject's unit); they are written with ``manage_discipline`` over the acting unit (the
  inspection commission's work).
* Discipline decisions: their **details** (subject, violation, form, text) are read with
  ``manage_discipline`` over the deciding unit or the subject's unit — the list rows, the
  detail page and the API object use :func:`detailed_decisions`; anybody who reads a unit
  sees only **counts** (:func:`decision_counts`). A decision outside the user's
  ``manage_discipline`` scope answers 404.
* The ``unit`` filter of every list keeps the records counted at that unit for a period
  ending on ``last`` (default today): the study module's :func:`counted_units_q` (its
  subtree as the tree stood then, and the ended units that now live under it), so a figure
  and the list it links to always agree.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for, today
from dangvu.orgs.models import Unit
from dangvu.study.selectors import counted_units_q

from .models import Case, DisciplineDecision, Form, Plan, SubjectKind

MANAGE = permissions.MANAGE_DISCIPLINE


def readable_units(user):
    return Unit.objects.visible_to(user, permissions.READ)


def top_unit(user) -> Unit | None:
    return readable_units(user).top()


def managed_units(user):
    """Current units where the user may record plans, cases and decisions."""
    return Unit.objects.visible_to(user, MANAGE).current().order_by("path")


def can_manage(user, unit: Unit) -> bool:
    return scope_for(user, MANAGE).covers(unit.path)


def sees_details(user, record) -> bool:
    """May ``user`` see the discipline details of ``record`` (a decision)?"""
    scope = scope_for(user, MANAGE)
    return scope.covers(record.unit.path) or scope.covers(record.subject_home.path)


def manages_anywhere(user) -> bool:
    return not scope_for(user, MANAGE).is_empty


# ---------------------------------------------------------------- plans


def plan_list(user, *, unit: Unit | None = None, year: int | None = None):
    qs = Plan.objects.visible_to(user).select_related("unit")
    if unit is not None:
        qs = qs.filter(counted_units_q(unit, today()))
    if year:
        qs = qs.filter(year=year)
    return qs.annotate(item_count=Count("items")).order_by("-year", "unit__path", "id")


def plan_for(user, plan_id: int, *, write: bool = False) -> Plan:
    plan = get_object_or_404(Plan.objects.visible_to(user).select_related("unit"), pk=plan_id)
    if write and not can_manage(user, plan.unit):
        raise Http404
    return plan


# ---------------------------------------------------------------- cases


def case_list(
    user,
    *,
    unit: Unit | None = None,
    first: date | None = None,
    last: date | None = None,
    activity: str = "",
    kind: str = "",
):
    """Cases started in ``first``..``last``; ``unit``: conducted by a unit counted there."""
    qs = Case.objects.visible_to(user).select_related("unit", "subject_home")
    if unit is not None:
        qs = qs.filter(counted_units_q(unit, last or today()))
    if first is not None:
        qs = qs.filter(start_date__gte=first)
    if last is not None:
        qs = qs.filter(start_date__lte=last)
    if activity:
        qs = qs.filter(activity=activity)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-start_date", "-id")


def case_for(user, case_id: int, *, write: bool = False) -> Case:
    case = get_object_or_404(
        Case.objects.visible_to(user).select_related(
            "unit", "subject_unit", "subject_member", "subject_home", "plan_item__plan"
        ),
        pk=case_id,
    )
    if write and not can_manage(user, case.unit):
        raise Http404
    return case


# ---------------------------------------------------------------- decisions


def filter_decisions(
    qs,
    *,
    unit: Unit | None = None,
    first: date | None = None,
    last: date | None = None,
    subject: str = "",
    form: str = "",
):
    """``subject``: "dang_vien" (any member) or "to_chuc"; ``unit``: the subject's unit
    counted at ``unit`` for a period ending ``last``."""
    if unit is not None:
        qs = qs.filter(counted_units_q(unit, last or today(), prefix="subject_home"))
    if first is not None:
        qs = qs.filter(date__gte=first)
    if last is not None:
        qs = qs.filter(date__lte=last)
    if subject == SubjectKind.UNIT:
        qs = qs.filter(subject_kind=SubjectKind.UNIT)
    elif subject == "dang_vien":
        qs = qs.exclude(subject_kind=SubjectKind.UNIT)
    if form:
        qs = qs.filter(form=form)
    return qs


def detailed_decisions(user, **filters):
    """Decisions whose details the user may see, filtered, newest first."""
    qs = DisciplineDecision.objects.visible_to(user, MANAGE).select_related(
        "unit", "subject_home", "violation"
    )
    return filter_decisions(qs, **filters).order_by("-date", "-id")


def decision_counts(user, **filters) -> dict:
    """Counts of the decisions the user may read (no details): one aggregate query.
    ``total``, ``members`` / ``units`` (decisions on each), ``hidden`` (those whose details
    the user may not see), and per form."""
    qs = filter_decisions(DisciplineDecision.objects.visible_to(user), **filters)
    manage = scope_for(user, MANAGE)
    detail_q = manage.q("unit__path") | manage.q("subject_home__path")
    on_unit = Q(subject_kind=SubjectKind.UNIT)
    row = qs.aggregate(
        total=Count("id"),
        units=Count("id", filter=on_unit),
        members=Count("id", filter=~on_unit),
        shown=Count("id", filter=detail_q),
        **{f"form_{f.value}": Count("id", filter=Q(form=f.value)) for f in Form},
    )
    return {
        "total": row["total"],
        "members": row["members"],
        "units": row["units"],
        "hidden": row["total"] - row["shown"],
        "forms": [(f, row[f"form_{f.value}"]) for f in Form if row[f"form_{f.value}"]],
    }


def decision_for(user, decision_id: int, *, write: bool = False) -> DisciplineDecision:
    """The decision if the user may see its details (404 otherwise)."""
    decision = get_object_or_404(
        DisciplineDecision.objects.visible_to(user, MANAGE).select_related(
            "unit",
            "subject_unit",
            "subject_member",
            "subject_home",
            "violation",
            "case",
            "member_event",
        ),
        pk=decision_id,
    )
    if write and not can_manage(user, decision.unit):
        raise Http404
    return decision


def member_section(request, member):
    """The member page's section (see ``dangvu.members.sections``): the member's discipline
    decisions, only for users who may see them (else nothing is shown, and nothing is asked
    of the database: the scopes are cached on the user)."""
    if not manages_anywhere(request.user):
        return None
    rows = list(
        DisciplineDecision.objects.visible_to(request.user, MANAGE)
        .filter(subject_member=member)
        .select_related("unit", "violation")
        .order_by("-date", "-id")
    )
    if not rows:
        return None
    return "oversight/_member_discipline.html", {"discipline_rows": rows}
