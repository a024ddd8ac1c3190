from django.contrib import admin

from .models import KindRule, UnitKind


@admin.register(UnitKind)
class UnitKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sort_order", "is_grassroots", "is_cell", "historical"]


@admin.register(KindRule)
class KindRuleAdmin(admin.ModelAdmin):
    list_display = ["parent_kind", "child_kind"]
    list_filter = ["parent_kind"]


# Units themselves change only through the services (pages "Cây tổ chức"), never here.
