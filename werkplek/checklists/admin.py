from django.contrib import admin

from werkplek.checklists.models import ChecklistItem, ChecklistTemplate, TemplateItem


class TemplateItemInline(admin.TabularInline):
    model = TemplateItem
    extra = 0
    fields = ["position", "phase", "parent", "code", "label", "required", "rule", "due_days"]
    raw_id_fields = ["parent"]


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "sector_pack"]
    inlines = [TemplateItemInline]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "code", "phase", "state", "due_date"]
    list_filter = ["phase", "state"]
    raw_id_fields = ["trajectory", "parent", "resolved_by"]
