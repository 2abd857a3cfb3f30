from django.contrib import admin

from werkplek.intake.models import (
    Application,
    GuideQuestion,
    Meeting,
    OperationalPreparation,
    QuestionGuide,
    WorkplaceLearningPolicy,
)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["candidate", "requested_kind", "source", "received_on", "organisation"]
    list_filter = ["requested_kind", "source"]
    raw_id_fields = ["candidate", "trajectory", "recorded_by"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "kind", "starts_at", "status"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["trajectory", "participants", "created_by"]


class GuideQuestionInline(admin.TabularInline):
    model = GuideQuestion
    extra = 0


@admin.register(QuestionGuide)
class QuestionGuideAdmin(admin.ModelAdmin):
    list_display = ["code", "organisation", "sector_pack"]
    inlines = [GuideQuestionInline]


admin.site.register(WorkplaceLearningPolicy)
admin.site.register(OperationalPreparation)
