"""Sections other apps add to a document's detail page ("Chỉ tiêu, nhiệm vụ", "Học tập,
quán triệt" …) without this app knowing them.

An app declares its providers on its AppConfig, like the member page's
``member_sections`` (``dangvu.members.sections``)::

    class ImplementationConfig(AppConfig):
        document_sections = ["dangvu.implementation.selectors.document_section"]

    def document_section(request, document):
        items = Item.objects.visible_to(request.user).filter(document=document)
        return Section(title="Chỉ tiêu, nhiệm vụ", template="implementation/_document.html",
                       context={"items": items}, order=10)

The provider returns a :class:`Section` or ``None`` (nothing to show, e.g. no permission).
The detail page renders every section in ``order`` with ``{% include section.template %}``;
the included template sees ``document`` and ``section`` (its data as
``section.context.items`` …).
Keep providers to a query or two: the detail page's query count is pinned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass
class Section:
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 50
    key: str = ""


def sections_for(request, document) -> list[Section]:
    sections = []
    for config in apps.get_app_configs():
        for path in getattr(config, "document_sections", ()):
            section = import_string(path)(request, document)
            if section is not None:
                section.key = section.key or config.label
                sections.append(section)
    return sorted(sections, key=lambda s: (s.order, s.key))
