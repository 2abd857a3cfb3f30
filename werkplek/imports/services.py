from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from werkplek.accounts.models import Organisation, User
from werkplek.candidates.models import Candidate
from werkplek.imports.importers import IMPORTERS, Plan
from werkplek.imports.models import ImportBatch
from werkplek.imports.readers import Table

BATCH_SIZE = 500


def import_batch_create(
    *, organisation: Organisation, by: User, kind: str, file_name: str, table: Table
) -> ImportBatch:
    importer = IMPORTERS[kind]
    return ImportBatch.objects.create(
        organisation=organisation,
        created_by=by,
        kind=kind,
        file_name=file_name[:255],
        file_format=table.file_format,
        headers=table.headers,
        rows=table.rows,
        lines=table.lines,
        mapping=importer.guess_mapping(organisation, table.headers),
    )


def _plan(batch: ImportBatch) -> Plan:
    return IMPORTERS[batch.kind].check(
        organisation=batch.organisation,
        rows=batch.rows,
        lines=batch.lines,
        mapping=batch.mapping,
        headers=batch.headers,
    )


def import_batch_check(*, batch: ImportBatch, mapping: dict[str, str]) -> ImportBatch:
    """The dry run: what each row would do, nothing written but the outcome itself."""
    if batch.status == ImportBatch.Status.IMPORTED:
        raise ValidationError(_("This file has already been imported."))
    batch.mapping = mapping
    plan = _plan(batch)
    batch.summary = plan.summary()
    batch.results = [outcome.as_json() for outcome in plan.outcomes]
    batch.status = ImportBatch.Status.CHECKED
    batch.save()
    return batch


@transaction.atomic
def import_batch_run(*, batch: ImportBatch, by: User, skip_errors: bool = False) -> ImportBatch:
    """The real import, all rows or none, checked again against the data of this moment."""
    Organisation.objects.select_for_update().filter(pk=batch.organisation_id).first()
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.CHECKED:
        raise ValidationError(_("Check the file (the dry run) before importing it."))
    plan = _plan(batch)
    summary = plan.summary()
    if summary["error"] and not skip_errors:
        raise ValidationError(
            ngettext(
                "%(count)d row has errors: fix the file, or choose to skip that row.",
                "%(count)d rows have errors: fix the file, or choose to skip those rows.",
                summary["error"],
            )
            % {"count": summary["error"]}
        )
    for candidate in plan.creates:
        candidate.refresh_search_key()  # bulk_create skips save()
    Candidate.objects.bulk_create(plan.creates, batch_size=BATCH_SIZE)
    _save_updates(plan)
    for extension, candidate, prepared in plan.follow_ups:
        extension.apply(candidate=candidate, prepared=prepared, by=by)
    batch.summary = summary
    batch.results = [outcome.as_json() for outcome in plan.outcomes]
    batch.skip_errors = skip_errors
    batch.rows, batch.lines = [], []  # the data now lives in the candidates themselves
    batch.status = ImportBatch.Status.IMPORTED
    batch.imported_at = timezone.now()
    batch.save()
    return batch


def _save_updates(plan: Plan) -> None:
    """Like candidate_update: save the changes, then let open checklists catch up."""
    from werkplek.core.hooks import trajectory_changed
    from werkplek.trajectories.models import OPEN_STATUSES, Trajectory

    if not plan.updates:
        return
    now = timezone.now()
    fields = {"updated_at", "search_key"}
    for candidate, changed in plan.updates:
        candidate.updated_at = now
        candidate.refresh_search_key()  # bulk_update skips save()
        fields.update(changed)
    Candidate.objects.bulk_update(
        [candidate for candidate, _changed in plan.updates], sorted(fields), batch_size=BATCH_SIZE
    )
    trajectories = Trajectory.objects.filter(
        candidate__in=[candidate.pk for candidate, _changed in plan.updates],
        status__in=OPEN_STATUSES,
    ).select_related("candidate")
    for trajectory in trajectories:
        trajectory_changed(trajectory, fact="candidates.candidate")


def import_batch_discard(*, batch: ImportBatch) -> None:
    if batch.status == ImportBatch.Status.IMPORTED:
        raise ValidationError(_("An import that is done stays in the list."))
    batch.delete()
