from django.contrib import admin

from werkplek.followup.models import FollowUpMoment, FollowUpRule, FollowUpSettings


@admin.register(FollowUpRule)
class FollowUpRuleAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "subject", "frequency", "starts_on", "ends_on"]
    raw_id_fields = ["trajectory", "competence", "goal", "responsible"]


@admin.register(FollowUpMoment)
class FollowUpMomentAdmin(admin.ModelAdmin):
    list_display = ["rule", "window_start", "due_date", "state"]
    list_filter = ["state"]
    raw_id_fields = ["rule", "trajectory", "covered_by", "resolved_by"]


admin.site.register(FollowUpSettings)
