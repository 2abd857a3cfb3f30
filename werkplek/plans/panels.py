"""The "progress per competence" panel on the trajectory overview."""

from django.http import HttpRequest

from werkplek.plans.selectors import competence_progress
from werkplek.trajectories.models import Trajectory


def progress_panel(request: HttpRequest, trajectory: Trajectory) -> dict:
    progress = competence_progress(trajectory)
    return {
        "trajectory": trajectory,
        "progress": progress,
        "rows": [row for row in progress.rows if row.target_level or row.latest],
        "can_map": trajectory.is_open,
    }
