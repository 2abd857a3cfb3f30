from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class PrintingConfig(AppConfig):
    name = "werkplek.printing"
    label = "printing"
    verbose_name = _("Printing")

    def ready(self):
        from werkplek.accounts.models import STAFF_ROLES
        from werkplek.core.extensions import register_nav, register_trajectory_tab
        from werkplek.printing.events import PRINTING_EVENT_TEXTS
        from werkplek.printing.printables import READERS, register
        from werkplek.trajectories.events import EVENT_TEXTS

        EVENT_TEXTS.update(PRINTING_EVENT_TEXTS)
        register()
        if apps.is_installed("werkplek.evaluations"):
            from werkplek.printing import evaluations

            evaluations.register()
        register_trajectory_tab(_("Print"), "printing:trajectory", roles=READERS, order=45)
        register_nav(_("Print settings"), "printing:settings", roles=STAFF_ROLES, order=95)
