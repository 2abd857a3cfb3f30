"""Checklist items of the administrative formalities tick themselves from the Documents tab.

Each formality (a DocumentSlotType, sector pack data) names the checklist item it ticks and
the status at which it counts as done (requested, received or signed). The stagemap
(placement file) ticks when its dossier is kept as a document of the trajectory (Print tab,
"keep a copy").
"""

from django.utils.translation import gettext_lazy as _

from werkplek.checklists.rules import register_rule
from werkplek.documents.models import Document
from werkplek.documents.selectors import slot_done
from werkplek.trajectories.models import Trajectory

FORMALITY_RULES = {
    "formality_stage_form": (
        "stage_form",
        _("when the placement form has the status set for it on the Documents tab"),
    ),
    "formality_ibo_request": (
        "ibo_request",
        _("when the IBO application has the status set for it on the Documents tab"),
    ),
    "formality_contract": (
        "contract",
        _("when the contract has the status set for it on the Documents tab"),
    ),
    "formality_workstation_sheet": (
        "workstation_sheet",
        _("when the workstation sheet has the status set for it on the Documents tab"),
    ),
    "formality_transport_passes": (
        "transport_passes",
        _("when the transport passes have the status set for them on the Documents tab"),
    ),
}


def _formality_rule(checklist_item: str):
    def check(trajectory: Trajectory) -> bool:
        return slot_done(trajectory=trajectory, checklist_item=checklist_item)

    return check


for _code, (_item, _description) in FORMALITY_RULES.items():
    register_rule(_code, _description)(_formality_rule(_item))


@register_rule(
    "dossier_kept",
    _("when the placement file (stagemap dossier) is kept as a document of the trajectory"),
)
def dossier_kept(trajectory: Trajectory) -> bool:
    return Document.objects.filter(trajectory=trajectory, kind=Document.Kind.DOSSIER).exists()
