from django.contrib import admin

from werkplek.documents.models import Document, DocumentSlot, DocumentSlotType


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "candidate", "kind", "source", "version", "created_at"]
    list_filter = ["kind", "source"]
    raw_id_fields = ["candidate", "trajectory", "slot", "previous", "uploaded_by"]
    list_select_related = ["organisation", "candidate"]


@admin.register(DocumentSlotType)
class DocumentSlotTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "organisation", "sector_pack", "done_status", "checklist_item"]


@admin.register(DocumentSlot)
class DocumentSlotAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "slot_type", "status", "changed_at"]
    raw_id_fields = ["trajectory", "changed_by"]
