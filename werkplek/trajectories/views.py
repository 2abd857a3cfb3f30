from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES
from werkplek.candidates.forms import CandidateForm
from werkplek.candidates.models import Candidate
from werkplek.candidates.selectors import candidates_visible_to
from werkplek.candidates.services import candidate_create
from werkplek.checklists.selectors import checklist_by_phase, gate_open_items_of
from werkplek.core.extensions import TRAJECTORY_PANELS, attach_row_extras
from werkplek.core.memo import remember
from werkplek.core.pagination import paginate, query_without_page
from werkplek.core.tenancy import member_required
from werkplek.trajectories import transitions
from werkplek.trajectories.events import event_text
from werkplek.trajectories.forms import (
    StepMoveForm,
    StopForm,
    TrajectoryFilterForm,
    TrajectoryForm,
)
from werkplek.trajectories.models import Status, Trajectory
from werkplek.trajectories.selectors import (
    mentor_overview,
    mentor_trainees,
    trajectories_for_list,
    trajectories_visible_to,
    trajectory_events_visible_to,
)
from werkplek.trajectories.services import trajectory_create, trajectory_update
from werkplek.trajectories.stepping import because
from werkplek.trajectories.steps import STEP_GUIDES, guide_for


def _get_trajectory(request: HttpRequest, public_id: UUID) -> Trajectory:
    return get_object_or_404(
        trajectories_visible_to(request.membership).select_related(
            "candidate", "coordinator", "organisation"
        ),
        public_id=public_id,
    )


@member_required(*MENTORING_ROLES)
def trajectory_list(request: HttpRequest) -> HttpResponse:
    form = TrajectoryFilterForm(request.GET or None, organisation=request.organisation)
    filters = form.cleaned_data if form.is_valid() else {}
    trajectories = trajectories_for_list(
        request.membership,
        search=filters.get("q", ""),
        status=filters.get("status", ""),
        step=filters.get("step"),
        kind=filters.get("kind", ""),
        mentor=filters.get("mentor"),
    )
    page = paginate(request, trajectories)
    attach_row_extras(request, page.object_list, actions=False)  # the list shows no actions
    context = {
        "filter_form": form,
        "page": page,
        "query": query_without_page(request),
        "can_create": request.membership.is_staff_role,
    }
    template = "trajectories/trajectory_list.html"
    if request.htmx and request.htmx.target == "trajectory-results":
        template += "#results"
    return render(request, template, context)


