"""/api/v1/organisations/{org}/credentials: driver credentials and their status.

Coordinators and admins record and correct credentials (through the same services and
validity rules as the pages; proof documents are uploaded on the website). Medical fitness
shows its date and who verified it to coordinators and admins only; everyone else gets only
whether it is valid (the same rule as the pages).
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status as Answer

from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES, Membership
from werkplek.api.errors import ApiError
from werkplek.api.pagination import cursor_page
from werkplek.api.schemas import (
    Day,
    Flag,
    InputSchema,
    ListQuery,
    Page,
    PersonOut,
    Text,
    responses,
)
from werkplek.api.tenancy import api_member
from werkplek.audit.services import sensitive_reads_log
from werkplek.candidates.selectors import candidates_visible_to
from werkplek.core.i18n import localized
from werkplek.credentials.models import Credential
from werkplek.credentials.selectors import credential_types_of, credentials_visible_to
from werkplek.credentials.services import credential_record, credential_update
from werkplek.credentials.validity import (
    MEDICAL_STATUS_FOR_OTHERS,
    Status,
    credential_validity,
)

router = Router(tags=["credentials"])
READ_ROLES = (*MENTORING_ROLES, Membership.Role.TRAINEE)
StatusCode = Literal[tuple(Status.values)]


def _hidden(credential: Credential, context) -> bool:
    """Medical details are for coordinators and admins only."""
    return credential.type.is_medical and not context["request"].membership.sees_medical_data


class CredentialOut(Schema):
    id: UUID
    candidate: UUID
    type: str = Field(description="The credential type's code, e.g. licence_d.")
    type_label: str = Field(description="In the request's language.")
    status: StatusCode = Field(
        description="valid, expiring (within the type's warning days), expired, missing, "
        "unverified or failed (a driving test). Medical fitness: valid, expired or missing "
        "unless you are a coordinator."
    )
    number: str | None
    categories: list[str] | None
    issued_on: date | None
    expires_on: date | None = Field(description="Valid up to and including this day.")
    training_hours: float | None
    result: str | None
    verified_by: PersonOut | None
    verified_at: datetime | None
    updated_at: datetime

    @staticmethod
    def resolve_id(credential: Credential) -> UUID:
        return credential.public_id

    @staticmethod
    def resolve_candidate(credential: Credential) -> UUID:
        return credential.candidate.public_id

    @staticmethod
    def resolve_type(credential: Credential) -> str:
        return credential.type.code

    @staticmethod
    def resolve_type_label(credential: Credential) -> str:
        return localized(credential.type.label)

    @staticmethod
    def resolve_status(credential: Credential, context) -> str:
        status = credential_validity(credential, today=timezone.localdate()).status
        return MEDICAL_STATUS_FOR_OTHERS[status] if _hidden(credential, context) else status

    @staticmethod
    def resolve_number(credential: Credential, context) -> str | None:
        return None if _hidden(credential, context) else credential.number

    @staticmethod
    def resolve_categories(credential: Credential, context) -> list[str] | None:
        return None if _hidden(credential, context) else credential.category_list

    @staticmethod
    def resolve_issued_on(credential: Credential, context) -> date | None:
        return None if _hidden(credential, context) else credential.issued_on

    @staticmethod
    def resolve_expires_on(credential: Credential, context) -> date | None:
        return None if _hidden(credential, context) else credential.expires_on

    @staticmethod
    def resolve_training_hours(credential: Credential, context) -> float | None:
        if _hidden(credential, context) or credential.training_hours is None:
            return None
        return float(credential.training_hours)

    @staticmethod
    def resolve_result(credential: Credential) -> str | None:
        return credential.result or None

    @staticmethod
    def resolve_verified_by(credential: Credential, context):
        return None if _hidden(credential, context) else credential.verified_by

    @staticmethod
    def resolve_verified_at(credential: Credential, context) -> datetime | None:
        return None if _hidden(credential, context) else credential.verified_at


class CredentialQuery(ListQuery):
    candidate: UUID | None = Field(None, description="Only this candidate's credentials.")
    type: str = Field("", max_length=60, description="Only this credential type (its code).")


class CredentialPatch(InputSchema):
    """Only the fields you send change; fields that do not belong to the type are ignored."""

    number: Annotated[Text, Field(max_length=60)] | None = None
    categories: list[Annotated[Text, Field(max_length=10)]] | None = Field(
        None, description='A driving licence\'s categories, e.g. ["B", "D"].'
    )
    issued_on: Day | None = None
    expires_on: Day | None = Field(None, description="Valid up to and including this day.")
    training_hours: Annotated[Decimal, Field(ge=0, le=500, decimal_places=1)] | None = None
    result: Literal[("", *Credential.Result.values)] | None = None
    examiner: Annotated[Text, Field(max_length=200)] | None = None
    remarks: Annotated[Text, Field(max_length=1000)] | None = None
    verified: Flag = Field(
        False,
        description="You checked the original. Changing a checked field without it "
        "makes the credential unverified again.",
    )


class CredentialIn(CredentialPatch):
    candidate: UUID
    type: Annotated[Text, Field(max_length=60, description="The credential type's code.")]


TEXT_FIELDS = {"number", "categories", "result", "examiner", "remarks"}


def _fields(payload: CredentialPatch) -> dict:
    """The sent fields as the services take them: null clears (text fields become "")."""
    fields = payload.model_dump(exclude_unset=True, exclude={"candidate", "type", "verified"})
    return {
        name: "" if value is None and name in TEXT_FIELDS else value
        for name, value in fields.items()
    }


def _credentials(request):
    return credentials_visible_to(request.membership).select_related(
        "type", "candidate", "verified_by"
    )


@router.get("", response=responses(200, Page[CredentialOut], 403))
@api_member(*READ_ROLES)
def credential_list(request, query: Query[CredentialQuery]):
    """Credentials of the candidates you see, in the order they changed."""
    credentials = _credentials(request)
    if query.candidate:
        credentials = credentials.filter(candidate__public_id=query.candidate)
    if query.type:
        credentials = credentials.filter(type__code=query.type)
    page = cursor_page(request, credentials, query)
    _log_medical_reads(request, page["items"])
    return page


@router.get("/{public_id}", response=responses(200, CredentialOut, 403))
@api_member(*READ_ROLES)
def credential_detail(request, public_id: UUID):
    credential = get_object_or_404(_credentials(request), public_id=public_id)
    _log_medical_reads(request, [credential])
    return credential


def _log_medical_reads(request, credentials) -> None:
    """Who read medical fitness through the API is logged, as on the pages."""
    if request.membership.sees_medical_data:
        candidates = {c.candidate_id: c.candidate for c in credentials if c.type.is_medical}
        sensitive_reads_log(request=request, candidates=candidates.values(), what="medical_fitness")


@router.post("", response=responses(201, CredentialOut, 400, 403, 409))
@api_member(*STAFF_ROLES)
def credential_create_operation(request, payload: CredentialIn):
    """Record a credential of a candidate. One per type: a second is a 409 (change it)."""
    candidate = (
        candidates_visible_to(request.membership).filter(public_id=payload.candidate).first()
    )
    if candidate is None:
        raise ApiError(422, "unknown_candidate", _("No such candidate here."), field="candidate")
    credential_type = credential_types_of(request.organisation).filter(code=payload.type).first()
    if credential_type is None:
        raise ApiError(422, "unknown_type", _("No such credential type here."), field="type")
    existing = candidate.credentials.filter(type=credential_type).first()
    if existing is not None:
        raise ApiError(
            409,
            "already_recorded",
            _("This candidate already has this credential (%(id)s): change that one.")
            % {"id": existing.public_id},
            field="type",
        )
    credential = credential_record(
        candidate=candidate,
        credential_type=credential_type,
        by=request.user,
        verified=payload.verified,
        **_fields(payload),
    )
    return Answer(201, _credentials(request).get(pk=credential.pk))


@router.patch("/{public_id}", response=responses(200, CredentialOut, 400, 403))
@api_member(*STAFF_ROLES)
def credential_update_operation(request, public_id: UUID, payload: CredentialPatch):
    credential = get_object_or_404(_credentials(request), public_id=public_id)
    credential = credential_update(
        credential=credential, by=request.user, verified=payload.verified, **_fields(payload)
    )
    return _credentials(request).get(pk=credential.pk)
