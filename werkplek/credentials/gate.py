"""The ready gate's credential conditions (registered as transition guards in apps.py)."""

from django.utils import timezone

from werkplek.credentials.selectors import gate_reasons
from werkplek.trajectories.models import Trajectory


def refuse_ready(trajectory: Trajectory) -> list[str]:
    """Ready means ready on the planned start: a credential must still be valid then."""
    today = timezone.localdate()
    on = max(today, trajectory.planned_start or today)
    return gate_reasons(trajectory, today=today, on=on)


def refuse_start(trajectory: Trajectory) -> list[str]:
    today = timezone.localdate()
    return gate_reasons(trajectory, today=today, on=today)
