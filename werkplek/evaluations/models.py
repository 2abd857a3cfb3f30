"""Interim and final evaluations (steps 6–8): self-assessment and mentor scores per
competence, strengths, points to improve, action points, goal results, signatures; and the
outcome decision that closes the trajectory.

A signed evaluation is locked; a correction is a new version (`previous` points back) and the
signed one stays unchanged.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import Membership, Organisation
from werkplek.competences.models import Competence
from werkplek.core.models import BaseModel


class Evaluation(BaseModel):
    class Kind(models.TextChoices):
        INTERIM = "interim", _("Interim evaluation")
        FINAL = "final", _("Final evaluation")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")

    class Judgement(models.TextChoices):
        REACHED = "reached", _("Goal reached")
        PARTLY = "partly", _("Goal partly reached")
        NOT_REACHED = "not_reached", _("Goal not reached")

    trajectory = models.ForeignKey(
        "trajectories.Trajectory", on_delete=models.PROTECT, related_name="evaluations"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.SCHEDULED)
    scheduled_on = models.DateField(_("date"))
    scheduled_at = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    guest = models.ForeignKey(
        Membership,
        verbose_name=_("guest (school, VDAB)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Optional: a school or VDAB guest who joins and co-signs."),
    )
    held_on = models.DateField(_("held on"), null=True, blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    improvements = models.TextField(_("points to improve"), blank=True)
    judgement = models.CharField(
        _("overall judgement"), max_length=12, choices=Judgement, blank=True
    )
    judgement_note = models.TextField(_("about the overall judgement"), blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("corrects version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["scheduled_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["interim", "final"]), name="evaluation_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["scheduled", "held"]), name="evaluation_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="scheduled") | Q(held_on__isnull=False),
                name="evaluation_held_has_date",
            ),
            models.CheckConstraint(
                condition=Q(locked_at__isnull=True) | Q(status="held"),
                name="evaluation_locked_when_held",
            ),
        ]
        indexes = [
            models.Index(fields=["trajectory", "kind", "status"], name="evaluation_traj_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.scheduled_on:%d/%m/%Y}"

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.HELD

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def is_final(self) -> bool:
        return self.kind == self.Kind.FINAL

    @property
    def is_current(self) -> bool:
        """Not replaced by a correction (a correction keeps the signed version readable)."""
        try:
            return self.correction is None
        except Evaluation.DoesNotExist:
            return True


class _PerCompetence(BaseModel):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="+")
    competence = models.ForeignKey(
        Competence, verbose_name=_("competence"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        abstract = True


class SelfAssessment(_PerCompetence):
    """The trainee's own view of a competence, before the talk."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="self_assessments"
    )

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "competence"], name="self_assessment_unique"
            )
        ]


