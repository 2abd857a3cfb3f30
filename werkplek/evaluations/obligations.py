"""What evaluations ask of people (core.obligations): a signature on a held evaluation from
each party that has not signed, and the trainee's self-assessment before the talk."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkplek.core.obligations import Obligation, register_obligation_source
from werkplek.evaluations.models import Evaluation, SelfAssessment, Signature

Party = Signature.Party

TEXTS = {
    "evaluations.sign": _("Sign the %(evaluation)s of %(trainee)s"),
    "evaluations.self_assessment": _("Fill in your self-assessment for the %(evaluation)s"),
}


def _url(name: str, row: dict) -> str:
    return reverse(
        name,
        kwargs={"org": row["trajectory__organisation__slug"], "public_id": row["public_id"]},
    )


def _current(trajectories: QuerySet) -> QuerySet:
    """The latest version of each evaluation of these trajectories."""
    return Evaluation.objects.filter(
        trajectory__in=trajectories.values("pk"), correction__isnull=True
    )


FIELDS = (
    "pk",
    "public_id",
    "kind",
    "scheduled_on",
    "held_on",
    "trajectory_id",
    "trajectory__organisation__slug",
    "trajectory__candidate__user_id",
    "trajectory__candidate__first_name",
    "trajectory__candidate__last_name",
    "mentor_id",
    "coordinator_id",
    "trajectory__coordinator_id",
    "guest__user_id",
)


def _params(row: dict) -> dict:
    label = Evaluation.Kind(row["kind"]).label
    return {
        "evaluation": {code: _in(code, label) for code in ("nl", "fr", "en")},
        "trainee": f"{row['trajectory__candidate__first_name']} "
        f"{row['trajectory__candidate__last_name']}",
    }


def _in(language: str, label) -> str:
    from django.utils import translation

    with translation.override(language):
        return str(label).lower()


def evaluation_obligations(*, trajectories: QuerySet, today: date) -> Iterator[Obligation]:
    """Two queries (evaluations, then their signatures), whatever the number of trajectories."""
    rows = list(
        _current(trajectories)
        .filter(locked_at__isnull=True)
        .annotate(
            has_self=Exists(SelfAssessment.objects.filter(evaluation=OuterRef("pk"))),
        )
        .values(*FIELDS, "status", "has_self")
    )
    held = [row["pk"] for row in rows if row["status"] == Evaluation.Status.HELD]
    signed = set(
        Signature.objects.filter(evaluation_id__in=held).values_list("evaluation_id", "party")
    )
    for row in rows:
        trainee = row["trajectory__candidate__user_id"]
        if row["status"] == Evaluation.Status.SCHEDULED:
            if trainee and not row["has_self"]:
                yield Obligation(
                    kind="evaluations.self_assessment",
                    trajectory_id=row["trajectory_id"],
                    user_id=trainee,
                    key=f"evaluations.self_assessment:{row['pk']}",
                    url=_url("evaluations:self", row),
                    params=_params(row),
                    due=row["scheduled_on"],
                    level="soon" if row["scheduled_on"] <= today else "info",
                )
            continue
        signers = {
            Party.TRAINEE: trainee,
            Party.MENTOR: row["mentor_id"],
            Party.COORDINATOR: row["coordinator_id"] or row["trajectory__coordinator_id"],
            Party.GUEST: row["guest__user_id"],
        }
        for party, user_id in signers.items():
            if user_id is None or (row["pk"], party) in signed:
                continue
            yield Obligation(
                kind="evaluations.sign",
                trajectory_id=row["trajectory_id"],
                user_id=user_id,
                key=f"evaluations.sign:{row['pk']}:{party}",
                url=_url("evaluations:sign", row),
                params=_params(row),
                due=row["held_on"],
                level="soon",
            )


def register() -> None:
    register_obligation_source("evaluations", evaluation_obligations, texts=TEXTS)
