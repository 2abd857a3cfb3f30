from django.contrib import admin

from werkplek.competences.models import (
    Competence,
    CompetenceFramework,
    CompetenceRating,
    RatingScale,
)


@admin.register(RatingScale)
class RatingScaleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "code", "organisation", "sector_pack", "achieved_level"]


class CompetenceInline(admin.TabularInline):
    model = Competence
    extra = 0
    fields = ["position", "code", "group", "label", "is_active"]


@admin.register(CompetenceFramework)
class CompetenceFrameworkAdmin(admin.ModelAdmin):
    list_display = ["__str__", "code", "organisation", "sector_pack"]
    inlines = [CompetenceInline]


@admin.register(CompetenceRating)
class CompetenceRatingAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "competence", "level", "rated_on", "source"]
    list_filter = ["source"]
    raw_id_fields = ["trajectory", "competence", "rated_by"]
