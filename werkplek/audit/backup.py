"""Backup and restore of one organisation: its data (JSON) and its files, in one zip.

The records are what deleting the organisation would delete (Django's deletion collector,
so a new app's tables are included without touching this file), the history rows of those
records (and of the organisation's deleted ones), plus the users who are its members or are
named by its records. Many-to-many links travel in their parent's field (`LogEntry
.competences`), never as rows of the automatic link table: writing both broke the restore.

Restore writes nothing if any restored row would take the primary key or a unique value of a
row already in the database (another organisation's, typically on another installation):
it stops with `RestoreRefused` naming what collides. History rows still in the database
unchanged (the organisation was deleted here: history stays) are left as they are. Users are
people, not the organisation's rows: one who already exists (same public id or e-mail
address) is kept as they are now and the restored records point at them; one whose id is
taken by someone else gets a new id. The restore target needs the sector packs
(`load_sector_packs`).
"""

import json
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import timedelta
from pathlib import Path

from django.contrib.admin.utils import NestedObjects
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction
from django.db.models import FileField, Q

from werkplek.accounts.models import Organisation, User

FORMAT = 1
CHUNK = 500  # ids per IN (…): well under SQLite's limit on parameters


class RestoreRefused(Exception):
    """The backup cannot be restored here without overwriting rows that exist."""


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


def chunks(values: Iterable) -> Iterator[list]:
    values = sorted(set(values), key=str)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _history_rows(ids: dict) -> list:
    """History rows of the collected records, and of deleted ones that hung off a collected
    record (a deleted document of a kept trajectory). User references do not count: a user
    can be a member of several organisations."""
    from werkplek.audit.models import AUDITED_MODELS

    rows = []
    for model in AUDITED_MODELS:
        history = model.history.model
        lookups = [("id", ids.get(model, set()))]
        for field in history._meta.concrete_fields:
            if field.is_relation and field.related_model is not User:
                lookups.append((field.attname, ids.get(field.related_model, set())))
        found = {}
        for attname, values in lookups:
            for chunk in chunks(values):
                for row in history.objects.filter(**{f"{attname}__in": chunk}):
                    found[row.pk] = row
        rows += [found[pk] for pk in sorted(found)]
    return rows


def organisation_records(organisation: Organisation) -> list:
    collected = collect_all([organisation])
    records = []
    for model, instances in collected.items():
        if hasattr(model, "instance_type") or model._meta.auto_created:
            continue  # history rows come below; link tables travel in their parent's field
        records += sorted(instances, key=lambda obj: obj.pk)
    ids = {model: {obj.pk for obj in instances} for model, instances in collected.items()}
    records += _history_rows(ids)
    named = {
        getattr(record, field.attname)
        for record in records
        for field in record._meta.concrete_fields
        if field.is_relation and field.related_model is User and field.db_constraint
    }
    users = User.objects.filter(
        Q(memberships__organisation=organisation) | Q(pk__in=named - {None})
    ).distinct()
    return [*users.order_by("pk"), *records]


def files_of(records) -> set[str]:
    names = set()
    for record in records:
        if hasattr(record, "instance_type"):
            continue  # a history row names a file its record has (or had)
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


def _conflicts(instances: list) -> dict[str, int]:
    """{model: how many restored rows have a primary key or unique value already taken in the
    database}."""
    by_model: dict = defaultdict(list)
    for instance in instances:
        by_model[type(instance)].append(instance)
    found = {}
    for model, rows in sorted(by_model.items(), key=lambda item: item[0]._meta.label):
        for field in model._meta.concrete_fields:
            if not field.unique:
                continue
            values = [getattr(row, field.attname) for row in rows]
            values = [value for value in values if value not in (None, "")]
            taken = sum(
                model._base_manager.filter(**{f"{field.attname}__in": chunk}).count()
                for chunk in chunks(values)
            )
            if taken:
                found[model._meta.label] = max(taken, found.get(model._meta.label, 0))
    return found


