"""Who sees which documents, and the document list's search.

A document is visible to a user with READ over

* its issuing unit's subtree (a commune officer sees the commune's and its cells' documents);
* or a unit *above* one of the user's roots, now or in the past, so that the lower levels that
  implement a province resolution can read it (a cell secretary of commune A sees the
  province's and commune A's documents, and those of the old district and old commune the
  cell sat under before the 2025 reorganisation);
* or a unit that one of the user's roots took over by a merge or split (commune A reads the
  documents of the communes merged into it).

Sibling subtrees are never included: a commune-B document answers 404 to commune A.
All of it is one SQL condition: the subtree ranges on ``unit.path`` from the scope, or
``unit_id IN (…)`` for the units above and taken over, computed once per request with two or
three small queries (cached on the user like :func:`~dangvu.accounts.scopes.scope_for`).
"""

from __future__ import annotations

import re
from datetime import date

from django.db.models import Q

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for
from dangvu.orgs.models import LineageLink, Unit, UnitVersion
from dangvu.orgs.tree_paths import path_ids, path_range
from dangvu.vntext.search_keys import search_terms

from .models import Document
from .symbols import symbol_query

MAX_LINEAGE_HOPS = 8


def upper_unit_ids(user, perm: str = permissions.READ) -> frozenset[int]:
    """Ids of the units whose own documents the user reads without holding ``perm`` there:
    the units above the user's roots (over the roots' whole placement history, so a cell
    still reads the old district's resolutions) and the units the roots took over by a
    merge or split (with the units above those)."""
    scope = scope_for(user, perm)
    if scope.is_empty or scope.everything:
        return frozenset()
    cache = user.__dict__.setdefault("_dangvu_document_units", {})
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
            LineageLink.objects.filter(successor_id__in=frontier).values_list(
                "predecessor_id", flat=True
            )
        )
        found -= taken_over | root_ids
        taken_over |= found
        frontier = found
    ids: set[int] = set(taken_over)
    for path in scope.roots:
        ids.update(path_ids(path)[:-1])
    versions = UnitVersion.objects.filter(unit_id__in=root_ids | taken_over).values_list(
        "unit_id", "path"
    )
    for unit_id, path in versions:
        ids.update(i for i in path_ids(path) if i != unit_id)
    result = frozenset(ids - root_ids)
    cache[perm] = result
    return result


def visible_documents_q(user, perm: str = permissions.READ) -> Q:
    scope = scope_for(user, perm)
    if scope.everything:
        return Q()
    if scope.is_empty:
        return Q(pk__in=[])
    condition = scope.q("unit__path")
    extra = upper_unit_ids(user, perm)
    if extra:
        condition |= Q(unit_id__in=sorted(extra))
    return condition


def can_write(user, document: Document) -> bool:
    """Editing needs WRITE over the issuing unit itself (not just reading it from below)."""
    return scope_for(user, permissions.WRITE).covers(document.unit.path)


def writable_units(user):
    """Units where the user may register a document (WRITE), in tree order. Ended units stay
    listed: documents they issued before the reorganisation are still being registered."""
    return Unit.objects.visible_to(user, permissions.WRITE).order_by("path")


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


def type_codes() -> list[str]:
    """The codes of the type table as it is now (admins may add types)."""
    from .models import DocumentType

    return list(DocumentType.objects.values_list("code", flat=True))


def search_q(text: str) -> Q:
    wanted = symbol_query(text, type_codes=type_codes()) if _looks_like_symbol(text) else None
    if wanted is not None:
        head = f"{wanted.number_key}-{wanted.type_key}/"
        if wanted.agency_key:
            return Q(symbol_key=head + wanted.agency_key)
        return Q(symbol_key__startswith=head)
    condition = Q()
    for term in search_terms(text):
        condition &= Q(search_key__contains=term)
    return condition


def _looks_like_symbol(text: str) -> bool:
    start = (text or "").lstrip().lower()
    return start[:1].isdigit() or start.startswith("số")


def documents_named(user, text: str) -> list[Document]:
    """The readable documents a typed reference names: "71-NQ/TU", optionally with a year
    ("71-NQ/TU 2022", "71-NQ/TU ngày 29/8/2022") or a term ("01-HD/TW 2020-2025")."""
    from .symbols import parse_symbols

    found = parse_symbols(text, type_codes=type_codes())
    if not found:
        return []
    symbol = found[0]
    qs = Document.objects.visible_to(user).filter(symbol_key=symbol.key)
    rest = text[: symbol.start] + " " + text[symbol.end :]
    term = TERM_IN_TEXT.search(rest)
    if symbol.date is not None:
        qs = qs.filter(date=symbol.date)
    elif term:
        qs = qs.filter(term=f"{term.group(1)}-{term.group(2)}")
    else:
        year = YEAR_IN_TEXT.search(rest)
        if year:
            qs = qs.filter(date__year=int(year.group(0)))
    return list(qs.select_related("doc_type", "unit").order_by("-date", "-id")[:20])


def documents_mentioned(user, text: str | None) -> list[Document]:
    """The readable documents whose symbols a free text mentions ("quán triệt Nghị quyết
    71-NQ/TU và Chỉ thị 05-CT/TW"), newest first, in one query; a symbol several documents
    share (numbering restarts each term) lists each of them."""
    from .symbols import parse_symbols

    keys = {symbol.key for symbol in parse_symbols(text or "", type_codes=type_codes())}
    if not keys:
        return []
    qs = Document.objects.visible_to(user).filter(symbol_key__in=keys)
    return list(qs.select_related("doc_type", "unit").order_by("-date", "-id")[:20])


TERM_IN_TEXT = re.compile(r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b")
YEAR_IN_TEXT = re.compile(r"\b(?:19|20)\d\d\b")


def relations_of(user, document: Document) -> list[dict]:
    """The document's relations both ways, each worded from this document's side ("Thực
    hiện 71-NQ/TU" / "Được thực hiện bởi 09-KH/ĐU"); only partners the user may read."""
    from .models import REVERSE_LABELS, DocumentRelation, RelationKind

    visible = Document.objects.visible_to(user).values("pk")
    rows = (
        DocumentRelation.objects.filter(
            (Q(source=document) & Q(target__in=visible))
            | (Q(target=document) & Q(source__in=visible))
        )
        .select_related("source__doc_type", "target__doc_type", "source__unit", "target__unit")
        .order_by("kind", "id")
    )
    result = []
    for relation in rows:
        outgoing = relation.source_id == document.pk
        result.append(
            {
                "relation": relation,
                "label": RelationKind(relation.kind).label
                if outgoing
                else REVERSE_LABELS[relation.kind],
                "other": relation.target if outgoing else relation.source,
                "outgoing": outgoing,
            }
        )
    return result
