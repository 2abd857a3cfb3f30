from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "werkplek.notifications"
    label = "notifications"
    verbose_name = _("Notifications and reminders")

    def ready(self):
        from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES
        from werkplek.core.extensions import register_nav, register_trajectory_panel
        from werkplek.core.tenancy import register_membership_annotation
        from werkplek.notifications import foundation
        from werkplek.notifications.calendar import register_calendar_source
        from werkplek.notifications.obligations import obligation_events, scan_obligations
        from werkplek.notifications.panels import next_panel
        from werkplek.notifications.scanners import register_scanner
        from werkplek.notifications.selectors import UNREAD, unread_annotation

        register_nav(_("Home"), "notifications:home", roles=STAFF_ROLES, order=1)
        register_nav(_("Today"), "notifications:today", roles=MENTORING_ROLES, order=5)
        foundation.register()
        register_trajectory_panel(
            "notifications/panel_next.html", next_panel, roles=MENTORING_ROLES, column="top"
        )
        # Obligations bring their own texts (core.obligations.OBLIGATION_TEXTS).
        register_scanner("obligations", scan_obligations, texts={})
        register_calendar_source("obligations", obligation_events)
        register_membership_annotation(UNREAD, unread_annotation)
