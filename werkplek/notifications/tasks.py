"""Background work of the reminders, run by the task worker (`manage.py db_worker`).

Tasks take only JSON arguments (ids, ISO dates) and call a service. schedule.py enqueues
them periodically.
"""

import logging
from datetime import date, timedelta

from django.tasks import task
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from werkplek.accounts.models import User
from werkplek.notifications import services

logger = logging.getLogger(__name__)
FINISHED_TASKS_KEPT_DAYS = 14
FAILED_TASKS_KEPT_DAYS = 30


@task(priority=10)
def scan_notifications(today: str) -> dict:
    result = services.notifications_scan(today=date.fromisoformat(today))
    logger.info("reminder scan on %s: %s new notifications", today, result.total_created)
    return {"found": result.total_found, "created": result.total_created}


@task()
def send_digests(today: str) -> int:
    """Scan first (so the digest holds this morning's news), then one task per person."""
    day = date.fromisoformat(today)
    services.notifications_scan(today=day)
    recipients = services.digest_recipients(today=day)
    for user_id, period in recipients:
        send_digest.enqueue(user_id=user_id, period=period)
    return len(recipients)


@task()
def send_digest(user_id: int, period: str) -> int:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    return services.digest_send(user=user, period=period)


@task(priority=-10)
def clean_up() -> int:
    now = timezone.now()
    deleted = services.notifications_clean_up()
    DBTaskResult.objects.filter(
        status=TaskResultStatus.SUCCESSFUL,
        finished_at__lt=now - timedelta(days=FINISHED_TASKS_KEPT_DAYS),
    ).delete()
    DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED,
        finished_at__lt=now - timedelta(days=FAILED_TASKS_KEPT_DAYS),
    ).delete()
    return deleted
