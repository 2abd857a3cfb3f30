"""Helpers for the learning-on-the-job tests (competences, plans, logbook, attendance,
follow-up): a trajectory that is running, the adopted bus & coach framework, ratings."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from werkplek.competences.models import Competence, CompetenceFramework
from werkplek.trajectories.models import Status, Step, Trajectory


def running(
    make_trajectory, *, mentors=(), days_ago: int = 30, weeks: int = 16, **fields
) -> Trajectory:
    """A trajectory that started `days_ago` days ago (state set directly: the gate is the
    foundation's business, tested there)."""
    start = timezone.localdate() - timedelta(days=days_ago)
    trajectory = make_trajectory(
        mentors=list(mentors),
        planned_start=start,
        planned_end=start + timedelta(weeks=weeks),
        hours_per_week=Decimal(38),
        **fields,
    )
    Trajectory.objects.filter(pk=trajectory.pk).update(
        status=Status.RUNNING, step=Step.LEARNING, actual_start=start
    )
    trajectory.refresh_from_db()
    return trajectory


def framework_of(organisation) -> CompetenceFramework:
    return CompetenceFramework.objects.select_related("scale").get(
        organisation=organisation, code="bus_coach_driver"
    )


def competence(organisation, code: str) -> Competence:
    return Competence.objects.select_related("framework__scale").get(
        framework__organisation=organisation, code=code
    )


def monday_before(day: date) -> date:
    return day - timedelta(days=day.weekday())
