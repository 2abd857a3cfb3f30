from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkplek.core.models import BaseModel

# The risks a Flemish werkpostfiche lists (Codex boek X, titel 4), in the order printed.
RISKS = [
    ("fall", _("Falling, slipping or tripping")),
    ("crushing", _("Crushing or being struck (vehicles, doors, lifts)")),
    ("traffic", _("Traffic and manoeuvring")),
    ("noise", _("Noise")),
    ("vibration", _("Vibration")),
    ("climate", _("Heat, cold or draught")),
    ("dust", _("Dust, exhaust fumes or chemicals")),
    ("ergonomics", _("Posture, lifting or long sitting")),
    ("aggression", _("Aggression or conflicts")),
    ("electricity", _("Electricity")),
]
RISK_CODES = [code for code, _label in RISKS]


class WorkstationSheet(BaseModel):
    """The werkpostfiche of a trajectory: the workstation, its risks and the measures taken.

    Filled from the trajectory when first opened, edited before printing; the printed and
    signed copy is kept as a generated document.
    """

    trajectory = models.OneToOneField(
        "trajectories.Trajectory", on_delete=models.CASCADE, related_name="workstation_sheet"
    )
    workstation = models.CharField(_("workstation"), max_length=150)
    location = models.CharField(_("place of work"), max_length=200, blank=True)
    activities = models.TextField(_("activities"), max_length=4000, blank=True)
    increased_risk = models.BooleanField(_("workstation with increased risk"), default=False)
    forbidden_for_young = models.BooleanField(
        _("includes work forbidden for young people under 18"), default=False
    )
    specific_training = models.BooleanField(_("specific training needed"), default=False)
    training_note = models.CharField(_("which training"), max_length=300, blank=True)
    onboarding_emergencies = models.BooleanField(
        _("the onboarding covers emergencies and first aid"), default=True
    )
    risks = models.JSONField(
        _("risks and measures"),
        default=dict,
        blank=True,
        help_text=_("Per risk that applies: the prevention measures taken."),
    )
    protective_equipment = models.TextField(
        _("personal protective equipment"), max_length=2000, blank=True
    )
    health_surveillance = models.BooleanField(_("health assessment needed"), default=False)
    vaccinations = models.CharField(_("vaccinations"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("workstation sheet (werkpostfiche)")
        verbose_name_plural = _("workstation sheets (werkpostfiches)")

    def __str__(self) -> str:
        return f"{self.trajectory} · {self.workstation}"

    @property
    def risk_rows(self) -> list[tuple[str, str, bool, str]]:
        """(code, label, applies, measures) for every known risk."""
        return [
            (code, label, code in self.risks, self.risks.get(code, "")) for code, label in RISKS
        ]


def logo_upload_to(settings_row: "PrintSettings", filename: str) -> str:
    from uuid import uuid4

    extension = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"logos/{settings_row.organisation.public_id.hex}/{uuid4().hex}{extension}"


class PrintSettings(BaseModel):
    """How an organisation's documents look when printed: for now, its logo in the header."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="print_settings"
    )
    logo = models.FileField(_("logo"), upload_to=logo_upload_to, max_length=255, blank=True)
    logo_type = models.CharField(_("logo file type"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("print settings")
        verbose_name_plural = _("print settings")

    def __str__(self) -> str:
        return str(self.organisation)
