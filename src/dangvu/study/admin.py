from django.contrib import admin

from .models import AudienceKind


@admin.register(AudienceKind)
class AudienceKindAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "sort_order", "active")
    list_editable = ("sort_order", "active")
