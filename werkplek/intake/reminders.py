"""Meetings in the reminders, the calendar feed and the Today page.

Registered by IntakeConfig.ready() through the notifications registries.
"""

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkplek.accounts.models import MENTORING_ROLES, Membership
from werkplek.core.i18n import in_every_language
from werkplek.intake.models import Meeting, MeetingKind
from werkplek.notifications.agenda import AgendaEntry, the_one_loaded
from werkplek.notifications.calendar import CalendarEvent
from werkplek.notifications.models import Level
from werkplek.notifications.scanners import NotificationSpec, trajectory_people
from werkplek.notifications.selectors import trajectories_followed_by
from werkplek.trajectories.models import OPEN_STATUSES, Trajectory

TEXTS = {
    "intake.meeting_soon": gettext_lazy("%(meeting)s with %(trainee)s on %(due_date)s at %(time)s"),
}
NOTICE_DAYS = 1  # participants hear about a meeting today and the day before


def _day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return (
        timezone.make_aware(datetime.combine(start, time.min)),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)),
    )


def scan_meetings(*, today: date) -> Iterator[NotificationSpec]:
    """Planned meetings of today and tomorrow: their participants and the trajectory's
    mentors and coordinator hear about them once."""
    since, until = _day_bounds(today, today + timedelta(days=NOTICE_DAYS))
    meetings = Meeting.objects.filter(
        status=Meeting.Status.PLANNED,
        starts_at__gte=since,
        starts_at__lt=until,
        trajectory__status__in=OPEN_STATUSES,
    )
    rows = list(
        meetings.values_list(
            "pk",
            "organisation_id",
            "organisation__slug",
            "public_id",
            "trajectory_id",
            "kind",
            "starts_at",
            "trajectory__candidate__first_name",
            "trajectory__candidate__last_name",
        )
    )
    if not rows:
        return
    participants: dict[int, set[int]] = {}
    for meeting_id, user_id in Meeting.participants.through.objects.filter(
        meeting__in=meetings.values("pk"), user__is_active=True
    ).values_list("meeting_id", "user_id"):
        participants.setdefault(meeting_id, set()).add(user_id)
    mentors, coordinators = trajectory_people(
        Trajectory.objects.filter(pk__in=meetings.values("trajectory_id"))
    )
    for pk, organisation_id, slug, public_id, trajectory_id, kind, starts_at, first, last in rows:
        local = timezone.localtime(starts_at)
        people = participants.get(pk, set()) | mentors[trajectory_id] | coordinators[trajectory_id]
        for user_id in people:
            yield NotificationSpec(
                recipient_id=user_id,
                organisation_id=organisation_id,
                kind="intake.meeting_soon",
                key=f"intake.meeting_soon:{pk}:{local.isoformat()}",
                level=Level.SOON,
                params={
                    "meeting": in_every_language(MeetingKind(kind).label),
                    "trainee": f"{first} {last}".strip(),
                    "due_date": local.date().isoformat(),
                    "time": local.strftime("%H:%M"),
                },
                link=reverse("intake:meeting", kwargs={"org": slug, "public_id": public_id}),
                trajectory_id=trajectory_id,
                due_date=local.date(),
            )


def meeting_events(*, membership: Membership, start: date, end: date) -> Iterator[CalendarEvent]:
    """Meetings of the trajectories the member follows or takes part in; a trainee gets the
    meetings they attend, without the internal notes."""
    since, until = _day_bounds(start, end)
    meetings = Meeting.objects.filter(
        organisation=membership.organisation,
        starts_at__gte=since,
        starts_at__lt=until,
        trajectory__status__in=OPEN_STATUSES,
    ).exclude(status=Meeting.Status.CANCELLED)
    own = membership.role == Membership.Role.TRAINEE
    if own:
        meetings = meetings.filter(
            trajectory__candidate__user=membership.user, candidate_attends=True
        )
    elif membership.role in MENTORING_ROLES:
        meetings = meetings.filter(
            Q(trajectory__in=trajectories_followed_by(membership).values("pk"))
            | Q(participants=membership.user)
        ).distinct()
    else:
        return
    organisation = membership.organisation
    for meeting in meetings.select_related("trajectory__candidate").order_by("starts_at"):
        kind = meeting.get_kind_display()
        if own:
            summary = _("%(meeting)s at %(organisation)s") % {
                "meeting": kind,
                "organisation": organisation.name,
            }
            url = reverse("org_home", kwargs={"org": organisation.slug})
        else:
            summary = _("%(meeting)s with %(trainee)s") % {
                "meeting": kind,
                "trainee": meeting.trajectory.candidate.full_name,
            }
            url = reverse(
                "intake:meeting", kwargs={"org": organisation.slug, "public_id": meeting.public_id}
            )
        yield CalendarEvent(
            uid=f"meeting-{meeting.public_id}",
            summary=summary,
            start=meeting.starts_at,
            end=meeting.starts_at + timedelta(minutes=meeting.duration_minutes),
            location=meeting.place,
            url=url,
        )


def meeting_agenda(
    *,
    membership: Membership,
    trajectory_ids: list[int],
    today: date,
    until: date,
    loaded: Mapping[int, Trajectory] | None = None,
) -> Iterable[AgendaEntry]:
    """Planned meetings up to `until`, and earlier ones nobody marked as held yet."""
    _since, end = _day_bounds(today, until)
    one = the_one_loaded(trajectory_ids, loaded)
    if one is not None:  # the trajectory page: its intake panel loaded them already
        from werkplek.intake.selectors import trajectory_meetings

        meetings = sorted(
            (
                meeting
                for meeting in trajectory_meetings(one)
                if meeting.status == Meeting.Status.PLANNED and meeting.starts_at < end
            ),
            key=lambda meeting: meeting.starts_at,
        )
        for meeting in meetings:
            meeting.organisation = one.organisation
    else:
        meetings = Meeting.objects.filter(
            trajectory_id__in=trajectory_ids, status=Meeting.Status.PLANNED, starts_at__lt=end
        ).select_related("organisation")
        meetings = meetings.order_by("starts_at")
    entries = []
    for meeting in meetings:
        local = timezone.localtime(meeting.starts_at)
        text = meeting.get_kind_display()
        if local.date() < today:
            text = _("%(meeting)s: mark it as held or cancelled") % {"meeting": text}
        entries.append(
            AgendaEntry(
                trajectory_id=meeting.trajectory_id,
                day=local.date(),
                at=meeting.starts_at,
                text=text,
                url=reverse(
                    "intake:meeting",
                    kwargs={"org": meeting.organisation.slug, "public_id": meeting.public_id},
                ),
                category=_("Meeting"),
            )
        )
    return entries
