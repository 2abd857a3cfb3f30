from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import Organisation
from werkplek.candidates.models import Candidate
from werkplek.core.i18n import localized
from werkplek.core.models import BaseModel
from werkplek.trajectories.models import Kind


class Application(BaseModel):
    """A candidate applies for a kind of trajectory: the start of the intake (step 1).

    It opens a draft trajectory of the requested kind; what becomes of the application is
    what becomes of that trajectory (confirmed, or stopped with a reason).
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="applications"
    )
    candidate = models.ForeignKey(
        Candidate,
        verbose_name=_("candidate"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    trajectory = models.OneToOneField(
        "trajectories.Trajectory",
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="application",
    )
    received_on = models.DateField(_("received on"))
    requested_kind = models.CharField(_("applies for"), max_length=12, choices=Kind)
    source = models.CharField(_("source"), max_length=12, choices=Candidate.Source)
    contact_name = models.CharField(
        _("contact person"),
        max_length=150,
        blank=True,
        help_text=_("At the school or VDAB, if there is one."),
    )
    contact_organisation = models.CharField(_("school or organisation"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact's e-mail"), blank=True)
    contact_phone = models.CharField(_("contact's phone"), max_length=30, blank=True)
    motivation = models.TextField(_("motivation and remarks"), blank=True, max_length=4000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_kind__in=Kind.values), name="application_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(source__in=Candidate.Source.values), name="application_source_valid"
            ),
        ]
        indexes = [
            models.Index(
                fields=["organisation", "-received_on"], name="application_org_received_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} · {self.get_requested_kind_display()}"


class MeetingKind(models.TextChoices):
    MOTIVATION_INTERVIEW = "motivation", _("Motivation interview")
    INTRODUCTION = "introduction", _("Getting-acquainted talk")
    WORKPLACE_TOUR = "tour", _("Workplace tour")
    FIRST_DAY = "first_day", _("First-day arrangements")
    FOLLOW_UP = "follow_up", _("Follow-up talk")


class Meeting(BaseModel):
    """A talk or appointment of the trajectory, with the handbook's question guide.

    `answers` keeps the questions as they were asked (a snapshot), so later edits of the
    guide do not change what was said. A workplace tour closes the introduction with the
    question "ready to dive in?" (`ready_to_start`, yes/no, and a comment).
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="meetings"
    )
    trajectory = models.ForeignKey(
        "trajectories.Trajectory",
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=MeetingKind)
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participants"),
        related_name="meetings",
        blank=True,
    )
    candidate_attends = models.BooleanField(_("the candidate takes part"), default=True)
    other_participants = models.CharField(
        _("other participants"),
        max_length=300,
        blank=True,
        help_text=_("E.g. the school's placement supervisor or the VDAB consultant."),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=10000)
    answers = models.JSONField(_("answers to the question guide"), default=list, blank=True)
    ready_to_start = models.BooleanField(_("ready to dive in?"), null=True, blank=True)
    ready_comment = models.CharField(_("about being ready"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PLANNED)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=MeetingKind.values), name="meeting_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "held", "cancelled"]),
                name="meeting_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=720),
                name="meeting_duration_range",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "starts_at"], name="meeting_org_start_idx"),
            models.Index(fields=["trajectory", "kind", "status"], name="meeting_traj_kind_idx"),
            models.Index(
                fields=["organisation", "updated_at", "public_id"], name="meeting_org_updated_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.trajectory.candidate}"

    def get_absolute_url(self) -> str:
        return reverse(
            "intake:meeting",
            kwargs={"org": self.organisation.slug, "public_id": self.public_id},
        )

    @property
    def asks_ready(self) -> bool:
        return self.kind == MeetingKind.WORKPLACE_TOUR

    @property
    def day_has_come(self) -> bool:
        """Whether it can have been held: its day is today or past."""
        return timezone.localdate(self.starts_at) <= timezone.localdate()

    @property
    def can_be_held(self) -> bool:
        return self.status != self.Status.HELD and self.day_has_come


class QuestionGuide(BaseModel):
    """The handbook's questions as data: a guide per kind of meeting (the motivation
    interview, the kennismaking, …) and the strategic and operational preparation questions.
    A sector pack ships them; each organisation edits its own copy."""

    class Code(models.TextChoices):
        # the guide of each kind of meeting has the meeting kind's code
        MOTIVATION = "motivation", _("Motivation interview")
        INTRODUCTION = "introduction", _("Getting-acquainted talk")
        TOUR = "tour", _("Workplace tour")
        FIRST_DAY = "first_day", _("First-day arrangements")
        FOLLOW_UP = "follow_up", _("Follow-up talk")
        STRATEGIC = "strategic", _("Strategic preparation")
        OPERATIONAL = "operational", _("Operational preparation")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="question_guides",
    )
    sector_pack = models.ForeignKey(
        "sectorpacks.SectorPack",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="question_guides",
    )
    code = models.CharField(_("code"), max_length=12, choices=Code)
    title = models.JSONField(_("title"), default=dict)
    intro = models.JSONField(_("introduction"), default=dict, blank=True)

    class Meta:
        verbose_name = _("question guide")
        verbose_name_plural = _("question guides")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"],
                condition=Q(organisation__isnull=False),
                name="guide_code_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["sector_pack", "code"],
                condition=Q(organisation__isnull=True),
                name="guide_code_per_pack",
            ),
        ]

    def __str__(self) -> str:
        return localized(self.title) or self.get_code_display()


class GuideQuestion(BaseModel):
    guide = models.ForeignKey(QuestionGuide, on_delete=models.CASCADE, related_name="questions")
    text = models.JSONField(_("question"), default=dict)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["guide", "position", "id"]

    def __str__(self) -> str:
        return localized(self.text)


class WorkplaceLearningPolicy(BaseModel):
    """The organisation's answers to the strategic questions of the handbook, shown to
    mentors: how reception and guidance go, mentor training, what is expected of a mentor,
    legal constraints, target groups."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="workplace_learning_policy"
    )
    answers = models.JSONField(_("answers"), default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("workplace learning policy")
        verbose_name_plural = _("workplace learning policies")

    def __str__(self) -> str:
        return str(self.organisation)


class OperationalPreparation(BaseModel):
    """The mentor's operational preparation for one trajectory, as answers to the guide."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="operational_preparations"
    )
    trajectory = models.OneToOneField(
        "trajectories.Trajectory",
        on_delete=models.CASCADE,
        related_name="operational_preparation",
    )
    answers = models.JSONField(_("answers"), default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("operational preparation")
        verbose_name_plural = _("operational preparations")

    def __str__(self) -> str:
        return str(self.trajectory)
