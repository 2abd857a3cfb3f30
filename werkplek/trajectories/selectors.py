from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from werkplek.accounts.models import MENTORING_ROLES, Membership, User
from werkplek.candidates.selectors import search_condition
from werkplek.checklists.models import ChecklistItem
from werkplek.checklists.rules import ALL_CHILDREN_DONE
from werkplek.trajectories.events import EVENT_FILTERS
from werkplek.trajectories.models import (
    OPEN_STATUSES,
    MentorAssignment,
    Status,
    Trajectory,
    TrajectoryEvent,
)

# --- How long a guest reads a trajectory (docs/decisions/guest-access.md) -------------------
# One rule, in two forms that say the same: a Q for querysets and a test for one trajectory.
# Every page, PDF, API call and portal list a guest reaches goes through one of them.


def guest_read_until(trajectory: Trajectory) -> date | None:
    """The last day a guest may read an ended trajectory (None while it is open)."""
    if trajectory.status in OPEN_STATUSES or trajectory.actual_end is None:
        return None
    return trajectory.actual_end + timedelta(days=settings.GUEST_READ_DAYS_AFTER_END)


def guest_may_read(trajectory: Trajectory, *, today: date | None = None) -> bool:
    """A guest reads a trajectory while it is open and for GUEST_READ_DAYS_AFTER_END days
    after it closed or stopped (the counsellor needs the final evaluation and the outcome)."""
    if trajectory.status in OPEN_STATUSES:
        return True
    until = guest_read_until(trajectory)
    return until is not None and (today or timezone.localdate()) <= until


def guest_read_window(*, prefix: str = "", today: date | None = None) -> Q:
    """`guest_may_read` as a condition; `prefix` reaches the trajectory ("trajectory__")."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}status__in": OPEN_STATUSES}) | Q(
        **{
            f"{prefix}status__in": (Status.CLOSED, Status.STOPPED),
            f"{prefix}actual_end__gte": today - timedelta(days=settings.GUEST_READ_DAYS_AFTER_END),
        }
    )


def trajectories_visible_to(membership: Membership) -> QuerySet[Trajectory]:
    """The one door to trajectories: scoped to the organisation, then to the role.

    Staff see all of the organisation's trajectories, a mentor those they mentor, a trainee
    their own, a guest those they were invited to (not revoked) while the trajectory is open
    and for a while after it ended (`guest_read_window`).
    """
    trajectories = Trajectory.objects.filter(organisation=membership.organisation)
    if membership.is_staff_role:
        return trajectories
    if membership.role == Membership.Role.MENTOR:
        return trajectories.filter(mentors=membership.user)
    if membership.role == Membership.Role.TRAINEE:
        return trajectories.filter(candidate__user=membership.user)
    if membership.role == Membership.Role.GUEST:
        # GuestAccess lives in the portal app; one active access per guest and trajectory.
        return trajectories.filter(
            guest_read_window(),
            guest_accesses__membership=membership,
            guest_accesses__revoked_at__isnull=True,
        )
    return trajectories.none()


def trajectories_for_list(
    membership: Membership,
    *,
    search: str = "",
    status: str = "",
    step: int | None = None,
    kind: str = "",
    mentor: User | int | None = None,
    today: date | None = None,
) -> QuerySet[Trajectory]:
    today = today or timezone.localdate()
    trajectories = trajectories_visible_to(membership)
    if search:
        trajectories = trajectories.filter(search_condition("candidate__", search))
    if status == "open":
        trajectories = trajectories.filter(status__in=OPEN_STATUSES)
    elif status:
        trajectories = trajectories.filter(status=status)
    if step:
        trajectories = trajectories.filter(step=step)
    if kind:
        trajectories = trajectories.filter(kind=kind)
    if mentor is not None:
        trajectories = trajectories.filter(mentors=mentor)
    return (
        with_checklist_counts(trajectories, today=today)
        .select_related("candidate", "coordinator", "organisation")
        .prefetch_related("mentors")
        .order_by("-created_at", "-id")
    )


def with_checklist_counts(trajectories: QuerySet[Trajectory], *, today: date) -> QuerySet:
    """Counts of the required checklist items, as correlated subqueries: the database works
    them out for the rows of the page only, not (as a JOIN + GROUP BY would) for every item
    of every trajectory that passes the filter before the page is cut."""
    required = ChecklistItem.objects.filter(trajectory=OuterRef("pk"), required=True).exclude(
        rule=ALL_CHILDREN_DONE
    )
    open_required = required.filter(state=ChecklistItem.State.OPEN)
    return trajectories.annotate(
        items_required=_count(required),
        items_resolved=_count(required.exclude(state=ChecklistItem.State.OPEN)),
        items_open=_count(open_required),
        items_overdue=_count(open_required.filter(due_date__lt=today)),
    )


def _count(items: QuerySet) -> Coalesce:
    counted = items.order_by().values("trajectory").annotate(total=Count("id")).values("total")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def mentor_trainees(membership: Membership) -> QuerySet[Trajectory]:
    """A mentor's open trajectories, each with its open required items, soonest due first."""
    open_items = (
        ChecklistItem.objects.filter(state=ChecklistItem.State.OPEN, required=True)
        .exclude(rule=ALL_CHILDREN_DONE)
        .order_by(F("due_date").asc(nulls_last=True), "position")
    )
    return (
        Trajectory.objects.filter(
            organisation=membership.organisation,
            mentors=membership.user,
            status__in=OPEN_STATUSES,
        )
        .select_related("candidate", "organisation")
        .prefetch_related(Prefetch("checklist_items", queryset=open_items, to_attr="open_items"))
        .order_by("planned_start", "id")
    )


