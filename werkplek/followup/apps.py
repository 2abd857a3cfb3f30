from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy


class FollowupConfig(AppConfig):
    name = "werkplek.followup"
    label = "followup"
    verbose_name = _("Follow-up")

    def ready(self):
        from werkplek.followup import obligations

        obligations.register()
        from werkplek.accounts.models import MENTORING_ROLES
        from werkplek.core.extensions import (
            register_nav,
            register_trajectory_badges,
            register_trajectory_panel,
            register_trajectory_tab,
        )
        from werkplek.core.hooks import listen_trajectory_changed
        from werkplek.core.tenancy import register_membership_related
        from werkplek.followup import notify
        from werkplek.followup.panels import followup_panel, risk_badges
        from werkplek.followup.services import followup_listener
        from werkplek.trajectories.events import EVENT_TEXTS

        register_nav(_("At risk"), "followup:board", roles=MENTORING_ROLES, order=25)
        register_trajectory_tab(
            _("Follow-up"), "followup:trajectory", roles=MENTORING_ROLES, order=50
        )
        register_trajectory_panel(
            "followup/panel.html", followup_panel, roles=MENTORING_ROLES, column="side", order=10
        )
        register_trajectory_badges(risk_badges, roles=MENTORING_ROLES)
        listen_trajectory_changed(followup_listener, order=10)
        register_membership_related("organisation__followup_settings")
        EVENT_TEXTS.update(
            {
                "followup.rule.created": ngettext_lazy(
                    "Follow-up of “%(subject)s” planned: %(count)s moment",
                    "Follow-up of “%(subject)s” planned: %(count)s moments",
                    "count",
                ),
                "followup.rule.changed": ngettext_lazy(
                    "Follow-up of “%(subject)s” changed: %(count)s moment",
                    "Follow-up of “%(subject)s” changed: %(count)s moments",
                    "count",
                ),
                "followup.rule.deleted": _("Follow-up of “%(subject)s” stopped"),
            }
        )
        notify.register()
