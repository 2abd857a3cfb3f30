"""Backup and restore of one organisation: its data (JSON) and its files, in one zip.

The records are what deleting the organisation would delete (Django's deletion collector,
so a new app's tables are included without touching this file), plus the users who are its
members. History tables are not included: a restored organisation starts a new history.
Restore loads into a database that has the sector packs (`load_sector_packs`) and no
conflicting rows; existing rows with the same primary key are overwritten.
"""

import json
import zipfile
from pathlib import Path

from django.contrib.admin.utils import NestedObjects
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import FileField

from werkplek.accounts.models import Organisation, User

FORMAT = 1


def collect_all(roots: list) -> dict:
    """{model: {instances}} hanging off `roots`, following protected references too (a
    protected reference stops Django's collector, so collect again from what it refused)."""
    collector = NestedObjects(using="default")
    pending = roots
    while pending:
        by_model: dict = {}
        for obj in pending:
            by_model.setdefault(type(obj), []).append(obj)
        collector.protected = set()
        for objs in by_model.values():
            collector.collect(objs)
        known = {obj for instances in collector.data.values() for obj in instances}
        pending = [obj for obj in collector.protected if obj not in known]
    return collector.data


def organisation_records(organisation: Organisation) -> list:
    users = User.objects.filter(memberships__organisation=organisation).distinct()
    records = list(users)
    for model, instances in collect_all([organisation]).items():
        if not hasattr(model, "instance_type"):
            records += sorted(instances, key=lambda obj: obj.pk)
    return records


def files_of(records) -> set[str]:
    names = set()
    for record in records:
        for field in record._meta.concrete_fields:
            if isinstance(field, FileField):
                value = getattr(record, field.attname)
                if value:
                    names.add(str(value))
    return names


def organisation_backup(*, organisation: Organisation, path: Path) -> dict:
    records = organisation_records(organisation)
    files = files_of(records)
    data = serializers.serialize("json", records)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "manifest.json",
            json.dumps(
                {"format": FORMAT, "organisation": organisation.slug, "records": len(records)}
            ),
        )
        archive.writestr("data.json", data)
        for name in sorted(files):
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as handle:
                    archive.writestr(f"files/{name}", handle.read())
    return {"records": len(records), "files": len(files)}


@transaction.atomic
def organisation_restore(*, path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise ValueError(f"Unknown backup format: {manifest.get('format')}")
        objects = list(serializers.deserialize("json", archive.read("data.json")))
        with connection.constraint_checks_disabled():
            for obj in objects:
                obj.save()
        connection.check_constraints()
        files = [name for name in archive.namelist() if name.startswith("files/")]
        for name in files:
            target = name.removeprefix("files/")
            if default_storage.exists(target):
                default_storage.delete(target)
            default_storage.save(target, ContentFile(archive.read(name)))
    return {"organisation": manifest["organisation"], "records": len(objects), "files": len(files)}
