"""The follow-up panel on the trajectory overview and the at-risk badges in lists."""

from django.http import HttpRequest
from django.utils import timezone

from werkplek.core.extensions import Badge
from werkplek.followup.selectors import (
    open_moments_of,
    risk_signals,
    settings_for,
    with_risk_facts,
)
from werkplek.trajectories.models import Trajectory


def followup_panel(request: HttpRequest, trajectory: Trajectory) -> dict:
    """Three queries: the settings, the signals' facts, the next follow-up moments."""
    today = timezone.localdate()
    settings = settings_for(request.organisation)  # the trajectory's: it is scoped to it
    facts = with_risk_facts(
        Trajectory.objects.filter(pk=trajectory.pk), today=today, settings=settings
    ).get()
    upcoming = [moment for moment in open_moments_of(trajectory) if moment.due_date >= today][:4]
    return {
        "trajectory": trajectory,
        "signals": risk_signals(facts, today=today, settings=settings),
        "upcoming": upcoming,
        "last_log": facts.last_log,
        "today": today,
    }


def risk_badges(request: HttpRequest, trajectories: list) -> dict[int, list[Badge]]:
    """At-risk badges for a page of trajectories: two queries for the whole page.

    Overdue checklist items are left out: lists show those already.
    """
    today = timezone.localdate()
    settings = settings_for(request.organisation)
    facts = with_risk_facts(
        Trajectory.objects.filter(pk__in=[trajectory.pk for trajectory in trajectories]),
        today=today,
        settings=settings,
    )
    badges = {}
    for trajectory in facts:
        signals = [
            signal
            for signal in risk_signals(trajectory, today=today, settings=settings).signals
            if signal.code != "checklist"
        ]
        if signals:
            badges[trajectory.pk] = [
                Badge(signal.label, "warning", signal.detail) for signal in signals
            ]
    return badges
