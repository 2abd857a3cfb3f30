from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Q, QuerySet

from werkplek.accounts.models import Membership
from werkplek.core.memo import memoized
from werkplek.documents.models import Document, DocumentSlot, DocumentSlotType, SlotStatus
from werkplek.trajectories.models import Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to


class DocumentAccess(StrEnum):
    ALL = "all"  # every document of the organisation
    SHARED = "shared"  # those of the trajectories they see, not the ones for coordinators only
    NONE = "none"


def document_access(membership: Membership) -> DocumentAccess:
    """The one rule of who reads which documents, wherever a document or its title shows
    (the documents pages, the API, the download, the trajectory's timeline)."""
    if membership.is_staff_role:
        return DocumentAccess.ALL
    if membership.role in (Membership.Role.MENTOR, Membership.Role.TRAINEE):
        return DocumentAccess.SHARED
    return DocumentAccess.NONE


def documents_visible_to(membership: Membership) -> QuerySet[Document]:
    """Staff see every document of the organisation. A mentor sees the documents of the
    trajectories they mentor, a trainee their own; neither sees staff-only documents."""
    documents = Document.objects.filter(organisation=membership.organisation)
    access = document_access(membership)
    if access == DocumentAccess.ALL:
        return documents
    if access == DocumentAccess.NONE:
        return documents.none()
    trajectories = trajectories_visible_to(membership)
    return documents.filter(staff_only=False).filter(
        Q(trajectory__in=trajectories.values("pk"))
        | Q(trajectory__isnull=True, candidate__in=trajectories.values("candidate"))
    )


# Timeline events that name a document; each records whether it was for coordinators only.
DOCUMENT_EVENTS = (
    "documents.document.uploaded",
    "documents.document.generated",
    "documents.document.deleted",
)


def document_events_hidden_from(membership: Membership) -> Q | None:
    """The timeline's events about documents this member may not see (by `document_access`):
    all of them for a guest, those of a document for coordinators only for a mentor or trainee.
    An event without the flag (none are left after the documents 0003 migration) is hidden."""
    access = document_access(membership)
    if access == DocumentAccess.ALL:
        return None
    about_documents = Q(action__in=DOCUMENT_EVENTS)
    if access == DocumentAccess.NONE:
        return about_documents
    return about_documents & ~Q(data__staff_only=False)


def current_versions(documents: QuerySet[Document]) -> QuerySet[Document]:
    """Only the latest version of each document."""
    return documents.filter(next_versions__isnull=True)


def slot_types_for(trajectory: Trajectory) -> list[DocumentSlotType]:
    return [
        slot_type
        for slot_type in DocumentSlotType.objects.filter(organisation=trajectory.organisation_id)
        if slot_type.applies_to(trajectory.kind)
    ]


@dataclass
class SlotRow:
    slot_type: DocumentSlotType
    slot: DocumentSlot | None
    documents: list[Document] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.slot.status if self.slot else SlotStatus.TODO

    @property
    def status_label(self) -> str:
        return SlotStatus(self.status).label

    @property
    def is_done(self) -> bool:
        return self.slot_type.is_done_at(self.status)


def trajectory_documents(
    *, trajectory: Trajectory, membership: Membership
) -> tuple[list[SlotRow], list[Document]]:
    """The trajectory's formalities with their documents, and its other documents (including
    the candidate's own), latest versions only, as this member may see them."""
    slots = {
        slot.slot_type_id: slot
        for slot in DocumentSlot.objects.filter(trajectory=trajectory).select_related("changed_by")
    }
    rows = [SlotRow(slot_type, slots.get(slot_type.pk)) for slot_type in slot_types_for(trajectory)]
    by_slot_type = {row.slot_type.pk: row for row in rows}
    documents = (
        current_versions(documents_visible_to(membership))
        .filter(
            Q(trajectory=trajectory)
            | Q(trajectory__isnull=True, candidate_id=trajectory.candidate_id)
        )
        .select_related("slot", "uploaded_by", "organisation")
        .order_by("-created_at", "-id")
    )
    others = []
    for document in documents:
        row = by_slot_type.get(document.slot.slot_type_id) if document.slot else None
        if row is not None and document.trajectory_id == trajectory.pk:
            row.documents.append(document)
        else:
            others.append(document)
    return rows, others


def slot_done(*, trajectory: Trajectory, checklist_item: str) -> bool:
    """Whether the formality that ticks `checklist_item` is done for this trajectory."""
    slots = memoized(
        trajectory,
        "document_slots",
        lambda: list(
            DocumentSlot.objects.filter(trajectory=trajectory).select_related("slot_type")
        ),
    )
    return any(slot.is_done for slot in slots if slot.slot_type.checklist_item == checklist_item)
