"""Sections other apps add to a document's detail page ("Tổ chức thực hiện", "Học tập,
quán triệt" …) without this app knowing them.

An app registers a provider once, from its ``AppConfig.ready``::

    from dangvu.documents.sections import register_section

    def implementation_section(request, document):
        targets = Target.objects.filter(document=document)       # already scoped to the user
        return Section(title="Tổ chức thực hiện", template="implementation/_document.html",
                       context={"targets": targets}, order=10)

    register_section("implementation", implementation_section)

The provider returns a :class:`Section` or ``None`` (nothing to show, e.g. no permission).
The detail page renders every section in ``order`` with ``{% include section.template %}``;
the included template sees ``document`` and ``section`` (its data as
``section.context.targets`` …).
Keep providers to a query or two: the detail page's query count is pinned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Section:
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 50
    key: str = ""


Provider = Callable[[Any, Any], "Section | None"]
_PROVIDERS: dict[str, Provider] = {}


def register_section(key: str, provider: Provider) -> None:
    """Register (or replace, for the same key) the provider of one section."""
    _PROVIDERS[key] = provider


def unregister_section(key: str) -> None:
    _PROVIDERS.pop(key, None)


def sections_for(request, document) -> list[Section]:
    sections = []
    for key, provider in _PROVIDERS.items():
        section = provider(request, document)
        if section is not None:
            section.key = section.key or key
            sections.append(section)
    return sorted(sections, key=lambda s: (s.order, s.key))
