from django.contrib import admin

from .models import AuditEntry, ReadLogEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "source", "action", "object_repr"]
    list_filter = ["source", "object_type"]


@admin.register(ReadLogEntry)
class ReadLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "object_repr"]
