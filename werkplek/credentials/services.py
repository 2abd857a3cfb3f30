from copy import copy
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from werkplek.accounts.models import User
from werkplek.candidates.models import Candidate
from werkplek.checklists.models import ChecklistItem
from werkplek.core.hooks import trajectory_changed
from werkplek.credentials.models import Category, Credential, CredentialType, categories_value
from werkplek.credentials.rules import CREDENTIAL_RULES
from werkplek.credentials.selectors import checklist_usable_q
from werkplek.documents import filetypes
from werkplek.documents.models import Document
from werkplek.documents.services import document_upload
from werkplek.trajectories.events import trajectory_log
from werkplek.trajectories.models import OPEN_STATUSES, Trajectory

# Fields each category keeps; the others are emptied, so nothing slips in (e.g. medical).
FIELDS = {
    Category.LICENCE: {"number", "issued_on", "expires_on", "categories", "remarks"},
    Category.PROFESSIONAL_COMPETENCE: {
        "number",
        "issued_on",
        "expires_on",
        "training_hours",
        "remarks",
    },
    Category.MEDICAL: {"expires_on"},
    Category.DRIVER_CARD: {"number", "issued_on", "expires_on", "remarks"},
    Category.TEST: {"issued_on", "result", "examiner", "remarks"},
    Category.OTHER: {"number", "issued_on", "expires_on", "remarks"},
}
EMPTY = {
    "number": "",
    "issued_on": None,
    "expires_on": None,
    "categories": "",
    "training_hours": None,
    "result": "",
    "examiner": "",
    "remarks": "",
}
# Changing these asks for a new verification.
VERIFIED_FIELDS = ("number", "issued_on", "expires_on", "categories", "result")


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _validate(credential: Credential, *, today: date) -> None:
    credential_type = credential.type
    errors: dict[str, str] = {}
    if credential_type.has_number and not credential.number.strip():
        errors["number"] = _("Enter the number.")
    if credential_type.has_expiry and credential.expires_on is None:
        errors["expires_on"] = _("Enter the date until which it is valid.")
    if credential.issued_on and credential.issued_on > today:
        errors["issued_on"] = _("This date lies in the future.")
    if (
        credential.issued_on
        and credential.expires_on
        and credential.expires_on < credential.issued_on
    ):
        errors["expires_on"] = _("The expiry date comes after the date of issue.")
    elif credential_type.max_validity_years and credential.expires_on:
        start = credential.issued_on or today
        if credential.expires_on > _add_years(start, credential_type.max_validity_years):
            errors["expires_on"] = _(
                "%(type)s is valid for at most %(years)s years: check the expiry date."
            ) % {"type": credential_type, "years": credential_type.max_validity_years}
    if credential_type.is_licence:
        held = credential.category_list
        if not held:
            errors["categories"] = _("Tick at least one category.")
        elif set(held) - set(credential_type.categories):
            errors["categories"] = _("Choose categories from the list.")
    if credential_type.is_test:
        if credential.result not in Credential.Result.values:
            errors["result"] = _("Choose the result.")
        if credential.issued_on is None:
            errors["issued_on"] = _("Enter the date of the test.")
    if credential.training_hours is not None and not Decimal(0) <= credential.training_hours <= 500:
        errors["training_hours"] = _("Enter between 0 and 500 hours.")
    if errors:
        raise ValidationError(errors)


def _apply(credential: Credential, fields: dict) -> None:
    keep = FIELDS[Category(credential.type.category)]
    unknown = set(fields) - set(EMPTY)
    if unknown:
        raise ValueError(f"Not a credential field: {', '.join(sorted(unknown))}")
    for name, empty in EMPTY.items():
        value = fields.get(name, getattr(credential, name)) if name in keep else empty
        if name == "categories" and isinstance(value, list | tuple):
            value = categories_value(list(value))
        if isinstance(value, str):
            value = value.strip()
        setattr(credential, name, value)


