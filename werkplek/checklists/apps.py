from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecklistsConfig(AppConfig):
    name = "werkplek.checklists"
    label = "checklists"
    verbose_name = _("Checklists")

    def ready(self):
        from werkplek.accounts.models import STAFF_ROLES
        from werkplek.checklists.services import checklist_listener
        from werkplek.core.extensions import register_nav
        from werkplek.core.hooks import listen_trajectory_changed

        register_nav(_("Checklist"), "checklists:template", roles=STAFF_ROLES, order=80)
        listen_trajectory_changed(checklist_listener, order=20)
        from werkplek.checklists.services import end_formalities_reasons
        from werkplek.trajectories.transitions import CLOSE, register_guard

        register_guard(CLOSE.code, end_formalities_reasons)
