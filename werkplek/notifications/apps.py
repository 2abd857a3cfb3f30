from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "werkplek.notifications"
    label = "notifications"
    verbose_name = _("Notifications and reminders")

    def ready(self):
        from werkplek.accounts.models import MENTORING_ROLES
        from werkplek.core.extensions import register_nav
        from werkplek.notifications import foundation
        from werkplek.notifications.calendar import register_calendar_source
        from werkplek.notifications.obligations import obligation_events, scan_obligations
        from werkplek.notifications.scanners import register_scanner

        register_nav(_("Today"), "notifications:today", roles=MENTORING_ROLES, order=5)
        foundation.register()
        # Obligations bring their own texts (core.obligations.OBLIGATION_TEXTS).
        register_scanner("obligations", scan_obligations, texts={})
        register_calendar_source("obligations", obligation_events)
