import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from werkplek.accounts.models import Membership, User
from werkplek.core.mail import queue_email
from werkplek.notifications.models import (
    CalendarFeed,
    DigestRun,
    Notification,
    NotificationPreference,
    PeriodicRun,
)
from werkplek.notifications.scanners import (
    SCANNERS,
    NotificationSpec,
    notification_details,
    notification_text,
)

logger = logging.getLogger(__name__)
BATCH_SIZE = 1000
READ_NOTIFICATIONS_KEPT_DAYS = 180
# Notifications listed per organisation in a digest e-mail; the rest is counted.
DIGEST_MAX_ITEMS = 50
Digest = NotificationPreference.Digest


# --- The scan -------------------------------------------------------------------------------


@dataclass
class ScanResult:
    found: dict[str, int] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_found(self) -> int:
        return sum(self.found.values())

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


def notifications_scan(*, today: date | None = None) -> ScanResult:
    """Run every registered scanner and store what is new. Safe to run at any time, as
    often as wanted, on several machines: each (key, recipient) is stored once."""
    today = today or timezone.localdate()
    result = ScanResult()
    for scanner in SCANNERS.values():
        started = time.perf_counter()
        found = created = 0
        specs = iter(scanner.scan(today=today))
        while batch := list(islice(specs, BATCH_SIZE)):
            found += len(batch)
            created += _store_new(batch)
        result.found[scanner.code] = found
        result.created[scanner.code] = created
        result.seconds[scanner.code] = time.perf_counter() - started
        logger.debug(
            "scan %s on %s: %s found, %s new in %.2f s",
            scanner.code,
            today,
            found,
            created,
            result.seconds[scanner.code],
        )
    return result


def _store_new(specs: list[NotificationSpec]) -> int:
    wanted = {(spec.key, spec.recipient_id): spec for spec in specs}
    existing = set(
        Notification.objects.filter(key__in={key for key, _recipient in wanted}).values_list(
            "key", "recipient_id"
        )
    )
    new = [
        Notification(
            recipient_id=spec.recipient_id,
            organisation_id=spec.organisation_id,
            trajectory_id=spec.trajectory_id,
            kind=spec.kind,
            key=spec.key,
            level=spec.level,
            params=spec.params,
            link=spec.link,
            due_date=spec.due_date,
        )
        for pair, spec in wanted.items()
        if pair not in existing
    ]
    # Another scan running at the same moment may have stored some: the constraint decides.
    Notification.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


# --- Reading --------------------------------------------------------------------------------


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


def notifications_mark_all_read(*, membership: Membership) -> int:
    return Notification.objects.filter(
        recipient=membership.user, organisation=membership.organisation, read_at__isnull=True
    ).update(read_at=timezone.now(), updated_at=timezone.now())


# --- The e-mail digest ------------------------------------------------------------------------


def digest_period(*, frequency: str, today: date) -> str | None:
    """The period a digest sent today covers, or None when this person gets none today."""
    if frequency == Digest.DAILY:
        return today.isoformat()
    if frequency == Digest.WEEKLY and today.isoweekday() == 1:
        year, week, _day = today.isocalendar()
        return f"{year}-W{week:02d}"
    return None


