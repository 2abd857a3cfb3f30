from django.contrib import admin

from werkplek.evaluations.models import Course, Evaluation, OutcomeDecision, Signature


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "kind", "status", "scheduled_on", "version", "locked_at"]
    list_filter = ["kind", "status"]
    readonly_fields = ["locked_at", "previous", "version"]


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    list_display = ["evaluation", "party", "typed_name", "signed_at", "on_behalf"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "organisation", "is_active"]
    list_filter = ["is_active"]


@admin.register(OutcomeDecision)
class OutcomeDecisionAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "__str__", "decided_by", "created_at"]
