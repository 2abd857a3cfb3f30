"""The coordinator's home: the pipeline by step, what is late and who has been told, and what
waits for the coordinator. Reads only: each part is a fixed number of queries, whatever the
size of the organisation."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.http import urlencode

from werkplek.accounts.models import Membership
from werkplek.core.obligations import Obligation, obligation_text, obligations_for
from werkplek.notifications.agenda import AgendaEntry, agenda_for
from werkplek.notifications.models import Level, Notification
from werkplek.trajectories.models import OPEN_STATUSES, Step, Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to

LATE_SHOWN = 10  # trainees with late work shown, the longest late first
ENTRIES_SHOWN = 3  # late entries shown per trainee
WAITING_SHOWN = 15


@dataclass(frozen=True)
class PipelineStep:
    step: int
    label: str
    count: int
    url: str


@dataclass
class LateCard:
    trajectory: Trajectory
    entries: list[AgendaEntry]
    more: int  # late entries not shown
    told: list[tuple[str, bool]]  # (name, has read it), from the late notifications sent


@dataclass(frozen=True)
class Waiting:
    obligation: Obligation
    text: str
    trainee: str


def open_trajectories(membership: Membership) -> QuerySet[Trajectory]:
    return trajectories_visible_to(membership).filter(status__in=OPEN_STATUSES)


def pipeline(membership: Membership) -> list[PipelineStep]:
    """How many open trajectories are at each of the eight steps; each count links to the
    trajectory list filtered on that step."""
    counts = dict(
        open_trajectories(membership)
        .order_by()
        .values("step")
        .annotate(count=Count("id"))
        .values_list("step", "count")
    )
    url = reverse("trajectories:list", kwargs={"org": membership.organisation.slug})
    return [
        PipelineStep(
            step.value,
            step.label,
            counts.get(step.value, 0),
            f"{url}?{urlencode({'status': 'open', 'step': step.value})}",
        )
        for step in Step
    ]


def late_work(membership: Membership, *, today: date) -> tuple[list[LateCard], int]:
    """The trainees with late work (everything the Today page's sources call late: checklist
    items, follow-up moments, evaluations, meetings, …), the longest late first, with who was
    told through a 'late' notification. Returns (cards shown, trainees with late work)."""
    ids = list(open_trajectories(membership).values_list("pk", flat=True))
    agendas = agenda_for(
        membership=membership, trajectory_ids=ids, today=today, until=today - timedelta(days=1)
    )
    late = {pk: agenda.late for pk, agenda in agendas.items() if agenda.late}
    shown = sorted(late, key=lambda pk: (late[pk][0].day, pk))[:LATE_SHOWN]
    trajectories = Trajectory.objects.select_related("candidate", "organisation").in_bulk(shown)
    told: dict[int, dict[str, bool]] = {pk: {} for pk in shown}
    for trajectory_id, name, email, read_at in (
        Notification.objects.filter(
            organisation=membership.organisation, trajectory_id__in=shown, level=Level.LATE
        )
        .order_by("recipient__full_name", "recipient_id")
        .values_list("trajectory_id", "recipient__full_name", "recipient__email", "read_at")
    ):
        people = told[trajectory_id]
        people[name or email] = people.get(name or email, False) or read_at is not None
    cards = [
        LateCard(
            trajectory=trajectories[pk],
            entries=late[pk][:ENTRIES_SHOWN],
            more=max(len(late[pk]) - ENTRIES_SHOWN, 0),
            told=list(told[pk].items()),
        )
        for pk in shown
    ]
    return cards, len(late)


def waiting_for(membership: Membership, *, today: date) -> tuple[list[Waiting], int]:
    """What the registered obligation sources say this person must do, soonest due first.
    Returns (shown, total)."""
    found = obligations_for(
        trajectories=open_trajectories(membership), today=today, user_id=membership.user.pk
    )
    shown = found[:WAITING_SHOWN]
    names = {
        pk: f"{first} {last}".strip()
        for pk, first, last in Trajectory.objects.filter(
            organisation=membership.organisation,
            pk__in={obligation.trajectory_id for obligation in shown},
        ).values_list("pk", "candidate__first_name", "candidate__last_name")
    }
    waiting = [
        Waiting(obligation, obligation_text(obligation), names.get(obligation.trajectory_id, ""))
        for obligation in shown
        if obligation.trajectory_id in names  # never another organisation's
    ]
    return waiting, len(found)
