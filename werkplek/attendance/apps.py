from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy


class AttendanceConfig(AppConfig):
    name = "werkplek.attendance"
    label = "attendance"
    verbose_name = _("Attendance")

    def ready(self):
        from werkplek.attendance import obligations

        obligations.register()
        from werkplek.accounts.models import MENTORING_ROLES, Membership
        from werkplek.attendance import rules  # noqa: F401  (registers the checklist rules)
        from werkplek.core.extensions import register_trajectory_action, register_trajectory_tab
        from werkplek.trajectories.events import EVENT_TEXTS
        from werkplek.trajectories.models import Status

        register_trajectory_tab(
            _("Attendance"),
            "attendance:month",
            roles=(*MENTORING_ROLES, Membership.Role.TRAINEE),
            order=60,
        )
        register_trajectory_action(
            _("Attendance"),
            "attendance:month",
            roles=MENTORING_ROLES,
            statuses=(Status.RUNNING, Status.FINISHING),
            order=20,
        )
        EVENT_TEXTS.update(
            {
                "attendance.days.recorded": ngettext_lazy(
                    "Attendance recorded: %(count)s day (%(first)s – %(last)s)",
                    "Attendance recorded: %(count)s days (%(first)s – %(last)s)",
                    "count",
                ),
            }
        )
