"""The introduction ends with "ready to dive in?": a "no" keeps the trajectory from being
marked ready or started (registered as a transition guard in apps.py)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from werkplek.intake.selectors import latest_ready_answer, trajectory_meetings
from werkplek.trajectories.models import Trajectory


def refuse_not_ready(trajectory: Trajectory) -> list[str]:
    answer = latest_ready_answer(trajectory_meetings(trajectory))
    if answer is None or answer.ready_to_start:
        return []
    return [
        _("At the workplace tour of %(date)s the candidate was not ready to dive in yet.")
        % {"date": timezone.localtime(answer.starts_at).strftime("%d/%m/%Y")}
    ]