def mentor_choices(organisation) -> QuerySet[User]:
    """Who can be a mentor: the organisation's active mentors, coordinators and admins."""
    return (
        User.objects.filter(
            memberships__organisation=organisation,
            memberships__is_active=True,
            memberships__role__in=MENTORING_ROLES,
            is_active=True,
        )
        .distinct()
        .order_by("full_name")
    )


def mentor_loads(organisation) -> dict[int, int]:
    """How many open trajectories each mentor of the organisation has: one grouped query."""
    rows = (
        MentorAssignment.objects.filter(
            trajectory__organisation=organisation, trajectory__status__in=OPEN_STATUSES
        )
        .values("mentor_id")
        .annotate(load=Count("id"))
        .order_by()
    )
    return {row["mentor_id"]: row["load"] for row in rows}


@dataclass(frozen=True)
class MentorLoad:
    user: User
    role: str
    role_label: str
    load: int
    limit: int

    @property
    def over(self) -> bool:
        return self.load > self.limit

    @property
    def full(self) -> bool:
        return self.load >= self.limit


def mentor_overview(organisation) -> list[MentorLoad]:
    """Every mentor of the organisation (and any coordinator or admin who mentors someone now)
    with their open trajectories against the limit, busiest first. Two queries."""
    loads = mentor_loads(organisation)
    memberships = (
        Membership.objects.filter(
            organisation=organisation,
            is_active=True,
            role__in=MENTORING_ROLES,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__full_name")
    )
    limit = organisation.max_trainees_per_mentor
    rows = [
        MentorLoad(
            membership.user,
            membership.role,
            membership.get_role_display(),
            loads.get(membership.user_id, 0),
            limit,
        )
        for membership in memberships
        if membership.role == Membership.Role.MENTOR or membership.user_id in loads
    ]
    return sorted(rows, key=lambda row: -row.load)


def coordinator_choices(organisation) -> QuerySet[User]:
    return (
        User.objects.filter(
            memberships__organisation=organisation,
            memberships__is_active=True,
            memberships__role__in=[Membership.Role.ADMIN, Membership.Role.COORDINATOR],
            is_active=True,
        )
        .distinct()
        .order_by("full_name")
    )


def trajectory_events_visible_to(
    trajectory: Trajectory, membership: Membership
) -> QuerySet[TrajectoryEvent]:
    """The trajectory's timeline as this member may read it: newest first, without the events
    an app hides from them (e.g. a document for coordinators only, hidden from a mentor)."""
    events = trajectory.events.select_related("actor")
    for hidden_from in EVENT_FILTERS:
        hidden = hidden_from(membership)
        if hidden is not None:
            events = events.exclude(hidden)
    return events
