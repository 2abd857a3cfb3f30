"""Checklist items that tick themselves from evaluations and the outcome decision."""

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from werkplek.checklists.rules import register_rule
from werkplek.evaluations.models import Evaluation, OutcomeDecision
from werkplek.trajectories.models import Trajectory

Kind, Status = Evaluation.Kind, Evaluation.Status


def _evaluations(trajectory: Trajectory, kind: str, *, held: bool = False) -> bool:
    found = Evaluation.objects.filter(trajectory=trajectory, kind=kind)
    if held:
        found = found.filter(status=Status.HELD)
    return found.exists()


@register_rule("interim_evaluation_scheduled", _("when an interim evaluation is scheduled"))
def interim_evaluation_scheduled(trajectory: Trajectory) -> bool:
    return _evaluations(trajectory, Kind.INTERIM)


@register_rule("interim_evaluation_held", _("when an interim evaluation is held"))
def interim_evaluation_held(trajectory: Trajectory) -> bool:
    return _evaluations(trajectory, Kind.INTERIM, held=True)


@register_rule("final_evaluation_scheduled", _("when a final evaluation is scheduled"))
def final_evaluation_scheduled(trajectory: Trajectory) -> bool:
    return _evaluations(trajectory, Kind.FINAL)


@register_rule("final_evaluation_held", _("when the final evaluation is held"))
def final_evaluation_held(trajectory: Trajectory) -> bool:
    return _evaluations(trajectory, Kind.FINAL, held=True)


def _decision(trajectory: Trajectory) -> OutcomeDecision | None:
    return OutcomeDecision.objects.filter(trajectory=trajectory).prefetch_related("courses").first()


# These items tick from the decision, which is recorded in the same step as the close: the
# close does not wait for them (checklists.selectors.end_formalities_open).
def _at_close(code: str, description):
    def decorator(check):
        register_rule(code, description, at_close=True)(check)
        return check

    return decorator


@_at_close("outcome_recorded", _("when the decision after the final evaluation is recorded"))
def outcome_recorded(trajectory: Trajectory) -> bool:
    return _decision(trajectory) is not None


def _decided(check: Callable[[OutcomeDecision], bool]) -> Callable[[Trajectory], bool]:
    def rule(trajectory: Trajectory) -> bool:
        found = _decision(trajectory)
        return found is not None and check(found)

    return rule


def _course_codes(decision: OutcomeDecision) -> set[str]:
    codes = {course.code for course in decision.courses.all()}
    return codes | {"other"} if decision.course_other else codes


def _other_course(decision: OutcomeDecision) -> bool:
    return bool(_course_codes(decision) - {"prodata", "nodw"})


_at_close("outcome_contract", _("when the decision is to sign a contract"))(
    _decided(lambda decision: decision.contract)
)
_at_close("outcome_continue", _("when the decision is to continue the training"))(
    _decided(lambda decision: decision.continue_training)
)
_at_close("outcome_additional", _("when the decision includes additional training"))(
    _decided(lambda decision: bool(_course_codes(decision)))
)
_at_close("outcome_course_prodata", _("when the additional training includes Prodata"))(
    _decided(lambda decision: "prodata" in _course_codes(decision))
)
_at_close("outcome_course_nodw", _("when the additional training includes NODW"))(
    _decided(lambda decision: "nodw" in _course_codes(decision))
)
_at_close("outcome_course_other", _("when the additional training includes another course"))(
    _decided(_other_course)
)
