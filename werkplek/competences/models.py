"""Competence frameworks (kennis, vaardigheden, attitudes), their rating scales, and what a
trajectory's ratings say: the baseline at intake, observations in the logbook, evaluations.

Frameworks and scales without an organisation belong to a sector pack; an organisation works
from its own copies (see packs.py).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import Organisation
from werkplek.core.i18n import localized
from werkplek.core.models import BaseModel


class Group(models.TextChoices):
    KNOWLEDGE = "knowledge", _("Knowledge")
    SKILLS = "skills", _("Skills")
    ATTITUDES = "attitudes", _("Attitudes")


class RatingScale(BaseModel):
    """Ordered levels with labels, e.g. nog niet verworven → zelfstandig.

    `levels` is a list of {"value": 1, "label": {"nl": …}, "description": {…}} in ascending
    order; `achieved_level` is the value from which a competence counts as acquired.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rating_scales",
    )
    sector_pack = models.ForeignKey(
        "sectorpacks.SectorPack", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.JSONField(_("name"), default=dict)
    levels = models.JSONField(_("levels"), default=list)
    achieved_level = models.PositiveSmallIntegerField(_("level that counts as acquired"))

    class Meta:
        verbose_name = _("rating scale")
        verbose_name_plural = _("rating scales")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"],
                condition=Q(organisation__isnull=False),
                name="rating_scale_code_per_org",
            ),
            models.UniqueConstraint(
                fields=["sector_pack", "code"],
                condition=Q(organisation__isnull=True),
                name="rating_scale_code_per_pack",
            ),
        ]

    def __str__(self) -> str:
        return localized(self.name) or self.code

    def clean(self) -> None:
        values = [level.get("value") for level in self.levels if isinstance(level, dict)]
        if len(values) != len(self.levels) or len(values) < 2:
            raise ValidationError({"levels": _("A scale needs at least two levels.")})
        if values != sorted(set(values)) or not all(isinstance(v, int) and v > 0 for v in values):
            raise ValidationError(
                {"levels": _("Level values are positive whole numbers in ascending order.")}
            )
        if any(not localized(level.get("label")) for level in self.levels):
            raise ValidationError({"levels": _("Every level needs a label.")})
        if self.achieved_level not in values:
            raise ValidationError(
                {
                    "achieved_level": _(
                        "The level that counts as acquired must be one of the levels."
                    )
                }
            )

    @property
    def values(self) -> list[int]:
        return [level["value"] for level in self.levels]

    @property
    def max_level(self) -> int:
        return self.values[-1]

    @property
    def min_level(self) -> int:
        return self.values[0]

    def label_for(self, value: int | None) -> str:
        for level in self.levels:
            if level["value"] == value:
                return localized(level["label"])
        return ""

    def choices(self) -> list[tuple[int, str]]:
        return [(level["value"], localized(level["label"])) for level in self.levels]


class CompetenceFramework(BaseModel):
    """The competences of one job (e.g. bus and coach driver), rated on one scale."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="competence_frameworks",
    )
    sector_pack = models.ForeignKey(
        "sectorpacks.SectorPack", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    scale = models.ForeignKey(
        RatingScale,
        verbose_name=_("rating scale"),
        on_delete=models.RESTRICT,
        related_name="frameworks",
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("competence framework")
        verbose_name_plural = _("competence frameworks")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"],
                condition=Q(organisation__isnull=False),
                name="framework_code_per_org",
            ),
            models.UniqueConstraint(
                fields=["sector_pack", "code"],
                condition=Q(organisation__isnull=True),
                name="framework_code_per_pack",
            ),
        ]

    def __str__(self) -> str:
        return localized(self.name) or self.code


class Competence(BaseModel):
    framework = models.ForeignKey(
        CompetenceFramework, on_delete=models.CASCADE, related_name="competences"
    )
    code = models.SlugField(_("code"), max_length=60)
    group = models.CharField(_("group"), max_length=10, choices=Group)
    label = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("A competence no longer in use stays in existing plans and ratings."),
    )

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["framework", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="competence_code_unique"),
            models.CheckConstraint(
                condition=Q(group__in=["knowledge", "skills", "attitudes"]),
                name="competence_group_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["framework", "position"], name="competence_framework_pos_idx")
        ]

    def __str__(self) -> str:
        return localized(self.label) or self.code

    @property
    def text(self) -> str:
        return localized(self.label)

    @property
    def description_text(self) -> str:
        return localized(self.description)


class CompetenceProfile(models.Model):
    """Which framework a trajectory is mapped, planned and evaluated on."""

    trajectory = models.OneToOneField(
        "trajectories.Trajectory", on_delete=models.CASCADE, related_name="competence_profile"
    )
    framework = models.ForeignKey(
        CompetenceFramework, on_delete=models.RESTRICT, related_name="profiles"
    )
    chosen_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.trajectory} · {self.framework}"


class CompetenceRating(BaseModel):
    """A level on the framework's scale, for one competence of one trajectory, on a day.

    The latest rating of a competence is its current level. Ratings come from the baseline
    at intake (one per competence), from observations in the logbook and from evaluations;
    `source_ref` is the public id of the logbook entry or evaluation that gave it.
    """

    class Source(models.TextChoices):
        BASELINE = "baseline", _("Baseline at intake")
        LOGBOOK = "logbook", _("Logbook observation")
        EVALUATION = "evaluation", _("Evaluation")

    trajectory = models.ForeignKey(
        "trajectories.Trajectory", on_delete=models.CASCADE, related_name="competence_ratings"
    )
    competence = models.ForeignKey(
        Competence, verbose_name=_("competence"), on_delete=models.RESTRICT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    rated_on = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=10, choices=Source)
    source_ref = models.UUIDField(null=True, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("competence rating")
        verbose_name_plural = _("competence ratings")
        ordering = ["rated_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "competence"],
                condition=Q(source="baseline"),
                name="one_baseline_rating_per_competence",
            ),
            models.CheckConstraint(
                condition=Q(source__in=["baseline", "logbook", "evaluation"]),
                name="competence_rating_source_valid",
            ),
            models.CheckConstraint(condition=Q(level__gte=1), name="competence_rating_level_min"),
        ]
        indexes = [
            models.Index(
                fields=["trajectory", "competence", "rated_on"], name="rating_traj_comp_idx"
            ),
            models.Index(fields=["source_ref"], name="rating_source_ref_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.competence}: {self.level} ({self.rated_on})"
