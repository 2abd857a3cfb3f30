from django.db.models import QuerySet

from werkplek.accounts.models import Membership
from werkplek.imports.models import ImportBatch


def import_batches_visible_to(membership: Membership) -> QuerySet[ImportBatch]:
    """Imports are the staff's business: every import of the organisation."""
    if not membership.is_staff_role:
        return ImportBatch.objects.none()
    return ImportBatch.objects.filter(organisation=membership.organisation).select_related(
        "created_by", "organisation"
    )


def outcomes_page(batch: ImportBatch, action: str) -> list[dict]:
    """The dry run's rows with this outcome ('' for every row)."""
    return [row for row in batch.results if not action or row["action"] == action]
