from django.contrib import admin

from .models import DocumentType


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sort_order", "active"]
    list_editable = ["name", "sort_order", "active"]
    search_fields = ["code", "name"]


# Documents themselves change only through the services (pages "Văn bản"), never here.
