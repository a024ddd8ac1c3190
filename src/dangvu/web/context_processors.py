from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.urls import reverse


def site(request):
    return {
        "site_name": "dangvu",
        "demo_mode": settings.DEV_DEFAULTS,
        "menu": menu_items(),
    }


# The navigation bar's groups by position (first position, label); a group of one entry is shown
# as that entry (17 entries in one row wrapped to three lines on a 1280-pixel screen).
MENU_GROUPS = [
    (0, ""),
    (10, "Tổ chức, đảng viên"),
    (30, "Công tác"),
    (60, "Kiểm tra, đánh giá"),
    (80, "Hệ thống"),
]


@dataclass
class MenuGroup:
    label: str
    entries: list[tuple[str, str]] = field(default_factory=list)  # (label, href)


def menu_items() -> list[MenuGroup]:
    """The navigation bar: each app declares ``menu = [(position, label, url_name), …]`` on
    its AppConfig, so a new module adds its pages without editing the base template; entries
    are grouped by position (:data:`MENU_GROUPS`)."""
    items = sorted(
        item for config in apps.get_app_configs() for item in getattr(config, "menu", ())
    )
    groups: list[MenuGroup] = []
    for position, label, name in items:
        group_label = next(g for start, g in reversed(MENU_GROUPS) if position >= start)
        if not groups or groups[-1].label != group_label or not group_label:
            groups.append(MenuGroup(label=group_label))
        groups[-1].entries.append((label, reverse(name)))
    return groups
