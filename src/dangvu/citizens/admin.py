from django.contrib import admin

from .models import Channel, Sector


@admin.register(Channel, Sector)
class CodeTableAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "sort_order", "active")
    list_editable = ("sort_order", "active")
