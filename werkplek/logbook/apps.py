from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogbookConfig(AppConfig):
    name = "werkplek.logbook"
    label = "logbook"
    verbose_name = _("Logbook")

    def ready(self):
        from werkplek.accounts.models import MENTORING_ROLES, Membership
        from werkplek.core.extensions import (
            register_nav,
            register_trajectory_action,
            register_trajectory_tab,
        )
        from werkplek.core.hooks import listen_trajectory_changed, register_stored_facts
        from werkplek.logbook.services import last_log_listener, last_log_refresh
        from werkplek.trajectories.events import EVENT_TEXTS
        from werkplek.trajectories.models import Status

        listen_trajectory_changed(last_log_listener, order=5)
        register_stored_facts("logbook.last_log_on", last_log_refresh)
        trainee = (Membership.Role.TRAINEE,)
        register_nav(_("My logbook"), "logbook:mine", roles=trainee, order=31)
        register_trajectory_tab(
            _("Logbook"), "logbook:list", roles=(*MENTORING_ROLES, *trainee), order=40
        )
        register_trajectory_action(
            _("Log"),
            "logbook:create",
            roles=MENTORING_ROLES,
            statuses=(Status.RUNNING, Status.FINISHING),
            style="primary",
            order=10,
        )
        EVENT_TEXTS.update(
            {
                "logbook.entry.created": _("Logbook: learning moment of %(date)s recorded"),
                "logbook.entry.deleted": _("Logbook: entry of %(date)s deleted"),
            }
        )