def _history_still_here(objects: list) -> list:
    """The history rows the database still holds, unchanged (the organisation was deleted
    here; history is never deleted with its records): nothing to restore there."""
    by_model: dict = defaultdict(dict)
    for obj in objects:
        if hasattr(type(obj.object), "instance_type"):
            by_model[type(obj.object)][obj.object.pk] = obj
    here = []
    for model, rows in by_model.items():
        for chunk in chunks(rows):
            for pk, record_id, at in model._base_manager.filter(pk__in=chunk).values_list(
                "pk", "id", "history_date"
            ):
                row = rows[pk].object
                # The JSON keeps milliseconds of the moment, the database microseconds.
                if row.id == record_id and abs(row.history_date - at) < timedelta(milliseconds=1):
                    here.append(rows[pk])
    return here


def _users_restore(users: list) -> dict:
    """Write the backup's users where they are new; {id in the backup: id here}."""
    mapping = {}
    for deserialized in users:
        user = deserialized.object
        old = user.pk
        existing = User.objects.filter(
            Q(public_id=user.public_id) | Q(email__iexact=user.email)
        ).first()
        if existing is not None:
            mapping[old] = existing.pk  # the same person: kept as they are now
            continue
        if User.objects.filter(pk=old).exists():
            user.pk = None  # the id belongs to someone else here: a new one
            user.save()
        else:
            deserialized.save()
        mapping[old] = user.pk
    return mapping


def _point_at_users(deserialized, mapping: dict) -> None:
    instance = deserialized.object
    for field in instance._meta.concrete_fields:
        if field.is_relation and field.related_model is User:
            value = getattr(instance, field.attname)
            if value is None:
                continue
            # A history row may name a user who is no longer in the organisation.
            setattr(
                instance, field.attname, mapping.get(value, value if field.db_constraint else None)
            )
    for name, values in (deserialized.m2m_data or {}).items():
        if instance._meta.get_field(name).related_model is User:
            deserialized.m2m_data[name] = [mapping.get(value, value) for value in values]


@transaction.atomic
def organisation_restore(*, path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise ValueError(f"Unknown backup format: {manifest.get('format')}")
        objects = list(serializers.deserialize("json", archive.read("data.json")))
        users = [obj for obj in objects if isinstance(obj.object, User)]
        still_here = {id(obj) for obj in _history_still_here(objects)}
        others = [
            obj for obj in objects if not isinstance(obj.object, User) and id(obj) not in still_here
        ]
        conflicts = _conflicts([obj.object for obj in others])
        if conflicts:
            named = [f"{label} ({count})" for label, count in conflicts.items()]
            more = f" and {len(named) - 10} more" if len(named) > 10 else ""
            raise RestoreRefused(
                "Nothing restored: rows with the same id or unique value already exist in this "
                f"database (another organisation's?): {', '.join(named[:10])}{more}."
            )
        mapping = _users_restore(users)
        try:
            with transaction.atomic(), connection.constraint_checks_disabled():
                for obj in others:
                    _point_at_users(obj, mapping)
                    obj.save()
            connection.check_constraints()
        except IntegrityError as error:
            raise RestoreRefused(f"Nothing restored: {error}") from error
        _sequences_reset({type(obj.object) for obj in objects})
        files = [name for name in archive.namelist() if name.startswith("files/")]
        for name in files:
            target = name.removeprefix("files/")
            if default_storage.exists(target):
                default_storage.delete(target)
            default_storage.save(target, ContentFile(archive.read(name)))
    return {"organisation": manifest["organisation"], "records": len(objects), "files": len(files)}


def _sequences_reset(models) -> None:
    """Rows written with their ids leave PostgreSQL's sequences behind: move them on, so the
    next row made here does not take a restored id."""
    statements = connection.ops.sequence_reset_sql(no_style(), sorted(models, key=str))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
