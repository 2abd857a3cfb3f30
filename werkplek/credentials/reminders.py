"""Credentials in the reminders: who hears that a credential expires (90/30/7 days, from the
credential type) or expired, and the daily job that unticks expired credentials.

Registered by CredentialsConfig.ready() through the notifications registries.
"""

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import Membership
from werkplek.credentials.models import Credential, CredentialType
from werkplek.notifications.models import Level
from werkplek.notifications.scanners import LOOK_BACK_DAYS, NotificationSpec, trajectory_people
from werkplek.trajectories.models import OPEN_STATUSES, Trajectory

TEXTS = {
    "credentials.expiring": _("%(credential)s of %(trainee)s expires on %(due_date)s"),
    "credentials.expired": _("%(credential)s of %(trainee)s expired on %(due_date)s"),
}
REFRESH_HOUR = 4  # the daily refresh of expired credentials runs after this hour (local time)


def scan_credentials(*, today: date) -> Iterator[NotificationSpec]:
    """Current credentials of candidates with an open trajectory that entered a warning band
    or expired in the last days. The coordinator hears about all of them, the mentors and the
    trainee about everything but medical fitness (whose date is for coordinators only)."""
    types = {
        credential_type.pk: credential_type
        for credential_type in CredentialType.objects.filter(
            organisation__isnull=False, is_active=True, has_expiry=True
        )
    }
    widest = max((max(t.warnings, default=0) for t in types.values()), default=0)
    newer = Credential.objects.filter(
        candidate=OuterRef("candidate"),
        type=OuterRef("type"),
        expires_on__gt=OuterRef("expires_on"),
    )
    open_trajectory = Trajectory.objects.filter(
        candidate=OuterRef("candidate"), status__in=OPEN_STATUSES
    )
    rows = list(
        Credential.objects.filter(
            type__in=list(types),
            expires_on__range=(today - timedelta(days=LOOK_BACK_DAYS), today + timedelta(widest)),
        )
        .filter(Exists(open_trajectory))
        .exclude(Exists(newer))
        .values_list(
            "pk",
            "organisation_id",
            "candidate_id",
            "candidate__first_name",
            "candidate__last_name",
            "type_id",
            "expires_on",
        )
    )
    if not rows:
        return
    trajectories = _latest_open_trajectories({row[2] for row in rows})
    chosen = Trajectory.objects.filter(pk__in=[pk for pk, *_rest in trajectories.values()])
    mentors, coordinators = trajectory_people(chosen)
    trainees = _trainees(chosen)
    for pk, organisation_id, candidate_id, first, last, type_id, expires_on in rows:
        credential_type = types[type_id]
        days = (expires_on - today).days
        if days < 0:
            kind, level, key = "credentials.expired", Level.LATE, f"credentials.expired:{pk}"
        else:
            bands = [band for band in credential_type.warnings if days <= band]
            if not bands:
                continue
            band = min(bands)
            kind, key = "credentials.expiring", f"credentials.expiring:{pk}:{band}"
            level = Level.SOON if band <= 30 else Level.INFO
        trajectory_id, public_id, slug = trajectories[candidate_id]
        people = set(coordinators[trajectory_id])
        if not credential_type.is_medical:
            people |= mentors[trajectory_id] | trainees.get(trajectory_id, set())
        link = reverse("credentials:trajectory", kwargs={"org": slug, "public_id": public_id})
        params = {
            "credential": credential_type.label,
            "trainee": f"{first} {last}".strip(),
            "due_date": expires_on.isoformat(),
        }
        for user_id in people:
            yield NotificationSpec(
                recipient_id=user_id,
                organisation_id=organisation_id,
                kind=kind,
                key=f"{key}:{expires_on.isoformat()}",
                level=level,
                params=params,
                link=link,
                trajectory_id=trajectory_id,
                due_date=expires_on,
            )


def _latest_open_trajectories(candidate_ids: set[int]) -> dict[int, tuple]:
    """Per candidate, their most recent open trajectory: (id, public id, organisation slug)."""
    latest = {}
    for pk, candidate_id, public_id, slug in (
        Trajectory.objects.filter(candidate_id__in=candidate_ids, status__in=OPEN_STATUSES)
        .order_by("created_at", "id")
        .values_list("pk", "candidate_id", "public_id", "organisation__slug")
    ):
        latest[candidate_id] = (pk, public_id, slug)
    return latest


def _trainees(trajectories) -> dict[int, set[int]]:
    """The trainee's own login per trajectory, when they are an active trainee member."""
    found: dict[int, set[int]] = {}
    active = Membership.objects.filter(
        user=OuterRef("candidate__user"),
        organisation=OuterRef("organisation"),
        role=Membership.Role.TRAINEE,
        is_active=True,
    )
    for pk, user_id in (
        trajectories.filter(candidate__user__is_active=True)
        .filter(Exists(active))
        .values_list("pk", "candidate__user_id")
    ):
        found.setdefault(pk, set()).add(user_id)
    return found
