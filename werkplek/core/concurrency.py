"""Two people saving the same record at once: the later save is refused, never lost.

One shape for every edit form (optimistic concurrency): the form carries the version the
record had when it was opened (`core.forms.VersionCheckMixin`); the service, inside its
transaction and before it writes, claims the record at that version with one conditional
`UPDATE … SET updated_at = now WHERE pk = … AND updated_at = <opened>` (`version_claim`).

The claim is safe on both databases: on PostgreSQL a second claim of the same row waits for
the first transaction's row lock and then finds the version changed (0 rows); SQLite runs
one writing transaction at a time (`transaction_mode=IMMEDIATE`). The refused save raises a
ValidationError with code "stale" that names when the record was saved and carries the
current version, so the form can offer to save again knowingly.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

STALE = "stale"
NEW = "new"  # the version of a record not saved yet when its form was opened
STALE_MESSAGE = _(
    "Someone else saved this record at %(time)s, after you opened it. Your changes are "
    "not saved yet: check the current values (open the page in a new tab), then save "
    "again to overwrite them."
)


def version_of(record: models.Model) -> str:
    """A record's version: when it was last saved (to the microsecond), or NEW."""
    return record.updated_at.isoformat() if getattr(record, "updated_at", None) else NEW


def _parse(version: str) -> datetime | None:
    try:
        return datetime.fromisoformat(version)
    except (TypeError, ValueError):
        return None


def stale_error(model: type[models.Model], pk) -> ValidationError:
    """The refusal: who came first saved at … (in the reader's time zone)."""
    current = model._base_manager.filter(pk=pk).values_list("updated_at", flat=True).first()
    moment = current or timezone.now()
    return ValidationError(
        STALE_MESSAGE,
        code=STALE,
        params={
            "time": formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT"),
            "version": moment.isoformat(),
        },
    )


def version_claim(record: models.Model, version: str | None) -> None:
    """Inside the service's transaction, before writing: take `record` at the version its
    editor opened, or raise ValidationError(code="stale").

    No version (a caller that does not track one, e.g. the API or a status button): no check.
    A record not saved yet has nothing to claim (its service refuses a second first save);
    a saved record whose editor opened it before its first save (NEW) is refused.
    """
    if not version or record.pk is None:
        return
    opened = None if version == NEW else _parse(version)
    model = type(record)
    claimed = opened is not None and (
        model._base_manager.filter(pk=record.pk, updated_at=opened).update(
            updated_at=timezone.now()
        )
    )
    if not claimed:
        raise stale_error(model, record.pk)


def stale_version(error: ValidationError) -> str | None:
    """The current version carried by a stale refusal, or None for any other error."""
    if not isinstance(error, ValidationError) or hasattr(error, "error_dict"):
        return None
    for item in error.error_list:
        if item.code == STALE and item.params:
            return item.params.get("version")
    return None
