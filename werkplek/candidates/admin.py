from django.contrib import admin

from werkplek.candidates.models import Candidate


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "organisation", "email", "language"]
    list_filter = ["organisation", "language"]
    search_fields = ["first_name", "last_name", "email"]
    list_select_related = ["organisation"]
