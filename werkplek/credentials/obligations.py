"""What credentials ask (core.obligations): the coordinator verifies a recorded credential
of a trainee in an open trajectory."""

from collections.abc import Iterator
from datetime import date

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkplek.core.obligations import Obligation, register_obligation_source
from werkplek.credentials.models import Credential
from werkplek.trajectories.models import OPEN_STATUSES

TEXTS = {"credentials.verify": _("Verify the %(document)s of %(trainee)s")}


def credential_obligations(*, trajectories: QuerySet, today: date) -> Iterator[Obligation]:
    """Unverified credentials, for the coordinator of each open trajectory of their
    candidate. One query: one row per credential and open trajectory."""
    prefix = "candidate__trajectories__"
    rows = Credential.objects.filter(
        verified_at__isnull=True,
        **{
            f"{prefix}in": trajectories.values("pk"),
            f"{prefix}status__in": OPEN_STATUSES,
            f"{prefix}coordinator_id__isnull": False,
        },
    ).values(
        "pk",
        "type__label",
        "candidate__first_name",
        "candidate__last_name",
        f"{prefix}pk",
        f"{prefix}coordinator_id",
        f"{prefix}public_id",
        f"{prefix}organisation__slug",
    )
    urls: dict[int, str] = {}
    for row in rows:
        trajectory_id = row[f"{prefix}pk"]
        if trajectory_id not in urls:
            urls[trajectory_id] = reverse(
                "credentials:trajectory",
                kwargs={
                    "org": row[f"{prefix}organisation__slug"],
                    "public_id": row[f"{prefix}public_id"],
                },
            )
        yield Obligation(
            kind="credentials.verify",
            trajectory_id=trajectory_id,
            user_id=row[f"{prefix}coordinator_id"],
            key=f"credentials.verify:{row['pk']}",
            url=urls[trajectory_id],
            params={
                "document": row["type__label"],
                "trainee": f"{row['candidate__first_name']} {row['candidate__last_name']}",
            },
        )


def register() -> None:
    register_obligation_source("credentials", credential_obligations, texts=TEXTS)
