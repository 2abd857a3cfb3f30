"""The status of a credential on a given day: valid, expiring (90/30/7 days), expired, missing,
not verified, or failed (a driving test).

A credential is valid up to and including its "valid until" date. The warning bands come
from the credential type (sector pack data, 90/30/7 days by default).
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkplek.credentials.models import Credential


class Status(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRING = "expiring", _("Expiring")
    EXPIRED = "expired", _("Expired")
    MISSING = "missing", _("Missing")
    UNVERIFIED = "unverified", _("Not verified")
    FAILED = "failed", _("Failed")


# What people who may not see medical data see of a medical credential's status.
MEDICAL_STATUS_FOR_OTHERS = {
    Status.VALID: Status.VALID,
    Status.EXPIRING: Status.VALID,
    Status.EXPIRED: Status.EXPIRED,
    Status.MISSING: Status.MISSING,
    Status.UNVERIFIED: Status.MISSING,
    Status.FAILED: Status.MISSING,
}


@dataclass(frozen=True)
class Validity:
    status: Status
    days_left: int | None = None
    within: int | None = None  # the narrowest warning band (90, 30 or 7 days) it falls in

    @property
    def is_usable(self) -> bool:
        """Counts as holding the credential: valid or expiring, verified, not failed."""
        return self.status in (Status.VALID, Status.EXPIRING)


def credential_validity(credential: Credential | None, *, today: date) -> Validity:
    if credential is None:
        return Validity(Status.MISSING)
    if credential.type.is_test and credential.result != Credential.Result.PASSED:
        return Validity(Status.FAILED)
    days_left = credential.days_left(today)
    if days_left is not None and days_left < 0:
        return Validity(Status.EXPIRED, days_left)
    if not credential.is_verified:
        return Validity(Status.UNVERIFIED, days_left)
    if days_left is not None:
        bands = [days for days in credential.type.warnings if days_left <= days]
        if bands:
            return Validity(Status.EXPIRING, days_left, min(bands))
    return Validity(Status.VALID, days_left)


def usable_q(*, on: date) -> Q:
    """The same rule as `Validity.is_usable`, as a filter on credentials."""
    return (
        Q(verified_at__isnull=False)
        & (Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        & ~Q(type__category="test", result__in=["", Credential.Result.FAILED])
    )


def qualifies(credential: Credential) -> bool:
    """A licence counts for its checklist item only with one of the qualifying categories."""
    wanted = credential.type.qualifying_categories
    return not wanted or bool(set(wanted) & set(credential.category_list))


def current_of(credentials: list[Credential]) -> Credential | None:
    """The credential that stands for its type: the one valid longest, or the latest test."""
    if not credentials:
        return None
    return max(
        credentials,
        key=lambda c: (c.expires_on or date.max, c.issued_on or date.min, c.created_at, c.pk),
    )
