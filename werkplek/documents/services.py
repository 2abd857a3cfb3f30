import hashlib
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplek.accounts.models import User
from werkplek.candidates.models import Candidate
from werkplek.core.downloads import download_filename
from werkplek.core.hooks import trajectory_changed
from werkplek.core.i18n import in_every_language
from werkplek.documents import filetypes
from werkplek.documents.models import Document, DocumentSlot, DocumentSlotType, SlotStatus
from werkplek.trajectories.events import trajectory_log
from werkplek.trajectories.models import Trajectory

# The end-of-trajectory paperwork (handbook step 8): the final evaluation report, the
# attendance lists and the placement file (stagemap) are printed from what the trajectory
# holds when it ends, often just after it was closed. A copy Werkplek generates of these may
# still be kept on a closed or stopped trajectory; nothing else is added to it. A document
# signed afterwards (e.g. the employment contract) belongs to the candidate.
KEPT_AFTER_CLOSE = (
    Document.Kind.EVALUATION_REPORT,
    Document.Kind.ATTENDANCE_LIST,
    Document.Kind.DOSSIER,
)


def document_may_be_added(trajectory: Trajectory, *, kind: str, generated: bool) -> bool:
    """Whether a document of this kind may still be added to the trajectory."""
    return trajectory.is_open or (generated and kind in KEPT_AFTER_CLOSE)


def _check_open(trajectory: Trajectory) -> None:
    if not trajectory.is_open:
        raise ValidationError(
            _("This trajectory is closed; its documents can no longer change."), code="closed"
        )


def _checksum(file: UploadedFile) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


@transaction.atomic
def document_upload(
    *,
    candidate: Candidate,
    file: UploadedFile,
    by: User | None,
    kind: str = Document.Kind.OTHER,
    title: str = "",
    trajectory: Trajectory | None = None,
    slot: DocumentSlot | None = None,
    expires_on: date | None = None,
    staff_only: bool = False,
    allowed: tuple[filetypes.FileType, ...] = filetypes.DOCUMENT_TYPES,
) -> Document:
    """Check the file (type from its content, size), store it under a random name and record it.

    In a formality that holds one document, a new upload becomes the next version of the
    current one; the earlier version is kept.
    """
    try:
        file_type = filetypes.validate_upload(file, allowed=allowed)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    if trajectory is not None and trajectory.candidate_id != candidate.pk:
        raise ValueError("The trajectory belongs to another candidate.")
    if trajectory is not None:
        _check_open(trajectory)
    name = filetypes.clean_filename(file.name, file_type)
    previous = None
    if slot is not None and not slot.slot_type.multiple:
        previous = (
            Document.objects.filter(slot=slot, next_versions__isnull=True)
            .order_by("-version", "-id")
            .first()
        )
    document = Document(
        organisation=candidate.organisation,
        candidate=candidate,
        trajectory=trajectory,
        slot=slot,
        kind=kind,
        title=(title.strip() or name.rsplit(".", 1)[0])[:200],
        original_name=name,
        content_type=file_type.content_type,
        size=file.size,
        sha256=_checksum(file),
        expires_on=expires_on,
        staff_only=staff_only,
        uploaded_by=by,
        previous=previous,
        version=previous.version + 1 if previous else 1,
    )
    document.full_clean(exclude=["file"])
    document.file.save(name, file, save=False)
    try:
        document.save()
    except Exception:
        document.file.storage.delete(document.file.name)
        raise
    if trajectory is not None:
        trajectory_log(
            trajectory,
            "documents.document.uploaded",
            by=by,
            title=document.title,
            staff_only=document.staff_only,
        )
        trajectory_changed(trajectory, fact="documents.document")
    return document


