"""Obligations (core.obligations) where people look besides their home page: the inbox and
the e-mail digest (through the hourly scan), the calendar feed (the dated ones), the mentor's
Today page and the guest's home ("waiting for you"), and a prompt e-mail at once for the
obligations that should not wait for the digest (a signature)."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkplek.accounts.models import Membership, User
from werkplek.core.mail import queue_email
from werkplek.core.obligations import Obligation, obligation_text, obligations_for
from werkplek.notifications.calendar import CalendarEvent
from werkplek.notifications.models import Notification
from werkplek.notifications.scanners import NotificationSpec
from werkplek.notifications.selectors import trajectories_followed_by
from werkplek.trajectories.models import OPEN_STATUSES, Trajectory


@dataclass(frozen=True)
class Waiting:
    """One line of a "waiting for you" list."""

    text: str
    url: str
    due: date | None
    level: str
    kind: str


def waiting_for(*, membership: Membership, today: date) -> list[Waiting]:
    """What waits for this member in the trajectories they follow (a fixed number of
    queries: each obligation source runs once over the whole set)."""
    trajectories = trajectories_followed_by(membership).filter(status__in=OPEN_STATUSES)
    return [
        Waiting(obligation_text(o), o.url, o.due, o.level, o.kind)
        for o in obligations_for(trajectories=trajectories, today=today, user_id=membership.user_id)
    ]


def _spec(obligation: Obligation, organisation_id: int) -> NotificationSpec:
    return NotificationSpec(
        recipient_id=obligation.user_id,
        organisation_id=organisation_id,
        kind=obligation.kind,
        key=f"obligation:{obligation.key}",
        level=obligation.level,
        params=obligation.params,
        link=obligation.url,
        trajectory_id=obligation.trajectory_id,
        due_date=obligation.due,
    )


def scan_obligations(*, today: date) -> Iterator[NotificationSpec]:
    """Every open obligation once in the inbox (and so in the next digest)."""
    trajectories = Trajectory.objects.filter(status__in=OPEN_STATUSES)
    found = obligations_for(trajectories=trajectories, today=today)
    if not found:
        return
    organisations = dict(
        Trajectory.objects.filter(pk__in={o.trajectory_id for o in found}).values_list(
            "pk", "organisation_id"
        )
    )
    for obligation in found:
        yield _spec(obligation, organisations[obligation.trajectory_id])


def obligation_events(*, membership: Membership, start: date, end: date) -> Iterable[CalendarEvent]:
    """The dated obligations of this member, as all-day events on their due day."""
    trajectories = trajectories_followed_by(membership).filter(status__in=OPEN_STATUSES)
    for obligation in obligations_for(
        trajectories=trajectories, today=timezone.localdate(), user_id=membership.user_id
    ):
        if obligation.due is None or not start <= obligation.due <= end:
            continue
        yield CalendarEvent(
            uid=f"obligation-{obligation.key.replace(':', '-')}",
            summary=obligation_text(obligation),
            start=obligation.due,
            url=obligation.url,
        )


# --- A prompt e-mail at once ---------------------------------------------------------------


def notification_prompt(*, spec: NotificationSpec) -> Notification | None:
    """Store the notification (once per key and person) and e-mail it now, not in the
    next digest. Returns None when this person was told before."""
    notification, created = Notification.objects.get_or_create(
        key=spec.key,
        recipient_id=spec.recipient_id,
        defaults={
            "organisation_id": spec.organisation_id,
            "trajectory_id": spec.trajectory_id,
            "kind": spec.kind,
            "level": spec.level,
            "params": spec.params,
            "link": spec.link,
            "due_date": spec.due_date,
        },
    )
    if not created:
        return None
    _queue_prompt(notification)
    return notification


def _queue_prompt(notification: Notification) -> None:
    """Queue the e-mail in the same transaction (core.mail): the worker sends it after
    commit, so a slow mail server never holds up the request."""
    from werkplek.notifications.scanners import notification_text

    user: User = notification.recipient
    if not user.email or not user.is_active:
        return
    with translation.override(user.language):
        text = notification_text(notification.kind, notification.params)
        url = settings.SITE_URL + reverse(
            "notifications:open",
            kwargs={"org": notification.organisation.slug, "public_id": notification.public_id},
        )
        context = {"user": user, "text": text, "url": url, "site_url": settings.SITE_URL}
        message = EmailMultiAlternatives(
            subject=_("Werkplek: %(text)s") % {"text": text},
            body=render_to_string("notifications/email/prompt.txt", context),
            to=[user.email],
        )
        message.attach_alternative(
            render_to_string("notifications/email/prompt.html", context), "text/html"
        )
        queue_email(message)
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def prompt_obligations(*, trajectory: Trajectory, key_prefix: str) -> int:
    """E-mail now the open obligations of this trajectory whose key starts with the prefix
    (e.g. "evaluations.sign:<evaluation id>:"). Returns how many were sent."""
    sent = 0
    for obligation in obligations_for(
        trajectories=Trajectory.objects.filter(pk=trajectory.pk), today=timezone.localdate()
    ):
        if obligation.key.startswith(key_prefix) and notification_prompt(
            spec=_spec(obligation, trajectory.organisation_id)
        ):
            sent += 1
    return sent
