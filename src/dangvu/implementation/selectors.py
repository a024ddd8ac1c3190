"""Scoped reads of the implementation app (one SQL filter on a path each; no tree walks)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q

from dangvu.orgs.tree_paths import path_range
from dangvu.reports.periods import Period
from dangvu.vntext.search_keys import search_terms

from .models import Assignment, Field, Item, ProgrammeItem, WorkProgramme


def _in_subtree(field: str, unit) -> Q:
    low, high = path_range(unit.path)
    return Q(**{f"{field}__gte": low, f"{field}__lt": high})


def item_list(
    user,
    *,
    document=None,
    kind: str | None = None,
    q: str = "",
    unit=None,
    overdue_on: date | None = None,
):
    """The items the user may see, filtered; ``unit``: assigned inside that unit's subtree;
    ``overdue_on``: with an assignment (that the user sees) past deadline and not reached."""
    items = Item.objects.visible_to(user).select_related("document__doc_type", "document__unit")
    if document is not None:
        items = items.filter(document=document)
    if kind:
        items = items.filter(kind=kind)
    for term in search_terms(q):
        items = items.filter(search_key__contains=term)
    if unit is not None:
        items = items.filter(
            Exists(Assignment.objects.filter(_in_subtree("unit__path", unit), item=OuterRef("pk")))
        )
    if overdue_on is not None:
        late = (
            Assignment.objects.visible_to(user).overdue_on(overdue_on).filter(item=OuterRef("pk"))
        )
        if unit is not None:
            late = late.filter(_in_subtree("unit__path", unit))
        items = items.filter(Exists(late))
    return items.order_by("-document__date", "document_id", "kind", "code", "id")


def overdue(user, day: date, *, unit=None):
    """Assignments past the item's deadline whose latest report has not reached it."""
    rows = Assignment.objects.visible_to(user).overdue_on(day)
    if unit is not None:
        rows = rows.filter(_in_subtree("unit__path", unit))
    return rows.select_related("item__document__doc_type", "unit", "last_report").order_by(
        "item__deadline", "unit__path", "item_id"
    )


def unit_figures(user, unit, day: date) -> dict:
    """The counts on a unit's overview: assignments in its subtree, reached, overdue, and
    reported for the current quarter (one query)."""
    quarter = Period.quarter_of(day)
    rows = Assignment.objects.visible_to(user).filter(_in_subtree("unit__path", unit))
    return rows.aggregate(
        n_total=Count("id", distinct=True),
        n_achieved=Count("id", distinct=True, filter=Q(achieved=True)),
        n_overdue=Count("id", distinct=True, filter=Q(item__deadline__lt=day, achieved=False)),
        n_due_soon=Count(
            "id",
            distinct=True,
            filter=Q(item__deadline__gte=day, item__deadline__lte=quarter.end, achieved=False),
        ),
        n_reported_this_quarter=Count(
            "id",
            distinct=True,
            filter=Q(
                reports__period_kind=quarter.kind,
                reports__year=quarter.year,
                reports__number=quarter.number,
            ),
        ),
    ) | {"quarter": quarter}


def programme_list(user, *, year: int | None = None, unit=None):
    """Programmes with their number of content groups, in total and per field (one query)."""
    programmes = WorkProgramme.objects.visible_to(user).select_related("unit")
    if year:
        programmes = programmes.filter(year=year)
    if unit is not None:
        programmes = programmes.filter(_in_subtree("unit__path", unit))
    per_field = {
        f"n_{value}": Count("items", filter=Q(items__field=value)) for value in Field.values
    }
    return programmes.annotate(n_items=Count("items"), **per_field).order_by("-year", "unit__path")


def field_counts(programme: WorkProgramme) -> list[tuple[str, str, int]]:
    """(field code, label, content groups) for every field, in the fields' order."""
    counts = dict(
        ProgrammeItem.objects.filter(programme=programme)
        .values_list("field")
        .annotate(n=Count("id", distinct=True))
        .values_list("field", "n")
    )
    return [(value, label, counts.get(value, 0)) for value, label in Field.choices]


def sees_document(user, document) -> bool:
    """Whether the user sees a document's implementation: issued inside the user's scope,
    or with an item assigned inside it."""
    from dangvu.accounts import permissions
    from dangvu.accounts.scopes import scope_for

    if scope_for(user, permissions.READ).covers(document.unit.path):
        return True
    return Item.objects.visible_to(user).filter(document=document).exists()


def document_section(request, document):
    """The targets-and-tasks section of a document's page (see ``documents.sections``):
    the targets and tasks the viewer may see, in one query."""
    from dangvu.documents.sections import Section

    items = list(item_list(request.user, document=document))
    return Section(
        title="Chỉ tiêu, nhiệm vụ thực hiện văn bản",
        template="implementation/_document_section.html",
        context={"items": items},
        order=10,
    )
