"""The trainee's home, the guest's read-only pages, and the staff actions that give them
access."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkplek.accounts.models import STAFF_ROLES, Membership
from werkplek.attendance.selectors import attendance_totals
from werkplek.core.extensions import portal_sections, trainee_todos
from werkplek.core.tenancy import member_required
from werkplek.notifications.obligations import waiting_for
from werkplek.plans.selectors import competence_progress, plan_current, version_goals
from werkplek.portal import services
from werkplek.portal.forms import GuestInviteForm
from werkplek.portal.selectors import guest_accesses_of, guest_accesses_visible_to, trainee_home
from werkplek.portal.selectors import trainee_trajectory as find_trainee_trajectory
from werkplek.trajectories.selectors import guest_read_until, trajectories_visible_to

TRAINEE, GUEST = Membership.Role.TRAINEE, Membership.Role.GUEST


@member_required(TRAINEE, GUEST)
def home(request: HttpRequest) -> HttpResponse:
    """The trainee's home page, or the guest's list of trajectories."""
    if request.membership.role == GUEST:
        accesses = (
            guest_accesses_of(request.membership)
            .select_related("trajectory__candidate", "trajectory__organisation")
            .order_by("trajectory__candidate__last_name", "trajectory__candidate__first_name")
        )
        waiting = waiting_for(membership=request.membership, today=timezone.localdate())
        return render(request, "portal/guest_home.html", {"accesses": accesses, "waiting": waiting})
    trajectory = find_trainee_trajectory(request.membership)
    if trajectory is None:
        return render(request, "portal/trainee_home.html", {"home": None})
    home = trainee_home(trajectory)
    home.todos = trainee_todos(request, trajectory)
    return render(
        request,
        "portal/trainee_home.html",
        {
            "home": home,
            "sections": portal_sections(request, trajectory, TRAINEE),
            "today": timezone.localdate(),
        },
    )


@member_required(GUEST)
def guest_trajectory(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """What a guest reads of one trajectory: the plan, progress, attendance totals; after it
    ended, until when they still may (docs/decisions/guest-access.md)."""
    trajectory = get_object_or_404(
        trajectories_visible_to(request.membership).select_related(
            "candidate", "organisation", "coordinator"
        ),
        public_id=public_id,
    )
    plan = plan_current(trajectory)
    return render(
        request,
        "portal/guest_trajectory.html",
        {
            "trajectory": trajectory,
            "read_until": guest_read_until(trajectory),
            "mentors": list(trajectory.mentors.order_by("full_name")),
            "plan": plan,
            "goals": version_goals(plan) if plan else [],
            "progress": competence_progress(trajectory, only_goals=True),
            "attendance": attendance_totals(trajectory=trajectory),
            "sections": portal_sections(request, trajectory, GUEST),
        },
    )


def _staff_trajectory(request: HttpRequest, public_id: UUID):
    return get_object_or_404(
        trajectories_visible_to(request.membership).select_related("candidate", "organisation"),
        public_id=public_id,
    )


@member_required(*STAFF_ROLES)
@require_POST
def trainee_invite(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _staff_trajectory(request, public_id)
    try:
        services.trainee_invite(
            trajectory=trajectory, by=request.user, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(name)s received an e-mail with a link to choose a password.")
            % {"name": trajectory.candidate.full_name},
        )
    return redirect(trajectory)


@member_required(*STAFF_ROLES)
def guest_invite(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _staff_trajectory(request, public_id)
    form = GuestInviteForm(
        request.POST or None, initial={"language": request.organisation.default_language}
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                access = services.guest_access_grant(
                    trajectory=trajectory,
                    by=request.user,
                    base_url=request.build_absolute_uri("/"),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(name)s can now follow this trajectory and received an e-mail.")
                    % {"name": access.membership.user.full_name},
                )
                return redirect(trajectory)
        return render(
            request,
            "portal/guest_invite.html",
            {"form": form, "trajectory": trajectory},
            status=422,
        )
    return render(request, "portal/guest_invite.html", {"form": form, "trajectory": trajectory})


@member_required(*STAFF_ROLES)
@require_POST
def guest_revoke(request: HttpRequest, public_id: UUID) -> HttpResponse:
    access = get_object_or_404(guest_accesses_visible_to(request.membership), public_id=public_id)
    try:
        services.guest_access_revoke(access=access, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("%(name)s can no longer follow this trajectory.")
            % {"name": access.membership.user.full_name},
        )
    return redirect(access.trajectory)
