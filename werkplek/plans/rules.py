"""Checklist items of the opleidingsplan that tick themselves."""

from django.utils.translation import gettext_lazy as _

from werkplek.checklists.rules import register_rule
from werkplek.plans.models import PlanDispatch, PlanVersion
from werkplek.trajectories.models import Trajectory


@register_rule("training_plan_agreed", _("when a version of the opleidingsplan is agreed"))
def training_plan_agreed(trajectory: Trajectory) -> bool:
    return PlanVersion.objects.filter(trajectory=trajectory).exclude(status="draft").exists()


@register_rule(
    "planning_handed_over",
    _("when the planning of the agreed plan is sent or handed over to the candidate"),
)
def planning_handed_over(trajectory: Trajectory) -> bool:
    return PlanDispatch.objects.filter(version__trajectory=trajectory).exists()
