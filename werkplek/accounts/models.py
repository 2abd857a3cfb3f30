from uuid import uuid4

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.enterprise_number import (
    format_enterprise_number,
    normalize_enterprise_number,
    validate_enterprise_number,
)
from werkplek.core.fields import LineField
from werkplek.core.models import BaseModel


class Language(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, email: str):
        """Sign-in is case-insensitive: 'An@Example.be' is 'an@example.be'."""
        return self.get(email__iexact=email)

    def create_user(self, email: str, password: str | None = None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields["is_staff"] = True
        fields["is_superuser"] = True
        return self._create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in, with their e-mail address. Roles live on Membership."""

    public_id = models.UUIDField(default=uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = LineField(_("full name"), max_length=150)
    language = models.CharField(
        _("language"), max_length=2, choices=Language, default=Language.DUTCH
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("installation administrator"),
        default=False,
        help_text=_("May use the Django admin of the whole installation."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Organisation(BaseModel):
    """A tenant: an employer that takes in trainees. Every record hangs under one."""

    name = LineField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    enterprise_number = models.CharField(
        _("enterprise number"),
        max_length=10,
        validators=[validate_enterprise_number],
        help_text=_("Ondernemingsnummer (KBO), e.g. 0403.170.701."),
    )
    sector = models.CharField(_("sector"), max_length=120, blank=True)
    sector_pack = models.ForeignKey(
        "sectorpacks.SectorPack",
        verbose_name=_("sector pack"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    default_language = models.CharField(
        _("default language"), max_length=2, choices=Language, default=Language.DUTCH
    )
    # The workplace learning policy's "at most two trainees per mentor", as a number.
    max_trainees_per_mentor = models.PositiveSmallIntegerField(
        _("trainees per mentor at most"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_(
            "How many open trajectories one mentor may have at the same time. "
            "Assigning more needs a reason."
        ),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.enterprise_number = normalize_enterprise_number(self.enterprise_number)
        super().save(*args, **kwargs)

    @property
    def enterprise_number_display(self) -> str:
        return format_enterprise_number(self.enterprise_number)


class Membership(BaseModel):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        COORDINATOR = "coordinator", _("Coordinator")
        MENTOR = "mentor", _("Mentor")
        TRAINEE = "trainee", _("Trainee")
        GUEST = "guest", _("Guest")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=12, choices=Role)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=["admin", "coordinator", "mentor", "trainee", "guest"]),
                name="membership_role_valid",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "role"], name="membership_org_role_idx")]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"

    @property
    def is_staff_role(self) -> bool:
        """Admins and coordinators see and manage every trajectory of the organisation."""
        return self.role in STAFF_ROLES

    @property
    def sees_medical_data(self) -> bool:
        return self.role in STAFF_ROLES


STAFF_ROLES = (Membership.Role.ADMIN, Membership.Role.COORDINATOR)
MENTORING_ROLES = (*STAFF_ROLES, Membership.Role.MENTOR)
