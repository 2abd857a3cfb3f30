from django.contrib import admin

from werkplek.logbook.models import LogEntry


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "date", "kind", "author", "hours"]
    list_filter = ["kind"]
    raw_id_fields = ["trajectory", "author", "planned_moment"]
    filter_horizontal = ["competences"]
