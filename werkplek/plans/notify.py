"""Planned learning moments in the calendar feed and on the Today page (notifications app)."""

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplek.accounts.models import Membership
from werkplek.notifications.agenda import AgendaEntry, register_agenda_source
from werkplek.notifications.calendar import BRUSSELS, CalendarEvent, register_calendar_source
from werkplek.notifications.selectors import trajectories_followed_by
from werkplek.plans.models import LearningMoment, PlanVersion
from werkplek.trajectories.models import OPEN_STATUSES, Trajectory

LATE_DAYS = 7  # a planned moment not logged is on Today for this many days after


def register() -> None:
    register_calendar_source("plans.moments", learning_moment_events)
    register_agenda_source("plans.moments", learning_moment_agenda)


def _agreed_moments():
    return LearningMoment.objects.filter(
        version__status=PlanVersion.Status.AGREED, version__trajectory__status__in=OPEN_STATUSES
    )


def _url(name: str, trajectory) -> str:
    return reverse(
        name, kwargs={"org": trajectory.organisation.slug, "public_id": trajectory.public_id}
    )


def _start(moment: LearningMoment) -> date | datetime:
    if moment.start_time is None:
        return moment.date
    return datetime.combine(moment.date, moment.start_time, tzinfo=BRUSSELS)


def learning_moment_events(
    *, membership: Membership, start: date, end: date
) -> Iterator[CalendarEvent]:
    """The agreed plan's learning moments of the trajectories the member follows (a trainee:
    their own). The uid follows the moment across plan versions."""
    moments = (
        _agreed_moments()
        .filter(
            version__trajectory__in=trajectories_followed_by(membership).values("pk"),
            date__range=(start, end),
        )
        .select_related("version__trajectory__candidate", "version__trajectory__organisation")
        .order_by("date", "start_time")
    )
    own = membership.role == Membership.Role.TRAINEE
    for moment in moments:
        trajectory = moment.version.trajectory
        begins = _start(moment)
        yield CalendarEvent(
            uid=f"learning-moment-{moment.lineage}",
            summary=moment.topic
            if own
            else _("Learning moment: %(topic)s (%(trainee)s)")
            % {"topic": moment.topic, "trainee": trajectory.candidate.full_name},
            start=begins,
            end=begins + timedelta(hours=float(moment.duration_hours))
            if isinstance(begins, datetime)
            else None,
            description=_("Led by %(leader)s") % {"leader": moment.leader} if moment.leader else "",
            location=moment.place,
            url=_url("plans:plan", trajectory),
        )


def learning_moment_agenda(
    *,
    membership: Membership,
    trajectory_ids: list[int],
    today: date,
    until: date,
    loaded: Mapping[int, Trajectory] | None = None,
) -> Iterable[AgendaEntry]:
    """Planned moments up to `until`; those of the last week that nobody logged yet are late."""
    logged = LearningMoment.objects.filter(lineage=OuterRef("lineage"), log_entries__isnull=False)
    moments = (
        _agreed_moments()
        .filter(
            version__trajectory_id__in=trajectory_ids,
            date__range=(today - timedelta(days=LATE_DAYS), until),
        )
        .annotate(logged=Exists(logged))
        .exclude(date__lt=today, logged=True)
        .select_related("version__trajectory__organisation")
        .order_by("date", "start_time")
    )
    entries = []
    for moment in moments:
        trajectory = moment.version.trajectory
        begins = _start(moment)
        late = moment.date < today
        entries.append(
            AgendaEntry(
                trajectory_id=trajectory.pk,
                day=moment.date,
                text=_("Log: %(topic)s") % {"topic": moment.topic} if late else moment.topic,
                url=_url("logbook:create", trajectory) + f"?moment={moment.public_id}"
                if late
                else _url("plans:plan", trajectory),
                category=_("Learning moment"),
                at=timezone.localtime(begins) if isinstance(begins, datetime) else None,
            )
        )
    return entries
