from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "werkplek.plans"
    label = "plans"
    verbose_name = _("Opleidingsplan")

    def ready(self):
        from werkplek.accounts.models import MENTORING_ROLES, Membership
        from werkplek.core.extensions import (
            register_nav,
            register_trajectory_panel,
            register_trajectory_tab,
        )
        from werkplek.plans import (
            notify,
            rules,  # noqa: F401  (registers the checklist rules)
        )
        from werkplek.plans.panels import progress_panel
        from werkplek.trajectories.events import EVENT_TEXTS

        trainee = (Membership.Role.TRAINEE,)
        register_nav(_("My opleidingsplan"), "plans:mine", roles=trainee, order=30)
        register_trajectory_tab(
            _("Opleidingsplan"), "plans:plan", roles=(*MENTORING_ROLES, *trainee), order=30
        )
        register_trajectory_panel(
            "plans/panel_progress.html", progress_panel, roles=MENTORING_ROLES, order=20
        )
        EVENT_TEXTS.update(
            {
                "plans.version.started": _("Opleidingsplan drawn up (version %(number)s, draft)"),
                "plans.version.agreed": _("Opleidingsplan version %(number)s agreed"),
                "plans.version.proposed": _(
                    "Opleidingsplan version %(number)s put to the trainee and the mentor to agree"
                ),
                "plans.version.acknowledged": _(
                    "Opleidingsplan version %(number)s agreed by %(name)s"
                ),
                "plans.version.acknowledgements_reset": _(
                    "Opleidingsplan version %(number)s changed after it was put to the parties: "
                    "everyone is asked again"
                ),
                "plans.version.revised": _(
                    "Opleidingsplan changed: version %(number)s drafted (%(reason)s)"
                ),
                "plans.planning.sent": _(
                    "Planning of version %(number)s given to the candidate: %(method)s"
                ),
            }
        )
        notify.register()
        from werkplek.plans import acknowledgements

        acknowledgements.register()
