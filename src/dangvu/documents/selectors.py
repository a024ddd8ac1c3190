"""Who sees which documents, and the document list's search.

A document is visible to a user with READ over

* its issuing unit's subtree (a commune officer sees the commune's and its cells' documents);
* or a unit *above* one of the user's roots, now or in the past, so that the lower levels that
  implement a province resolution can read it (a cell secretary of commune A sees the
  province's and commune A's documents; documents of the old district and the old commune
  that commune A took over in the 2025 reorganisation stay readable too);
* or a unit that one of the user's roots took over by a merge or split (commune A reads the
  documents of the communes merged into it).

Sibling subtrees are never included: a commune-B document answers 404 to commune A.
All of it is one SQL condition on ``unit.path``: the subtree ranges from the scope plus an
``IN`` list of the ancestor and predecessor paths, computed once per request (cached on the
user like :func:`~dangvu.accounts.scopes.scope_for`).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for
from dangvu.orgs.models import LineageLink, Unit, UnitVersion
from dangvu.orgs.tree_paths import SEPARATOR, path_ids, path_range
from dangvu.vntext.search_keys import search_terms

from .models import Document
from .symbols import symbol_query

MAX_LINEAGE_HOPS = 8


def proper_prefixes(path: str) -> list[str]:
    """ "/1/5/9/" → ["/1/", "/1/5/"]: the paths of the units above."""
    ids = path_ids(path)
    return [
        SEPARATOR + SEPARATOR.join(str(i) for i in ids[:k]) + SEPARATOR for k in range(1, len(ids))
    ]


def upper_paths(user, perm: str = permissions.READ) -> tuple[str, ...]:
    """Paths of the units whose own documents the user reads without holding ``perm`` there:
    the ancestors of the user's roots (over their whole placement history) and the units the
    roots took over (with those units' ancestors)."""
    scope = scope_for(user, perm)
    if scope.is_empty or scope.everything:
        return ()
    cache = user.__dict__.setdefault("_dangvu_document_paths", {})
    if perm in cache:
        return cache[perm]
    root_ids = {path_ids(root)[-1] for root in scope.roots}
    # units taken over by the roots, transitively (merges, splits)
    taken_over: set[int] = set()
    frontier = set(root_ids)
    for _ in range(MAX_LINEAGE_HOPS):
        if not frontier:
            break
        found = set(
            LineageLink.objects.filter(successor_id__in=frontier)
            .exclude(predecessor_id__in=taken_over | root_ids)
            .values_list("predecessor_id", flat=True)
        )
        found -= taken_over | root_ids
        taken_over |= found
        frontier = found
    paths: set[str] = set()
    for path in scope.roots:
        paths.update(proper_prefixes(path))
    versions = UnitVersion.objects.filter(unit_id__in=root_ids | taken_over).values_list(
        "path", flat=True
    )
    for path in versions:
        paths.update(proper_prefixes(path))
    if taken_over:
        paths.update(Unit.objects.filter(pk__in=taken_over).values_list("path", flat=True))
    # what is already inside the scope needs no listing
    result = tuple(sorted(p for p in paths if not scope.covers(p)))
    cache[perm] = result
    return result


def visible_documents_q(user, perm: str = permissions.READ) -> Q:
    scope = scope_for(user, perm)
    if scope.everything:
        return Q()
    if scope.is_empty:
        return Q(pk__in=[])
    condition = scope.q("unit__path")
    extra = upper_paths(user, perm)
    if extra:
        condition |= Q(unit__path__in=extra)
    return condition


def can_write(user, document: Document) -> bool:
    """Editing needs WRITE over the issuing unit itself (not just reading it from below)."""
    return scope_for(user, permissions.WRITE).covers(document.unit.path)


def writable_units(user):
    """Units where the user may register a document (WRITE), current ones first by path."""
    return Unit.objects.visible_to(user, permissions.WRITE).current().order_by("path")


def document_list(
    user,
    *,
    q: str = "",
    doc_type=None,
    unit: Unit | None = None,
    within: bool = False,
    body: str = "",
    agency: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
):
    """The documents the user may read, filtered; newest first.

    ``q`` is a symbol ("71-NQ/TU", "71 nq") or words of the title, summary or symbol
    (diacritics ignored). ``unit`` keeps the documents issued by that unit (``within``: by it
    or any unit of its subtree).
    """
    qs = Document.objects.visible_to(user).select_related("doc_type", "unit")
    if q:
        qs = qs.filter(search_q(q))
    if doc_type is not None:
        qs = qs.filter(doc_type=doc_type)
    if unit is not None:
        if within:
            low, high = path_range(unit.path)
            qs = qs.filter(unit__path__gte=low, unit__path__lt=high)
        else:
            qs = qs.filter(unit=unit)
    if body:
        qs = qs.filter(body=body)
    if agency:
        from .symbols import agency_key

        qs = qs.filter(agency_key=agency_key(agency))
    if date_from is not None:
        qs = qs.filter(date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(date__lte=date_to)
    return qs.order_by("-date", "-id")


def search_q(text: str) -> Q:
    wanted = symbol_query(text)
    if wanted is not None:
        head = f"{wanted.number_key}-{wanted.type_key}/"
        if wanted.agency_key:
            return Q(symbol_key=head + wanted.agency_key)
        return Q(symbol_key__startswith=head)
    condition = Q()
    for term in search_terms(text):
        condition &= Q(search_key__contains=term)
    return condition
