"""A person's erasure reaches their evaluations: the trainee's signatures keep their place
(signed evaluations stay, as the record that they were signed) without the name and IP
address."""

from django.utils.translation import gettext as _

from werkplek.candidates.models import Candidate
from werkplek.evaluations.models import Signature


def evaluations_erase_person(*, candidate: Candidate) -> dict[str, int]:
    signatures = Signature.objects.filter(
        evaluation__trajectory__candidate=candidate, party=Signature.Party.TRAINEE
    ).update(typed_name=_("(erased)"), ip_address=None)
    return {str(_("Trainee signatures anonymised")): signatures}
