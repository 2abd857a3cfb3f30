from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import Organisation
from werkplek.candidates.models import Candidate
from werkplek.core.i18n import localized
from werkplek.core.models import BaseModel


class Category(models.TextChoices):
    """How a credential type behaves: which fields it has and which rules apply."""

    LICENCE = "licence", _("Driving licence")
    PROFESSIONAL_COMPETENCE = "competence", _("Professional competence (code 95)")
    MEDICAL = "medical", _("Medical fitness")
    DRIVER_CARD = "driver_card", _("Driver card")
    TEST = "test", _("Driving test")
    OTHER = "other", _("Other certificate")


class CredentialType(BaseModel):
    """What the sector requires of a driver, with its validity rules (sector pack data).

    Rows without an organisation belong to a sector pack; an organisation works with its own
    copy and may add types of its own. `checklist_item` names the checklist item a valid,
    verified credential of this type ticks; `required_for` the trajectory kinds that cannot
    start without one.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="credential_types",
    )
    sector_pack = models.ForeignKey(
        "sectorpacks.SectorPack",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="credential_types",
    )
    code = models.SlugField(_("code"), max_length=60)
    category = models.CharField(_("category"), max_length=12, choices=Category)
    label = models.JSONField(_("name"), default=dict)
    help = models.JSONField(_("explanation"), default=dict, blank=True)
    checklist_item = models.SlugField(_("checklist item it ticks"), max_length=60, blank=True)
    required_for = models.JSONField(
        _("required to start"),
        default=list,
        blank=True,
        help_text=_("Trajectory kinds that cannot start without a valid one."),
    )
    has_number = models.BooleanField(_("has a number"), default=False)
    has_expiry = models.BooleanField(_("has an expiry date"), default=True)
    max_validity_years = models.PositiveSmallIntegerField(
        _("valid for at most (years)"), null=True, blank=True
    )
    evidence_allowed = models.BooleanField(_("proof can be uploaded"), default=True)
    categories = models.JSONField(_("licence categories"), default=list, blank=True)
    qualifying_categories = models.JSONField(
        _("categories that count"),
        default=list,
        blank=True,
        help_text=_("The checklist item ticks only when one of these categories is held."),
    )
    rules = models.JSONField(_("age and training rules"), default=dict, blank=True)
    warning_days = models.JSONField(_("warn this many days before expiry"), default=list)
    is_active = models.BooleanField(_("in use"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("credential type")
        verbose_name_plural = _("credential types")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"],
                condition=Q(organisation__isnull=False),
                name="credential_type_code_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["sector_pack", "code"],
                condition=Q(organisation__isnull=True),
                name="credential_type_code_per_pack",
            ),
            models.CheckConstraint(
                condition=Q(
                    category__in=[
                        "licence",
                        "competence",
                        "medical",
                        "driver_card",
                        "test",
                        "other",
                    ]
                ),
                name="credential_type_category_valid",
            ),
        ]

    def __str__(self) -> str:
        return localized(self.label) or self.code

    @property
    def is_medical(self) -> bool:
        return self.category == Category.MEDICAL

    @property
    def is_test(self) -> bool:
        return self.category == Category.TEST

    @property
    def is_licence(self) -> bool:
        return self.category == Category.LICENCE

    @property
    def warnings(self) -> list[int]:
        """Days before expiry at which the status becomes "expiring", widest first."""
        return sorted((int(days) for days in self.warning_days or [90, 30, 7]), reverse=True)

    def required_for_kind(self, kind: str) -> bool:
        return kind in (self.required_for or [])


class Credential(BaseModel):
    """A driver's licence, certificate or test result, with its expiry and who checked it.

    For medical fitness only "fit for group 2, valid until <date>" is kept: no number, no
    diagnosis, no scan (GDPR art. 9).
    """

    class Result(models.TextChoices):
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="credentials"
    )
    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="credentials"
    )
    type = models.ForeignKey(
        CredentialType,
        verbose_name=_("type"),
        on_delete=models.PROTECT,
        related_name="credentials",
    )
    number = models.CharField(_("number"), max_length=40, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    # Stored fact, kept by the services (credentials.services.credentials_current_refresh):
    # no credential of the same type of the same candidate is valid until later. The radar
    # lists current credentials only; whether one has expired is compared with today when read.
    is_current = models.BooleanField(default=True, editable=False)
    categories = models.CharField(
        _("categories"),
        max_length=60,
        blank=True,
        help_text=_("Stored as ,D1,D, so that a category can be looked up in SQL."),
    )
    training_hours = models.DecimalField(
        _("hours of periodic training"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    result = models.CharField(_("result"), max_length=6, choices=Result, blank=True)
    examiner = models.CharField(_("examiner"), max_length=120, blank=True)
    remarks = models.TextField(_("remarks"), blank=True, max_length=2000)
    evidence = models.ForeignKey(
        "documents.Document",
        verbose_name=_("proof"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="credentials",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        ordering = ["type__position", "-expires_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(expires_on__gte=F("issued_on")),
                name="credential_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(result__in=["", "passed", "failed"]), name="credential_result_valid"
            ),
            models.CheckConstraint(
                condition=Q(training_hours__isnull=True)
                | Q(training_hours__gte=0, training_hours__lte=500),
                name="credential_training_hours_range",
            ),
        ]
        indexes = [
            # The radar: current credentials by expiry date (a plain index: SQLite uses a
            # partial one only for literal values, not for query parameters).
            models.Index(
                fields=["organisation", "is_current", "expires_on"],
                name="credential_current_expiry_idx",
            ),
            models.Index(fields=["organisation", "expires_on"], name="credential_org_expiry_idx"),
            models.Index(fields=["candidate", "type"], name="credential_candidate_type_idx"),
            models.Index(
                fields=["organisation", "updated_at", "public_id"],
                name="credential_org_updated_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} · {self.candidate}"

    @property
    def category_list(self) -> list[str]:
        return [code for code in self.categories.split(",") if code]

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def days_left(self, today: date) -> int | None:
        return (self.expires_on - today).days if self.expires_on else None


def categories_value(codes: list[str]) -> str:
    """The stored form of licence categories: ",D1,D," (empty string for none)."""
    return f",{','.join(codes)}," if codes else ""