@member_required(*STAFF_ROLES)
def trajectory_create_view(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    existing = None
    if request.GET.get("candidate"):
        try:
            existing = candidates_visible_to(request.membership).get(
                public_id=UUID(request.GET["candidate"])
            )
        except (ValueError, Candidate.DoesNotExist) as error:
            raise Http404 from error
    candidate_form = CandidateForm(request.POST or None, prefix="candidate")
    trajectory_form = TrajectoryForm(
        request.POST or None,
        prefix="trajectory",
        organisation=organisation,
        initial={"coordinator": request.user if request.membership.is_staff_role else None},
    )
    if request.method == "POST":
        candidate_ok = existing is not None or candidate_form.is_valid()
        if candidate_ok and trajectory_form.is_valid():
            data = dict(trajectory_form.cleaned_data)
            mentors = data.pop("mentors")
            refused_by = candidate_form  # the form whose save is refused shows why
            mentor_reason = data.pop("mentor_reason")
            try:
                with transaction.atomic():
                    candidate = existing or candidate_create(
                        organisation=organisation, **candidate_form.cleaned_data
                    )
                    refused_by = trajectory_form
                    trajectory = trajectory_create(
                        candidate=candidate,
                        created_by=request.user,
                        mentors=mentors,
                        mentor_reason=mentor_reason,
                        **data,
                    )
            except ValidationError as error:
                refused_by.add_error(None, error)
            else:
                messages.success(request, _("Trajectory created for %s.") % candidate.full_name)
                return redirect(trajectory)
    context = {
        "candidate_form": candidate_form,
        "trajectory_form": trajectory_form,
        "existing_candidate": existing,
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "trajectories/trajectory_form.html", context, status=status)


@member_required(*STAFF_ROLES)
def trajectory_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _get_trajectory(request, public_id)
    initial = {"mentors": list(trajectory.mentors.all())}
    form = TrajectoryForm(
        request.POST or None,
        instance=trajectory,
        initial=initial,
        organisation=request.organisation,
    )
    if request.method == "POST":
        if form.is_valid():
            data = {
                name: value
                for name, value in form.cleaned_data.items()
                if name not in ("mentors", "mentor_reason") and not form.fields[name].disabled
            }
            try:
                trajectory_update(
                    trajectory=Trajectory.objects.get(pk=trajectory.pk),
                    by=request.user,
                    mentors=form.cleaned_data["mentors"],
                    version=form.opened_version,
                    mentor_reason=form.cleaned_data["mentor_reason"],
                    **data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Changes saved."))
                return redirect(trajectory)
        return render(
            request,
            "trajectories/trajectory_edit.html",
            {"form": form, "trajectory": trajectory},
            status=422,
        )
    return render(
        request, "trajectories/trajectory_edit.html", {"form": form, "trajectory": trajectory}
    )


def detail_context(request: HttpRequest, trajectory: Trajectory) -> dict:
    membership = request.membership
    phases = checklist_by_phase(trajectory=trajectory)
    # The overview's 'What is next' picks its checklist entries from what the page shows.
    remember(trajectory, "checklists.items", [item for phase in phases for item in phase.items])
    return {
        "trajectory": trajectory,
        "candidate": trajectory.candidate,
        "mentors": list(trajectory.mentors.all()),
        "phases": phases,
        "gate_items": gate_open_items_of(phases, trajectory),
        "transitions": transitions.transitions_for(trajectory=trajectory, membership=membership),
        "steps": STEP_GUIDES,
        "guide": guide_for(trajectory.step),
        "step_because": because(trajectory.step),
        "step_by_hand": trajectory.step_by_hand is not None,
        "can_move_step": membership.role in transitions.MOVE_STEP.roles
        and trajectory.status in transitions.MOVE_STEP.sources,
        "can_tick": membership.role in MENTORING_ROLES and trajectory.is_open,
        "can_edit": membership.is_staff_role,
        "in_preparation": trajectory.status in (Status.DRAFT, Status.PREPARING, Status.READY),
        "today": timezone.localdate(),
    }


def trajectory_panels(request: HttpRequest, trajectory: Trajectory) -> dict[str, list]:
    """The panels other apps add to the overview, per column, for this member's role."""
    columns: dict[str, list] = {"top": [], "main": [], "side": []}
    for panel in TRAJECTORY_PANELS:
        if request.membership.role not in panel.roles:
            continue
        panel_context = panel.context(request, trajectory)
        if panel_context is not None:
            columns[panel.column].append({"template": panel.template, "context": panel_context})
    return columns


@member_required(*MENTORING_ROLES)
def trajectory_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _get_trajectory(request, public_id)
    context = detail_context(request, trajectory)
    context["panels"] = trajectory_panels(request, trajectory)
    context["events"] = [
        (event, event_text(event))
        for event in trajectory_events_visible_to(trajectory, request.membership)[:15]
    ]
    return render(request, "trajectories/trajectory_detail.html", context)


SIMPLE_TRANSITIONS = {
    "confirm": transitions.trajectory_confirm,
    "mark_ready": transitions.trajectory_mark_ready,
    "start": transitions.trajectory_start,
    "finish": transitions.trajectory_finish,
}


@member_required(*MENTORING_ROLES)
@require_POST
def trajectory_transition(request: HttpRequest, public_id: UUID, code: str) -> HttpResponse:
    trajectory = _get_trajectory(request, public_id)
    try:
        if code in SIMPLE_TRANSITIONS:
            trajectory = SIMPLE_TRANSITIONS[code](
                trajectory=trajectory, membership=request.membership
            )
        else:
            raise Http404
    except transitions.TransitionRefused as refusal:
        for reason in refusal.reasons:
            messages.error(request, reason)
    else:
        messages.success(
            request,
            _("Done: the trajectory is now “%(status)s”, step %(step)s.")
            % {"status": trajectory.get_status_display(), "step": trajectory.step},
        )
    return redirect(trajectory)


@member_required(*STAFF_ROLES)
def trajectory_close(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The old address of the close: a trajectory ends in one place, the decision page."""
    trajectory = _get_trajectory(request, public_id)
    return redirect(close_url(trajectory))


def close_url(trajectory: Trajectory) -> str:
    return reverse(
        "evaluations:outcome",
        kwargs={"org": trajectory.organisation.slug, "public_id": trajectory.public_id},
    )


@member_required(*STAFF_ROLES)
def trajectory_stop(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _get_trajectory(request, public_id)
    form = StopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            transitions.trajectory_stop(
                trajectory=trajectory,
                membership=request.membership,
                reason=form.cleaned_data["reason"],
            )
        except transitions.TransitionRefused as refusal:
            form.add_error(None, refusal.reasons)
        else:
            messages.success(request, _("The trajectory was stopped."))
            return redirect(trajectory)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "trajectory": trajectory, "action": "stop"}
    return render(request, "trajectories/trajectory_transition_form.html", context, status=status)


@member_required(*STAFF_ROLES)
def trajectory_step_move(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Move the step by hand, with a reason (the step otherwise follows the facts)."""
    trajectory = _get_trajectory(request, public_id)
    low, high = transitions.STEP_RANGE.get(trajectory.status, (trajectory.step, trajectory.step))
    form = StepMoveForm(request.POST or None, low=low, high=high, initial={"step": trajectory.step})
    if request.method == "POST" and form.is_valid():
        try:
            transitions.trajectory_step_move(
                trajectory=trajectory,
                membership=request.membership,
                step=form.cleaned_data["step"],
                reason=form.cleaned_data["reason"],
            )
        except transitions.TransitionRefused as refusal:
            form.add_error(None, refusal.reasons)
        else:
            messages.success(request, _("The step was moved; the timeline keeps the reason."))
            return redirect(trajectory)
    status = 422 if request.method == "POST" else 200
    context = {
        "form": form,
        "trajectory": trajectory,
        "action": "step",
        "because": because(trajectory.step),
    }
    return render(request, "trajectories/trajectory_transition_form.html", context, status=status)


@member_required(*MENTORING_ROLES)
def trajectory_history(request: HttpRequest, public_id: UUID) -> HttpResponse:
    trajectory = _get_trajectory(request, public_id)
    page = paginate(
        request, trajectory_events_visible_to(trajectory, request.membership), per_page=50
    )
    events = [(event, event_text(event)) for event in page]
    return render(
        request,
        "trajectories/trajectory_history.html",
        {"trajectory": trajectory, "page": page, "events": events},
    )


@member_required(*STAFF_ROLES)
def mentor_list(request: HttpRequest) -> HttpResponse:
    """Every mentor with their load against the organisation's limit (issue 20)."""
    rows = mentor_overview(request.organisation)
    return render(
        request,
        "trajectories/mentor_list.html",
        {"rows": rows, "limit": request.organisation.max_trainees_per_mentor},
    )


@member_required(*MENTORING_ROLES)
def my_trainees(request: HttpRequest) -> HttpResponse:
    trajectories = mentor_trainees(request.membership)
    page = paginate(request, trajectories)
    attach_row_extras(request, page.object_list)
    return render(
        request, "trajectories/my_trainees.html", {"page": page, "today": timezone.localdate()}
    )
