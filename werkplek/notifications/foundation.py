"""Reminders, calendar events and Today entries for what the foundation knows: checklist
items with due dates and trajectories with planned dates.

Registered by NotificationsConfig.ready(). Other apps register their own the same way.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta

from django.db.models import Count, F, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from werkplek.accounts.models import MENTORING_ROLES, Membership
from werkplek.checklists.models import ChecklistItem
from werkplek.checklists.rules import ALL_CHILDREN_DONE
from werkplek.core.i18n import localized
from werkplek.core.memo import MISSING, recalled
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
from werkplek.trajectories.models import OPEN_STATUSES, Status, Trajectory

DUE_SOON_DAYS = 3  # "due soon" reminders for items due today up to this many days ahead
AT_RISK_OVERDUE_ITEMS = 3  # a trajectory is at risk with this many required items …
AT_RISK_OVERDUE_DAYS = 7  # … overdue by more than this many days
TRAINEE_NOTICE_DAYS = 7  # a trainee hears about their first day this many days ahead
NOT_STARTED = (Status.DRAFT, Status.PREPARING, Status.READY)

TEXTS = {
    "checklists.items_due": ngettext_lazy(
        "%(count)s checklist item for %(trainee)s is due on %(due_date)s",
        "%(count)s checklist items for %(trainee)s are due on %(due_date)s",
        "count",
    ),
    "checklists.items_overdue": ngettext_lazy(
        "%(count)s checklist item for %(trainee)s was due on %(due_date)s and is still open",
        "%(count)s checklist items for %(trainee)s were due on %(due_date)s and are still open",
        "count",
    ),
    "trajectories.not_started": gettext_lazy(
        "The trajectory of %(trainee)s was planned to start on %(start_date)s but has not "
        "started: complete the preparation or change the start date"
    ),
    "trajectories.end_passed": gettext_lazy(
        "The planned end of the trajectory of %(trainee)s (%(end_date)s) has passed: start the "
        "final evaluation or change the end date"
    ),
    "trajectories.at_risk": ngettext_lazy(
        "The trajectory of %(trainee)s is at risk: %(count)s required checklist item is more "
        "than a week overdue",
        "The trajectory of %(trainee)s is at risk: %(count)s required checklist items are more "
        "than a week overdue",
        "count",
    ),
    "trajectories.starts_soon": gettext_lazy(
        "Your trajectory at %(organisation)s starts on %(start_date)s. Welcome!"
    ),
}


def register() -> None:
    register_scanner(
        "checklists.items",
        scan_checklist_items,
        texts={key: TEXTS[key] for key in ("checklists.items_due", "checklists.items_overdue")},
    )
    register_scanner(
        "trajectories.dates",
        scan_trajectory_dates,
        texts={
            key: TEXTS[key]
            for key in (
                "trajectories.not_started",
                "trajectories.end_passed",
                "trajectories.starts_soon",
            )
        },
    )
    register_scanner(
        "trajectories.at_risk",
        scan_trajectories_at_risk,
        texts={"trajectories.at_risk": TEXTS["trajectories.at_risk"]},
    )
    register_calendar_source("checklists.deadlines", checklist_deadline_events)
    register_calendar_source("trajectories.dates", trajectory_date_events)
    register_agenda_source("checklists.items", checklist_agenda)
    register_agenda_source("trajectories.dates", trajectory_agenda)


# --- Scanners ------------------------------------------------------------------------------


def open_required_items() -> QuerySet[ChecklistItem]:
    """Required items still to do on open trajectories (summary items are left out: their
    sub-items are what someone does)."""
    return ChecklistItem.objects.filter(
        state=ChecklistItem.State.OPEN,
        required=True,
        trajectory__status__in=OPEN_STATUSES,
    ).exclude(rule=ALL_CHILDREN_DONE)


# What the trajectory page remembers on its trajectory (core.memo): the checklist it shows.
CHECKLIST_ITEMS = "checklists.items"


def open_items_of(trajectory: Trajectory, items: list[ChecklistItem]) -> list[ChecklistItem]:
    """`open_required_items()` of one trajectory, picked from its loaded checklist."""
    if trajectory.status not in OPEN_STATUSES:
        return []
    return [
        item
        for item in items
        if item.state == ChecklistItem.State.OPEN
        and item.required
        and item.rule != ALL_CHILDREN_DONE
    ]


class _Trajectories:
    """Names and links of the trajectories a scan talks about, in one query."""

    def __init__(self, trajectories: QuerySet[Trajectory]):
        rows = trajectories.values_list(
            "pk",
            "public_id",
            "organisation_id",
            "organisation__slug",
            "organisation__name",
            "candidate__first_name",
            "candidate__last_name",
        )
        self.rows = {row[0]: row for row in rows}
        self.links: dict[int, str] = {}

    def organisation_id(self, pk: int) -> int:
        return self.rows[pk][2]

    def trainee(self, pk: int) -> str:
        return f"{self.rows[pk][5]} {self.rows[pk][6]}".strip()

    def organisation_name(self, pk: int) -> str:
        return self.rows[pk][4]

    def link(self, pk: int) -> str:
        if pk not in self.links:
            _pk, public_id, _org, slug, *_ = self.rows[pk]
            self.links[pk] = reverse(
                "trajectories:detail", kwargs={"org": slug, "public_id": public_id}
            )
        return self.links[pk]

    def home(self, pk: int) -> str:
        return reverse("org_home", kwargs={"org": self.rows[pk][3]})


def scan_checklist_items(*, today: date) -> Iterator[NotificationSpec]:
    """Items due in the next few days, and items that became overdue in the last week: one
    notification per trajectory and due date, to its mentors and coordinator."""
    items = open_required_items().filter(
        due_date__gte=today - timedelta(days=LOOK_BACK_DAYS),
        due_date__lte=today + timedelta(days=DUE_SOON_DAYS),
    )
    groups: dict[tuple[int, date], list[dict]] = defaultdict(list)
    for trajectory_id, due_date, label in items.order_by(
        "trajectory_id", "due_date", "position"
    ).values_list("trajectory_id", "due_date", "label"):
        groups[(trajectory_id, due_date)].append(label)
    if not groups:
        return
    trajectories = Trajectory.objects.filter(pk__in=items.values("trajectory_id"))
    info = _Trajectories(trajectories)
    mentors, coordinators = trajectory_people(trajectories)
    for (trajectory_id, due_date), labels in groups.items():
        late = due_date < today
        kind = "checklists.items_overdue" if late else "checklists.items_due"
        params = {
            "count": len(labels),
            "trainee": info.trainee(trajectory_id),
            "due_date": due_date.isoformat(),
            "details": labels,
        }
        for user_id in mentors[trajectory_id] | coordinators[trajectory_id]:
            yield NotificationSpec(
                recipient_id=user_id,
                organisation_id=info.organisation_id(trajectory_id),
                kind=kind,
                key=f"{kind}:{trajectory_id}:{due_date.isoformat()}",
                level=Level.LATE if late else Level.SOON,
                params=params,
                link=info.link(trajectory_id) + "#checklist",
                trajectory_id=trajectory_id,
                due_date=due_date,
            )


def scan_trajectory_dates(*, today: date) -> Iterator[NotificationSpec]:
    """A planned start that passed without a start, a planned end that passed while the
    trajectory still runs (to mentors and coordinator), and the trainee's first day."""
    since, yesterday = today - timedelta(days=LOOK_BACK_DAYS), today - timedelta(days=1)
    not_started = Trajectory.objects.filter(
        status__in=NOT_STARTED, planned_start__range=(since, yesterday)
    )
    end_passed = Trajectory.objects.filter(
        status=Status.RUNNING, planned_end__range=(since, yesterday)
    )
    starting = Trajectory.objects.filter(
        status__in=(Status.PREPARING, Status.READY),
        planned_start__range=(today, today + timedelta(days=TRAINEE_NOTICE_DAYS)),
        candidate__user__isnull=False,
    )
    trajectories = not_started | end_passed | starting
    info = _Trajectories(trajectories)
    if not info.rows:
        return
    mentors, coordinators = trajectory_people(not_started | end_passed)
    for kind, found, field in (
        ("trajectories.not_started", not_started, "planned_start"),
        ("trajectories.end_passed", end_passed, "planned_end"),
    ):
        for pk, day in found.values_list("pk", field):
            params = {
                "trainee": info.trainee(pk),
                field.replace("planned_", "") + "_date": str(day),
            }
            for user_id in mentors[pk] | coordinators[pk]:
                yield NotificationSpec(
                    recipient_id=user_id,
                    organisation_id=info.organisation_id(pk),
                    kind=kind,
                    key=f"{kind}:{pk}:{day.isoformat()}",
                    level=Level.LATE,
                    params=params,
                    link=info.link(pk),
                    trajectory_id=pk,
                    due_date=day,
                )
    trainees = starting.filter(
        candidate__user__memberships__organisation=F("organisation"),
        candidate__user__memberships__role=Membership.Role.TRAINEE,
        candidate__user__memberships__is_active=True,
        candidate__user__is_active=True,
    ).values_list("pk", "candidate__user_id", "planned_start")
    for pk, user_id, day in trainees:
        yield NotificationSpec(
            recipient_id=user_id,
            organisation_id=info.organisation_id(pk),
            kind="trajectories.starts_soon",
            key=f"trajectories.starts_soon:{pk}:{day.isoformat()}",
            level=Level.INFO,
            params={"organisation": info.organisation_name(pk), "start_date": str(day)},
            link=info.home(pk),
            trajectory_id=pk,
            due_date=day,
        )


