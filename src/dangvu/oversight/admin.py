from django.contrib import admin

from .models import ViolationCategory


@admin.register(ViolationCategory)
class ViolationCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "sort_order", "active")
    list_editable = ("sort_order", "active")
