from django.db import transaction
from django.utils.module_loading import import_string

from werkplek.accounts.models import Organisation
from werkplek.core.i18n import localized
from werkplek.sectorpacks.models import SectorPack

# What an organisation gets from a pack it adopts: one function per app, called in order
# with (organisation, pack). Each gives the organisation its own editable copy.
ADOPTERS: list[str] = [
    "werkplek.checklists.packs.adopt_checklist",
    "werkplek.competences.packs.adopt_competences",
    "werkplek.credentials.packs.adopt_credential_types",
    "werkplek.intake.packs.adopt_guides",
    "werkplek.documents.packs.adopt_slot_types",
]


@transaction.atomic
def organisation_adopt_pack(*, organisation: Organisation, pack: SectorPack) -> Organisation:
    organisation.sector_pack = pack
    if not organisation.sector:
        organisation.sector = localized(pack.sector, organisation.default_language)
    organisation.save()
    for adopter in ADOPTERS:
        import_string(adopter)(organisation, pack)
    return organisation
