from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "werkplek.intake"
    label = "intake"
    verbose_name = _("Intake")

    def ready(self):
        from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES
        from werkplek.core.extensions import (
            register_nav,
            register_trajectory_panel,
            register_trajectory_tab,
        )
        from werkplek.intake import gate, rules  # noqa: F401  (registers the rules)
        from werkplek.intake.events import INTAKE_EVENT_TEXTS
        from werkplek.intake.panels import intake_panel
        from werkplek.trajectories.events import EVENT_TEXTS
        from werkplek.trajectories.transitions import MARK_READY, START, register_guard

        EVENT_TEXTS.update(INTAKE_EVENT_TEXTS)
        register_guard(MARK_READY.code, gate.refuse_not_ready)
        register_guard(START.code, gate.refuse_not_ready)
        register_nav(_("Applications"), "intake:applications", roles=STAFF_ROLES, order=12)
        register_nav(
            _("Workplace learning policy"), "intake:policy", roles=MENTORING_ROLES, order=70
        )
        register_trajectory_tab(_("Intake"), "intake:trajectory", roles=MENTORING_ROLES, order=20)
        register_trajectory_panel(
            "intake/panel.html", intake_panel, roles=MENTORING_ROLES, column="side", order=10
        )
        self._register_reminders()

    def _register_reminders(self):
        from werkplek.intake.reminders import TEXTS, meeting_agenda, meeting_events, scan_meetings
        from werkplek.notifications.agenda import register_agenda_source
        from werkplek.notifications.calendar import register_calendar_source
        from werkplek.notifications.scanners import register_scanner

        register_scanner("intake.meetings", scan_meetings, texts=TEXTS)
        register_calendar_source("intake.meetings", meeting_events)
        register_agenda_source("intake.meetings", meeting_agenda)
