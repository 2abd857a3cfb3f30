from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from werkplek.accounts.models import Membership
from werkplek.competences.models import Competence
from werkplek.logbook.models import LogEntry
from werkplek.trajectories.models import Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to


def log_entries_visible_to(membership: Membership) -> QuerySet[LogEntry]:
    """Entries of the trajectories the member sees: a mentor their trainees', a trainee their
    own logbook, staff the whole organisation's."""
    return LogEntry.objects.filter(
        trajectory__in=trajectories_visible_to(membership)
    ).select_related("trajectory", "trajectory__organisation", "trajectory__candidate")


def log_entries_for(trajectory: Trajectory, *, kind: str = "") -> QuerySet[LogEntry]:
    entries = trajectory.log_entries.select_related("author", "planned_moment").prefetch_related(
        Prefetch("competences", queryset=Competence.objects.order_by("position"))
    )
    if kind:
        entries = entries.filter(kind=kind)
    return entries.order_by("-date", "-created_at", "-id")


def logbook_totals(trajectory: Trajectory) -> dict[str, int | Decimal]:
    return trajectory.log_entries.aggregate(
        entries=Count("id"),
        organised=Count("id", filter=Q(kind=LogEntry.Kind.ORGANISED)),
        unorganised=Count("id", filter=Q(kind=LogEntry.Kind.UNORGANISED)),
        hours=Sum("hours"),
    )


def can_change(entry: LogEntry, membership: Membership) -> bool:
    """The author changes their own entry; staff change any (see `is_changeable` too)."""
    return membership.is_staff_role or entry.author_id == membership.user_id


def is_changeable(entry: LogEntry) -> bool:
    """Whether the entry may still change at all: not once its trajectory is closed or
    stopped (the services refuse it too)."""
    return entry.trajectory.is_open
