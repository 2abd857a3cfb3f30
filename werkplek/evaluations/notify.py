"""Scheduled evaluations in the calendar feed and on the Today page (notifications app)."""

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from werkplek.accounts.models import Membership
from werkplek.evaluations.models import Evaluation
from werkplek.evaluations.selectors import evaluations_of
from werkplek.notifications.agenda import AgendaEntry, register_agenda_source, the_one_loaded
from werkplek.notifications.calendar import BRUSSELS, CalendarEvent, register_calendar_source
from werkplek.notifications.selectors import trajectories_followed_by
from werkplek.trajectories.models import OPEN_STATUSES, Trajectory


def register() -> None:
    register_calendar_source("evaluations", evaluation_events)
    register_agenda_source("evaluations", evaluation_agenda)


def _url(evaluation: Evaluation) -> str:
    return reverse(
        "evaluations:detail",
        kwargs={
            "org": evaluation.trajectory.organisation.slug,
            "public_id": evaluation.public_id,
        },
    )


def _start(evaluation: Evaluation) -> date | datetime:
    if evaluation.scheduled_at is None:
        return evaluation.scheduled_on
    return datetime.combine(evaluation.scheduled_on, evaluation.scheduled_at, tzinfo=BRUSSELS)


def evaluation_events(*, membership: Membership, start: date, end: date) -> Iterator[CalendarEvent]:
    """Evaluations of the trajectories the member follows (a trainee: their own). One query."""
    evaluations = (
        Evaluation.objects.filter(
            trajectory__in=trajectories_followed_by(membership).values("pk"),
            trajectory__status__in=OPEN_STATUSES,
            scheduled_on__range=(start, end),
            previous__isnull=True,
        )
        .select_related("trajectory__candidate", "trajectory__organisation")
        .order_by("scheduled_on", "scheduled_at")
    )
    own = membership.role == Membership.Role.TRAINEE
    for evaluation in evaluations:
        begins = _start(evaluation)
        kind = evaluation.get_kind_display()
        yield CalendarEvent(
            uid=f"evaluation-{evaluation.public_id}",
            summary=kind
            if own
            else _("%(kind)s (%(trainee)s)")
            % {"kind": kind, "trainee": evaluation.trajectory.candidate.full_name},
            start=begins,
            end=begins + timedelta(hours=1) if isinstance(begins, datetime) else None,
            location=evaluation.place,
            url=_url(evaluation),
        )


def evaluation_agenda(
    *,
    membership: Membership,
    trajectory_ids: list[int],
    today: date,
    until: date,
    loaded: Mapping[int, Trajectory] | None = None,
) -> Iterable[AgendaEntry]:
    """Evaluations still to hold up to `until`, overdue ones included. One query."""
    one = the_one_loaded(trajectory_ids, loaded)
    if one is not None:  # the trajectory page: its transition guards loaded them already
        evaluations = sorted(
            (
                evaluation
                for evaluation in evaluations_of(one)
                if evaluation.status == Evaluation.Status.SCHEDULED
                and evaluation.scheduled_on
                and evaluation.scheduled_on <= until
            ),
            key=lambda evaluation: evaluation.scheduled_on,
        )
    else:
        evaluations = (
            Evaluation.objects.filter(
                trajectory_id__in=trajectory_ids,
                status=Evaluation.Status.SCHEDULED,
                scheduled_on__lte=until,
            )
            .select_related("trajectory__organisation")
            .order_by("scheduled_on")
        )
    for evaluation in evaluations:
        begins = _start(evaluation)
        yield AgendaEntry(
            trajectory_id=evaluation.trajectory_id,
            day=evaluation.scheduled_on,
            text=_("Hold the %(kind)s") % {"kind": evaluation.get_kind_display().lower()},
            url=_url(evaluation),
            category=_("Evaluation"),
            at=begins if isinstance(begins, datetime) else None,
        )
