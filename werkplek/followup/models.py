"""Follow-up ("opvolging"): what is followed up, how often and when, and the dated moments
that result. A moment is done when a logbook entry in its period covers its subject (for a
topic: an entry linked to that topic), or when someone marks it done (e.g. after a follow-up
talk)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import Organisation
from werkplek.core.models import BaseModel


class FollowUpRule(BaseModel):
    class Subject(models.TextChoices):
        COMPETENCE = "competence", _("A competence")
        GOAL = "goal", _("A goal of the opleidingsplan")
        TOPIC = "topic", _("A topic")

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Every day")
        WEEKLY = "weekly", _("Every week")
        EVERY_N_DAYS = "every_n_days", _("Every N days")
        MONTHLY = "monthly", _("Every month")

    trajectory = models.ForeignKey(
        "trajectories.Trajectory", on_delete=models.CASCADE, related_name="followup_rules"
    )
    subject = models.CharField(_("what is followed up"), max_length=10, choices=Subject)
    competence = models.ForeignKey(
        "competences.Competence",
        verbose_name=_("competence"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
    )
    goal = models.ForeignKey(
        "plans.PlanGoal",
        verbose_name=_("goal"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="followup_rules",
    )
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    frequency = models.CharField(_("how often"), max_length=12, choices=Frequency)
    interval = models.PositiveSmallIntegerField(
        _("every"),
        default=1,
        help_text=_("Number of days (every N days), weeks or months between two moments."),
    )
    workdays_only = models.BooleanField(
        _("on workdays only"),
        default=True,
        help_text=_(
            "No moments on Saturdays, Sundays or Belgian public holidays: a longer period is "
            "due on its last workday."
        ),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("followed up by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("follow-up rule")
        verbose_name_plural = _("follow-up rules")
        ordering = ["trajectory", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="followup_rule_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(interval__gte=1, interval__lte=365), name="followup_rule_interval"
            ),
            models.CheckConstraint(
                condition=Q(frequency__in=["daily", "weekly", "every_n_days", "monthly"]),
                name="followup_rule_frequency_valid",
            ),
            models.CheckConstraint(
                condition=Q(subject="competence", competence__isnull=False)
                | Q(subject="goal", goal__isnull=False)
                | (Q(subject="topic") & ~Q(topic="")),
                name="followup_rule_subject_set",
            ),
        ]

    def __str__(self) -> str:
        return self.subject_text

    @property
    def subject_text(self) -> str:
        if self.subject == self.Subject.COMPETENCE and self.competence_id:
            return str(self.competence)
        if self.subject == self.Subject.GOAL and self.goal_id:
            return str(self.goal)
        return self.topic


class FollowUpMoment(BaseModel):
    """One dated follow-up: its period runs from `window_start` to `due_date`."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        SKIPPED = "skipped", _("Skipped")

    rule = models.ForeignKey(FollowUpRule, on_delete=models.CASCADE, related_name="moments")
    trajectory = models.ForeignKey(
        "trajectories.Trajectory", on_delete=models.CASCADE, related_name="followup_moments"
    )
    window_start = models.DateField(_("from"))
    due_date = models.DateField(_("due"))
    state = models.CharField(_("state"), max_length=8, choices=State, default=State.OPEN)
    covered_by = models.ForeignKey(
        "logbook.LogEntry",
        verbose_name=_("covered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    by_logbook = models.BooleanField(default=False)  # done because a logbook entry covers it
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("follow-up moment")
        verbose_name_plural = _("follow-up moments")
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__gte=F("window_start")), name="followup_moment_window"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["open", "done", "skipped"]),
                name="followup_moment_state_valid",
            ),
            models.UniqueConstraint(
                fields=["rule", "window_start"], name="followup_moment_unique_window"
            ),
        ]
        indexes = [
            models.Index(
                fields=["trajectory", "state", "due_date"], name="followup_moment_due_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} · {self.due_date:%d/%m/%Y}"

    @property
    def is_automatic(self) -> bool:
        """Done because a logbook entry covers it (not by hand)."""
        return self.by_logbook


class FollowUpSettings(models.Model):
    """When a trajectory counts as "at risk", per organisation."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="followup_settings"
    )
    no_log_days = models.PositiveSmallIntegerField(
        _("days without a logbook entry"),
        default=7,
        help_text=_("A running trajectory without a logbook entry for longer is at risk."),
    )
    absence_limit = models.PositiveSmallIntegerField(
        _("absences"),
        default=3,
        help_text=_("This many days absent or more within the period below is at risk."),
    )
    absence_period_days = models.PositiveSmallIntegerField(
        _("period for absences (days)"), default=30
    )

    class Meta:
        verbose_name = _("follow-up settings")
        verbose_name_plural = _("follow-up settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(no_log_days__gte=1, no_log_days__lte=365),
                name="followup_settings_no_log_days",
            ),
            models.CheckConstraint(
                condition=Q(absence_limit__gte=1, absence_limit__lte=100),
                name="followup_settings_absence_limit",
            ),
            models.CheckConstraint(
                condition=Q(absence_period_days__gte=7, absence_period_days__lte=365),
                name="followup_settings_absence_period",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)
