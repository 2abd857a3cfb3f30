"""The administrative formalities of a sector pack (documents.toml) and their adoption."""

from werkplek.checklists.packs import PackDataError
from werkplek.documents.models import Document, DocumentSlotType, SlotStatus
from werkplek.sectorpacks.models import SectorPack
from werkplek.trajectories.models import Kind

COPIED_FIELDS = (
    "label",
    "help",
    "kinds",
    "document_kind",
    "checklist_item",
    "done_status",
    "multiple",
    "position",
)


def _fields(entry: dict, position: int) -> dict:
    code = entry.get("code", "?")
    if not entry.get("label", {}).get("nl"):
        raise PackDataError(f"{code}: a Dutch label is required")
    unknown = set(entry.get("kinds", [])) - set(Kind.values)
    if unknown:
        raise PackDataError(f"{code}: unknown kinds {sorted(unknown)}")
    if entry.get("done_status", SlotStatus.RECEIVED) not in SlotStatus.values:
        raise PackDataError(f"{code}: unknown done_status {entry['done_status']!r}")
    if entry.get("document_kind", Document.Kind.OTHER) not in Document.Kind.values:
        raise PackDataError(f"{code}: unknown document_kind {entry['document_kind']!r}")
    return {
        "label": entry["label"],
        "help": entry.get("help", {}),
        "kinds": entry.get("kinds", []),
        "document_kind": entry.get("document_kind", Document.Kind.OTHER),
        "checklist_item": entry.get("checklist_item", ""),
        "done_status": entry.get("done_status", SlotStatus.RECEIVED),
        "multiple": entry.get("multiple", False),
        "position": position,
    }


def load_slot_types(pack: SectorPack, data: dict) -> None:
    """Make the pack's formalities match the file; organisations keep their copies."""
    codes = []
    for position, entry in enumerate(data["slots"], start=1):
        DocumentSlotType.objects.update_or_create(
            organisation=None,
            sector_pack=pack,
            code=entry["code"],
            defaults=_fields(entry, position),
        )
        codes.append(entry["code"])
    DocumentSlotType.objects.filter(organisation=None, sector_pack=pack).exclude(
        code__in=codes
    ).delete()


def adopt_slot_types(organisation, pack: SectorPack) -> None:
    for source in DocumentSlotType.objects.filter(organisation=None, sector_pack=pack):
        DocumentSlotType.objects.update_or_create(
            organisation=organisation,
            code=source.code,
            defaults={
                "sector_pack": pack,
                **{name: getattr(source, name) for name in COPIED_FIELDS},
            },
        )