def _attach_evidence(credential: Credential, evidence_file: UploadedFile | None, by: User) -> None:
    if evidence_file is None:
        return
    if not credential.type.evidence_allowed or credential.type.is_medical:
        raise ValidationError({"evidence_file": _("No proof is kept for this credential.")})
    credential.evidence = document_upload(
        candidate=credential.candidate,
        file=evidence_file,
        by=by,
        kind=Document.Kind.CREDENTIAL_EVIDENCE,
        title=str(credential.type),
        expires_on=credential.expires_on,
        staff_only=True,
        allowed=filetypes.EVIDENCE_TYPES,
    )


def _after_change(credential: Credential, action: str, by: User | None) -> None:
    for trajectory in credential.candidate.trajectories.filter(
        status__in=OPEN_STATUSES
    ).select_related("candidate", "organisation"):
        trajectory_log(trajectory, action, by=by, type=credential.type.label)
        trajectory_changed(trajectory, fact="credentials.credential")


def credential_preview(
    *,
    credential_type: CredentialType,
    existing: Credential | None = None,
    today: date | None = None,
    **fields,
) -> Credential:
    """The credential as it would be with these fields, unsaved (for an import's dry run);
    raises ValidationError like credential_record and credential_update would."""
    credential = copy(existing) if existing is not None else Credential(type=credential_type)
    _apply(credential, fields)
    _validate(credential, today=today or timezone.localdate())
    return credential


@transaction.atomic
def credential_record(
    *,
    candidate: Candidate,
    credential_type: CredentialType,
    by: User,
    verified: bool = False,
    evidence_file: UploadedFile | None = None,
    today: date | None = None,
    **fields,
) -> Credential:
    """Record a credential of the candidate; `verified` means `by` checked the original."""
    if credential_type.organisation_id != candidate.organisation_id:
        raise ValueError("The credential type belongs to another organisation.")
    today = today or timezone.localdate()
    credential = Credential(
        organisation=candidate.organisation,
        candidate=candidate,
        type=credential_type,
        recorded_by=by,
    )
    _apply(credential, fields)
    _validate(credential, today=today)
    if verified:
        credential.verified_by, credential.verified_at = by, timezone.now()
    _attach_evidence(credential, evidence_file, by)
    credential.full_clean()
    credential.save()
    _current_refresh(credential)
    _after_change(credential, "credentials.credential.recorded", by)
    return credential


@transaction.atomic
def credential_update(
    *,
    credential: Credential,
    by: User,
    verified: bool | None,
    evidence_file: UploadedFile | None = None,
    today: date | None = None,
    **fields,
) -> Credential:
    """Change a credential. `verified`: True when `by` checked the original now, False to
    make it unverified, None for no new check (an earlier check stands as long as what it saw
    is unchanged). Changing what was verified needs a new check."""
    today = today or timezone.localdate()
    before = {name: getattr(credential, name) for name in VERIFIED_FIELDS}
    _apply(credential, fields)
    _validate(credential, today=today)
    changed = any(getattr(credential, name) != value for name, value in before.items())
    if verified is False or (verified is None and changed):
        credential.verified_by, credential.verified_at = None, None
    elif verified and (changed or not credential.is_verified):
        credential.verified_by, credential.verified_at = by, timezone.now()
    _attach_evidence(credential, evidence_file, by)
    credential.full_clean()
    credential.save()
    _current_refresh(credential)
    _after_change(credential, "credentials.credential.updated", by)
    return credential


@transaction.atomic
def credential_verify(*, credential: Credential, by: User) -> Credential:
    if credential.is_verified:
        raise ValidationError(_("This credential is already verified."))
    credential.verified_by, credential.verified_at = by, timezone.now()
    credential.save(update_fields=["verified_by", "verified_at", "updated_at"])
    _after_change(credential, "credentials.credential.verified", by)
    return credential


@transaction.atomic
def credential_delete(*, credential: Credential, by: User) -> None:
    """Remove a credential recorded by mistake (its proof stays among the documents)."""
    candidate, label = credential.candidate, credential.type.label
    type_id = credential.type_id
    credential.delete()
    credentials_current_refresh(candidate_id=candidate.pk, type_id=type_id)
    for trajectory in candidate.trajectories.filter(status__in=OPEN_STATUSES).select_related(
        "candidate", "organisation"
    ):
        trajectory_log(trajectory, "credentials.credential.deleted", by=by, type=label)
        trajectory_changed(trajectory, fact="credentials.credential")


