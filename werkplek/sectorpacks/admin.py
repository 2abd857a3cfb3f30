from django.contrib import admin

from werkplek.sectorpacks.models import SectorPack


@admin.register(SectorPack)
class SectorPackAdmin(admin.ModelAdmin):
    list_display = ["code", "version", "loaded_at"]
    readonly_fields = ["code", "name", "sector", "version", "checksum", "loaded_at"]
