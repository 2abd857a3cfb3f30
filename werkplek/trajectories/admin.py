from django.contrib import admin

from werkplek.trajectories.models import MentorAssignment, Trajectory, TrajectoryEvent


class MentorAssignmentInline(admin.TabularInline):
    model = MentorAssignment
    extra = 0
    raw_id_fields = ["mentor"]


@admin.register(Trajectory)
class TrajectoryAdmin(admin.ModelAdmin):
    """Read-mostly: status and step change only through the app's transitions."""

    list_display = ["candidate", "organisation", "kind", "status", "step", "planned_start"]
    list_filter = ["organisation", "kind", "status", "step"]
    search_fields = ["candidate__first_name", "candidate__last_name"]
    list_select_related = ["candidate", "organisation"]
    readonly_fields = ["status", "step", "outcome", "actual_start", "actual_end"]
    raw_id_fields = ["candidate", "coordinator"]
    inlines = [MentorAssignmentInline]


@admin.register(TrajectoryEvent)
class TrajectoryEventAdmin(admin.ModelAdmin):
    list_display = ["at", "trajectory", "action", "actor"]
    list_filter = ["action"]
    raw_id_fields = ["trajectory", "actor"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
