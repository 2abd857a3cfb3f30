"""/api/v1/me and /api/v1/organisations: who is calling, and where they belong."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Query, Router, Schema

from werkplek.accounts.models import STAFF_ROLES, Language, Membership
from werkplek.accounts.selectors import memberships_of
from werkplek.api.pagination import cursor_page
from werkplek.api.schemas import ErrorOut, ListQuery, Page, PersonOut, responses
from werkplek.api.tenancy import api_member

router = Router(tags=["organisations"])

Role = Literal[tuple(Membership.Role.values)]


class TokenOut(Schema):
    name: str
    can_write: bool
    expires_at: datetime | None


class MeOut(Schema):
    id: UUID
    full_name: str
    email: str
    language: Literal[tuple(Language.values)]
    token: TokenOut | None = Field(None, description="Null when signed in with a session.")


class OrganisationOut(Schema):
    id: UUID
    slug: str
    name: str
    enterprise_number: str
    sector: str
    default_language: str
    role: Role

    @staticmethod
    def resolve_id(membership: Membership) -> UUID:
        return membership.organisation.public_id

    @staticmethod
    def resolve_slug(membership: Membership) -> str:
        return membership.organisation.slug

    @staticmethod
    def resolve_name(membership: Membership) -> str:
        return membership.organisation.name

    @staticmethod
    def resolve_enterprise_number(membership: Membership) -> str:
        return membership.organisation.enterprise_number_display

    @staticmethod
    def resolve_sector(membership: Membership) -> str:
        return membership.organisation.sector

    @staticmethod
    def resolve_default_language(membership: Membership) -> str:
        return membership.organisation.default_language


class MemberOut(Schema):
    id: UUID
    user: PersonOut
    role: Role
    is_active: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(membership: Membership) -> UUID:
        return membership.public_id


# Not under an organisation, so no 404; the rest of responses()'s errors can happen here too.
ACCOUNT_ERRORS = dict.fromkeys((401, 414, 429), ErrorOut)


@router.get("/me", response={200: MeOut, **ACCOUNT_ERRORS})
def me(request):
    """The person behind the token (or the session), and the token's own limits."""
    user = request.auth
    return {
        "id": user.public_id,
        "full_name": user.full_name,
        "email": user.email,
        "language": user.language,
        "token": getattr(request, "api_token", None),
    }


@router.get("/organisations", response={200: list[OrganisationOut], **ACCOUNT_ERRORS})
def organisation_list(request):
    """The organisations you are an active member of, with your role in each."""
    return (
        Membership.objects.filter(user=request.auth, is_active=True)
        .select_related("organisation")
        .order_by("organisation__name")
    )


@router.get("/organisations/{org}", response=responses(200, OrganisationOut))
@api_member()
def organisation_detail(request):
    return request.membership


@router.get("/organisations/{org}/members", response=responses(200, Page[MemberOut], 403))
@api_member(*STAFF_ROLES)
def member_list(request, query: Query[ListQuery]):
    """The organisation's people and their roles (as on the People page)."""
    return cursor_page(request, memberships_of(request.organisation), query)
