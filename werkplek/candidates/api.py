"""/api/v1/organisations/{org}/candidates: the people who learn."""

from contextlib import contextmanager
from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES, Language
from werkplek.api.errors import ApiError
from werkplek.api.idempotency import idempotency_token
from werkplek.api.pagination import cursor_page
from werkplek.api.schemas import Day, Flag, InputSchema, ListQuery, Page, Text, responses
from werkplek.api.tenancy import api_member
from werkplek.api.validation import form_value, validated
from werkplek.candidates.forms import CandidateForm
from werkplek.candidates.models import Candidate
from werkplek.candidates.selectors import candidates_search, candidates_visible_to
from werkplek.candidates.services import DUPLICATE_EMAIL, candidate_create, candidate_update
from werkplek.core.idempotency import submit_once

router = Router(tags=["candidates"])

LanguageCode = Literal[tuple(Language.values)]
TargetGroup = Literal[("", *Candidate.TargetGroup.values)]
Source = Literal[("", *Candidate.Source.values)]


class CandidateOut(Schema):
    id: UUID
    first_name: str
    last_name: str
    email: str
    phone: str
    language: LanguageCode
    date_of_birth: date | None
    street: str
    postal_code: str
    city: str
    target_group: TargetGroup
    target_group_note: str
    subsector_interest: str
    has_relations_in_company: bool | None
    relations_in_company: str
    source: Source
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(candidate: Candidate) -> UUID:
        return candidate.public_id


class CandidatePatch(InputSchema):
    """Only the fields you send change; null clears a field."""

    first_name: Annotated[Text, Field(max_length=100)] | None = None
    last_name: Annotated[Text, Field(max_length=100)] | None = None
    email: Annotated[Text, Field(max_length=254)] | None = None
    phone: Annotated[Text, Field(max_length=30)] | None = None
    language: LanguageCode | None = None
    date_of_birth: Day | None = None
    street: Annotated[Text, Field(max_length=200)] | None = None
    postal_code: Annotated[Text, Field(max_length=10)] | None = None
    city: Annotated[Text, Field(max_length=100)] | None = None
    target_group: TargetGroup | None = None
    target_group_note: Annotated[Text, Field(max_length=300)] | None = None
    subsector_interest: Annotated[Text, Field(max_length=300)] | None = None
    has_relations_in_company: Flag | None = None
    relations_in_company: Annotated[Text, Field(max_length=300)] | None = None
    source: Source | None = None


class CandidateIn(CandidatePatch):
    first_name: Annotated[Text, Field(min_length=1, max_length=100)]
    last_name: Annotated[Text, Field(min_length=1, max_length=100)]


class CandidateQuery(ListQuery):
    q: Annotated[Text, Field(max_length=100)] = Field(
        "", description="Words in the name or e-mail."
    )
    email: Annotated[Text, Field(max_length=254)] = Field(
        "", description="Exactly this e-mail address (not case-sensitive)."
    )


def _cleaned(candidate: Candidate | None, changes: dict) -> dict:
    """Validate through the web form: current values, overlaid with the changes."""
    names = CandidateForm._meta.fields
    data = {name: getattr(candidate, name) for name in names} if candidate else {}
    data.update(changes)
    if "language" not in data or data["language"] is None:
        data["language"] = Language.DUTCH
    form = CandidateForm({name: form_value(data.get(name)) for name in names})
    return validated(form)


def _refuse_duplicate_email(request, email: str, candidate: Candidate | None = None) -> None:
    if not email:
        return
    same = candidates_visible_to(request.membership).filter(email__iexact=email)
    if candidate is not None:
        same = same.exclude(pk=candidate.pk)
    existing = same.first()
    if existing is not None:
        raise ApiError(
            409,
            "duplicate_email",
            _("Candidate %(id)s already has this e-mail address.") % {"id": existing.public_id},
            field="email",
        )


@contextmanager
def _conflict_on_duplicate_email():
    """Two requests with one address at once both pass the check above; the database refuses
    the second, and the service's refusal is the same 409."""
    try:
        yield
    except ValidationError as error:
        for item in getattr(error, "error_dict", {}).get("email", []):
            if item.code == DUPLICATE_EMAIL:
                raise ApiError(409, DUPLICATE_EMAIL, item.messages[0], field="email") from error
        raise


@router.get("", response=responses(200, Page[CandidateOut], 403))
@api_member(*STAFF_ROLES)
def candidate_list(request, query: Query[CandidateQuery]):
    """Candidates of the organisation, in the order they changed."""
    candidates = candidates_search(candidates_visible_to(request.membership), query.q)
    if query.email:
        candidates = candidates.filter(email__iexact=query.email)
    return cursor_page(request, candidates, query)


@router.post("", response=responses(201, CandidateOut, 400, 403, 409))
@api_member(*STAFF_ROLES)
def candidate_create_operation(request, payload: CandidateIn):
    """A new candidate. An e-mail address that another candidate has is refused (409).
    Sent again with the same `Idempotency-Key`, it answers with the candidate made first."""
    data = _cleaned(None, payload.model_dump(exclude_unset=True))

    def create() -> Candidate:
        _refuse_duplicate_email(request, data["email"])
        return candidate_create(organisation=request.organisation, **data)

    with _conflict_on_duplicate_email():
        candidate, _made = submit_once(
            token=idempotency_token(request, "candidates.candidate.create"),
            user=request.user,
            action="candidates.candidate.create",
            model=Candidate,
            create=create,
        )
    return Status(201, candidate)


@router.get("/{public_id}", response=responses(200, CandidateOut, 403))
@api_member(*MENTORING_ROLES)
def candidate_detail(request, public_id: UUID):
    return get_object_or_404(candidates_visible_to(request.membership), public_id=public_id)


@router.patch("/{public_id}", response=responses(200, CandidateOut, 400, 403, 409))
@api_member(*STAFF_ROLES)
def candidate_update_operation(request, public_id: UUID, payload: CandidatePatch):
    candidate = get_object_or_404(candidates_visible_to(request.membership), public_id=public_id)
    data = _cleaned(candidate, payload.model_dump(exclude_unset=True))
    _refuse_duplicate_email(request, data["email"], candidate)
    with _conflict_on_duplicate_email():
        return candidate_update(candidate=candidate, **data)
