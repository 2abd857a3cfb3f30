"""What trainees and guests may read. Nothing medical, no other trainee, no mentor's notes:
these selectors pick fields for the portal instead of handing over whole records."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import F, QuerySet
from django.utils import timezone

from werkplek.accounts.models import Membership
from werkplek.attendance.selectors import AttendanceTotals, attendance_totals
from werkplek.intake.models import Meeting, MeetingKind
from werkplek.logbook.models import LogEntry
from werkplek.logbook.selectors import log_entries_for, logbook_totals
from werkplek.plans.models import LearningMoment, PlanVersion
from werkplek.plans.selectors import ProgressOverview, competence_progress, plan_current
from werkplek.portal.models import GuestAccess
from werkplek.trajectories.models import OPEN_STATUSES, Trajectory
from werkplek.trajectories.selectors import guest_read_window, trajectories_visible_to

FIRST_DAY_KINDS = (MeetingKind.FIRST_DAY, MeetingKind.WORKPLACE_TOUR, MeetingKind.INTRODUCTION)


def trainee_trajectory(membership: Membership) -> Trajectory | None:
    """The trainee's open trajectory, else their latest one."""
    trajectories = (
        trajectories_visible_to(membership)
        .select_related("candidate", "coordinator", "organisation")
        .order_by("-created_at", "-id")
    )
    return trajectories.filter(status__in=OPEN_STATUSES).first() or trajectories.first()


@dataclass
class Appointment:
    """A meeting as the trainee sees it: what, when, where, with whom. No notes, no answers."""

    kind: str
    label: str
    starts_at: datetime
    duration_minutes: int
    place: str
    with_whom: list[str]

    @property
    def is_first_day(self) -> bool:
        return self.kind in FIRST_DAY_KINDS


def trainee_appointments(trajectory: Trajectory, *, now: datetime) -> list[Appointment]:
    """Planned meetings the trainee takes part in, from today on. Two queries."""
    meetings = (
        Meeting.objects.filter(
            trajectory=trajectory,
            candidate_attends=True,
            status=Meeting.Status.PLANNED,
            starts_at__date__gte=timezone.localdate(now),
        )
        .prefetch_related("participants")
        .order_by("starts_at", "id")[:10]
    )
    return [
        Appointment(
            kind=meeting.kind,
            label=meeting.get_kind_display(),
            starts_at=meeting.starts_at,
            duration_minutes=meeting.duration_minutes,
            place=meeting.place,
            with_whom=[person.full_name for person in meeting.participants.all()],
        )
        for meeting in meetings
    ]


def upcoming_learning_moments(version: PlanVersion | None, *, today: date) -> list:
    if version is None or version.status != PlanVersion.Status.AGREED:
        return []
    return list(
        LearningMoment.objects.filter(version=version, date__gte=today)
        .select_related("led_by")
        .order_by("date", "start_time", "id")[:5]
    )


@dataclass
class TraineeHome:
    trajectory: Trajectory
    mentors: list
    plan: PlanVersion | None
    progress: ProgressOverview
    appointments: list[Appointment]
    moments: list
    recent_entries: list[LogEntry]
    logbook: dict
    attendance: AttendanceTotals
    todos: list = field(default_factory=list)

    @property
    def first_day(self) -> list[Appointment]:
        return [appointment for appointment in self.appointments if appointment.is_first_day]

    @property
    def other_appointments(self) -> list[Appointment]:
        return [appointment for appointment in self.appointments if not appointment.is_first_day]


def trainee_home(trajectory: Trajectory, *, now: datetime | None = None) -> TraineeHome:
    now = now or timezone.now()
    today = timezone.localdate(now)
    plan = plan_current(trajectory)
    return TraineeHome(
        trajectory=trajectory,
        mentors=list(trajectory.mentors.order_by("full_name")),
        plan=plan,
        progress=competence_progress(trajectory, only_goals=True),
        appointments=trainee_appointments(trajectory, now=now),
        moments=upcoming_learning_moments(plan, today=today),
        recent_entries=list(log_entries_for(trajectory)[:3]),
        logbook=logbook_totals(trajectory),
        attendance=attendance_totals(trajectory=trajectory),
    )


def guest_accesses_of(membership: Membership) -> QuerySet[GuestAccess]:
    """The guest's accesses that still count: not revoked, and the trajectory open or ended
    recently enough to read (trajectories.selectors.guest_read_window)."""
    return GuestAccess.objects.filter(
        guest_read_window(prefix="trajectory__"),
        membership=membership,
        organisation=membership.organisation,
        revoked_at__isnull=True,
    )


def guest_accesses_for(trajectory: Trajectory) -> QuerySet[GuestAccess]:
    """The trajectory's guests for staff, active ones first."""
    return (
        GuestAccess.objects.filter(trajectory=trajectory)
        .select_related("membership__user", "invited_by", "revoked_by")
        .order_by(F("revoked_at").desc(nulls_first=True), "-created_at", "-id")
    )


def guest_accesses_visible_to(membership: Membership) -> QuerySet[GuestAccess]:
    """Accesses staff may revoke: those of the organisation."""
    if not membership.is_staff_role:
        return GuestAccess.objects.none()
    return GuestAccess.objects.filter(organisation=membership.organisation).select_related(
        "trajectory__organisation", "membership__user"
    )
