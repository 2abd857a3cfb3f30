"""Automatic checklist rules: named facts that tick (and untick) checklist items.

Any app can add a rule with `@register_rule("code", description)`; the function gets the
trajectory and returns whether the fact holds. A sector pack names rules in its data.
Rules are evaluated by `services.checklist_refresh`, after whatever could change them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from werkplek.trajectories.models import Trajectory

ALL_CHILDREN_DONE = "all_children_done"


@dataclass(frozen=True)
class Rule:
    code: str
    description: Promise | str
    check: Callable[[Trajectory], bool] | None
    # Ticks from what is recorded in the same step as the close (the outcome decision): the
    # close does not wait for such an item.
    at_close: bool = False


_RULES: dict[str, Rule] = {}


def register_rule(code: str, description: Promise | str, *, at_close: bool = False) -> Callable:
    def decorator(check: Callable[[Trajectory], bool]) -> Callable[[Trajectory], bool]:
        _RULES[code] = Rule(code=code, description=description, check=check, at_close=at_close)
        return check

    return decorator


def get_rule(code: str) -> Rule | None:
    return _RULES.get(code)


def all_rules() -> list[Rule]:
    return sorted(_RULES.values(), key=lambda rule: rule.code)


# Evaluated by checklist_refresh itself, from the states of the item's children.
_RULES[ALL_CHILDREN_DONE] = Rule(
    code=ALL_CHILDREN_DONE,
    description=_("when every required sub-item is done or waived"),
    check=None,
)


@register_rule(
    "application_recorded", _("when the candidate's application and source are recorded")
)
def application_recorded(trajectory: Trajectory) -> bool:
    return bool(trajectory.candidate.source)


@register_rule("mentor_assigned", _("when a mentor is assigned to the trajectory"))
def mentor_assigned(trajectory: Trajectory) -> bool:
    return trajectory.mentors.exists()


@register_rule(
    "start_and_planning_set",
    _("when the planned start and end dates and the hours per week are set"),
)
def start_and_planning_set(trajectory: Trajectory) -> bool:
    return bool(trajectory.planned_start and trajectory.planned_end and trajectory.hours_per_week)


@register_rule(
    "contact_details_complete",
    _("when the candidate's e-mail, phone, address and date of birth are recorded"),
)
def contact_details_complete(trajectory: Trajectory) -> bool:
    return trajectory.candidate.contact_details_complete


@register_rule(
    "subsector_interest_recorded", _("when the candidate's interest in the sub-sector is recorded")
)
def subsector_interest_recorded(trajectory: Trajectory) -> bool:
    return bool(trajectory.candidate.subsector_interest.strip())


@register_rule(
    "relations_recorded",
    _("when it is recorded whether the candidate knows people in the company"),
)
def relations_recorded(trajectory: Trajectory) -> bool:
    return trajectory.candidate.has_relations_in_company is not None
