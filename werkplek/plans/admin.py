from django.contrib import admin

from werkplek.plans.models import LearningMoment, PlanDispatch, PlanGoal, PlanVersion


class PlanGoalInline(admin.TabularInline):
    model = PlanGoal
    extra = 0
    fields = ["position", "competence", "target_level", "target_date", "description"]
    raw_id_fields = ["competence"]


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "number", "status", "agreed_at"]
    list_filter = ["status"]
    raw_id_fields = ["trajectory", "created_by", "agreed_by"]
    inlines = [PlanGoalInline]


@admin.register(LearningMoment)
class LearningMomentAdmin(admin.ModelAdmin):
    list_display = ["topic", "date", "version"]
    raw_id_fields = ["version", "led_by"]
    filter_horizontal = ["goals"]


@admin.register(PlanDispatch)
class PlanDispatchAdmin(admin.ModelAdmin):
    list_display = ["version", "method", "sent_to", "created_at"]
    raw_id_fields = ["version", "sent_by"]
