"""The checklist item "breng de competenties van de kandidaat in kaart" ticks itself."""

from django.utils.translation import gettext_lazy as _

from werkplek.checklists.rules import register_rule
from werkplek.competences.selectors import baseline_is_complete
from werkplek.trajectories.models import Trajectory


@register_rule(
    "competence_baseline_complete",
    _("when every competence of the trajectory's framework has a baseline level"),
)
def competence_baseline_complete(trajectory: Trajectory) -> bool:
    return baseline_is_complete(trajectory)
