"""The programme code table is edited here; every change is written to the audit log."""

from django.contrib import admin

from dangvu.audit.services import record_change, snapshot

from .models import Programme

FIELDS = ["code", "name", "audience", "validity_months", "sort_order", "active"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "audience", "validity_months", "sort_order", "active"]
    list_filter = ["audience", "active"]
    fields = FIELDS

    def save_model(self, request, obj, form, change):
        before = snapshot(Programme.objects.get(pk=obj.pk), FIELDS) if change else None
        super().save_model(request, obj, form, change)
        record_change(
            actor=request.user,
            action="training.programme.update" if change else "training.programme.create",
            obj=obj,
            before=before,
            after=snapshot(obj, FIELDS),
        )

    def has_delete_permission(self, request, obj=None):
        return False  # a programme in use is kept; untick "đang dùng" instead


# Classes, candidates and enrolments change only through the services (pages), never here.
