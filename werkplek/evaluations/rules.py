"""Checklist items that tick themselves from evaluations and the outcome decision."""

from django.utils.translation import gettext_lazy as _

from werkplek.checklists.rules import register_rule
from werkplek.evaluations.models import Evaluation, OutcomeDecision
from werkplek.trajectories.models import Trajectory

Kind, Status, Decision = Evaluation.Kind, Evaluation.Status, OutcomeDecision.Decision


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
    return OutcomeDecision.objects.filter(trajectory=trajectory).select_related("course").first()


@register_rule("outcome_recorded", _("when the decision after the final evaluation is recorded"))
def outcome_recorded(trajectory: Trajectory) -> bool:
    return _decision(trajectory) is not None


def _decided(decision: str, course: str | None = None):
    def check(trajectory: Trajectory) -> bool:
        found = _decision(trajectory)
        if found is None or found.decision != decision:
            return False
        if course is None:
            return True
        code = found.course.code if found.course else "other"
        return code == course if course != "other" else code not in {"prodata", "nodw"}

    return check


register_rule("outcome_contract", _("when the decision is to sign a contract"))(
    _decided(Decision.CONTRACT)
)
register_rule("outcome_continue", _("when the decision is to continue the training"))(
    _decided(Decision.CONTINUE)
)
register_rule("outcome_additional", _("when the decision is additional training"))(
    _decided(Decision.ADDITIONAL)
)
register_rule("outcome_course_prodata", _("when the additional training is Prodata"))(
    _decided(Decision.ADDITIONAL, "prodata")
)
register_rule("outcome_course_nodw", _("when the additional training is NODW"))(
    _decided(Decision.ADDITIONAL, "nodw")
)
register_rule("outcome_course_other", _("when the additional training is another course"))(
    _decided(Decision.ADDITIONAL, "other")
)