def digest_recipients(*, today: date) -> list[tuple[int, str]]:
    """(user id, period) for everyone with unread news who wants a digest today."""
    waiting = (
        Notification.objects.filter(
            read_at__isnull=True, emailed_at__isnull=True, recipient__is_active=True
        )
        .order_by()  # the model's ordering would make DISTINCT one row per notification
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    frequencies = dict(
        NotificationPreference.objects.filter(user_id__in=waiting).values_list("user_id", "digest")
    )
    recipients = []
    for user_id in waiting:
        period = digest_period(frequency=frequencies.get(user_id, Digest.DAILY), today=today)
        if period:
            recipients.append((user_id, period))
    return recipients


def digest_send(*, user: User, period: str) -> int:
    """E-mail `user` their unread notifications not e-mailed before, once per period.

    Returns how many notifications the e-mail held (0: nothing sent).
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                run = DigestRun.objects.create(user=user, period=period)
        except IntegrityError:
            return 0  # someone else sent this period's digest already
        active_organisations = Membership.objects.filter(user=user, is_active=True).values(
            "organisation_id"
        )
        waiting = Notification.objects.filter(
            recipient=user,
            read_at__isnull=True,
            emailed_at__isnull=True,
            organisation_id__in=active_organisations,
        )
        totals = dict(
            waiting.order_by()
            .values("organisation_id")
            .annotate(n=Count("id"))
            .values_list("organisation_id", "n")
        )
        if not totals:
            return 0
        last = waiting.order_by("-pk").values_list("pk", flat=True).first()
        # The newest DIGEST_MAX_ITEMS of each organisation; the rest is "and N more" with a
        # link to the inbox. A coordinator of thousands of trajectories would otherwise get
        # an e-mail of thousands of lines (the benchmark's worker peaked at 208 MiB on it).
        notifications = []
        for organisation_id in totals:
            notifications += (
                waiting.filter(organisation_id=organisation_id, pk__lte=last)
                .select_related("organisation", "trajectory__candidate")
                .order_by("-created_at", "-pk")[:DIGEST_MAX_ITEMS]
            )
        notifications.sort(key=lambda n: (n.organisation.name, -n.created_at.timestamp()))
        count = sum(totals.values())
        _send_digest_mail(user, notifications, count=count, totals=totals)
        waiting.filter(pk__lte=last).update(emailed_at=timezone.now())
        run.notification_count = count
        run.save(update_fields=["notification_count"])
    return count


def _send_digest_mail(
    user: User, notifications: list[Notification], *, count: int, totals: dict[int, int]
) -> None:
    with translation.override(user.language):
        by_organisation: dict = defaultdict(list)
        for notification in notifications:
            by_organisation[notification.organisation].append(
                {
                    "text": notification_text(notification.kind, notification.params),
                    "details": notification_details(notification.params),
                    "level": notification.level,
                    "url": settings.SITE_URL
                    + reverse(
                        "notifications:open",
                        kwargs={
                            "org": notification.organisation.slug,
                            "public_id": notification.public_id,
                        },
                    ),
                }
            )
        context = {
            "user": user,
            "count": count,
            "organisations": [
                {
                    "organisation": organisation,
                    "items": items,
                    "more": totals.get(organisation.pk, len(items)) - len(items),
                    "inbox_url": settings.SITE_URL
                    + reverse("notifications:inbox", kwargs={"org": organisation.slug}),
                }
                for organisation, items in by_organisation.items()
            ],
            "settings_url": settings.SITE_URL + reverse("notification_settings:settings"),
            "site_url": settings.SITE_URL,
        }
        subject = ngettext(
            "Werkplek: %(count)s new notification", "Werkplek: %(count)s new notifications", count
        ) % {"count": count}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("notifications/email/digest.txt", context),
            to=[user.email],
        )
        message.attach_alternative(
            render_to_string("notifications/email/digest.html", context), "text/html"
        )
        queue_email(message)


def preference_set(*, user: User, digest: str) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    preference.digest = digest
    preference.full_clean()
    preference.save()
    return preference


# --- Calendar feed ----------------------------------------------------------------------------


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """A new secret address; the previous one (if any) stops working at once."""
    CalendarFeed.objects.filter(user=user).delete()
    return CalendarFeed.objects.create(user=user)


def calendar_feed_revoke(*, user: User) -> bool:
    deleted, _by_model = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)


def calendar_feed_fetched(*, feed: CalendarFeed) -> None:
    """Remember when a calendar app last fetched the feed (at most one write an hour)."""
    now = timezone.now()
    if feed.last_fetched_at is None or now - feed.last_fetched_at > timedelta(hours=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=now)


# --- Housekeeping -----------------------------------------------------------------------------


def notifications_clean_up() -> int:
    """Forget notifications read long ago (the scanners look back far less than this) and
    the bookkeeping of old digests and periodic runs."""
    now = timezone.now()
    deleted, _by_model = Notification.objects.filter(
        read_at__isnull=False, created_at__lt=now - timedelta(days=READ_NOTIFICATIONS_KEPT_DAYS)
    ).delete()
    DigestRun.objects.filter(sent_at__lt=now - timedelta(days=60)).delete()
    PeriodicRun.objects.filter(created_at__lt=now - timedelta(days=30)).delete()
    return deleted
