from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectoriesConfig(AppConfig):
    name = "werkplek.trajectories"
    label = "trajectories"
    verbose_name = _("Trajectories")

    def ready(self):
        from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES
        from werkplek.core.extensions import register_nav, register_trajectory_tab
        from werkplek.core.hooks import listen_trajectory_changed
        from werkplek.notifications.scanners import register_notification_texts
        from werkplek.notifications.schedule import daily_from, register_periodic_job
        from werkplek.trajectories.tasks import refresh_steps
        from werkplek.trajectories.transitions import step_listener

        register_nav(_("Trajectories"), "trajectories:list", roles=STAFF_ROLES, order=10)
        register_nav(_("My trainees"), "trajectories:mine", roles=MENTORING_ROLES, order=20)
        register_nav(_("Mentors"), "mentors:list", roles=STAFF_ROLES, order=86)
        register_trajectory_tab(
            _("Overview"), "trajectories:detail", roles=MENTORING_ROLES, order=0
        )
        register_trajectory_tab(
            _("History"), "trajectories:history", roles=MENTORING_ROLES, order=90
        )
        listen_trajectory_changed(step_listener, order=30)
        register_notification_texts(
            {"trajectories.mentor_assigned": _("You are now the mentor of %(trainee)s")}
        )
        register_periodic_job(
            "trajectories.steps",
            daily_from(lambda: STEPS_HOUR),
            lambda now: refresh_steps.enqueue(today=now.date().isoformat()),
        )


STEPS_HOUR = 5  # the daily pass over the steps (Europe/Brussels), before the digest