def credentials_current_refresh(
    *,
    candidate_id: int | None = None,
    type_id: int | None = None,
    organisation_id: int | None = None,
) -> int:
    """Store on each credential whether it is the current one of its type for its candidate
    (no credential of that type valid until later); all credentials when no ids are given."""
    newer = Credential.objects.filter(
        candidate=OuterRef("candidate"),
        type=OuterRef("type"),
        expires_on__gt=OuterRef("expires_on"),
    )
    credentials = Credential.objects.all()
    if candidate_id is not None:
        credentials = credentials.filter(candidate_id=candidate_id)
    if type_id is not None:
        credentials = credentials.filter(type_id=type_id)
    if organisation_id is not None:
        credentials = credentials.filter(organisation_id=organisation_id)
    return credentials.update(is_current=~Exists(newer))


def _current_refresh(credential: Credential) -> None:
    credentials_current_refresh(candidate_id=credential.candidate_id, type_id=credential.type_id)
    credential.is_current = (
        Credential.objects.filter(pk=credential.pk).values_list("is_current", flat=True).first()
    )


def credentials_refresh_expired(*, today: date | None = None) -> int:
    """Untick the credential items of open trajectories whose credential is no longer valid.

    Meant to run daily (see the `refresh_credentials` command). Finding the trajectories is
    set-based, one query per rule over all organisations; only those found are refreshed.
    Returns how many trajectories were refreshed.
    """
    today = today or timezone.localdate()
    found: set[int] = set()
    for rule, checklist_item in CREDENTIAL_RULES.items():
        types = list(CredentialType.objects.filter(checklist_item=checklist_item, is_active=True))
        usable = Credential.objects.filter(
            checklist_usable_q(types=types, on=today),
            candidate=OuterRef("trajectory__candidate"),
            type__organisation=OuterRef("trajectory__organisation"),
        )
        found.update(
            ChecklistItem.objects.filter(
                rule=rule,
                state=ChecklistItem.State.DONE,
                trajectory__status__in=OPEN_STATUSES,
            )
            .exclude(Exists(usable))
            .values_list("trajectory_id", flat=True)
        )
    for trajectory in Trajectory.objects.filter(pk__in=found).select_related(
        "candidate", "organisation"
    ):
        with transaction.atomic():
            trajectory_changed(trajectory, fact="credentials.credential")
    return len(found)


# --- Credential types of an organisation ----------------------------------------------------


@transaction.atomic
def credential_type_save(
    *, credential_type: CredentialType, labels: dict[str, str], **fields
) -> CredentialType:
    """Save an organisation's credential type; a new one is of the "other" category."""
    if credential_type.organisation_id is None:
        raise ValueError("Only an organisation's own credential types can be edited.")
    allowed = {"required_for", "is_active"}
    if credential_type.pk is None or credential_type.category == Category.OTHER:
        allowed |= {"has_number", "has_expiry", "max_validity_years", "evidence_allowed"}
    for name, value in fields.items():
        if name in allowed:
            setattr(credential_type, name, value)
    credential_type.label = labels
    if credential_type.pk is None:
        credential_type.category = Category.OTHER
        credential_type.warning_days = [90, 30, 7]
        credential_type.code = _unique_code(credential_type)
        last = (
            CredentialType.objects.filter(organisation_id=credential_type.organisation_id)
            .order_by("-position")
            .values_list("position", flat=True)
            .first()
        )
        credential_type.position = (last or 0) + 1
    # Pack types without warnings keep an empty list (warning_list falls back to 90/30/7);
    # the page does not edit it, so it must not make the save fail.
    credential_type.full_clean(exclude=["warning_days"])
    credential_type.save()
    return credential_type


def _unique_code(credential_type: CredentialType) -> str:
    base = slugify(credential_type.label.get("nl", ""))[:50] or "credential"
    taken = set(
        CredentialType.objects.filter(organisation_id=credential_type.organisation_id).values_list(
            "code", flat=True
        )
    )
    code, number = base, 2
    while code in taken:
        code, number = f"{base}-{number}", number + 1
    return code
