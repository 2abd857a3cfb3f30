from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectoriesConfig(AppConfig):
    name = "werkplek.trajectories"
    label = "trajectories"
    verbose_name = _("Trajectories")

    def ready(self):
        from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES
        from werkplek.core.extensions import register_nav, register_trajectory_tab

        register_nav(_("Trajectories"), "trajectories:list", roles=STAFF_ROLES, order=10)
        register_nav(_("My trainees"), "trajectories:mine", roles=MENTORING_ROLES, order=20)
        register_trajectory_tab(
            _("Overview"), "trajectories:detail", roles=MENTORING_ROLES, order=0
        )
        register_trajectory_tab(
            _("History"), "trajectories:history", roles=MENTORING_ROLES, order=90
        )
