"""Checklist items of the credentials tick themselves from valid, verified credentials, and
untick when the credential expires (see services.credentials_refresh_expired)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplek.checklists.rules import register_rule
from werkplek.credentials.selectors import holds_usable
from werkplek.trajectories.models import Trajectory

# rule code -> the checklist item code that credential types name in `checklist_item`
CREDENTIAL_RULES = {
    "credential_licence_d": "licence_d",
    "credential_professional_competence": "professional_competence",
    "credential_medical_certificate": "medical_certificate",
    "credential_driver_card": "driver_card",
    "credential_driving_test": "driving_test",
}
DESCRIPTIONS = {
    "credential_licence_d": _("when a valid, verified driving licence D is recorded"),
    "credential_professional_competence": _(
        "when a valid, verified professional competence (code 95) is recorded"
    ),
    "credential_medical_certificate": _("when a valid, verified medical fitness is recorded"),
    "credential_driver_card": _("when a valid, verified driver card is recorded"),
    "credential_driving_test": _("when a passed driving test is recorded and verified"),
}


def _credential_rule(checklist_item: str):
    def check(trajectory: Trajectory) -> bool:
        return holds_usable(
            trajectory=trajectory, checklist_item=checklist_item, on=timezone.localdate()
        )

    return check


for _code, _item in CREDENTIAL_RULES.items():
    register_rule(_code, DESCRIPTIONS[_code])(_credential_rule(_item))
