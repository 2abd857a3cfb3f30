"""Credential columns in the candidate import: per credential type with an expiry date or a
number, "<type>: valid until" and "<type>: number" (and "<type>: categories" for a driving
licence). A row with any of them records the credential, or corrects the one the candidate
has; the dry run checks them with the same validity rules as the pages. Imported values are
not verified: changing a checked field of a verified credential makes it unverified again.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from werkplek.accounts.models import Organisation, User
from werkplek.candidates.models import Candidate
from werkplek.core.i18n import localized
from werkplek.credentials.models import Category, Credential, CredentialType
from werkplek.credentials.selectors import credential_types_of
from werkplek.credentials.services import (
    VERIFIED_FIELDS,
    credential_preview,
    credential_record,
    credential_update,
)
from werkplek.imports.importers import Column

DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
COLUMN_TEXTS = {
    "expires_on": lambda: _("%(type)s: valid until"),
    "number": lambda: _("%(type)s: number"),
    "categories": lambda: _("%(type)s: categories"),
}


def _label(credential_type: CredentialType, part: str):
    """A column title in the active language (the import recognises it in nl, fr and en)."""
    return lazy(lambda: COLUMN_TEXTS[part]() % {"type": localized(credential_type.label)}, str)()


def _parts(credential_type: CredentialType) -> list[str]:
    parts = []
    if credential_type.has_expiry:
        parts.append("expires_on")
    if credential_type.has_number and not credential_type.is_medical:
        parts.append("number")
    if credential_type.is_licence:
        parts.append("categories")
    return parts


def _key(credential_type: CredentialType, part: str) -> str:
    return f"credential.{credential_type.code}.{part}"


def _date(text: str) -> date:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise ValidationError(_("Enter the date as dd/mm/yyyy."))


def _categories(text: str) -> list[str]:
    return [code for code in text.replace(";", ",").replace(" ", ",").upper().split(",") if code]


def _shown(credential: Credential | None, part: str) -> str:
    if credential is None:
        return "—"
    if part == "categories":
        return ", ".join(credential.category_list) or "—"
    value = getattr(credential, part)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return value or "—"


@dataclass
class Prepared:
    credential_type: CredentialType
    existing: Credential | None
    fields: dict
    unverify: bool


class CredentialColumns:
    def _types(self, organisation: Organisation) -> list[CredentialType]:
        types = credential_types_of(organisation).exclude(category=Category.TEST)
        return [credential_type for credential_type in types if _parts(credential_type)]

    def start(self, *, organisation: Organisation) -> None:
        """Before a check: the types and every held credential, in two queries for all rows.
        Kept on the check's organisation object, so two imports never share them."""
        held: dict[int, dict[int, Credential]] = {}
        for credential in Credential.objects.filter(organisation=organisation):
            held.setdefault(credential.candidate_id, {})[credential.type_id] = credential
        organisation._credential_import = (self._types(organisation), held)

    def columns(self, organisation: Organisation) -> list[Column]:
        return [
            Column(_key(credential_type, part), _label(credential_type, part))
            for credential_type in self._types(organisation)
            for part in _parts(credential_type)
        ]

    def check(
        self, *, organisation: Organisation, values: dict[str, str], candidate: Candidate | None
    ) -> tuple[list[list[str]], list[list[str]], list[Prepared]]:
        changes, errors, prepared = [], [], []
        if not hasattr(organisation, "_credential_import"):
            self.start(organisation=organisation)
        types, all_held = organisation._credential_import
        held = all_held.get(candidate.pk, {}) if candidate is not None and candidate.pk else {}
        for credential_type in types:
            cells = {
                part: values.get(_key(credential_type, part), "").strip()
                for part in _parts(credential_type)
            }
            if not any(cells.values()):
                continue
            fields, problems = self._fields(credential_type, cells)
            existing = held.get(credential_type.pk)
            if not problems:
                try:
                    after = credential_preview(
                        credential_type=credential_type, existing=existing, **fields
                    )
                except ValidationError as error:
                    problems = [
                        (name, message)
                        for name, messages in error.message_dict.items()
                        for message in messages
                    ]
            for part, message in problems:
                part = part if part in cells else next(iter(cells))
                errors.append([str(_label(credential_type, part)), message])
            if problems:
                continue
            changed = [
                part
                for part in cells
                if existing is None or _shown(existing, part) != _shown(after, part)
            ]
            if not changed:
                continue
            changes.extend(
                [str(_label(credential_type, part)), _shown(existing, part), _shown(after, part)]
                for part in changed
            )
            unverify = any(part in VERIFIED_FIELDS for part in changed)
            prepared.append(Prepared(credential_type, existing, fields, unverify))
        return changes, errors, prepared

    def _fields(self, credential_type, cells) -> tuple[dict, list[tuple[str, str]]]:
        fields, problems = {}, []
        for part, text in cells.items():
            if not text:
                continue
            if part == "expires_on":
                try:
                    fields[part] = _date(text)
                except ValidationError as error:
                    problems.append((part, error.messages[0]))
            elif part == "categories":
                fields[part] = _categories(text)
            else:
                fields[part] = text
        return fields, problems

    def apply(self, *, candidate: Candidate, prepared: list[Prepared], by: User) -> None:
        for item in prepared:
            if item.existing is None:
                credential_record(
                    candidate=candidate,
                    credential_type=item.credential_type,
                    by=by,
                    **item.fields,
                )
            else:
                credential_update(
                    credential=item.existing,
                    by=by,
                    verified=item.existing.is_verified and not item.unverify,
                    **item.fields,
                )


credential_columns = CredentialColumns()
