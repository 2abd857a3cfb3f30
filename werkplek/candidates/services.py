from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import Organisation
from werkplek.candidates.models import Candidate
from werkplek.core.concurrency import version_claim

DUPLICATE_EMAIL = "duplicate_email"


def _email_taken() -> ValidationError:
    message = _("Another candidate already has this e-mail address.")
    return ValidationError({"email": ValidationError(message, code=DUPLICATE_EMAIL)})


def _taken_by_another(candidate: Candidate) -> bool:
    same = Candidate.objects.filter(
        organisation_id=candidate.organisation_id, email__iexact=candidate.email
    )
    return bool(candidate.email) and same.exclude(pk=candidate.pk).exists()


def _refuse_duplicate_email(candidate: Candidate) -> None:
    """One candidate per e-mail address in an organisation (whatever the case)."""
    if _taken_by_another(candidate):
        raise _email_taken()


def _save(candidate: Candidate, **kwargs) -> None:
    """Save; two saves with one address at the same moment both pass the check above, and
    the database's constraint (cand_org_email_unique) refuses the second: an e-mail error."""
    try:
        with transaction.atomic():
            candidate.save(**kwargs)
    except IntegrityError:
        if not _taken_by_another(candidate):
            raise
        raise _email_taken() from None


@transaction.atomic
def candidate_create(*, organisation: Organisation, **fields) -> Candidate:
    """A new candidate; an address another candidate of the organisation has is refused
    (ValidationError on `email`, code "duplicate_email")."""
    candidate = Candidate(organisation=organisation, **fields)
    _refuse_duplicate_email(candidate)
    candidate.full_clean(validate_constraints=False)  # the address: just above
    _save(candidate)
    return candidate


@transaction.atomic
def candidate_update(*, candidate: Candidate, version: str | None = None, **fields) -> Candidate:
    """Save the changes and let the checklists of the candidate's trajectories catch up.

    `version`: the version the editor opened (refused when someone saved since)."""
    from werkplek.core.hooks import trajectory_changed
    from werkplek.trajectories.models import OPEN_STATUSES

    version_claim(candidate, version)
    for name, value in fields.items():
        setattr(candidate, name, value)
    _refuse_duplicate_email(candidate)
    candidate.full_clean(validate_constraints=False)  # the address: just above
    _save(candidate, update_fields=[*fields, "updated_at"] if fields else None)
    for trajectory in candidate.trajectories.filter(status__in=OPEN_STATUSES).select_related(
        "candidate"
    ):
        trajectory_changed(trajectory, fact="candidates.candidate")
    return candidate
