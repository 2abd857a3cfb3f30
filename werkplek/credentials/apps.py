from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "werkplek.credentials"
    label = "credentials"
    verbose_name = _("Credentials")

    def ready(self):
        from werkplek.credentials import obligations

        obligations.register()
        from werkplek.core.hooks import register_stored_facts
        from werkplek.credentials.services import credentials_current_refresh

        register_stored_facts("credentials.is_current", credentials_current_refresh)
        from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES, Membership
        from werkplek.core.extensions import (
            register_nav,
            register_trajectory_panel,
            register_trajectory_tab,
        )
        from werkplek.credentials import gate, rules  # noqa: F401  (registers the rules)
        from werkplek.credentials.events import CREDENTIAL_EVENT_TEXTS
        from werkplek.credentials.panels import credentials_panel
        from werkplek.trajectories.events import EVENT_TEXTS
        from werkplek.trajectories.transitions import MARK_READY, START, register_guard

        EVENT_TEXTS.update(CREDENTIAL_EVENT_TEXTS)
        register_guard(MARK_READY.code, gate.refuse_ready)
        register_guard(START.code, gate.refuse_start)
        register_nav(_("Expiry radar"), "credentials:radar", roles=STAFF_ROLES, order=30)
        register_trajectory_tab(
            _("Credentials"),
            "credentials:trajectory",
            roles=(*MENTORING_ROLES, Membership.Role.TRAINEE),
            order=30,
        )
        register_trajectory_panel(
            "credentials/panel.html",
            credentials_panel,
            roles=MENTORING_ROLES,
            column="side",
            order=20,
        )
        self._register_reminders()
        self._register_import_columns()

    def _register_import_columns(self):
        from werkplek.credentials.imports import credential_columns
        from werkplek.imports.importers import register_candidate_extension

        register_candidate_extension(credential_columns)

    def _register_reminders(self):
        from werkplek.credentials.reminders import REFRESH_HOUR, TEXTS, scan_credentials
        from werkplek.credentials.tasks import refresh_expired_credentials
        from werkplek.notifications.scanners import register_scanner
        from werkplek.notifications.schedule import daily_from, register_periodic_job

        register_scanner("credentials.expiry", scan_credentials, texts=TEXTS)
        register_periodic_job(
            "credentials.refresh_expired",
            daily_from(lambda: REFRESH_HOUR),
            lambda now: refresh_expired_credentials.enqueue(today=now.date().isoformat()),
        )
