"""Load sector packs from their TOML files into the database.

A pack is a folder in sectorpacks/data/ with a pack.toml and one file per kind of data.
Each app that owns a kind of pack data registers a loader for its file name below; a loader
gets the SectorPack row and the parsed file. Loading is idempotent: a pack whose files did
not change is left alone.
"""

import hashlib
import tomllib
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.utils.module_loading import import_string

from werkplek.sectorpacks.models import SectorPack

DATA_DIR = Path(__file__).resolve().parent / "data"

# file name -> dotted path of the loader, in loading order
LOADERS: dict[str, str] = {
    "checklist.toml": "werkplek.checklists.packs.load_checklist",
    "competences.toml": "werkplek.competences.packs.load_competences",
    "credentials.toml": "werkplek.credentials.packs.load_credential_types",
    "guides.toml": "werkplek.intake.packs.load_guides",
    "documents.toml": "werkplek.documents.packs.load_slot_types",
}


def pack_dirs() -> list[Path]:
    return sorted(path for path in DATA_DIR.iterdir() if (path / "pack.toml").is_file())


def _checksum(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.toml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_toml(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


@transaction.atomic
def load_pack(directory: Path, *, force: bool = False) -> tuple[SectorPack, bool]:
    """Returns the pack and whether anything was (re)loaded."""
    meta = read_toml(directory / "pack.toml")
    checksum = _checksum(directory)
    pack, created = SectorPack.objects.get_or_create(
        code=meta["code"], defaults={"name": meta["name"], "version": meta.get("version", 1)}
    )
    if not (created or force or pack.checksum != checksum):
        return pack, False
    pack.name, pack.sector = meta["name"], meta.get("sector", {})
    pack.version, pack.checksum = meta.get("version", 1), checksum
    pack.save()
    for file_name, loader_path in LOADERS.items():
        path = directory / file_name
        if path.is_file():
            loader: Callable[[SectorPack, dict], None] = import_string(loader_path)
            loader(pack, read_toml(path))
    return pack, True


def load_all(*, force: bool = False) -> list[tuple[SectorPack, bool]]:
    return [load_pack(directory, force=force) for directory in pack_dirs()]