@transaction.atomic
def document_store_generated(
    *,
    trajectory: Trajectory,
    content: bytes,
    kind: str,
    title: str,
    filename: str,
    by: User | None,
    staff_only: bool = False,
) -> Document:
    """Keep a PDF that Werkplek generated as a document of the trajectory.

    A document of the same kind and title stored earlier becomes the previous version: the
    copy that was printed and signed stays exactly as it was.
    """
    if not content.startswith(b"%PDF-"):
        raise ValueError("Only generated PDFs are stored this way.")
    if not document_may_be_added(trajectory, kind=kind, generated=True):
        raise ValidationError(
            _(
                "This trajectory is closed; only the end-of-trajectory paperwork (evaluation "
                "reports, attendance lists, the placement file) can still be kept."
            ),
            code="closed",
        )
    title = title.strip()[:200]
    previous = (
        Document.objects.filter(
            trajectory=trajectory,
            source=Document.Source.GENERATED,
            kind=kind,
            title=title,
            next_versions__isnull=True,
        )
        .order_by("-version", "-id")
        .first()
    )
    # Our own title ("Liste de présences 12/2026 – …"): cleaned for download, not as an
    # upload's path (which keeps only what follows the last "/").
    name = download_filename(filename)
    if not name.lower().endswith(filetypes.PDF.extension):
        name += filetypes.PDF.extension
    document = Document(
        organisation=trajectory.organisation,
        candidate=trajectory.candidate,
        trajectory=trajectory,
        kind=kind,
        title=title,
        source=Document.Source.GENERATED,
        original_name=name,
        content_type=filetypes.PDF.content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        staff_only=staff_only,
        uploaded_by=by,
        previous=previous,
        version=previous.version + 1 if previous else 1,
    )
    document.full_clean(exclude=["file"])
    document.file.save(name, ContentFile(content), save=False)
    try:
        document.save()
    except Exception:
        document.file.storage.delete(document.file.name)
        raise
    trajectory_log(
        trajectory,
        "documents.document.generated",
        by=by,
        title=title,
        version=document.version,
        staff_only=document.staff_only,
    )
    trajectory_changed(trajectory, fact="documents.document")
    return document


@transaction.atomic
def document_delete(*, document: Document, by: User) -> None:
    name, storage = document.file.name, document.file.storage
    trajectory, title, staff_only = document.trajectory, document.title, document.staff_only
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
    if trajectory is not None:
        trajectory_log(
            trajectory, "documents.document.deleted", by=by, title=title, staff_only=staff_only
        )
        trajectory_changed(trajectory, fact="documents.document")


@transaction.atomic
def document_slot_update(
    *,
    trajectory: Trajectory,
    slot_type: DocumentSlotType,
    status: str,
    by: User,
    note: str = "",
) -> DocumentSlot:
    """Set where a formality stands; its checklist item follows (see rules.py)."""
    if slot_type.organisation_id != trajectory.organisation_id:
        raise ValueError("The formality belongs to another organisation.")
    _check_open(trajectory)
    if not slot_type.applies_to(trajectory.kind):
        raise ValidationError(_("This formality does not apply to this kind of trajectory."))
    if status not in SlotStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    slot, _created = DocumentSlot.objects.select_for_update().get_or_create(
        trajectory=trajectory,
        slot_type=slot_type,
        defaults={"organisation": trajectory.organisation},
    )
    changed = slot.status != status
    slot.status, slot.note = status, note.strip()
    if changed:
        slot.changed_by, slot.changed_at = by, timezone.now()
    slot.full_clean()
    slot.save()
    if changed:
        trajectory_log(
            trajectory,
            "documents.slot.updated",
            by=by,
            slot=slot_type.label,
            status=in_every_language(SlotStatus(status).label),
        )
        trajectory_changed(trajectory, fact="documents.slot")
    return slot


def slot_status_after_upload(status: str) -> str:
    """A document that arrives means the formality is at least "received"."""
    if status in (SlotStatus.TODO, SlotStatus.REQUESTED):
        return SlotStatus.RECEIVED
    return status
