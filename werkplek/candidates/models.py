from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import Language, Organisation
from werkplek.core.fields import LineField
from werkplek.core.models import BaseModel
from werkplek.core.search import search_key

SEARCHED_FIELDS = frozenset({"first_name", "last_name", "email"})


class Candidate(BaseModel):
    """The person who learns, before and during their trajectory."""

    class TargetGroup(models.TextChoices):
        NONE = "none", _("No specific target group")
        YOUTH = "youth", _("Young person (under 25)")
        OLDER_WORKER = "older", _("Older worker (50+)")
        LONG_TERM_JOBSEEKER = "long_term", _("Long-term jobseeker")
        DISABILITY = "disability", _("Person with an occupational disability")
        LANGUAGE_LEARNER = "language", _("Non-native speaker learning Dutch")
        OTHER = "other", _("Other")

    class Source(models.TextChoices):
        VDAB = "vdab", _("VDAB")
        SCHOOL = "school", _("School")
        APPLICATION = "application", _("Own application")
        VACANCY = "vacancy", _("Vacancy or website")
        REFERRAL = "referral", _("Referred by an employee")
        SECTOR_FUND = "sector_fund", _("Sector fund / training centre")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="candidates"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidate_profiles",
    )
    first_name = LineField(_("first name"), max_length=100)
    last_name = LineField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail address"), blank=True)
    # "first last email", lower case without accents: what the name search looks in.
    search_key = models.CharField(max_length=400, blank=True, editable=False)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language, default=Language.DUTCH
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    target_group = models.CharField(
        _("target group"), max_length=12, choices=TargetGroup, blank=True
    )
    target_group_note = models.CharField(_("about the target group"), max_length=300, blank=True)
    subsector_interest = models.CharField(
        _("interest in the sub-sector"),
        max_length=300,
        blank=True,
        help_text=_("E.g. regular lines, coach tours, school transport."),
    )
    has_relations_in_company = models.BooleanField(
        _("acquaintances, friends or family in the company"),
        null=True,
        blank=True,
    )
    relations_in_company = models.CharField(
        _("who they know in the company"), max_length=300, blank=True
    )
    source = models.CharField(_("source"), max_length=12, choices=Source, blank=True)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(
                fields=["organisation", "last_name", "first_name"], name="cand_org_name_idx"
            ),
            models.Index(
                fields=["organisation", "updated_at", "public_id"], name="cand_org_updated_idx"
            ),
        ]
        constraints = [
            # One candidate per e-mail address in an organisation, whatever the case; the
            # services turn a violation into an error on the e-mail field.
            models.UniqueConstraint(
                "organisation",
                Lower("email"),
                condition=~Q(email=""),
                name="cand_org_email_unique",
                violation_error_code="duplicate_email",
                violation_error_message=_("Another candidate already has this e-mail address."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.refresh_search_key()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and SEARCHED_FIELDS & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_key"}
        super().save(*args, **kwargs)

    def refresh_search_key(self) -> None:
        """Bulk writes (imports, the generator) call this themselves: they skip save()."""
        self.search_key = search_key(self.first_name, self.last_name, self.email)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def contact_details_complete(self) -> bool:
        return all(
            [self.email, self.phone, self.street, self.postal_code, self.city, self.date_of_birth]
        )

    def age_on(self, day) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
