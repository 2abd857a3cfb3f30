from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "werkplek.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from werkplek.accounts.models import STAFF_ROLES
        from werkplek.audit.tasks import RETENTION_HOUR, enforce_retention
        from werkplek.core.extensions import register_nav, register_trajectory_tab
        from werkplek.notifications.schedule import daily_from, register_periodic_job

        register_trajectory_tab(_("Audit trail"), "audit:trajectory", roles=STAFF_ROLES, order=95)
        register_nav(_("Privacy"), "audit:privacy", roles=STAFF_ROLES, order=95)
        register_periodic_job(
            "audit.retention",
            daily_from(lambda: RETENTION_HOUR),
            lambda now: enforce_retention.enqueue(today=now.date().isoformat()),
        )
