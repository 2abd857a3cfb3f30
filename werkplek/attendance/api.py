"""/api/v1/organisations/{org}/attendance-days: the recorded days of the trajectories you see
(present with hours, sick, excused, unexcused, no workday). Read-only."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from werkplek.accounts.models import MENTORING_ROLES, Membership
from werkplek.api.pagination import cursor_page
from werkplek.api.schemas import Day, ListQuery, Page, responses
from werkplek.api.tenancy import api_member
from werkplek.attendance.models import AttendanceDay
from werkplek.trajectories.selectors import trajectories_visible_to

router = Router(tags=["attendance"])
READ_ROLES = (*MENTORING_ROLES, Membership.Role.TRAINEE)


class AttendanceDayOut(Schema):
    id: UUID
    trajectory: UUID
    date: date
    status: Literal[tuple(AttendanceDay.Status.values)]
    hours: Decimal = Field(description="Hours present.")
    note: str
    updated_at: datetime

    @staticmethod
    def resolve_id(day: AttendanceDay) -> UUID:
        return day.public_id

    @staticmethod
    def resolve_trajectory(day: AttendanceDay) -> UUID:
        return day.trajectory.public_id


class AttendanceQuery(ListQuery):
    trajectory: UUID | None = Field(None, description="Only this trajectory's days.")
    status: Literal[("", *AttendanceDay.Status.values)] = ""
    date_from: Day | None = Field(None, description="Only days on or after this one.")
    date_to: Day | None = Field(None, description="Only days up to and including this one.")


def _days(request):
    return AttendanceDay.objects.filter(
        trajectory__in=trajectories_visible_to(request.membership)
    ).select_related("trajectory")


@router.get("", response=responses(200, Page[AttendanceDayOut], 403))
@api_member(*READ_ROLES)
def attendance_day_list(request, query: Query[AttendanceQuery]):
    """Recorded days of the trajectories you see, in the order they changed."""
    days = _days(request)
    if query.trajectory:
        days = days.filter(trajectory__public_id=query.trajectory)
    if query.status:
        days = days.filter(status=query.status)
    if query.date_from:
        days = days.filter(date__gte=query.date_from)
    if query.date_to:
        days = days.filter(date__lte=query.date_to)
    return cursor_page(request, days, query)


@router.get("/{public_id}", response=responses(200, AttendanceDayOut, 403))
@api_member(*READ_ROLES)
def attendance_day_detail(request, public_id: UUID):
    return get_object_or_404(_days(request), public_id=public_id)
