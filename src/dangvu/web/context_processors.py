from django.apps import apps
from django.conf import settings
from django.urls import reverse


def site(request):
    return {
        "site_name": "dangvu",
        "demo_mode": settings.DEV_DEFAULTS,
        "menu": menu_items(),
    }


def menu_items() -> list[tuple[str, str]]:
    """The navigation bar: each app declares ``menu = [(position, label, url_name), …]`` on
    its AppConfig, so a new module adds its pages without editing the base template."""
    items = sorted(
        item for config in apps.get_app_configs() for item in getattr(config, "menu", ())
    )
    return [(label, reverse(name)) for _position, label, name in items]
