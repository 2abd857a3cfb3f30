from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "werkplek.notifications"
    label = "notifications"
    verbose_name = _("Notifications and reminders")

    def ready(self):
        from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES
        from werkplek.core.extensions import register_nav
        from werkplek.notifications import foundation

        register_nav(_("Home"), "notifications:home", roles=STAFF_ROLES, order=1)
        register_nav(_("Today"), "notifications:today", roles=MENTORING_ROLES, order=5)
        foundation.register()
