from django.contrib import admin

from werkplek.imports.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["file_name", "organisation", "kind", "status", "created_by", "created_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["organisation", "created_by"]
    fields = ["organisation", "created_by", "kind", "file_name", "status", "summary", "imported_at"]
    readonly_fields = fields
