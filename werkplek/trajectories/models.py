from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import Organisation
from werkplek.candidates.models import Candidate
from werkplek.core.i18n import render_coded
from werkplek.core.models import BaseModel


class Kind(models.TextChoices):
    STAGE = "stage", _("Work placement (stage)")
    IBO = "ibo", _("IBO (individual vocational training)")
    DUAL = "dual", _("Dual learning")
    BIO = "bio", _("BIO (work experience agreement)")
    ONBOARDING = "onboarding", _("Onboarding of a new employee")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PREPARING = "preparing", _("Preparing")
    READY = "ready", _("Ready to start")
    RUNNING = "running", _("Running")
    FINISHING = "finishing", _("Final evaluation")
    CLOSED = "closed", _("Closed")
    STOPPED = "stopped", _("Stopped early")


class Step(models.IntegerChoices):
    PREPARATION = 1, _("Preparation")
    INTRODUCTION_MEETING = 2, _("Getting acquainted")
    INTRODUCTION = 3, _("Introduction")
    LEARNING = 4, _("Learning on the job")
    FOLLOW_UP = 5, _("Follow-up")
    EVALUATION = 6, _("Evaluation")
    CONTINUATION = 7, _("Continuation")
    FINAL_EVALUATION = 8, _("Final evaluation")


class Outcome(models.TextChoices):
    HIRED = "hired", _("Hired: contract signed")
    CONTINUE_TRAINING = "continue", _("Training continues")
    ADDITIONAL_TRAINING = "additional", _("Additional training")
    NOT_HIRED = "not_hired", _("Completed, not hired")
    STOPPED = "stopped", _("Stopped early")


OPEN_STATUSES = (Status.DRAFT, Status.PREPARING, Status.READY, Status.RUNNING, Status.FINISHING)


class Trajectory(BaseModel):
    """One candidate's path through the eight steps at one organisation.

    `status` and `step` change only through the functions in transitions.py; the step
    follows the facts (stepping.py).
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="trajectories"
    )
    candidate = models.ForeignKey(
        Candidate,
        verbose_name=_("candidate"),
        on_delete=models.PROTECT,
        related_name="trajectories",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_trajectories",
    )
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentors"),
        through="MentorAssignment",
        related_name="mentored_trajectories",
        blank=True,
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    job_title = models.CharField(
        _("job"), max_length=120, blank=True, help_text=_("E.g. bus driver, coach driver.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    step = models.PositiveSmallIntegerField(_("step"), choices=Step, default=Step.PREPARATION)
    # A step moved by hand (with a reason on the timeline), and the step the facts pointed to
    # then: the choice holds until the facts point elsewhere (stepping.step_choice).
    step_by_hand = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    step_by_hand_facts = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # Stored fact, kept by the logbook (logbook.services.last_log_refresh): the date of the
    # latest logbook entry. The at-risk board filters and sorts on it; "how long ago" is
    # computed against today when it is read, so it never goes stale by the calendar.
    last_log_on = models.DateField(null=True, blank=True, editable=False)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome, blank=True)
    outcome_note = models.TextField(_("about the outcome"), blank=True)
    # The note when the system wrote it (e.g. the contract of the outcome decision), stored as
    # a code with parameters (core.i18n.coded) so each reader sees it in their language.
    outcome_note_coded = models.JSONField(default=dict, blank=True)
    stop_reason = models.TextField(_("reason for stopping"), blank=True)

    class Meta:
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="traj_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="traj_kind_valid"),
            models.CheckConstraint(condition=Q(step__gte=1, step__lte=8), name="traj_step_range"),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="traj_planned_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True)
                | Q(hours_per_week__gt=0, hours_per_week__lte=60),
                name="traj_hours_range",
            ),
        ]
        indexes = [
            models.Index(
                fields=["organisation", "status", "step"], name="traj_org_status_step_idx"
            ),
            models.Index(fields=["organisation", "kind"], name="traj_org_kind_idx"),
            models.Index(
                fields=["organisation", "status", "last_log_on"], name="traj_org_last_log_idx"
            ),
            models.Index(fields=["organisation", "-created_at"], name="traj_org_created_idx"),
            models.Index(
                fields=["organisation", "updated_at", "public_id"], name="traj_org_updated_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} · {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse(
            "trajectories:detail",
            kwargs={"org": self.organisation.slug, "public_id": self.public_id},
        )

    @property
    def outcome_note_text(self) -> str:
        """What is said about the outcome, in the reader's language."""
        return self.outcome_note or render_coded(self.outcome_note_coded)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def period_start(self):
        """The first day of the trajectory: the actual start, else the planned one."""
        return self.actual_start or self.planned_start

    @property
    def period_end(self):
        """The last day of the trajectory: the actual end, else the planned one."""
        return self.actual_end or self.planned_end


class MentorAssignment(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentor_assignments"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "mentor"], name="mentor_assignment_unique"
            )
        ]
        indexes = [models.Index(fields=["mentor", "trajectory"], name="mentor_assignment_idx")]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.trajectory}"


class TrajectoryEvent(models.Model):
    """The trajectory's timeline: transitions, ticks, assignments, with who and when."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=80)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["trajectory", "-at"], name="traj_event_idx")]

    def __str__(self) -> str:
        return f"{self.action} @ {self.at:%Y-%m-%d %H:%M}"