def scan_trajectories_at_risk(*, today: date) -> Iterator[NotificationSpec]:
    """Trajectories with several required items more than a week overdue: the coordinator
    hears about it once a week while it lasts."""
    overdue = (
        open_required_items()
        .filter(due_date__lt=today - timedelta(days=AT_RISK_OVERDUE_DAYS))
        .values("trajectory_id")
        .annotate(overdue=Count("id"))
        .filter(overdue__gte=AT_RISK_OVERDUE_ITEMS)
        .order_by()
    )
    counts = {row["trajectory_id"]: row["overdue"] for row in overdue}
    if not counts:
        return
    # The ids, not the aggregate as a subquery: each of the two readers below would run it
    # again (measured: 10.5 s → see docs/benchmarks.md, 10,000 trajectories on SQLite).
    trajectories = Trajectory.objects.filter(pk__in=list(counts))
    info = _Trajectories(trajectories)
    _mentors, coordinators = trajectory_people(trajectories)
    year, week, _day = today.isocalendar()
    for pk, count in counts.items():
        for user_id in coordinators[pk]:
            yield NotificationSpec(
                recipient_id=user_id,
                organisation_id=info.organisation_id(pk),
                kind="trajectories.at_risk",
                key=f"trajectories.at_risk:{pk}:{year}-W{week:02d}",
                level=Level.LATE,
                params={"trainee": info.trainee(pk), "count": count},
                link=info.link(pk) + "#checklist",
                trajectory_id=pk,
            )