class MentorScore(_PerCompetence):
    """The mentor's level on the framework's scale, with a comment."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="mentor_scores"
    )
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("mentor score")
        verbose_name_plural = _("mentor scores")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "competence"], name="mentor_score_unique")
        ]


class ActionPoint(BaseModel):
    """What to work on next, by whom and by when; it can become a goal or learning moment of
    a new plan version. The next evaluation records whether it was kept ("nagaan of de
    gemaakte afspraken nagekomen worden")."""

    class Target(models.TextChoices):
        GOAL = "goal", _("Goal")
        MOMENT = "moment", _("Learning moment")

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="action_points"
    )
    text = models.CharField(_("action point"), max_length=300)
    competence = models.ForeignKey(
        Competence,
        verbose_name=_("competence"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.PositiveIntegerField(default=0)
    planned_as = models.CharField(
        _("added to the plan as"), max_length=10, choices=Target, blank=True
    )
    plan_version = models.PositiveSmallIntegerField(null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_on = models.DateField(_("by when"), null=True, blank=True)
    kept = models.BooleanField(_("kept"), null=True, blank=True)  # None: not checked yet
    checked_in = models.ForeignKey(
        Evaluation,
        verbose_name=_("checked in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checked_action_points",
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class GoalResult(BaseModel):
    """Final evaluation: per goal of the plan, reached or not, with the evidence."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="goal_results"
    )
    goal = models.ForeignKey("plans.PlanGoal", on_delete=models.PROTECT, related_name="+")
    reached = models.BooleanField(_("reached"))
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("goal result")
        verbose_name_plural = _("goal results")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "goal"], name="goal_result_unique")
        ]


class Signature(BaseModel):
    class Party(models.TextChoices):
        TRAINEE = "trainee", _("Trainee")
        MENTOR = "mentor", _("Mentor")
        COORDINATOR = "coordinator", _("Coordinator")
        GUEST = "guest", _("Guest")

    # what is signed: an evaluation, or a version of the opleidingsplan (its parties agree it)
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.PROTECT, null=True, blank=True, related_name="signatures"
    )
    plan_version = models.ForeignKey(
        "plans.PlanVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="acknowledgements",
    )
    party = models.CharField(_("signs as"), max_length=12, choices=Party)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    typed_name = models.CharField(_("name"), max_length=150)
    signed_at = models.DateTimeField(_("signed at"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    on_behalf = models.BooleanField(_("recorded on behalf of the party"), default=False)
    on_behalf_reason = models.TextField(_("why on behalf of the party"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "party"], name="signature_once_per_party"
            ),
            models.CheckConstraint(
                condition=Q(party__in=["trainee", "mentor", "coordinator", "guest"]),
                name="signature_party_valid",
            ),
            models.CheckConstraint(
                condition=Q(on_behalf=True) | Q(on_behalf_reason=""),
                name="signature_reason_only_on_behalf",
            ),
            models.CheckConstraint(
                condition=Q(evaluation__isnull=False, plan_version__isnull=True)
                | Q(evaluation__isnull=True, plan_version__isnull=False),
                name="signature_signs_one_thing",
            ),
            models.UniqueConstraint(
                fields=["plan_version", "party", "signer"],
                condition=Q(plan_version__isnull=False),
                name="plan_acknowledged_once_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.typed_name} ({self.get_party_display()})"


class Course(BaseModel):
    """An organisation's catalogue of additional training (Prodata, NODW, …)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="courses")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=150)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="course_code_per_org")
        ]

    def __str__(self) -> str:
        return self.name


class OutcomeDecision(BaseModel):
    """What happens next, decided after the final evaluation: one or more continuations chosen
    together (a contract, continuing the training, additional courses from the organisation's
    catalogue or another one), or stopping, which goes alone. Recording it closes the
    trajectory."""

    trajectory = models.OneToOneField(
        "trajectories.Trajectory", on_delete=models.PROTECT, related_name="outcome_decision"
    )
    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="+")
    contract = models.BooleanField(_("sign a contract"), default=False)
    contract_date = models.DateField(_("contract starts on"), null=True, blank=True)
    contract_type = models.CharField(_("type of contract"), max_length=100, blank=True)
    continue_training = models.BooleanField(_("continue the training"), default=False)
    courses = models.ManyToManyField(
        Course, verbose_name=_("additional courses"), blank=True, related_name="+"
    )
    course_other = models.CharField(_("other course"), max_length=150, blank=True)
    stop = models.BooleanField(_("stop"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("outcome decision")
        verbose_name_plural = _("outcome decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(stop=False) | Q(contract=False, continue_training=False),
                name="outcome_stop_goes_alone",
            ),
            models.CheckConstraint(
                condition=Q(contract=False) | Q(contract_date__isnull=False),
                name="outcome_contract_has_date",
            ),
        ]

    def __str__(self) -> str:
        return ", ".join(str(label) for label in self.choices_made())

    def choices_made(self) -> list:
        """What was decided, as labels (lazy: said in the reader's language). Reads the
        courses: prefetch them for a list."""
        made = []
        if self.contract:
            made.append(_("Sign a contract"))
        if self.continue_training:
            made.append(_("Continue the training"))
        if self.course_names():
            made.append(_("Additional training"))
        if self.stop:
            made.append(_("Stop"))
        return made

    def course_names(self) -> list[str]:
        names = [course.name for course in self.courses.all()]
        return [*names, self.course_other] if self.course_other else names
