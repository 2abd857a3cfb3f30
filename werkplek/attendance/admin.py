from django.contrib import admin

from werkplek.attendance.models import AttendanceDay


@admin.register(AttendanceDay)
class AttendanceDayAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "date", "status", "hours"]
    list_filter = ["status"]
    raw_id_fields = ["trajectory", "recorded_by"]
