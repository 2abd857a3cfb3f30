from django.db import transaction

from werkplek.accounts.models import Organisation
from werkplek.candidates.models import Candidate


@transaction.atomic
def candidate_create(*, organisation: Organisation, **fields) -> Candidate:
    candidate = Candidate(organisation=organisation, **fields)
    candidate.full_clean()
    candidate.save()
    return candidate


@transaction.atomic
def candidate_update(*, candidate: Candidate, **fields) -> Candidate:
    """Save the changes and let the checklists of the candidate's trajectories catch up."""
    from werkplek.core.hooks import trajectory_changed
    from werkplek.trajectories.models import OPEN_STATUSES

    for name, value in fields.items():
        setattr(candidate, name, value)
    candidate.full_clean()
    candidate.save()
    for trajectory in candidate.trajectories.filter(status__in=OPEN_STATUSES).select_related(
        "candidate"
    ):
        trajectory_changed(trajectory, fact="candidates.candidate")
    return candidate
