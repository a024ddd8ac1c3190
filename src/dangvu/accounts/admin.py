from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import ApiToken, Role, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    raw_id_fields = ["unit"]


@admin.register(User)
class DangvuUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("dangvu", {"fields": ["full_name"]}))
    list_display = ["username", "full_name", "is_active", "is_staff"]
    search_fields = ["username", "full_name"]
    inlines = [RoleAssignmentInline]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "permissions"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "valid_from", "valid_to"]
    raw_id_fields = ["unit", "user"]
    list_filter = ["role"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["digest", "created_at", "last_used_at"]
