"""The evaluation report PDF and the dossier's evaluations section, when the evaluations app
is installed (it exposes `evaluations.selectors.evaluation_report(evaluation)`)."""

from django.utils.translation import gettext_lazy

from werkplek.accounts.models import MENTORING_ROLES, Membership
from werkplek.printing.registry import register_dossier_section

REPORT_TEMPLATE = "printing/pdf/evaluation.html"


def reports_for(trajectory) -> list[dict]:
    """The reports of the trajectory's held evaluations, oldest first."""
    from werkplek.evaluations.selectors import evaluation_report, trajectory_evaluations

    return [
        evaluation_report(evaluation)
        for evaluation in trajectory_evaluations(trajectory)
        if evaluation.is_held
    ]


def evaluations_section(trajectory, membership) -> dict | None:
    reports = reports_for(trajectory)
    return {"reports": reports} if reports else None


def outcome_decision(trajectory):
    from werkplek.evaluations.selectors import outcome_decision_for

    return outcome_decision_for(trajectory)


def evaluation_for(membership: Membership, public_id):
    """The evaluation this member may print, or None: a trainee only once it was held (before
    that the mentor's levels are not theirs to see)."""
    from werkplek.evaluations.selectors import evaluations_visible_to, trainee_sees_mentor_view

    evaluation = (
        evaluations_visible_to(membership)
        .select_related("trajectory__candidate", "trajectory__organisation", "mentor")
        .filter(public_id=public_id)
        .first()
    )
    if evaluation is None or not trainee_sees_mentor_view(evaluation, membership):
        return None
    return evaluation


def report_context(evaluation) -> dict:
    from werkplek.evaluations.selectors import evaluation_report

    return {"report": evaluation_report(evaluation)}


def register() -> None:
    register_dossier_section(
        70,
        "printing/pdf/sections/evaluations.html",
        evaluations_section,
        MENTORING_ROLES,
        title=gettext_lazy("Evaluations"),
    )
