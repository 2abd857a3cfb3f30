"""/api/v1/organisations/{org}/trajectories: trajectories, and their transitions as actions.

Status and step never change by writing fields: `POST …/{id}/actions/<action>` runs the
same transition (with the same rules and the same timeline entry) as the buttons on the
trajectory page.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status as HttpStatus

from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES
from werkplek.api.errors import ApiError
from werkplek.api.idempotency import idempotency_token
from werkplek.api.pagination import cursor_page
from werkplek.api.schemas import (
    Day,
    Flag,
    InputSchema,
    ListQuery,
    Page,
    PersonOut,
    Text,
    responses,
)
from werkplek.api.tenancy import api_member
from werkplek.api.validation import form_value, validated
from werkplek.candidates.selectors import candidates_visible_to
from werkplek.core.idempotency import submit_once
from werkplek.trajectories import transitions
from werkplek.trajectories.forms import TrajectoryForm
from werkplek.trajectories.models import Kind, Outcome, Status, Trajectory
from werkplek.trajectories.selectors import (
    coordinator_choices,
    mentor_choices,
    trajectories_for_list,
)
from werkplek.trajectories.services import trajectory_create, trajectory_update

router = Router(tags=["trajectories"])

KindCode = Literal[tuple(Kind.values)]
StatusCode = Literal[tuple(Status.values)]
OutcomeCode = Literal[("", *Outcome.values)]


class CandidateRef(Schema):
    id: UUID
    first_name: str
    last_name: str
    email: str

    @staticmethod
    def resolve_id(candidate) -> UUID:
        return candidate.public_id


class ChecklistProgress(Schema):
    required: int = Field(description="Required items (items that only sum up others excluded).")
    resolved: int = Field(description="Required items done or waived.")
    open: int
    overdue: int = Field(description="Open required items past their due date.")


class TrajectoryOut(Schema):
    id: UUID
    candidate: CandidateRef
    kind: KindCode
    job_title: str
    status: StatusCode
    step: int = Field(ge=1, le=8, description="1–8, the handbook's eight steps.")
    coordinator: PersonOut | None
    mentors: list[PersonOut]
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None
    hours_per_week: float | None
    outcome: OutcomeCode
    outcome_note: str
    stop_reason: str
    checklist: ChecklistProgress
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(trajectory: Trajectory) -> UUID:
        return trajectory.public_id

    @staticmethod
    def resolve_outcome_note(trajectory: Trajectory) -> str:
        return trajectory.outcome_note_text

    @staticmethod
    def resolve_mentors(trajectory: Trajectory) -> list:
        return list(trajectory.mentors.all())

    @staticmethod
    def resolve_hours_per_week(trajectory: Trajectory) -> float | None:
        hours = trajectory.hours_per_week
        return None if hours is None else float(hours)

    @staticmethod
    def resolve_checklist(trajectory: Trajectory) -> dict:
        return {
            "required": trajectory.items_required,
            "resolved": trajectory.items_resolved,
            "open": trajectory.items_open,
            "overdue": trajectory.items_overdue,
        }


class ActionOut(Schema):
    action: str = Field(description="POST …/actions/<action> to do it.")
    label: str
    allowed: bool
    reasons: list[str] = Field(description="Why it is not possible now (empty when allowed).")


class TrajectoryDetailOut(TrajectoryOut):
    actions: list[ActionOut] = Field(description="What you can do now, as on the website.")


class TrajectoryPatch(InputSchema):
    """Only the fields you send change. The kind can change only while it is a draft."""

    kind: KindCode | None = None
    job_title: Annotated[Text, Field(max_length=120)] | None = None
    coordinator: UUID | None = Field(None, description="A coordinator or admin (person id).")
    mentors: list[UUID] | None = Field(
        None, max_length=20, description="Every mentor (person ids); replaces the current ones."
    )
    planned_start: Day | None = None
    planned_end: Day | None = None
    hours_per_week: Annotated[Decimal, Field(gt=0, le=60, decimal_places=1)] | None = None
    mentor_reason: Annotated[Text, Field(max_length=500)] | None = Field(
        None,
        description="Needed when a new mentor already has the organisation's maximum of open "
        "trajectories (max_trainees_per_mentor); kept on the timeline.",
    )


class TrajectoryIn(TrajectoryPatch):
    candidate: UUID = Field(description="The candidate (see /candidates).")
    kind: KindCode


class TrajectoryQuery(ListQuery):
    q: Annotated[Text, Field(max_length=100)] = Field("", description="Words in the name.")
    status: Literal[("", "open", *Status.values)] = Field(
        "", description="A status, or `open` for every status before closed."
    )
    step: int | None = Field(None, ge=1, le=8)
    kind: Literal[("", *Kind.values)] = ""
    mentor: UUID | None = Field(None, description="Only trajectories this person mentors.")


class StartIn(InputSchema):
    on: Day | None = Field(None, description="The day it started; today when left out.")


class CloseIn(InputSchema):
    """What happens next, as on the decision page: one or more continuations together, or stop
    with a reason; and why each end formality still open is waived."""

    contract: Flag = False
    contract_date: Day | None = Field(None, description="The day the contract starts.")
    contract_type: Annotated[Text, Field(max_length=100)] = ""
    continue_training: Flag = False
    courses: list[Annotated[Text, Field(max_length=40)]] = Field(
        default_factory=list,
        description="Codes of courses in the organisation's catalogue (e.g. prodata, nodw).",
    )
    course_other: Annotated[Text, Field(max_length=150)] = ""
    stop: Flag = False
    reason: Annotated[Text, Field(max_length=2000)] = ""
    waivers: dict[UUID, Annotated[Text, Field(max_length=500)]] = Field(
        default_factory=dict,
        description="For each end formality still open (checklist item id): why it is waived.",
    )
    on: Day | None = Field(None, description="The day it ended; today when left out.")


class StopIn(InputSchema):
    reason: Annotated[Text, Field(min_length=1, max_length=2000)]
    on: Day | None = Field(None, description="The day it stopped; today when left out.")


def _trajectory(request, public_id: UUID) -> Trajectory:
    return get_object_or_404(trajectories_for_list(request.membership), public_id=public_id)


def _detail(request, public_id: UUID) -> Trajectory:
    trajectory = _trajectory(request, public_id)
    trajectory.actions = [
        {
            "action": available.transition.code.replace("_", "-"),
            "label": str(available.transition.label),
            "allowed": available.allowed,
            "reasons": available.reasons,
        }
        for available in transitions.transitions_for(
            trajectory=trajectory, membership=request.membership
        )
    ]
    return trajectory


def _person_pk(queryset, public_id: UUID | None, field: str, message: str) -> int | None:
    if public_id is None:
        return None
    pk = queryset.filter(public_id=public_id).values_list("pk", flat=True).first()
    if pk is None:
        raise ApiError(422, "invalid_choice", message, field=field)
    return pk


def _cleaned(request, current: dict, changes: dict) -> dict:
    """Validate through the web form: current values, overlaid with the changes."""
    organisation = request.organisation
    data = {**current, **changes}
    data["coordinator"] = _person_pk(
        coordinator_choices(organisation),
        data.get("coordinator"),
        "coordinator",
        _("Choose a coordinator or admin of this organisation."),
    )
    mentor_ids = data.get("mentors") or []
    data["mentors"] = [
        _person_pk(
            mentor_choices(organisation),
            mentor,
            f"mentors.{index}",
            _("Choose a mentor, coordinator or admin of this organisation."),
        )
        for index, mentor in enumerate(mentor_ids)
    ]
    names = [*TrajectoryForm._meta.fields, "mentor_reason"]
    form = TrajectoryForm(
        {name: form_value(data.get(name)) for name in names}, organisation=organisation
    )
    return validated(form)


def _not_in_future(on: date | None) -> None:
    if on is not None and on > timezone.localdate():
        raise ApiError(422, "in_future", _("This day has not come yet."), field="on")


@router.get("", response=responses(200, Page[TrajectoryOut], 403))
@api_member(*MENTORING_ROLES)
def trajectory_list(request, query: Query[TrajectoryQuery]):
    """The trajectories you see on the website (a mentor: the ones they mentor)."""
    mentor = None
    if query.mentor:
        mentor = mentor_choices(request.organisation).filter(public_id=query.mentor).first()
        if mentor is None:
            raise ApiError(
                422, "invalid_choice", _("No such mentor in this organisation."), field="mentor"
            )
    trajectories = trajectories_for_list(
        request.membership,
        search=query.q,
        status=query.status,
        step=query.step,
        kind=query.kind,
        mentor=mentor,
    )
    return cursor_page(request, trajectories, query)


@router.post("", response=responses(201, TrajectoryDetailOut, 400, 403))
@api_member(*STAFF_ROLES)
def trajectory_create_operation(request, payload: TrajectoryIn):
    """A new trajectory in draft, with its own copy of the organisation's checklist. Sent
    again with the same `Idempotency-Key`, it answers with the trajectory made first."""
    candidate = candidates_visible_to(request.membership).filter(public_id=payload.candidate)
    candidate = candidate.first()
    if candidate is None:
        raise ApiError(422, "invalid_choice", _("No such candidate."), field="candidate")
    changes = payload.model_dump(exclude_unset=True, exclude={"candidate"})
    data = _cleaned(request, {}, changes)
    mentors = data.pop("mentors")
    mentor_reason = data.pop("mentor_reason")
    trajectory, _made = submit_once(
        token=idempotency_token(request, "trajectories.trajectory.create"),
        user=request.user,
        action="trajectories.trajectory.create",
        model=Trajectory,
        create=lambda: trajectory_create(
            candidate=candidate,
            created_by=request.user,
            mentors=mentors,
            mentor_reason=mentor_reason,
            **data,
        ),
    )
    return HttpStatus(201, _detail(request, trajectory.public_id))


@router.get("/{public_id}", response=responses(200, TrajectoryDetailOut, 403))
@api_member(*MENTORING_ROLES)
def trajectory_detail(request, public_id: UUID):
    return _detail(request, public_id)


@router.patch("/{public_id}", response=responses(200, TrajectoryDetailOut, 400, 403))
@api_member(*STAFF_ROLES)
def trajectory_update_operation(request, public_id: UUID, payload: TrajectoryPatch):
    trajectory = _trajectory(request, public_id)
    current = {
        "kind": trajectory.kind,
        "job_title": trajectory.job_title,
        "coordinator": trajectory.coordinator.public_id if trajectory.coordinator else None,
        "mentors": [mentor.public_id for mentor in trajectory.mentors.all()],
        "planned_start": trajectory.planned_start,
        "planned_end": trajectory.planned_end,
        "hours_per_week": trajectory.hours_per_week,
    }
    changes = payload.model_dump(exclude_unset=True)
    data = _cleaned(request, current, changes)
    mentors = data.pop("mentors")
    mentor_reason = data.pop("mentor_reason")
    trajectory_update(
        trajectory=Trajectory.objects.get(pk=trajectory.pk),
        by=request.user,
        mentors=mentors if "mentors" in changes else None,  # None: leave them as they are
        mentor_reason=mentor_reason,
        **data,
    )
    return _detail(request, public_id)


# --- Actions: the transitions of transitions.py ----------------------------------------------

ACTION_RESPONSES = responses(200, TrajectoryDetailOut, 400, 403, 409)


@router.post("/{public_id}/actions/confirm", response=ACTION_RESPONSES)
@api_member(*transitions.CONFIRM.roles)
def trajectory_confirm(request, public_id: UUID):
    """Confirm the intake: draft → preparing."""
    trajectory = _trajectory(request, public_id)
    transitions.trajectory_confirm(trajectory=trajectory, membership=request.membership)
    return _detail(request, public_id)


@router.post("/{public_id}/actions/mark-ready", response=ACTION_RESPONSES)
@api_member(*transitions.MARK_READY.roles)
def trajectory_mark_ready(request, public_id: UUID):
    """The introduction is complete: preparing → ready (the ready gate applies)."""
    trajectory = _trajectory(request, public_id)
    transitions.trajectory_mark_ready(trajectory=trajectory, membership=request.membership)
    return _detail(request, public_id)


@router.post("/{public_id}/actions/start", response=ACTION_RESPONSES)
@api_member(*transitions.START.roles)
def trajectory_start(request, public_id: UUID, payload: StartIn | None = None):
    """Start: → running, step 4 (the ready gate applies)."""
    on = payload.on if payload else None
    _not_in_future(on)
    trajectory = _trajectory(request, public_id)
    transitions.trajectory_start(trajectory=trajectory, membership=request.membership, on=on)
    return _detail(request, public_id)


class StepMoveIn(InputSchema):
    step: int = Field(ge=1, le=8)
    reason: Annotated[Text, Field(min_length=1, max_length=2000)]


@router.post("/{public_id}/actions/move-step", response=ACTION_RESPONSES)
@api_member(*transitions.MOVE_STEP.roles)
def trajectory_step_move(request, public_id: UUID, payload: StepMoveIn):
    """Move the step by hand, with a reason (the step otherwise follows the facts)."""
    trajectory = _trajectory(request, public_id)
    transitions.trajectory_step_move(
        trajectory=trajectory,
        membership=request.membership,
        step=payload.step,
        reason=payload.reason,
    )
    return _detail(request, public_id)


@router.post("/{public_id}/actions/finish", response=ACTION_RESPONSES)
@api_member(*transitions.FINISH.roles)
def trajectory_finish(request, public_id: UUID):
    """Begin the final evaluation: running → finishing, step 8."""
    trajectory = _trajectory(request, public_id)
    transitions.trajectory_finish(trajectory=trajectory, membership=request.membership)
    return _detail(request, public_id)


@router.post("/{public_id}/actions/close", response=ACTION_RESPONSES)
@api_member(*transitions.CLOSE.roles)
def trajectory_close(request, public_id: UUID, payload: CloseIn):
    """The one way to end, after the final evaluation: record what happens next and close
    (finishing → closed). Refused while an end formality is open and not waived."""
    from werkplek.evaluations.models import Course
    from werkplek.evaluations.services import outcome_record

    _not_in_future(payload.on)
    trajectory = _trajectory(request, public_id)
    courses = list(
        Course.objects.filter(
            organisation_id=trajectory.organisation_id, code__in=payload.courses, is_active=True
        )
    )
    if len(courses) != len(set(payload.courses)):
        raise ApiError(
            422, "unknown_course", _("Choose courses of your organisation."), field="courses"
        )
    outcome_record(
        trajectory=trajectory,
        membership=request.membership,
        contract=payload.contract,
        contract_date=payload.contract_date,
        contract_type=payload.contract_type,
        continue_training=payload.continue_training,
        courses=courses,
        course_other=payload.course_other,
        stop=payload.stop,
        reason=payload.reason,
        waivers={str(key): value for key, value in payload.waivers.items()},
        on=payload.on,
    )
    return _detail(request, public_id)


@router.post("/{public_id}/actions/stop", response=ACTION_RESPONSES)
@api_member(*transitions.STOP.roles)
def trajectory_stop(request, public_id: UUID, payload: StopIn):
    """Stop early, with a reason (from any open status)."""
    _not_in_future(payload.on)
    trajectory = _trajectory(request, public_id)
    transitions.trajectory_stop(
        trajectory=trajectory, membership=request.membership, reason=payload.reason, on=payload.on
    )
    return _detail(request, public_id)
