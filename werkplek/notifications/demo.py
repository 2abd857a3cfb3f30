"""Demo: the inbox as if the reminder scan had run every morning for the past two weeks."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from werkplek.notifications.models import Notification, NotificationPreference
from werkplek.notifications.services import notifications_scan

DAYS_BACK = 14
READ_AFTER_DAYS = 4


def seed(context) -> None:
    today = context.today
    for days_ago in range(DAYS_BACK, -1, -1):
        day = today - timedelta(days=days_ago)
        before = timezone.now()
        notifications_scan(today=day)
        morning = timezone.make_aware(datetime.combine(day, time(7, 0)))
        new = Notification.objects.filter(organisation=context.organisation, created_at__gte=before)
        if days_ago >= READ_AFTER_DAYS:
            new.update(
                created_at=morning,
                emailed_at=morning + timedelta(minutes=5),
                read_at=morning + timedelta(hours=2),
            )
        elif days_ago > 0:
            new.update(created_at=morning, emailed_at=morning + timedelta(minutes=5))
        else:
            new.update(created_at=morning)
    # Johan (French-speaking mentor) prefers one e-mail on Mondays.
    NotificationPreference.objects.get_or_create(
        user=context.users["johan"], defaults={"digest": NotificationPreference.Digest.WEEKLY}
    )
