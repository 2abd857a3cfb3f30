from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkplek.core.models import BaseModel


class GuestAccess(BaseModel):
    """A guest (school trajectbegeleider, VDAB consultant) may read one trajectory.

    Access ends when staff revoke it (`revoked_at`) or GUEST_READ_DAYS_AFTER_END days after
    the trajectory closed or stopped (docs/decisions/guest-access.md); a guest membership
    alone gives access to nothing.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="guest_accesses"
    )
    trajectory = models.ForeignKey(
        "trajectories.Trajectory",
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="guest_accesses",
    )
    membership = models.ForeignKey(
        "accounts.Membership",
        verbose_name=_("guest"),
        on_delete=models.CASCADE,
        related_name="guest_accesses",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("guest access")
        verbose_name_plural = _("guest accesses")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "membership"],
                condition=Q(revoked_at__isnull=True),
                name="guest_access_active_unique",
            )
        ]
        indexes = [
            models.Index(fields=["membership", "trajectory"], name="guest_access_member_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} → {self.trajectory}"

    @property
    def is_active(self) -> bool:
        from werkplek.trajectories.selectors import guest_may_read

        return self.revoked_at is None and guest_may_read(self.trajectory)
