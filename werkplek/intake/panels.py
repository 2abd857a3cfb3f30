from django.http import HttpRequest
from django.utils import timezone

from werkplek.intake.models import Meeting
from werkplek.intake.selectors import latest_ready_answer, trajectory_meetings
from werkplek.trajectories.models import Trajectory


def intake_panel(request: HttpRequest, trajectory: Trajectory) -> dict | None:
    """Upcoming meetings, the last ones held and the "ready to dive in?" answer at a glance."""
    meetings = trajectory_meetings(trajectory)
    now = timezone.now()
    held = [meeting for meeting in meetings if meeting.status == Meeting.Status.HELD]
    return {
        "trajectory": trajectory,
        "upcoming": [
            meeting
            for meeting in meetings
            if meeting.status == Meeting.Status.PLANNED and meeting.starts_at >= now
        ][:3],
        "held": held[::-1][:3],
        "held_count": len(held),
        "ready": latest_ready_answer(meetings),
    }
