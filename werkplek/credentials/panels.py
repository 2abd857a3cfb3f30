from django.http import HttpRequest
from django.utils import timezone

from werkplek.credentials.selectors import (
    credential_rows,
    credential_warnings,
    trajectory_credentials,
)
from werkplek.trajectories.models import Trajectory


def credentials_panel(request: HttpRequest, trajectory: Trajectory) -> dict | None:
    """The candidate's credentials at a glance on the trajectory overview, with warnings."""
    today = timezone.localdate()
    rows = credential_rows(
        loaded=trajectory_credentials(trajectory),
        today=today,
        show_medical=request.membership.sees_medical_data,
        kind=trajectory.kind,
    )
    if not rows:
        return None
    return {
        "trajectory": trajectory,
        "rows": rows,
        "warnings": credential_warnings(trajectory=trajectory, rows=rows, today=today),
    }
