"""Follow-up in the reminders, the calendar feed and the Today page (notifications app).

- Follow-up moments due today or overdue (the last week): the person who follows it up, else
  the mentors, hear it once per trajectory and date.
- A running trajectory without a logbook entry for longer than the organisation's setting:
  its mentors hear it once a week while it lasts.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from werkplek.accounts.models import MENTORING_ROLES, Membership
from werkplek.followup.models import FollowUpMoment, FollowUpSettings
from werkplek.followup.selectors import LEARNING_STATUSES, open_moments_of
from werkplek.logbook.models import LogEntry
from werkplek.notifications.agenda import AgendaEntry, register_agenda_source, the_one_loaded
from werkplek.notifications.calendar import CalendarEvent, register_calendar_source
from werkplek.notifications.models import Level
from werkplek.notifications.scanners import (
    LOOK_BACK_DAYS,
    NotificationSpec,
    register_scanner,
    trajectory_people,
)
from werkplek.notifications.selectors import trajectories_followed_by
from werkplek.trajectories.models import Trajectory

TEXTS = {
    "followup.due": ngettext_lazy(
        "Follow up with %(trainee)s today: %(count)s subject",
        "Follow up with %(trainee)s today: %(count)s subjects",
        "count",
    ),
    "followup.overdue": ngettext_lazy(
        "The follow-up of %(trainee)s planned on %(due_date)s is not done: %(count)s subject",
        "The follow-up of %(trainee)s planned on %(due_date)s is not done: %(count)s subjects",
        "count",
    ),
    "logbook.quiet": ngettext_lazy(
        "Nothing was logged for %(trainee)s for %(count)s day: log a learning moment",
        "Nothing was logged for %(trainee)s for %(count)s days: log a learning moment",
        "count",
    ),
}


def register() -> None:
    register_scanner(
        "followup.moments",
        scan_followup_moments,
        texts={kind: TEXTS[kind] for kind in ("followup.due", "followup.overdue")},
    )
    register_scanner(
        "logbook.quiet", scan_quiet_logbooks, texts={"logbook.quiet": TEXTS["logbook.quiet"]}
    )
    register_calendar_source("followup.moments", followup_events)
    register_agenda_source("followup.moments", followup_agenda)


def _subject(moment_row: dict) -> dict | str:
    """A follow-up subject as a label (a competence's own labels, else the topic)."""
    return (
        moment_row["rule__competence__label"]
        or moment_row["rule__goal__competence__label"]
        or (moment_row["rule__goal__description"] or moment_row["rule__topic"])
    )


def _trajectory_rows(pks) -> dict[int, tuple]:
    rows = Trajectory.objects.filter(pk__in=pks).values_list(
        "pk",
        "public_id",
        "organisation_id",
        "organisation__slug",
        "candidate__first_name",
        "candidate__last_name",
    )
    return {row[0]: row for row in rows}


def _link(row: tuple, name: str) -> str:
    return reverse(name, kwargs={"org": row[3], "public_id": row[1]})


def scan_followup_moments(*, today: date) -> Iterator[NotificationSpec]:
    moments = (
        FollowUpMoment.objects.filter(
            state=FollowUpMoment.State.OPEN,
            due_date__range=(today - timedelta(days=LOOK_BACK_DAYS), today),
            trajectory__status__in=LEARNING_STATUSES,
        )
        .order_by("trajectory_id", "due_date", "id")
        .values(
            "trajectory_id",
            "due_date",
            "rule__responsible_id",
            "rule__topic",
            "rule__competence__label",
            "rule__goal__description",
            "rule__goal__competence__label",
        )
    )
    groups: dict[tuple[int, date], list[dict]] = defaultdict(list)
    for row in moments:
        groups[(row["trajectory_id"], row["due_date"])].append(row)
    if not groups:
        return
    pks = {trajectory_id for trajectory_id, _day in groups}
    trajectories = Trajectory.objects.filter(pk__in=pks)
    mentors, coordinators = trajectory_people(trajectories)
    rows = _trajectory_rows(pks)
    for (trajectory_id, due_date), found in groups.items():
        allowed = mentors[trajectory_id] | coordinators[trajectory_id]
        responsible = {row["rule__responsible_id"] for row in found} & allowed
        late = due_date < today
        kind = "followup.overdue" if late else "followup.due"
        row = rows[trajectory_id]
        params = {
            "count": len(found),
            "trainee": f"{row[4]} {row[5]}".strip(),
            "due_date": due_date.isoformat(),
            "details": [_subject(moment) for moment in found],
        }
        for user_id in responsible or mentors[trajectory_id]:
            yield NotificationSpec(
                recipient_id=user_id,
                organisation_id=row[2],
                kind=kind,
                key=f"{kind}:{trajectory_id}:{due_date.isoformat()}",
                level=Level.LATE if late else Level.SOON,
                params=params,
                link=_link(row, "followup:trajectory"),
                trajectory_id=trajectory_id,
                due_date=due_date,
            )


def scan_quiet_logbooks(*, today: date) -> Iterator[NotificationSpec]:
    """One query for every running trajectory's last entry and its organisation's limit."""
    last_log = LogEntry.objects.filter(trajectory=OuterRef("pk")).order_by("-date").values("date")
    limits = dict(FollowUpSettings.objects.values_list("organisation_id", "no_log_days"))
    default = FollowUpSettings._meta.get_field("no_log_days").default
    quiet = {}
    rows = Trajectory.objects.filter(status__in=LEARNING_STATUSES, actual_start__isnull=False)
    for pk, organisation_id, started, last in rows.annotate(
        last_log=Subquery(last_log[:1])
    ).values_list("pk", "organisation_id", "actual_start", "last_log"):
        days = (today - (last or started)).days
        if days > limits.get(organisation_id, default):
            quiet[pk] = days
    if not quiet:
        return
    mentors, _coordinators = trajectory_people(Trajectory.objects.filter(pk__in=quiet))
    info = _trajectory_rows(quiet)
    year, week, _day = today.isocalendar()
    for pk, days in quiet.items():
        row = info[pk]
        for user_id in mentors[pk]:
            yield NotificationSpec(
                recipient_id=user_id,
                organisation_id=row[2],
                kind="logbook.quiet",
                key=f"logbook.quiet:{pk}:{year}-W{week:02d}",
                level=Level.LATE,
                params={"trainee": f"{row[4]} {row[5]}".strip(), "count": days},
                link=_link(row, "logbook:create"),
                trajectory_id=pk,
            )


def _open_moments():
    return FollowUpMoment.objects.filter(
        state=FollowUpMoment.State.OPEN, trajectory__status__in=LEARNING_STATUSES
    ).select_related("rule", "rule__competence", "rule__goal", "rule__goal__competence")


def followup_events(*, membership: Membership, start: date, end: date) -> Iterator[CalendarEvent]:
    """Open follow-up moments on their due date, for the mentors and coordinators following
    the trajectory (trainees do not get the organisation's follow-up)."""
    if membership.role not in MENTORING_ROLES:
        return
    moments = (
        _open_moments()
        .filter(
            trajectory__in=trajectories_followed_by(membership).values("pk"),
            due_date__range=(start, end),
        )
        .select_related("trajectory__candidate", "trajectory__organisation")
        .order_by("due_date", "id")
    )
    for moment in moments:
        trajectory = moment.trajectory
        yield CalendarEvent(
            uid=f"followup-moment-{moment.public_id}",
            summary=_("Follow-up: %(subject)s (%(trainee)s)")
            % {"subject": moment.rule.subject_text, "trainee": trajectory.candidate.full_name},
            start=moment.due_date,
            url=reverse(
                "followup:trajectory",
                kwargs={"org": trajectory.organisation.slug, "public_id": trajectory.public_id},
            ),
        )


def followup_agenda(
    *,
    membership: Membership,
    trajectory_ids: list[int],
    today: date,
    until: date,
    loaded: Mapping[int, Trajectory] | None = None,
) -> Iterable[AgendaEntry]:
    one = the_one_loaded(trajectory_ids, loaded)
    if one is not None:  # the trajectory page: the follow-up panel loaded them already
        moments = [
            moment
            for moment in open_moments_of(one)
            if moment.due_date <= until and one.status in LEARNING_STATUSES
        ]
    else:
        moments = (
            _open_moments()
            .filter(trajectory_id__in=trajectory_ids, due_date__lte=until)
            .select_related("trajectory__organisation")
            .order_by("due_date", "id")
        )
    return [
        AgendaEntry(
            trajectory_id=moment.trajectory_id,
            day=moment.due_date,
            text=moment.rule.subject_text,
            url=reverse(
                "followup:trajectory",
                kwargs={
                    "org": moment.trajectory.organisation.slug,
                    "public_id": moment.trajectory.public_id,
                },
            ),
            category=_("Follow-up"),
        )
        for moment in moments
    ]
