from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from werkplek.accounts.models import Membership, Organisation
from werkplek.attendance.models import ABSENCES, AttendanceDay
from werkplek.checklists.models import ChecklistItem
from werkplek.checklists.rules import ALL_CHILDREN_DONE
from werkplek.core.memo import memoized
from werkplek.followup.models import FollowUpMoment, FollowUpRule, FollowUpSettings
from werkplek.trajectories.models import OPEN_STATUSES, Status, Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to

LEARNING_STATUSES = (Status.RUNNING, Status.FINISHING)


def followup_rules_visible_to(membership: Membership) -> QuerySet[FollowUpRule]:
    return FollowUpRule.objects.filter(
        trajectory__in=trajectories_visible_to(membership)
    ).select_related("trajectory", "trajectory__organisation", "trajectory__candidate")


def followup_moments_visible_to(membership: Membership) -> QuerySet[FollowUpMoment]:
    return FollowUpMoment.objects.filter(
        trajectory__in=trajectories_visible_to(membership)
    ).select_related("trajectory", "trajectory__organisation", "rule")


def open_moments_of(trajectory: Trajectory) -> list[FollowUpMoment]:
    """The trajectory's open follow-up moments by due date, once per request (core.memo):
    the overview's panel and its 'What is next' share them."""
    return memoized(
        trajectory,
        "followup.open_moments",
        lambda: list(
            trajectory.followup_moments.filter(state=FollowUpMoment.State.OPEN)
            .select_related("rule", "rule__competence", "rule__goal", "rule__goal__competence")
            .order_by("due_date", "id")
        ),
    )


def settings_for(organisation: Organisation) -> FollowUpSettings:
    """The organisation's settings, or the defaults (unsaved) when it has none yet.

    No query when the organisation came with the member's membership (core.tenancy joins
    them: see the app's ready())."""
    # Only when core.tenancy joined them: elsewhere the cache may hold an unsaved default.
    cache = organisation._state.fields_cache
    if getattr(organisation, "joined_with_membership", False) and "followup_settings" in cache:
        return cache["followup_settings"] or FollowUpSettings(organisation=organisation)
    found = FollowUpSettings.objects.filter(organisation=organisation).first()
    return found or FollowUpSettings(organisation=organisation)


def _count(queryset: QuerySet) -> Coalesce:
    counted = queryset.order_by().values("trajectory").annotate(total=Count("id")).values("total")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_risk_facts(
    trajectories: QuerySet[Trajectory], *, today: date, settings: FollowUpSettings
) -> QuerySet[Trajectory]:
    """Annotate what the at-risk signals need, in the same query as the trajectories."""
    mine = OuterRef("pk")
    absences_from = today - timedelta(days=settings.absence_period_days - 1)
    return trajectories.annotate(
        last_log=F("last_log_on"),  # a stored fact (logbook.services.last_log_refresh)
        overdue_followups=_count(
            FollowUpMoment.objects.filter(
                trajectory=mine, state=FollowUpMoment.State.OPEN, due_date__lt=today
            )
        ),
        recent_absences=_count(
            AttendanceDay.objects.filter(
                trajectory=mine, status__in=ABSENCES, date__range=(absences_from, today)
            )
        ),
        overdue_required_items=_count(
            ChecklistItem.objects.filter(
                trajectory=mine,
                required=True,
                state=ChecklistItem.State.OPEN,
                due_date__lt=today,
            ).exclude(rule=ALL_CHILDREN_DONE)
        ),
    )


@dataclass(frozen=True)
class Signal:
    code: str
    label: str
    detail: str


@dataclass
class RiskSignals:
    signals: list[Signal]

    @property
    def at_risk(self) -> bool:
        return bool(self.signals)


def risk_signals(trajectory, *, today: date, settings: FollowUpSettings) -> RiskSignals:
    """The at-risk signals of a trajectory annotated by `with_risk_facts`."""
    signals = []
    learning = trajectory.status in LEARNING_STATUSES
    if learning and trajectory.overdue_followups:
        count = trajectory.overdue_followups
        signals.append(
            Signal(
                "followup",
                ngettext("%(count)s follow-up overdue", "%(count)s follow-ups overdue", count)
                % {"count": count},
                _("Follow-up moments passed their date without a logbook entry or talk."),
            )
        )
    since = trajectory.last_log or trajectory.actual_start
    if learning and since is not None and (today - since).days > settings.no_log_days:
        days = (today - since).days
        signals.append(
            Signal(
                "no_log",
                ngettext("No log for %(days)s day", "No log for %(days)s days", days)
                % {"days": days},
                ngettext(
                    "No logbook entry for longer than %(limit)s day.",
                    "No logbook entry for longer than %(limit)s days.",
                    settings.no_log_days,
                )
                % {"limit": settings.no_log_days},
            )
        )
    if learning and trajectory.recent_absences >= settings.absence_limit:
        count = trajectory.recent_absences
        signals.append(
            Signal(
                "absences",
                ngettext("%(count)s absence", "%(count)s absences", count) % {"count": count},
                ngettext(
                    "Absent %(count)s day in the last %(period)s days.",
                    "Absent %(count)s days in the last %(period)s days.",
                    count,
                )
                % {"count": count, "period": settings.absence_period_days},
            )
        )
    if trajectory.status in OPEN_STATUSES and trajectory.overdue_required_items:
        count = trajectory.overdue_required_items
        signals.append(
            Signal(
                "checklist",
                ngettext(
                    "%(count)s checklist item overdue", "%(count)s checklist items overdue", count
                )
                % {"count": count},
                _("Required checklist items passed their due date."),
            )
        )
    return RiskSignals(signals)


