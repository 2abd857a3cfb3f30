"""Helpers for the evaluations tests: scheduled, scored, held and signed evaluations."""

from datetime import timedelta

from django.utils import timezone

from werkplek.accounts.models import Membership
from werkplek.competences.selectors import competences_of, framework_for
from werkplek.evaluations import services
from werkplek.evaluations.models import Evaluation


def scheduled(trajectory, by, kind=Evaluation.Kind.INTERIM, **fields) -> Evaluation:
    fields.setdefault("on", timezone.localdate() - timedelta(days=1))
    return services.evaluation_schedule(trajectory=trajectory, kind=kind, by=by, **fields)


def levels(trajectory, values: dict[str, int], comment: str = "") -> list[services.Level]:
    framework = framework_for(trajectory)
    return [
        services.Level(c, values.get(c.code), comment if c.code in values else "")
        for c in competences_of(framework)
    ]


def held(evaluation, by, scores: dict[str, int] | None = None, on=None) -> Evaluation:
    services.mentor_scores_save(
        evaluation=evaluation,
        levels=levels(evaluation.trajectory, scores or {"manoeuvring": 2}, "Mentor zegt"),
        strengths="Stipt",
        improvements="Manoeuvreren",
        by=by,
    )
    if evaluation.is_final and not evaluation.judgement:
        services.goal_results_save(
            evaluation=evaluation, results=[], judgement="reached", judgement_note="", by=by
        )
    return services.evaluation_hold(
        evaluation=evaluation, on=on or timezone.localdate() - timedelta(days=1), by=by
    )


def sign_all(evaluation, staff_membership: Membership) -> None:
    """Staff records every signature: their own, the others' on their behalf (on paper)."""
    own = services.parties_of(evaluation, staff_membership)
    for party in services.required_parties(evaluation):
        services.evaluation_sign(
            evaluation=evaluation,
            party=party,
            typed_name=f"Naam {party}",
            agreed=True,
            membership=staff_membership,
            ip_address="10.0.0.1",
            on_behalf=party not in own,
            on_behalf_reason="" if party in own else "Op papier getekend",
        )


def one_of_each(*, trajectory, by) -> None:
    """An evaluation with an action point and a signature, and a course: for the permission
    matrix (objects of another organisation are 404)."""
    from werkplek.competences.models import CompetenceFramework
    from werkplek.competences.services import competence_profile_set

    framework = CompetenceFramework.objects.filter(organisation=trajectory.organisation).first()
    competence_profile_set(trajectory=trajectory, framework=framework)
    evaluation = scheduled(trajectory, by)
    services.action_point_add(evaluation=evaluation, text="Oefenen", competence=None, by=by)
    held(evaluation, by)
    staff = Membership.objects.get(user=by, organisation=trajectory.organisation)
    on_behalf = services.Party.COORDINATOR not in services.parties_of(evaluation, staff)
    services.evaluation_sign(
        evaluation=evaluation,
        party=services.Party.COORDINATOR,
        typed_name="Baas",
        agreed=True,
        membership=staff,
        ip_address=None,
        on_behalf=on_behalf,
        on_behalf_reason="Op papier getekend" if on_behalf else "",
    )
    services.courses_seed(organisation=trajectory.organisation)


def end_waivers(trajectory, reason: str = "Op papier") -> dict[str, str]:
    """A reason to waive each end formality still open, for the close (outcome_record)."""
    from werkplek.checklists.selectors import end_formalities_open

    return {str(item.public_id): reason for item in end_formalities_open(trajectory=trajectory)}
