"""The audit trail: a history table for every record that matters, and reads of medical data.

django-simple-history keeps one row per create/update/delete (who, when, the whole record),
registered here so that every history table lives in this app and the other apps' models stay
untouched. Bulk writes (`bulk_create`, `QuerySet.update`) are not recorded: services use them
only for derived data (checklist rule refreshes, demo building), never for a person's edits.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history import register

from werkplek.accounts.models import Membership, Organisation
from werkplek.candidates.models import Candidate
from werkplek.checklists.models import ChecklistItem
from werkplek.credentials.models import Credential
from werkplek.documents.models import Document
from werkplek.evaluations.models import Evaluation, OutcomeDecision
from werkplek.logbook.models import LogEntry
from werkplek.plans.models import PlanGoal, PlanVersion
from werkplek.trajectories.models import Trajectory

# Fields that change on every save and say nothing to a reader of the trail.
NOISE_FIELDS = {"updated_at", "created_at", "public_id", "id"}

AUDITED_MODELS = [
    Candidate,
    Trajectory,
    ChecklistItem,
    Credential,
    PlanVersion,
    PlanGoal,
    Document,
    Membership,
    Evaluation,
    OutcomeDecision,
    LogEntry,
]

# Columns derived from others and kept for speed (search keys, stored facts): no history.
DERIVED_FIELDS = {
    Candidate: ["search_key"],
    Trajectory: ["last_log_on"],
    Credential: ["is_current"],
}

for _model in AUDITED_MODELS:
    register(
        _model,
        app="werkplek.audit",
        excluded_fields=["updated_at", *DERIVED_FIELDS.get(_model, [])],
        user_model=settings.AUTH_USER_MODEL,
    )


class SensitiveRead(models.Model):
    """Someone saw medical data (GDPR art. 9): who, when, about whom, on which page."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="sensitive_reads"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    candidate = models.ForeignKey(
        Candidate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    what = models.CharField(_("what"), max_length=60)
    path = models.CharField(_("page"), max_length=255, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("read of sensitive data")
        verbose_name_plural = _("reads of sensitive data")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.what} · {self.at:%Y-%m-%d %H:%M}"


class Erasure(models.Model):
    """The fact that a person's data was erased or anonymised: kept when everything else goes."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(
        Candidate, on_delete=models.SET_NULL, null=True, blank=True, related_name="erasures"
    )
    subject_reference = models.CharField(_("person"), max_length=40)
    reason = models.CharField(_("reason"), max_length=200)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    summary = models.JSONField(_("what was erased"), default=dict)

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.subject_reference


class RetentionPolicy(models.Model):
    """How long an organisation keeps a person's data once all their trajectories ended."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="retention_policy"
    )
    years_after_end = models.PositiveSmallIntegerField(
        _("anonymise people this many years after their last trajectory ended"),
        null=True,
        blank=True,
        default=5,
        help_text=_("Empty: keep until someone erases them by hand."),
    )

    class Meta:
        verbose_name = _("retention policy")
        verbose_name_plural = _("retention policies")

    def __str__(self) -> str:
        return str(self.years_after_end)