def at_risk_trajectories(
    membership: Membership, *, today: date, settings: FollowUpSettings
) -> QuerySet[Trajectory]:
    """The open trajectories the member sees with at least one at-risk signal, in SQL so the
    board can paginate.

    Filtered on the stored last log and on EXISTS, each of which stops at the first row an
    index finds (for absences: the limit-th one). Nothing is counted per trajectory here, so
    the paginator's COUNT and the page stay cheap at 10,000 trajectories: the board counts
    for the rows it shows (`attach_risk_facts`). Order: those with overdue follow-ups first,
    then the longest without a logbook entry.
    """
    cutoff = today - timedelta(days=settings.no_log_days)
    mine = OuterRef("pk")
    overdue_followups = Exists(
        FollowUpMoment.objects.filter(
            trajectory=mine, state=FollowUpMoment.State.OPEN, due_date__lt=today
        )
    )
    overdue_items = Exists(
        ChecklistItem.objects.filter(
            trajectory=mine, required=True, state=ChecklistItem.State.OPEN, due_date__lt=today
        ).exclude(rule=ALL_CHILDREN_DONE)
    )
    absences_from = today - timedelta(days=settings.absence_period_days - 1)
    # "At least `absence_limit` absences": the limit-th one exists (stops there).
    absent = Exists(
        AttendanceDay.objects.filter(
            trajectory=mine, status__in=ABSENCES, date__range=(absences_from, today)
        )
        .order_by("date")
        .values("pk")[settings.absence_limit - 1 : settings.absence_limit]
    )
    learning = Q(status__in=LEARNING_STATUSES)
    no_log = Q(last_log_on__lt=cutoff) | Q(last_log_on__isnull=True, actual_start__lt=cutoff)
    return (
        trajectories_visible_to(membership)
        .filter(status__in=OPEN_STATUSES)
        .annotate(has_overdue_followups=overdue_followups)
        .filter(
            (learning & (Q(has_overdue_followups=True) | no_log | Q(absent))) | Q(overdue_items)
        )
        .select_related("candidate", "organisation")
        .prefetch_related("mentors")
        .order_by(F("has_overdue_followups").desc(), F("last_log_on").asc(nulls_first=True), "id")
    )


def attach_risk_facts(
    trajectories: list[Trajectory], *, today: date, settings: FollowUpSettings
) -> None:
    """What `with_risk_facts` annotates, for a page of trajectories: one query."""
    facts = {
        row["pk"]: row
        for row in with_risk_facts(
            Trajectory.objects.filter(pk__in=[trajectory.pk for trajectory in trajectories]),
            today=today,
            settings=settings,
        ).values("pk", "last_log", "overdue_followups", "recent_absences", "overdue_required_items")
    }
    for trajectory in trajectories:
        for name, value in facts[trajectory.pk].items():
            if name != "pk":
                setattr(trajectory, name, value)


def followup_overview(trajectory: Trajectory, *, today: date, upcoming_days: int = 14) -> dict:
    """Overdue, upcoming and recently done follow-up moments of a trajectory."""
    moments = trajectory.followup_moments.select_related(
        "rule", "rule__competence", "rule__goal", "rule__goal__competence", "resolved_by"
    )
    return {
        "overdue": list(
            moments.filter(state=FollowUpMoment.State.OPEN, due_date__lt=today).order_by(
                "due_date", "id"
            )[:50]
        ),
        "upcoming": list(
            moments.filter(
                state=FollowUpMoment.State.OPEN,
                due_date__gte=today,
                window_start__lte=today + timedelta(days=upcoming_days),
            ).order_by("due_date", "id")[:30]
        ),
        "done": list(
            moments.exclude(state=FollowUpMoment.State.OPEN)
            .select_related("covered_by")
            .order_by("-due_date", "-id")[:15]
        ),
    }
