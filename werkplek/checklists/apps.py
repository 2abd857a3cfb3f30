from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecklistsConfig(AppConfig):
    name = "werkplek.checklists"
    label = "checklists"
    verbose_name = _("Checklists")

    def ready(self):
        from werkplek.accounts.models import STAFF_ROLES
        from werkplek.core.extensions import register_nav

        register_nav(_("Checklist"), "checklists:template", roles=STAFF_ROLES, order=80)
