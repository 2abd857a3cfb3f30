from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "werkplek.portal"
    label = "portal"
    verbose_name = _("Trainee and guest portal")

    def ready(self):
        from werkplek.accounts.models import STAFF_ROLES, Membership
        from werkplek.core.extensions import (
            register_nav,
            register_trainee_todo,
            register_trajectory_panel,
        )
        from werkplek.portal.panels import guests_panel, obligation_todos, trainee_login_panel
        from werkplek.trajectories.events import EVENT_TEXTS

        EVENT_TEXTS.update(
            {
                "portal.trainee.invited": _("Trainee login sent to %(email)s"),
                "portal.guest.invited": _("%(guest)s invited as guest"),
                "portal.guest.revoked": _("Guest access of %(guest)s revoked"),
            }
        )

        register_nav(
            _("Overview"),
            "portal:home",
            roles=(Membership.Role.TRAINEE, Membership.Role.GUEST),
            order=1,
        )
        register_trajectory_panel(
            "portal/panel_trainee_login.html",
            trainee_login_panel,
            roles=STAFF_ROLES,
            column="side",
            order=60,
        )
        register_trajectory_panel(
            "portal/panel_guests.html", guests_panel, roles=STAFF_ROLES, column="side", order=61
        )
        register_trainee_todo(obligation_todos)
