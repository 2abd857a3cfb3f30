"""/api/v1/organisations/{org}/meetings: motivation interviews, kennismaking, workplace tours,
first-day arrangements and follow-up talks. Read-only."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from werkplek.accounts.models import MENTORING_ROLES
from werkplek.api.pagination import cursor_page
from werkplek.api.schemas import ListQuery, Moment, Page, PersonOut, responses
from werkplek.api.tenancy import api_member
from werkplek.intake.models import Meeting, MeetingKind
from werkplek.intake.selectors import meetings_visible_to

router = Router(tags=["meetings"])


class AnswerOut(Schema):
    question: str
    answer: str


class MeetingOut(Schema):
    id: UUID
    trajectory: UUID
    kind: Literal[tuple(MeetingKind.values)]
    starts_at: datetime
    duration_minutes: int
    place: str
    participants: list[PersonOut]
    candidate_attends: bool
    other_participants: str
    status: Literal[tuple(Meeting.Status.values)]
    cancel_reason: str
    notes: str
    answers: list[AnswerOut] = Field(description="The question guide as it was answered.")
    ready_to_start: bool | None = Field(
        description='A workplace tour: "ready to dive in?" (null: not answered).'
    )
    ready_comment: str
    updated_at: datetime

    @staticmethod
    def resolve_id(meeting: Meeting) -> UUID:
        return meeting.public_id

    @staticmethod
    def resolve_trajectory(meeting: Meeting) -> UUID:
        return meeting.trajectory.public_id

    @staticmethod
    def resolve_participants(meeting: Meeting) -> list:
        return list(meeting.participants.all())


class MeetingQuery(ListQuery):
    trajectory: UUID | None = Field(None, description="Only this trajectory's meetings.")
    kind: Literal[("", *MeetingKind.values)] = ""
    status: Literal[("", *Meeting.Status.values)] = ""
    starts_after: Moment | None = Field(None, description="Only meetings from this moment on.")


def _meetings(request):
    return (
        meetings_visible_to(request.membership)
        .select_related("trajectory")
        .prefetch_related("participants")
    )


@router.get("", response=responses(200, Page[MeetingOut], 403))
@api_member(*MENTORING_ROLES)
def meeting_list(request, query: Query[MeetingQuery]):
    """Meetings of the trajectories you see, in the order they changed."""
    meetings = _meetings(request)
    if query.trajectory:
        meetings = meetings.filter(trajectory__public_id=query.trajectory)
    if query.kind:
        meetings = meetings.filter(kind=query.kind)
    if query.status:
        meetings = meetings.filter(status=query.status)
    if query.starts_after:
        meetings = meetings.filter(starts_at__gte=query.starts_after)
    return cursor_page(request, meetings, query)


@router.get("/{public_id}", response=responses(200, MeetingOut, 403))
@api_member(*MENTORING_ROLES)
def meeting_detail(request, public_id: UUID):
    return get_object_or_404(_meetings(request), public_id=public_id)
