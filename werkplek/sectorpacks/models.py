from django.db import models
from django.utils.translation import gettext_lazy as _

from werkplek.core.i18n import localized


class SectorPack(models.Model):
    """Sector data shipped with Werkplek (checklist, credentials, competences), loaded from
    the TOML files in sectorpacks/data/<code>/ by `manage.py load_sector_packs`."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.JSONField(_("name"), default=dict)
    sector = models.JSONField(_("sector"), default=dict)
    version = models.PositiveIntegerField(_("version"), default=1)
    checksum = models.CharField(_("checksum of the data files"), max_length=64, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("sector pack")
        verbose_name_plural = _("sector packs")
        ordering = ["code"]

    def __str__(self) -> str:
        return localized(self.name) or self.code
