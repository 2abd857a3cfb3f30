"""Writes of the audit app: reads of sensitive data, erasures."""

from django.db import transaction

from werkplek.audit.models import SensitiveRead


def sensitive_read_log(*, request, candidate, what: str) -> SensitiveRead:
    """Record that the signed-in user saw `what` (e.g. medical fitness) about `candidate`."""
    return SensitiveRead.objects.create(
        organisation=request.organisation,
        user=request.user,
        candidate=candidate,
        what=what,
        path=request.path[:255],
    )


@transaction.atomic
def sensitive_reads_log(*, request, candidates, what: str) -> None:
    SensitiveRead.objects.bulk_create(
        SensitiveRead(
            organisation=request.organisation,
            user=request.user,
            candidate=candidate,
            what=what,
            path=request.path[:255],
        )
        for candidate in candidates
    )
