from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "kind", "status", "actor", "unit", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "kind", "actor__username"]
    list_select_related = ["actor", "unit"]
    raw_id_fields = ["actor", "unit"]
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request):
        return False
