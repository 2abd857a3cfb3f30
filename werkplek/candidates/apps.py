from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CandidatesConfig(AppConfig):
    name = "werkplek.candidates"
    label = "candidates"
    verbose_name = _("Candidates")

    def ready(self):
        from werkplek.accounts.models import STAFF_ROLES
        from werkplek.core.extensions import register_nav

        register_nav(_("Candidates"), "candidates:list", roles=STAFF_ROLES, order=15)
