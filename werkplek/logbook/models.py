from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkplek.core.models import BaseModel


def photo_path(entry: "LogEntry", filename: str) -> str:
    return f"logbook/{entry.trajectory.public_id}/{entry.public_id}.jpg"


class LogEntry(BaseModel):
    """A learning moment in the logbook: organised (planned in the opleidingsplan) or
    unorganised (seized when it happened), by the mentor or by the trainee."""

    class Kind(models.TextChoices):
        UNORGANISED = "unorganised", _("Unorganised: seized when it happened")
        ORGANISED = "organised", _("Organised: planned in the opleidingsplan")

    trajectory = models.ForeignKey(
        "trajectories.Trajectory", on_delete=models.CASCADE, related_name="log_entries"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    by_trainee = models.BooleanField(_("written by the trainee"), default=False)
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.UNORGANISED)
    planned_moment = models.ForeignKey(
        "plans.LearningMoment",
        verbose_name=_("planned learning moment"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="log_entries",
    )
    description = models.TextField(_("what happened"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2, null=True, blank=True)
    competences = models.ManyToManyField(
        "competences.Competence", verbose_name=_("competences"), blank=True, related_name="+"
    )
    photo = models.ImageField(_("photo"), upload_to=photo_path, blank=True)
    followup_topics = models.ManyToManyField(
        "followup.FollowUpRule",
        verbose_name=_("follow-up topics"),
        blank=True,
        related_name="log_entries",
        help_text=_("The follow-up topics this moment followed up; only these are ticked."),
    )

    class Meta:
        verbose_name = _("logbook entry")
        verbose_name_plural = _("logbook entries")
        ordering = ["-date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["organised", "unorganised"]), name="log_entry_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gt=0, hours__lte=24),
                name="log_entry_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(kind="unorganised") | Q(planned_moment__isnull=False),
                name="log_entry_organised_has_moment",
            ),
        ]
        indexes = [
            models.Index(fields=["trajectory", "-date"], name="log_entry_traj_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} · {self.description[:60]}"

    def get_absolute_url(self) -> str:
        return reverse(
            "logbook:list",
            kwargs={
                "org": self.trajectory.organisation.slug,
                "public_id": self.trajectory.public_id,
            },
        )
