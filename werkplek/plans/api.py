"""/api/v1/organisations/{org}/plans: versions of the opleidingsplan with their goals and
planned learning moments. Read-only. A trainee sees agreed versions, never a draft (as on the
website)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from werkplek.accounts.models import MENTORING_ROLES, Membership
from werkplek.api.pagination import cursor_page
from werkplek.api.schemas import ListQuery, Page, PersonOut, TimeOfDay, responses
from werkplek.api.tenancy import api_member
from werkplek.plans.models import LearningMoment, PlanGoal, PlanVersion
from werkplek.plans.selectors import plan_versions_visible_to

router = Router(tags=["plans"])
READ_ROLES = (*MENTORING_ROLES, Membership.Role.TRAINEE)


class GoalOut(Schema):
    id: UUID
    competence: str | None = Field(description="The competence's code.")
    description: str
    target_level: int | None
    target_date: date | None

    @staticmethod
    def resolve_id(goal: PlanGoal) -> UUID:
        return goal.public_id

    @staticmethod
    def resolve_competence(goal: PlanGoal) -> str | None:
        return goal.competence.code if goal.competence else None


class MomentOut(Schema):
    id: UUID
    date: date
    start_time: TimeOfDay | None
    duration_hours: Decimal
    topic: str
    led_by: PersonOut | None
    led_by_name: str
    place: str
    goals: list[UUID]

    @staticmethod
    def resolve_id(moment: LearningMoment) -> UUID:
        return moment.public_id

    @staticmethod
    def resolve_goals(moment: LearningMoment) -> list[UUID]:
        return [goal.public_id for goal in moment.goals.all()]


class PlanVersionOut(Schema):
    id: UUID
    trajectory: UUID
    number: int
    status: Literal[tuple(PlanVersion.Status.values)]
    reason: str
    agreed_at: datetime | None
    agreed_by: PersonOut | None
    goals: list[GoalOut]
    moments: list[MomentOut]
    updated_at: datetime

    @staticmethod
    def resolve_id(version: PlanVersion) -> UUID:
        return version.public_id

    @staticmethod
    def resolve_trajectory(version: PlanVersion) -> UUID:
        return version.trajectory.public_id

    @staticmethod
    def resolve_reason(version: PlanVersion) -> str:
        return version.reason_text

    @staticmethod
    def resolve_goals(version: PlanVersion) -> list:
        return list(version.goals.all())

    @staticmethod
    def resolve_moments(version: PlanVersion) -> list:
        return list(version.moments.all())


class PlanQuery(ListQuery):
    trajectory: UUID | None = Field(None, description="Only this trajectory's plan versions.")
    status: Literal[("", *PlanVersion.Status.values)] = ""


def _versions(request):
    versions = plan_versions_visible_to(request.membership).select_related("agreed_by")
    if request.membership.role == Membership.Role.TRAINEE:
        versions = versions.exclude(status=PlanVersion.Status.DRAFT)
    return versions.prefetch_related(
        Prefetch(
            "goals",
            queryset=PlanGoal.objects.select_related("competence").order_by("position", "id"),
        ),
        Prefetch(
            "moments",
            queryset=LearningMoment.objects.select_related("led_by")
            .prefetch_related("goals")
            .order_by("date", "start_time", "id"),
        ),
    )


@router.get("", response=responses(200, Page[PlanVersionOut], 403))
@api_member(*READ_ROLES)
def plan_version_list(request, query: Query[PlanQuery]):
    """Plan versions of the trajectories you see, in the order they changed."""
    versions = _versions(request)
    if query.trajectory:
        versions = versions.filter(trajectory__public_id=query.trajectory)
    if query.status:
        versions = versions.filter(status=query.status)
    return cursor_page(request, versions, query)


@router.get("/{public_id}", response=responses(200, PlanVersionOut, 403))
@api_member(*READ_ROLES)
def plan_version_detail(request, public_id: UUID):
    return get_object_or_404(_versions(request), public_id=public_id)
