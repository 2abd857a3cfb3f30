"""/api/v1/organisations/{org}/documents: what is kept for trajectories and candidates, and
the file itself through a permission-checked download. Read-only."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from werkplek.accounts.models import MENTORING_ROLES, Membership
from werkplek.api.pagination import cursor_page
from werkplek.api.schemas import ListQuery, Page, PersonOut, responses
from werkplek.api.tenancy import api_member
from werkplek.core.downloads import download_filename
from werkplek.documents import filetypes
from werkplek.documents.models import Document
from werkplek.documents.selectors import documents_visible_to

router = Router(tags=["documents"])
READ_ROLES = (*MENTORING_ROLES, Membership.Role.TRAINEE)


class DocumentOut(Schema):
    id: UUID
    candidate: UUID
    trajectory: UUID | None = Field(description="Null for a document about the candidate.")
    kind: Literal[tuple(Document.Kind.values)]
    source: Literal[tuple(Document.Source.values)]
    title: str
    file_name: str
    content_type: str
    size: int
    sha256: str
    expires_on: date | None
    version: int
    previous: UUID | None = Field(description="The version this one replaces.")
    uploaded_by: PersonOut | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(document: Document) -> UUID:
        return document.public_id

    @staticmethod
    def resolve_candidate(document: Document) -> UUID:
        return document.candidate.public_id

    @staticmethod
    def resolve_trajectory(document: Document) -> UUID | None:
        return document.trajectory.public_id if document.trajectory_id else None

    @staticmethod
    def resolve_file_name(document: Document) -> str:
        return document.original_name

    @staticmethod
    def resolve_previous(document: Document) -> UUID | None:
        return document.previous.public_id if document.previous_id else None


class DocumentQuery(ListQuery):
    trajectory: UUID | None = Field(None, description="Only this trajectory's documents.")
    candidate: UUID | None = Field(None, description="Only this candidate's documents.")
    kind: Literal[("", *Document.Kind.values)] = ""


def _documents(request):
    return documents_visible_to(request.membership).select_related(
        "candidate", "trajectory", "previous", "uploaded_by"
    )


@router.get("", response=responses(200, Page[DocumentOut], 403))
@api_member(*READ_ROLES)
def document_list(request, query: Query[DocumentQuery]):
    """Documents you may see, every version, in the order they changed."""
    documents = _documents(request)
    if query.trajectory:
        documents = documents.filter(trajectory__public_id=query.trajectory)
    if query.candidate:
        documents = documents.filter(candidate__public_id=query.candidate)
    if query.kind:
        documents = documents.filter(kind=query.kind)
    return cursor_page(request, documents, query)


@router.get("/{public_id}", response=responses(200, DocumentOut, 403))
@api_member(*READ_ROLES)
def document_detail(request, public_id: UUID):
    return get_object_or_404(_documents(request), public_id=public_id)


@router.get(
    "/{public_id}/file",
    response=responses(200, None, 403),
    openapi_extra={
        "responses": {
            200: {  # the key ninja uses (an int), so this completes its entry, not a second one
                "description": "The file, as uploaded (its type was checked from its content).",
                "content": {  # every type an upload may have (checked from its content)
                    file_type.content_type: {"schema": {"type": "string", "format": "binary"}}
                    for file_type in filetypes.DOCUMENT_TYPES
                },
            }
        }
    },
)
@api_member(*READ_ROLES)
def document_file(request, public_id: UUID):
    document = get_object_or_404(documents_visible_to(request.membership), public_id=public_id)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_filename(document.original_name),
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
