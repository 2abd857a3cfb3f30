from django.contrib import admin

from werkplek.notifications.models import (
    DigestRun,
    Notification,
    NotificationPreference,
    PeriodicRun,
)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: notifications come from the scan."""

    list_display = ["kind", "recipient", "organisation", "level", "created_at", "read_at"]
    list_filter = ["kind", "level", "organisation"]
    search_fields = ["recipient__email", "key"]
    list_select_related = ["recipient", "organisation"]
    raw_id_fields = ["recipient", "trajectory"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "digest"]
    list_filter = ["digest"]
    raw_id_fields = ["user"]


@admin.register(DigestRun)
class DigestRunAdmin(admin.ModelAdmin):
    list_display = ["user", "period", "sent_at", "notification_count"]
    search_fields = ["user__email", "period"]
    list_select_related = ["user"]


@admin.register(PeriodicRun)
class PeriodicRunAdmin(admin.ModelAdmin):
    list_display = ["job", "slot", "created_at"]
    list_filter = ["job"]
