"""The credential types of a sector pack (credentials.toml) and their adoption."""

from werkplek.checklists.packs import PackDataError
from werkplek.credentials.models import Category, CredentialType
from werkplek.sectorpacks.models import SectorPack
from werkplek.trajectories.models import Kind

COPIED_FIELDS = (
    "category",
    "label",
    "help",
    "checklist_item",
    "required_for",
    "has_number",
    "has_expiry",
    "max_validity_years",
    "evidence_allowed",
    "categories",
    "qualifying_categories",
    "rules",
    "warning_days",
    "position",
)


def _fields(entry: dict, position: int) -> dict:
    code = entry.get("code", "?")
    if entry.get("category") not in Category.values:
        raise PackDataError(f"{code}: unknown category {entry.get('category')!r}")
    if not entry.get("label", {}).get("nl"):
        raise PackDataError(f"{code}: a Dutch label is required")
    unknown = set(entry.get("required_for", [])) - set(Kind.values)
    if unknown:
        raise PackDataError(f"{code}: unknown kinds {sorted(unknown)}")
    if set(entry.get("qualifying_categories", [])) - set(entry.get("categories", [])):
        raise PackDataError(f"{code}: qualifying categories must be among the categories")
    medical = entry["category"] == Category.MEDICAL
    return {
        "category": entry["category"],
        "label": entry["label"],
        "help": entry.get("help", {}),
        "checklist_item": entry.get("checklist_item", ""),
        "required_for": entry.get("required_for", []),
        "has_number": entry.get("has_number", False) and not medical,
        "has_expiry": entry.get("has_expiry", True),
        "max_validity_years": entry.get("max_validity_years"),
        "evidence_allowed": entry.get("evidence_allowed", True) and not medical,
        "categories": entry.get("categories", []),
        "qualifying_categories": entry.get("qualifying_categories", []),
        "rules": entry.get("rules", {}),
        "warning_days": entry.get("warning_days", [90, 30, 7]),
        "position": position,
    }


def load_credential_types(pack: SectorPack, data: dict) -> None:
    """Make the pack's credential types match the file; organisations keep their copies."""
    codes = []
    for position, entry in enumerate(data["types"], start=1):
        CredentialType.objects.update_or_create(
            organisation=None,
            sector_pack=pack,
            code=entry["code"],
            defaults=_fields(entry, position),
        )
        codes.append(entry["code"])
    CredentialType.objects.filter(organisation=None, sector_pack=pack).exclude(
        code__in=codes
    ).delete()


def adopt_credential_types(organisation, pack: SectorPack) -> None:
    for source in CredentialType.objects.filter(organisation=None, sector_pack=pack):
        CredentialType.objects.update_or_create(
            organisation=organisation,
            code=source.code,
            defaults={
                "sector_pack": pack,
                "is_active": True,
                **{name: getattr(source, name) for name in COPIED_FIELDS},
            },
        )
