"""GDPR tooling: everything about one person (export), erasure by anonymisation, retention.

The export is generic: Django's deletion collector finds every record that hangs off the
candidate and their trajectories (what deleting them would delete), so a new app's data is
exported without touching this file. Erasure anonymises instead of deleting: trajectories,
signed plans and evaluations stay (an organisation must be able to show what was agreed and
counted) but no longer name the person; credentials and documents (with their files) go,
and the history rows that held the person's details are purged. An `Erasure` row keeps the
fact. Apps with more personal free text register an eraser with `register_person_eraser`.
"""

import json
from collections.abc import Callable
from datetime import date, timedelta

from django.conf import settings
from django.core.serializers import serialize
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from werkplek.accounts.models import Membership, Organisation
from werkplek.audit.models import Erasure, RetentionPolicy
from werkplek.candidates.models import Candidate
from werkplek.credentials.models import Credential
from werkplek.documents.models import Document
from werkplek.logbook.models import LogEntry
from werkplek.trajectories.models import OPEN_STATUSES

ANONYMOUS = "—"
PERSON_ERASERS: list[Callable] = []


def register_person_eraser(eraser: Callable) -> None:
    """`eraser(candidate=…)` removes or blanks an app's personal data; returns {label: count}."""
    if eraser not in PERSON_ERASERS:
        PERSON_ERASERS.append(eraser)


def _collect(candidate: Candidate) -> dict:
    from werkplek.audit.backup import collect_all

    return collect_all([candidate, *candidate.trajectories.all()])


def person_records(candidate: Candidate) -> list[dict]:
    """[{model, label, records: [{field: value}]}] for everything about the candidate."""
    sections = []
    for model, instances in sorted(
        _collect(candidate).items(), key=lambda item: item[0]._meta.label
    ):
        if hasattr(model, "instance_type"):
            continue
        rows = json.loads(serialize("json", sorted(instances, key=lambda obj: obj.pk)))
        sections.append(
            {
                "model": model._meta.label,
                "label": str(model._meta.verbose_name_plural),
                "records": [{"id": row["pk"], **row["fields"]} for row in rows],
            }
        )
    return sections


def person_export(candidate: Candidate) -> dict:
    return {
        "exported_at": timezone.now().isoformat(),
        "organisation": candidate.organisation.name,
        "person": candidate.full_name,
        "sections": person_records(candidate),
    }


def person_export_json(candidate: Candidate) -> str:
    return json.dumps(person_export(candidate), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


@transaction.atomic
def person_erase(*, candidate: Candidate, by, reason: str) -> Erasure:
    """Anonymise the candidate; delete their credentials, documents and files."""
    summary: dict[str, int] = {}
    documents = list(Document.objects.filter(candidate=candidate))
    for document in documents:
        document.file.delete(save=False)
    summary["documents"] = len(documents)
    Document.objects.filter(candidate=candidate).delete()
    summary["credentials"] = Credential.objects.filter(candidate=candidate).delete()[0]
    for eraser in PERSON_ERASERS:
        summary.update(eraser(candidate=candidate) or {})
    if candidate.user_id:
        Membership.objects.filter(
            user_id=candidate.user_id,
            organisation=candidate.organisation,
            role=Membership.Role.TRAINEE,
        ).update(is_active=False)
    reference = str(candidate.public_id)[:8]
    for name in (
        "email",
        "phone",
        "street",
        "postal_code",
        "city",
        "target_group_note",
        "subsector_interest",
        "relations_in_company",
    ):
        setattr(candidate, name, "")
    candidate.first_name = ANONYMOUS
    candidate.last_name = reference
    candidate.date_of_birth = None
    candidate.has_relations_in_company = None
    candidate.user = None
    candidate._change_reason = "erased"
    candidate.save()
    # The history kept the old values: only the anonymised state (and the fact) remain.
    history = Candidate.history.filter(id=candidate.pk)
    latest = history.order_by("-history_date", "-history_id").values("history_id")[:1]
    history.exclude(history_id__in=latest).delete()
    Credential.history.filter(candidate_id=candidate.pk).delete()
    Document.history.filter(candidate_id=candidate.pk).delete()
    LogEntry.history.filter(trajectory_id__in=candidate.trajectories.values("pk")).delete()
    return Erasure.objects.create(
        organisation=candidate.organisation,
        candidate=candidate,
        subject_reference=reference,
        reason=reason[:200],
        by=by,
        summary=summary,
    )


def candidates_past_retention(*, organisation, years: int, today: date):
    """Not yet erased, with trajectories, none open, the last one ended > `years` ago."""
    cutoff = today - timedelta(days=round(365.25 * years))
    return (
        Candidate.objects.filter(organisation=organisation, erasures__isnull=True)
        .filter(trajectories__isnull=False)
        .exclude(trajectories__status__in=OPEN_STATUSES)
        .annotate(
            ended=Max(Coalesce("trajectories__actual_end", TruncDate("trajectories__updated_at")))
        )
        .filter(Q(ended__lt=cutoff))
    )


def retention_enforce(*, today: date) -> int:
    """Anonymise everyone past their organisation's retention period; returns how many."""
    erased = 0
    for organisation in Organisation.objects.select_related("retention_policy"):
        years = retention_years(organisation)
        if years is None:
            continue
        for candidate in candidates_past_retention(
            organisation=organisation, years=years, today=today
        ):
            person_erase(
                candidate=candidate, by=None, reason=f"retention: {years} years after the end"
            )
            erased += 1
    return erased


def retention_years(organisation) -> int | None:
    try:
        return organisation.retention_policy.years_after_end
    except RetentionPolicy.DoesNotExist:
        return settings.RETENTION_YEARS_DEFAULT
