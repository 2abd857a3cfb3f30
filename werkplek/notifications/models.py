import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import Organisation
from werkplek.core.models import BaseModel


class Level(models.TextChoices):
    INFO = "info", _("For your information")
    SOON = "soon", _("Coming up")
    LATE = "late", _("Late")


class Notification(BaseModel):
    """One message to one person, found by the periodic scan (see scanners.py).

    `key` names the fact the message is about; (key, recipient) is unique, so finding the
    same fact again notifies nobody twice. The text is rendered when shown, from `kind` and
    `params`, in the reader's language.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="notifications"
    )
    trajectory = models.ForeignKey(
        "trajectories.Trajectory",
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=80)
    key = models.CharField(_("key"), max_length=200)
    level = models.CharField(_("level"), max_length=4, choices=Level, default=Level.INFO)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    due_date = models.DateField(_("date"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["key", "recipient"], name="notification_once_per_key"),
            models.CheckConstraint(
                condition=Q(level__in=["info", "soon", "late"]), name="notification_level_valid"
            ),
        ]
        indexes = [
            models.Index(
                fields=["recipient", "organisation", "-created_at"], name="notification_inbox_idx"
            ),
            models.Index(
                fields=["recipient", "organisation"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True, emailed_at__isnull=True),
                name="notification_digest_idx",
            ),
            models.Index(fields=["created_at"], name="notification_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """How a person wants to hear about their notifications besides the inbox."""

    class Digest(models.TextChoices):
        DAILY = "daily", _("Every morning")
        WEEKLY = "weekly", _("Every Monday morning")
        OFF = "off", _("Never: I look in Werkplek myself")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    digest = models.CharField(
        _("e-mail digest"), max_length=6, choices=Digest, default=Digest.DAILY
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.CheckConstraint(
                condition=Q(digest__in=["daily", "weekly", "off"]), name="digest_choice_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.digest}"


class DigestRun(models.Model):
    """One digest per person per period ("2026-11-25" or "2026-W48"): claimed before sending,
    so two workers never send the same digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_runs"
    )
    period = models.CharField(max_length=10)
    sent_at = models.DateTimeField(auto_now_add=True)
    notification_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "period"], name="digest_once_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.period}"


class PeriodicRun(models.Model):
    """A periodic job claimed for a time slot, so every slot runs once however many
    schedulers tick (see schedule.py)."""

    job = models.CharField(max_length=60)
    slot = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="periodic_run_once_per_slot")
        ]
        indexes = [models.Index(fields=["created_at"], name="periodic_run_created_idx")]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot}"


class CalendarFeed(BaseModel):
    """A person's secret calendar address: /notifications/calendar/<public_id>/<token>.ics.

    The token is an HMAC of a random secret with the SECRET_KEY, so the database alone does
    not reveal working addresses, yet the owner can see their address again at any time.
    Renewing replaces the feed (new id and secret); revoking deletes it: old links give 404.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    secret = models.CharField(max_length=64, default=secrets.token_hex, editable=False)
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"calendar of {self.user_id}"

    def token_with(self, secret_key: str | None = None) -> str:
        digest = salted_hmac(
            "werkplek.notifications.CalendarFeed",
            f"{self.public_id}:{self.secret}",
            secret=secret_key,
            algorithm="sha256",
        ).hexdigest()
        return digest[:40]

    @property
    def token(self) -> str:
        return self.token_with()

    def token_matches(self, token: str) -> bool:
        """Checked against the current SECRET_KEY and its fallbacks (key rotation)."""
        keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
        return any(constant_time_compare(token, self.token_with(key)) for key in keys)
