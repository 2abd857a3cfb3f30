from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from werkplek.accounts.models import Membership, Organisation
from werkplek.attendance.models import ABSENCES, AttendanceDay
from werkplek.checklists.models import ChecklistItem
from werkplek.checklists.rules import ALL_CHILDREN_DONE
from werkplek.core.memo import memoized
from werkplek.followup.models import FollowUpMoment, FollowUpRule, FollowUpSettings
from werkplek.logbook.models import LogEntry
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
    """The organisation's settings, or the defaults (unsaved) when it has none yet."""
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
        last_log=Subquery(
            LogEntry.objects.filter(trajectory=mine).order_by("-date").values("date")[:1]
        ),
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
                _("No logbook entry for longer than %(limit)s days.")
                % {"limit": settings.no_log_days},
            )
        )
    if learning and trajectory.recent_absences >= settings.absence_limit:
        count = trajectory.recent_absences
        signals.append(
            Signal(
                "absences",
                ngettext("%(count)s absence", "%(count)s absences", count) % {"count": count},
                _("Absent %(count)s days in the last %(period)s days.")
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
    board can paginate."""
    cutoff = today - timedelta(days=settings.no_log_days)
    learning = Q(status__in=LEARNING_STATUSES)
    no_log = Q(last_log__lt=cutoff) | Q(last_log__isnull=True, actual_start__lt=cutoff)
    return (
        with_risk_facts(
            trajectories_visible_to(membership).filter(status__in=OPEN_STATUSES),
            today=today,
            settings=settings,
        )
        .filter(
            (learning & (Q(overdue_followups__gt=0) | no_log))
            | (learning & Q(recent_absences__gte=settings.absence_limit))
            | Q(overdue_required_items__gt=0)
        )
        .select_related("candidate", "organisation")
        .prefetch_related("mentors")
        .order_by(F("overdue_followups").desc(), "last_log", "id")
    )


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
