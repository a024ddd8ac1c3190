from django.contrib import admin

from .models import Scheme


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    """The thresholds and quota are configuration: kept here by the installation's admins."""

    list_display = [
        "province",
        "effective_year",
        "excellent_min",
        "good_min",
        "pass_min",
        "quota_percent",
        "quota_base",
    ]
