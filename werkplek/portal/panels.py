"""Side panels on the trajectory overview for staff: the trainee's login and the guests."""

from django.http import HttpRequest

from werkplek.portal.selectors import guest_accesses_for
from werkplek.trajectories.models import Trajectory


def trainee_login_panel(request: HttpRequest, trajectory: Trajectory) -> dict | None:
    candidate = trajectory.candidate
    user = candidate.user if candidate.user_id else None
    return {
        "trajectory": trajectory,
        "candidate": candidate,
        "login": user,
        "password_set": bool(user and user.has_usable_password()),
    }


def guest_accesses_panel_rows(trajectory: Trajectory) -> list:
    return list(guest_accesses_for(trajectory)[:20])


def guests_panel(request: HttpRequest, trajectory: Trajectory) -> dict | None:
    return {"trajectory": trajectory, "accesses": guest_accesses_panel_rows(trajectory)}


def obligation_todos(request, trajectory) -> list:
    """What waits for the trainee in their trajectory (core.obligations), one tap away."""
    from django.utils import timezone

    from werkplek.core.extensions import TraineeTodo
    from werkplek.core.obligations import obligation_text, obligations_for
    from werkplek.trajectories.models import Trajectory

    return [
        TraineeTodo(obligation_text(o), o.url, o.due, o.kind)
        for o in obligations_for(
            trajectories=Trajectory.objects.filter(pk=trajectory.pk),
            today=timezone.localdate(),
            user_id=request.user.pk,
        )
    ]
