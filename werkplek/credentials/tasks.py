"""Background work of the credentials, run by the task worker (see notifications.schedule)."""

from datetime import date

from django.tasks import task

from werkplek.credentials.services import credentials_refresh_expired


@task()
def refresh_expired_credentials(today: str) -> int:
    return credentials_refresh_expired(today=date.fromisoformat(today))
