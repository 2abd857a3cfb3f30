from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SectorpacksConfig(AppConfig):
    name = "werkplek.sectorpacks"
    label = "sectorpacks"
    verbose_name = _("Sector packs")
