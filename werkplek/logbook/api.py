"""/api/v1/organisations/{org}/log-entries: the logbook of the trajectories you see. Read-only."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from werkplek.accounts.models import MENTORING_ROLES, Membership
from werkplek.api.pagination import cursor_page
from werkplek.api.schemas import Day, ListQuery, Page, PersonOut, responses
from werkplek.api.tenancy import api_member
from werkplek.logbook.models import LogEntry
from werkplek.logbook.selectors import log_entries_visible_to

router = Router(tags=["logbook"])
READ_ROLES = (*MENTORING_ROLES, Membership.Role.TRAINEE)


class LogEntryOut(Schema):
    id: UUID
    trajectory: UUID
    date: date
    kind: Literal[tuple(LogEntry.Kind.values)]
    planned_moment: UUID | None = Field(description="The plan's learning moment (organised).")
    description: str
    hours: Decimal | None
    competences: list[str] = Field(description="Codes of the competences it touched.")
    author: PersonOut | None
    by_trainee: bool
    has_photo: bool
    updated_at: datetime

    @staticmethod
    def resolve_id(entry: LogEntry) -> UUID:
        return entry.public_id

    @staticmethod
    def resolve_trajectory(entry: LogEntry) -> UUID:
        return entry.trajectory.public_id

    @staticmethod
    def resolve_planned_moment(entry: LogEntry) -> UUID | None:
        return entry.planned_moment.public_id if entry.planned_moment else None

    @staticmethod
    def resolve_competences(entry: LogEntry) -> list[str]:
        return [competence.code for competence in entry.competences.all()]

    @staticmethod
    def resolve_has_photo(entry: LogEntry) -> bool:
        return bool(entry.photo)


class LogEntryQuery(ListQuery):
    trajectory: UUID | None = Field(None, description="Only this trajectory's logbook.")
    kind: Literal[("", *LogEntry.Kind.values)] = ""
    date_from: Day | None = Field(None, description="Only entries on or after this day.")


def _entries(request):
    return (
        log_entries_visible_to(request.membership)
        .select_related("author", "planned_moment")
        .prefetch_related("competences")
    )


@router.get("", response=responses(200, Page[LogEntryOut], 403))
@api_member(*READ_ROLES)
def log_entry_list(request, query: Query[LogEntryQuery]):
    """Logbook entries of the trajectories you see, in the order they changed."""
    entries = _entries(request)
    if query.trajectory:
        entries = entries.filter(trajectory__public_id=query.trajectory)
    if query.kind:
        entries = entries.filter(kind=query.kind)
    if query.date_from:
        entries = entries.filter(date__gte=query.date_from)
    return cursor_page(request, entries, query)


@router.get("/{public_id}", response=responses(200, LogEntryOut, 403))
@api_member(*READ_ROLES)
def log_entry_detail(request, public_id: UUID):
    return get_object_or_404(_entries(request), public_id=public_id)
