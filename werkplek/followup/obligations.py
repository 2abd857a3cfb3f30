"""What the follow-up asks (core.obligations): hold a follow-up moment whose day has come."""

from collections.abc import Iterator
from datetime import date

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkplek.core.obligations import Obligation, register_obligation_source
from werkplek.followup.models import FollowUpMoment
from werkplek.followup.selectors import LEARNING_STATUSES

TEXTS = {"followup.hold": _("Follow up “%(subject)s” with %(trainee)s")}


def followup_obligations(*, trajectories: QuerySet, today: date) -> Iterator[Obligation]:
    """Open moments due today or earlier, for the person responsible (else the coordinator).
    One query."""
    rows = (
        FollowUpMoment.objects.filter(
            trajectory__in=trajectories.values("pk"),
            trajectory__status__in=LEARNING_STATUSES,
            state=FollowUpMoment.State.OPEN,
            due_date__lte=today,
        )
        .values(
            "pk",
            "due_date",
            "trajectory_id",
            "trajectory__public_id",
            "trajectory__organisation__slug",
            "trajectory__coordinator_id",
            "trajectory__candidate__first_name",
            "trajectory__candidate__last_name",
            "rule__responsible_id",
            "rule__topic",
            "rule__competence__label",
            "rule__goal__description",
            "rule__goal__competence__label",
        )
        .order_by("due_date", "pk")
    )
    for row in rows:
        user_id = row["rule__responsible_id"] or row["trajectory__coordinator_id"]
        if user_id is None:
            continue
        subject = (
            row["rule__topic"]
            or row["rule__competence__label"]
            or row["rule__goal__description"]
            or row["rule__goal__competence__label"]
            or ""
        )
        url = reverse(
            "followup:trajectory",
            kwargs={
                "org": row["trajectory__organisation__slug"],
                "public_id": row["trajectory__public_id"],
            },
        )
        yield Obligation(
            kind="followup.hold",
            trajectory_id=row["trajectory_id"],
            user_id=user_id,
            key=f"followup.hold:{row['pk']}",
            url=url,
            params={
                "subject": subject,
                "trainee": f"{row['trajectory__candidate__first_name']} "
                f"{row['trajectory__candidate__last_name']}",
            },
            due=row["due_date"],
            level="late" if row["due_date"] < today else "soon",
        )


def register() -> None:
    register_obligation_source("followup", followup_obligations, texts=TEXTS)