# --- Calendar sources -----------------------------------------------------------------------


def checklist_deadline_events(
    *, membership: Membership, start: date, end: date
) -> Iterator[CalendarEvent]:
    """Due dates of the open required items of the trajectories the member follows. The
    checklist is the organisation's work: trainees and guests do not get it."""
    if membership.role not in MENTORING_ROLES:
        return
    items = (
        open_required_items()
        .filter(
            trajectory__in=trajectories_followed_by(membership).values("pk"),
            due_date__range=(start, end),
        )
        .select_related("trajectory__candidate", "trajectory__organisation")
        .order_by("due_date", "position")
    )
    for item in items:
        trajectory = item.trajectory
        yield CalendarEvent(
            uid=f"checklist-item-{item.public_id}",
            summary=_("Checklist: %(item)s (%(trainee)s)")
            % {"item": localized(item.label), "trainee": trajectory.candidate.full_name},
            start=item.due_date,
            description=_("Checklist of %(trainee)s, %(kind)s. Due on this day.")
            % {"trainee": trajectory.candidate.full_name, "kind": trajectory.get_kind_display()},
            url=trajectory.get_absolute_url() + "#checklist",
        )


def trajectory_date_events(
    *, membership: Membership, start: date, end: date
) -> Iterator[CalendarEvent]:
    """The planned first and last day of the trajectories the member follows (a trainee:
    their own)."""
    trajectories = (
        trajectories_followed_by(membership)
        .filter(status__in=OPEN_STATUSES)
        .select_related("candidate", "organisation")
    )
    own = membership.role == Membership.Role.TRAINEE
    for trajectory in trajectories:
        name, organisation = trajectory.candidate.full_name, trajectory.organisation.name
        url = reverse("org_home", kwargs={"org": trajectory.organisation.slug})
        if not own:
            url = trajectory.get_absolute_url()
        if trajectory.status in NOT_STARTED and _within(trajectory.planned_start, start, end):
            yield CalendarEvent(
                uid=f"trajectory-start-{trajectory.public_id}",
                summary=_("Your first day at %(organisation)s") % {"organisation": organisation}
                if own
                else _("First day of %(trainee)s") % {"trainee": name},
                start=trajectory.planned_start,
                url=url,
            )
        if _within(trajectory.planned_end, start, end):
            yield CalendarEvent(
                uid=f"trajectory-end-{trajectory.public_id}",
                summary=_("Planned end of your trajectory at %(organisation)s")
                % {"organisation": organisation}
                if own
                else _("Planned end of the trajectory of %(trainee)s") % {"trainee": name},
                start=trajectory.planned_end,
                url=url,
            )


