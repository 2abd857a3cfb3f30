from django.contrib import admin

from werkplek.credentials.models import Credential, CredentialType


@admin.register(CredentialType)
class CredentialTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "category", "organisation", "sector_pack", "is_active"]
    list_filter = ["category", "is_active"]


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin):
    """Medical fitness shows only its date here too: nothing else is stored."""

    list_display = ["candidate", "type", "expires_on", "verified_at", "organisation"]
    list_filter = ["type__category"]
    raw_id_fields = ["candidate", "evidence", "verified_by", "recorded_by"]
    list_select_related = ["candidate", "type", "organisation"]
