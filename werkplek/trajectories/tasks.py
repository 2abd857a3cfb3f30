"""Background work of the trajectories, run by the task worker (see notifications.schedule)."""

from datetime import date

from django.tasks import task

from werkplek.trajectories.transitions import trajectory_steps_refresh_all


@task()
def refresh_steps(today: str) -> int:
    """Once a day: the steps that follow the calendar (an interim evaluation coming near)."""
    return trajectory_steps_refresh_all(today=date.fromisoformat(today))
