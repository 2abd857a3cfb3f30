"""Checklist items of the intake tick themselves: meetings planned or held, the organisation's
policy and the trajectory's operational preparation answered."""

from django.utils.translation import gettext_lazy as _

from werkplek.checklists.rules import register_rule
from werkplek.intake.models import Meeting, MeetingKind
from werkplek.intake.selectors import has_meeting, preparation_complete, trajectory_policy_complete
from werkplek.trajectories.models import Trajectory

POLICY_RULE = "policy_answered"
OPERATIONAL_RULE = "operational_preparation_answered"
PLANNED_OR_HELD = (Meeting.Status.PLANNED, Meeting.Status.HELD)


@register_rule(
    POLICY_RULE, _("when the workplace learning policy answers every strategic question")
)
def policy_answered(trajectory: Trajectory) -> bool:
    return trajectory_policy_complete(trajectory)


@register_rule(
    OPERATIONAL_RULE,
    _("when every operational preparation question of the trajectory is answered"),
)
def operational_preparation_answered(trajectory: Trajectory) -> bool:
    return preparation_complete(trajectory)


@register_rule("motivation_interview_planned", _("when a motivation interview is planned or held"))
def motivation_interview_planned(trajectory: Trajectory) -> bool:
    return has_meeting(trajectory, kind=MeetingKind.MOTIVATION_INTERVIEW, statuses=PLANNED_OR_HELD)


@register_rule("workplace_tour_held", _("when a workplace tour is recorded as held"))
def workplace_tour_held(trajectory: Trajectory) -> bool:
    return has_meeting(trajectory, kind=MeetingKind.WORKPLACE_TOUR, statuses=(Meeting.Status.HELD,))


@register_rule("first_day_arranged", _("when the first-day arrangements are planned or held"))
def first_day_arranged(trajectory: Trajectory) -> bool:
    return has_meeting(trajectory, kind=MeetingKind.FIRST_DAY, statuses=PLANNED_OR_HELD)
