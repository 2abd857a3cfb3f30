from datetime import date, timedelta

from django.utils import timezone

from werkplek.credentials.models import Credential, CredentialType
from werkplek.credentials.services import credential_record


def credential_type(organisation, code: str) -> CredentialType:
    return CredentialType.objects.get(organisation=organisation, code=code)


DEFAULTS = {
    "licence_d": {"number": "1234567890", "categories": ["D"]},
    "professional_competence": {},
    "medical_fitness": {},
    "driver_card": {"number": "B100000000000001"},
    "driving_test": {"result": "passed", "examiner": "Luc Janssens", "expires_on": None},
}


def record(candidate, code: str, *, by, verified: bool = True, **fields) -> Credential:
    """A valid credential of `code` for the candidate, through the service."""
    today = timezone.localdate()
    values = {"expires_on": today + timedelta(days=400), **DEFAULTS[code], **fields}
    if code == "driving_test":
        values.setdefault("issued_on", today - timedelta(days=3))
    return credential_record(
        candidate=candidate,
        credential_type=credential_type(candidate.organisation, code),
        by=by,
        verified=verified,
        **values,
    )


def record_all_required(candidate, *, by) -> None:
    for code in ("licence_d", "professional_competence", "medical_fitness", "driver_card"):
        record(candidate, code, by=by)


def day(offset: int) -> date:
    return timezone.localdate() + timedelta(days=offset)


def one_of_each(*, trajectory, by) -> None:
    """A licence with its proof and a medical fitness (see the permission matrix)."""
    from werkplek.documents.tests.factories import pdf_file

    record(trajectory.candidate, "licence_d", by=by, evidence_file=pdf_file("rijbewijs.pdf"))
    record(trajectory.candidate, "medical_fitness", by=by)
