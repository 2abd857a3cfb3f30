"""An action point waits for its owner until the next evaluation records whether it was kept
(an obligation, see core/obligations.py)."""

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkplek.core.obligations import Obligation, register_obligation_source
from werkplek.evaluations.models import ActionPoint, Evaluation
from werkplek.trajectories.models import OPEN_STATUSES

KIND = "evaluations.action_point"
SOON_DAYS = 7


def open_action_points(*, trajectories: QuerySet, today: date) -> Iterator[Obligation]:
    """One query: the unchecked action points with an owner of held, current evaluations."""
    rows = ActionPoint.objects.filter(
        evaluation__trajectory__in=trajectories.filter(status__in=OPEN_STATUSES).values("pk"),
        evaluation__status=Evaluation.Status.HELD,
        evaluation__correction__isnull=True,
        owner__isnull=False,
        kept__isnull=True,
    ).values_list(
        "pk",
        "text",
        "owner_id",
        "due_on",
        "evaluation__trajectory_id",
        "evaluation__public_id",
        "evaluation__trajectory__organisation__slug",
    )
    for pk, text, owner_id, due_on, trajectory_id, evaluation_id, org in rows:
        level = "info"
        if due_on is not None and due_on < today:
            level = "late"
        elif due_on is not None and due_on <= today + timedelta(days=SOON_DAYS):
            level = "soon"
        url = reverse("evaluations:detail", kwargs={"org": org, "public_id": evaluation_id})
        yield Obligation(
            kind=KIND,
            trajectory_id=trajectory_id,
            user_id=owner_id,
            key=f"{KIND}:{pk}",
            url=f"{url}#actions",
            params={"text": text, "due_date": due_on.isoformat() if due_on else ""},
            due=due_on,
            level=level,
        )


def register() -> None:
    register_obligation_source(
        KIND,
        open_action_points,
        texts={KIND: _("Keep the action point “%(text)s” by %(due_date)s")},
    )
