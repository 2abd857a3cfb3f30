"""What credentials ask (core.obligations): the coordinator verifies a recorded credential
of a trainee in an open trajectory."""

from collections.abc import Iterator
from datetime import date

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkplek.core.obligations import Obligation, register_obligation_source
from werkplek.credentials.models import Credential
from werkplek.trajectories.models import OPEN_STATUSES, Trajectory

TEXTS = {"credentials.verify": _("Verify the %(document)s of %(trainee)s")}


def credential_obligations(*, trajectories: QuerySet, today: date) -> Iterator[Obligation]:
    """Unverified credentials, for the coordinator of each open trajectory. Two queries."""
    open_trajectories = list(
        Trajectory.objects.filter(
            pk__in=trajectories.values("pk"),
            status__in=OPEN_STATUSES,
            coordinator_id__isnull=False,
        ).values("pk", "candidate_id", "coordinator_id", "public_id", "organisation__slug")
    )
    if not open_trajectories:
        return
    rows = Credential.objects.filter(
        candidate_id__in={row["candidate_id"] for row in open_trajectories},
        verified_at__isnull=True,
    ).values("pk", "candidate_id", "type__label", "candidate__first_name", "candidate__last_name")
    by_candidate: dict[int, list[dict]] = {}
    for row in rows:
        by_candidate.setdefault(row["candidate_id"], []).append(row)
    for trajectory in open_trajectories:
        url = reverse(
            "credentials:trajectory",
            kwargs={"org": trajectory["organisation__slug"], "public_id": trajectory["public_id"]},
        )
        for row in by_candidate.get(trajectory["candidate_id"], []):
            yield Obligation(
                kind="credentials.verify",
                trajectory_id=trajectory["pk"],
                user_id=trajectory["coordinator_id"],
                key=f"credentials.verify:{row['pk']}",
                url=url,
                params={
                    "document": row["type__label"],
                    "trainee": f"{row['candidate__first_name']} {row['candidate__last_name']}",
                },
            )


def register() -> None:
    register_obligation_source("credentials", credential_obligations, texts=TEXTS)