def _within(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


# --- Today page -----------------------------------------------------------------------------


def checklist_agenda(
    *,
    membership: Membership,
    trajectory_ids: list[int],
    today: date,
    until: date,
    loaded: Mapping[int, Trajectory] | None = None,
) -> Iterable[AgendaEntry]:
    one = the_one_loaded(trajectory_ids, loaded)
    if one is not None and (shown := recalled(one, CHECKLIST_ITEMS)) is not MISSING:
        # The trajectory page shows the whole checklist already: pick from it.
        url = one.get_absolute_url() + "#checklist"
        open_items = sorted(
            (
                item
                for item in open_items_of(one, shown)
                if item.due_date and item.due_date <= until
            ),
            key=lambda item: (item.due_date, item.position),
        )
        return [
            AgendaEntry(
                trajectory_id=one.pk,
                day=item.due_date,
                text=localized(item.label),
                url=url,
                category=_("Checklist"),
            )
            for item in open_items
        ]
    # Only the columns shown, and one link per trajectory: a mentor of thirty trainees can
    # have hundreds of open items here (measured: 124 → 25 ms for 358 items).
    items = (
        open_required_items()
        .filter(trajectory_id__in=trajectory_ids, due_date__lte=until)
        .order_by("due_date", "position")
        .values_list(
            "trajectory_id",
            "due_date",
            "label",
            "trajectory__public_id",
            "trajectory__organisation__slug",
        )
    )
    links: dict[int, str] = {}
    category = _("Checklist")
    entries = []
    for trajectory_id, due_date, label, public_id, slug in items:
        if trajectory_id not in links:
            links[trajectory_id] = (
                reverse("trajectories:detail", kwargs={"org": slug, "public_id": public_id})
                + "#checklist"
            )
        entries.append(
            AgendaEntry(
                trajectory_id=trajectory_id,
                day=due_date,
                text=localized(label),
                url=links[trajectory_id],
                category=category,
            )
        )
    return entries


def trajectory_agenda(
    *,
    membership: Membership,
    trajectory_ids: list[int],
    today: date,
    until: date,
    loaded: Mapping[int, Trajectory] | None = None,
) -> Iterable[AgendaEntry]:
    entries = []
    if loaded and all(pk in loaded for pk in trajectory_ids):
        trajectories = [loaded[pk] for pk in trajectory_ids]  # the page holds them already
    else:
        trajectories = Trajectory.objects.filter(pk__in=trajectory_ids).select_related(
            "organisation"
        )
    for trajectory in trajectories:
        start, end = trajectory.planned_start, trajectory.planned_end
        if trajectory.status in NOT_STARTED and start and start <= until:
            text = _("First day")
            day = start
        elif trajectory.status == Status.RUNNING and end and end <= until:
            text = _("Planned end: start the final evaluation")
            day = end
        else:
            continue
        entries.append(
            AgendaEntry(
                trajectory_id=trajectory.pk,
                day=day,
                text=text,
                url=trajectory.get_absolute_url(),
                category=_("Trajectory"),
            )
        )
    return entries
