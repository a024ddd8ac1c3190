"""Sections that other modules add to the member page (training, study sessions, meetings…).

An app declares ``member_sections = ["dangvu.app.module.function", …]`` on its AppConfig; each
function takes ``(request, member)`` and returns ``(template_name, context)`` or ``None`` (the
section is not shown to this viewer). The member page renders them in INSTALLED_APPS order, so a
new module appears on the profile without the members app knowing it.
"""

from django.apps import apps
from django.template.loader import render_to_string
from django.utils.module_loading import import_string


def section_functions() -> list:
    return [
        import_string(path)
        for config in apps.get_app_configs()
        for path in getattr(config, "member_sections", ())
    ]


def render_sections(request, member) -> list[str]:
    rendered = []
    for function in section_functions():
        section = function(request, member)
        if section is not None:
            template, context = section
            rendered.append(render_to_string(template, {"member": member, **context}, request))
    return rendered
