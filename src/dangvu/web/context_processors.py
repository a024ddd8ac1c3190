from django.conf import settings


def site(request):
    return {
        "site_name": "dangvu",
        "demo_mode": settings.DEV_DEFAULTS,
    }
