"""Closing a trajectory (step 8) answers the key question, so it needs a held final
evaluation and the decision on what comes next (recording that decision closes it). The
final evaluation phase begins only once the final evaluation is planned."""

from django.utils.translation import gettext as _

from werkplek.evaluations.models import Evaluation, OutcomeDecision
from werkplek.evaluations.selectors import evaluations_of
from werkplek.trajectories.models import Trajectory
from werkplek.trajectories.transitions import CLOSE, FINISH, register_guard


def needs_final_evaluation(trajectory: Trajectory) -> list[str]:
    held = Evaluation.objects.filter(
        trajectory=trajectory, kind=Evaluation.Kind.FINAL, status=Evaluation.Status.HELD
    ).exists()
    if not held:
        return [_("Hold the final evaluation first: the outcome follows from it.")]
    if not OutcomeDecision.objects.filter(trajectory=trajectory).exists():
        return [
            _("Record the decision on what comes next (Evaluations tab): it closes the trajectory.")
        ]
    return []


def needs_final_planned(trajectory: Trajectory) -> list[str]:
    # The trajectory page asks this of the evaluations it loads once (see selectors).
    if not any(e.kind == Evaluation.Kind.FINAL for e in evaluations_of(trajectory)):
        return [_("Plan the final evaluation first (Evaluations tab).")]
    return []


register_guard(CLOSE.code, needs_final_evaluation)
register_guard(FINISH.code, needs_final_planned)
