"""Background work of the audit app, run by the task worker (see notifications.schedule)."""

from datetime import date

from django.tasks import task

from werkplek.audit.gdpr import retention_enforce

RETENTION_HOUR = 4


@task()
def enforce_retention(today: str) -> int:
    return retention_enforce(today=date.fromisoformat(today))
