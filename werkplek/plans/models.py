"""The opleidingsplan: goals per competence and planned (organised) learning moments.

The plan is versioned. Version 1 is drafted and agreed; a change after that is a new version
(a copy of the previous one, with the reason for the change) which replaces the agreed one
once it is agreed in its turn. Earlier versions stay as they were. A goal or moment keeps its
`lineage` across versions, so a logbook entry or follow-up rule that refers to an earlier
copy still finds it in the current version.
"""

from uuid import uuid4

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkplek.core.i18n import render_coded
from werkplek.core.models import BaseModel


class PlanVersion(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AGREED = "agreed", _("Agreed")
        SUPERSEDED = "superseded", _("Replaced by a newer version")

    trajectory = models.ForeignKey(
        "trajectories.Trajectory", on_delete=models.CASCADE, related_name="plan_versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    reason = models.TextField(_("reason for the change"), blank=True)
    # Reasons the system gave (e.g. an evaluation's action points), each stored as a code with
    # parameters (core.i18n.coded) so each reader sees them in their language.
    reasons_coded = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # the draft is put to its parties (trainee, mentor, VDAB for an IBO) to acknowledge;
    # it is agreed when they all have
    proposed_at = models.DateTimeField(_("put to the parties at"), null=True, blank=True)
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agreed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("version of the opleidingsplan")
        verbose_name_plural = _("versions of the opleidingsplan")
        ordering = ["trajectory", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "number"], name="plan_version_unique"),
            models.UniqueConstraint(
                fields=["trajectory"],
                condition=Q(status="draft"),
                name="plan_one_draft_per_trajectory",
            ),
            models.UniqueConstraint(
                fields=["trajectory"],
                condition=Q(status="agreed"),
                name="plan_one_agreed_per_trajectory",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "agreed", "superseded"]),
                name="plan_version_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(agreed_at__isnull=False),
                name="plan_version_agreed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trajectory} · v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def reason_text(self) -> str:
        """The typed reason and the system's reasons, in the reader's language."""
        parts = [self.reason, *(render_coded(entry) for entry in self.reasons_coded)]
        return "\n".join(part for part in parts if part)


class PlanGoal(BaseModel):
    """What the trainee should reach: a competence at a target level by a date."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="goals")
    lineage = models.UUIDField(default=uuid4, editable=False)
    competence = models.ForeignKey(
        "competences.Competence",
        verbose_name=_("competence"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.TextField(
        _("goal"),
        blank=True,
        help_text=_("What the trainee can do when the goal is reached, in plain words."),
    )
    target_level = models.PositiveSmallIntegerField(_("target level"), null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["version", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(competence__isnull=False) | ~Q(description=""),
                name="plan_goal_has_subject",
            ),
        ]
        indexes = [models.Index(fields=["lineage"], name="plan_goal_lineage_idx")]

    def __str__(self) -> str:
        if self.competence_id:
            return str(self.competence)
        return self.description[:80]

    @property
    def target_label(self) -> str:
        """The target level in words (select_related competence__framework__scale)."""
        if self.competence_id is None or self.target_level is None:
            return ""
        return self.competence.framework.scale.label_for(self.target_level)


class LearningMoment(BaseModel):
    """An organised learning moment: planned on a date, with a topic, a leader and a place."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="moments")
    lineage = models.UUIDField(default=uuid4, editable=False)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    duration_hours = models.DecimalField(_("duration (hours)"), max_digits=4, decimal_places=2)
    topic = models.CharField(_("topic"), max_length=200)
    led_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("led by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    led_by_name = models.CharField(
        _("led by (someone else)"),
        max_length=120,
        blank=True,
        help_text=_("E.g. an instructor of a training centre."),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    goals = models.ManyToManyField(
        PlanGoal, verbose_name=_("goals"), blank=True, related_name="moments"
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("learning moment")
        verbose_name_plural = _("learning moments")
        ordering = ["version", "date", "start_time", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_hours__gt=0, duration_hours__lte=24),
                name="learning_moment_duration_range",
            ),
        ]
        indexes = [
            models.Index(fields=["version", "date"], name="moment_version_date_idx"),
            models.Index(fields=["lineage"], name="moment_lineage_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.topic}"

    @property
    def leader(self) -> str:
        if self.led_by_id:
            return self.led_by.full_name
        return self.led_by_name


class PlanDispatch(BaseModel):
    """The planning of a version handed to the candidate: "bezorg de planning"."""

    class Method(models.TextChoices):
        EMAIL = "email", _("By e-mail")
        IN_PERSON = "in_person", _("Handed over in person (on paper)")

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="dispatches")
    method = models.CharField(_("how"), max_length=10, choices=Method)
    sent_to = models.EmailField(_("sent to"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("planning sent")
        verbose_name_plural = _("planning sent")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(method__in=["email", "in_person"]), name="plan_dispatch_method_valid"
            ),
            models.CheckConstraint(
                condition=~Q(method="email") | ~Q(sent_to=""), name="plan_dispatch_email_has_to"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} → {self.get_method_display()}"
