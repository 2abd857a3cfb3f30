"""The trajectory's state machine. Status and step change only here.

Each transition checks its rules and records who did it and when on the trajectory's
timeline. A refusal raises `TransitionRefused` with reasons a coordinator understands.
Other apps can add conditions with `register_guard(transition_code, guard)`: a guard returns
a list of reasons to refuse (empty when fine).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES, Membership, User
from werkplek.core.i18n import in_every_language, localized
from werkplek.trajectories.events import trajectory_log
from werkplek.trajectories.models import OPEN_STATUSES, Outcome, Status, Step, Trajectory

Guard = Callable[[Trajectory], list[str]]


class GateReason(str):
    """A refusal because of open checklist items; the page shows those items itself."""

    is_gate = True


class TransitionRefused(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(str(reason) for reason in reasons))
        self.reasons = [str(reason) for reason in reasons]


@dataclass(frozen=True)
class Transition:
    code: str
    label: Promise
    sources: tuple[str, ...]
    roles: tuple[str, ...]
    style: str = "secondary"


CONFIRM = Transition(
    "confirm", gettext_lazy("Confirm intake"), (Status.DRAFT,), STAFF_ROLES, "primary"
)
MARK_READY = Transition(
    "mark_ready", gettext_lazy("Ready to start"), (Status.PREPARING,), STAFF_ROLES
)
START = Transition(
    "start",
    gettext_lazy("Start the trajectory"),
    (Status.PREPARING, Status.READY),
    STAFF_ROLES,
    "primary",
)
FINISH = Transition(
    "finish", gettext_lazy("Begin the final evaluation"), (Status.RUNNING,), STAFF_ROLES, "primary"
)
CLOSE = Transition("close", gettext_lazy("Close"), (Status.FINISHING,), STAFF_ROLES, "primary")
STOP = Transition("stop", gettext_lazy("Stop early"), OPEN_STATUSES, STAFF_ROLES, "danger")
STEP_FORWARD = Transition(
    "step_forward",
    gettext_lazy("Next step"),
    (Status.PREPARING, Status.RUNNING),
    MENTORING_ROLES,
)
STEP_BACK = Transition(
    "step_back",
    gettext_lazy("Previous step"),
    (Status.PREPARING, Status.RUNNING),
    MENTORING_ROLES,
)
TRANSITIONS = (CONFIRM, MARK_READY, START, STEP_BACK, STEP_FORWARD, FINISH, CLOSE, STOP)

# The steps a trajectory can be in for each status.
STEP_RANGE = {
    Status.DRAFT: (1, 1),
    Status.PREPARING: (1, 3),
    Status.READY: (3, 3),
    Status.RUNNING: (4, 7),
    Status.FINISHING: (8, 8),
}

_GUARDS: dict[str, list[Guard]] = {}


def register_guard(code: str, guard: Guard) -> Guard:
    _GUARDS.setdefault(code, []).append(guard)
    return guard


def _guard_reasons(code: str, trajectory: Trajectory) -> list[str]:
    return [reason for guard in _GUARDS.get(code, []) for reason in guard(trajectory)]


# --- Rules of the foundation ---------------------------------------------------------------


def gate_reasons(trajectory: Trajectory) -> list[str]:
    """The ready gate: every required item of Preparation and Before the start is resolved."""
    from werkplek.checklists.selectors import gate_open_items

    open_items = list(gate_open_items(trajectory=trajectory))
    if not open_items:
        return []
    labels = ", ".join(f"“{localized(item.label)}”" for item in open_items)
    return [
        GateReason(
            _("%(count)d required checklist items are still open: %(items)s.")
            % {"count": len(open_items), "items": labels}
        )
    ]


def _needs_coordinator(trajectory: Trajectory) -> list[str]:
    if trajectory.coordinator_id is None:
        return [_("Assign a coordinator first.")]
    return []


def _needs_start_date(trajectory: Trajectory) -> list[str]:
    if trajectory.planned_start is None:
        return [_("Set the planned start date first.")]
    return []


register_guard(CONFIRM.code, _needs_coordinator)
register_guard(MARK_READY.code, gate_reasons)
register_guard(START.code, _needs_start_date)
register_guard(START.code, gate_reasons)


# --- Checks ------------------------------------------------------------------------------


def refusal_reasons(transition: Transition, trajectory: Trajectory, **kwargs) -> list[str]:
    if trajectory.status not in transition.sources:
        return [
            _("This is not possible while the trajectory is “%(status)s”.")
            % {"status": trajectory.get_status_display()}
        ]
    if transition is STEP_FORWARD:
        low, high = STEP_RANGE[trajectory.status]
        if trajectory.step >= high:
            return [_next_step_hint(trajectory)]
    if transition is STEP_BACK:
        low, high = STEP_RANGE[trajectory.status]
        if trajectory.step <= low:
            return [_("This is the first step of this phase.")]
    return _guard_reasons(transition.code, trajectory)


def _next_step_hint(trajectory: Trajectory) -> str:
    if trajectory.status == Status.PREPARING:
        return _("The introduction is the last step before the start: start the trajectory.")
    return _("Begin the final evaluation to go to step 8.")


def _check(transition: Transition, trajectory: Trajectory, membership: Membership) -> None:
    if membership.organisation_id != trajectory.organisation_id:
        raise TransitionRefused([_("This trajectory belongs to another organisation.")])
    if membership.role not in transition.roles:
        raise TransitionRefused([_("Your role does not allow this.")])
    reasons = refusal_reasons(transition, trajectory)
    if reasons:
        raise TransitionRefused(reasons)


def _move(
    trajectory: Trajectory, *, status: str, step: int, action: str, by: User, **data
) -> Trajectory:
    data.update(
        from_status=trajectory.status,
        to_status=status,
        from_step=trajectory.step,
        to_step=step,
    )
    trajectory.status, trajectory.step = status, step
    trajectory.save()
    trajectory_log(trajectory, action, by=by, **data)
    return trajectory


def _locked(trajectory: Trajectory) -> Trajectory:
    """Re-read the row under a lock, so two clicks cannot both move it."""
    return (
        Trajectory.objects.select_for_update().select_related("organisation").get(pk=trajectory.pk)
    )


@transaction.atomic
def trajectory_confirm(*, trajectory: Trajectory, membership: Membership) -> Trajectory:
    trajectory = _locked(trajectory)
    _check(CONFIRM, trajectory, membership)
    return _move(
        trajectory,
        status=Status.PREPARING,
        step=Step.PREPARATION,
        action="trajectories.trajectory.confirmed",
        by=membership.user,
    )


@transaction.atomic
def trajectory_mark_ready(*, trajectory: Trajectory, membership: Membership) -> Trajectory:
    trajectory = _locked(trajectory)
    _check(MARK_READY, trajectory, membership)
    return _move(
        trajectory,
        status=Status.READY,
        step=Step.INTRODUCTION,
        action="trajectories.trajectory.marked_ready",
        by=membership.user,
    )


@transaction.atomic
def trajectory_start(
    *, trajectory: Trajectory, membership: Membership, on: date | None = None
) -> Trajectory:
    trajectory = _locked(trajectory)
    _check(START, trajectory, membership)
    trajectory.actual_start = on or timezone.localdate()
    return _move(
        trajectory,
        status=Status.RUNNING,
        step=Step.LEARNING,
        action="trajectories.trajectory.started",
        by=membership.user,
    )


@transaction.atomic
def trajectory_step(*, trajectory: Trajectory, membership: Membership, forward: bool) -> Trajectory:
    trajectory = _locked(trajectory)
    _check(STEP_FORWARD if forward else STEP_BACK, trajectory, membership)
    return _move(
        trajectory,
        status=trajectory.status,
        step=trajectory.step + (1 if forward else -1),
        action="trajectories.trajectory.step_changed",
        by=membership.user,
    )


@transaction.atomic
def trajectory_finish(*, trajectory: Trajectory, membership: Membership) -> Trajectory:
    trajectory = _locked(trajectory)
    _check(FINISH, trajectory, membership)
    return _move(
        trajectory,
        status=Status.FINISHING,
        step=Step.FINAL_EVALUATION,
        action="trajectories.trajectory.finishing",
        by=membership.user,
    )


@transaction.atomic
def trajectory_close(
    *,
    trajectory: Trajectory,
    membership: Membership,
    outcome: str,
    note: str = "",
    note_coded: dict | None = None,
    on: date | None = None,
) -> Trajectory:
    """Close the trajectory with its outcome and a note: typed (`note`) or written by the
    system as a code with parameters (`note_coded`, see core.i18n.coded)."""
    trajectory = _locked(trajectory)
    _check(CLOSE, trajectory, membership)
    if outcome not in Outcome.values or outcome == Outcome.STOPPED:
        raise TransitionRefused([_("Choose the outcome of the trajectory.")])
    trajectory.outcome, trajectory.outcome_note = outcome, note.strip()
    trajectory.outcome_note_coded = note_coded or {}
    trajectory.actual_end = on or timezone.localdate()
    return _move(
        trajectory,
        status=Status.CLOSED,
        step=Step.FINAL_EVALUATION,
        action="trajectories.trajectory.closed",
        by=membership.user,
        outcome=in_every_language(Outcome(outcome).label),
    )


@transaction.atomic
def trajectory_stop(
    *, trajectory: Trajectory, membership: Membership, reason: str, on: date | None = None
) -> Trajectory:
    trajectory = _locked(trajectory)
    _check(STOP, trajectory, membership)
    reason = reason.strip()
    if not reason:
        raise TransitionRefused([_("Say why the trajectory stops.")])
    trajectory.stop_reason, trajectory.outcome = reason, Outcome.STOPPED
    trajectory.actual_end = on or timezone.localdate()
    return _move(
        trajectory,
        status=Status.STOPPED,
        step=trajectory.step,
        action="trajectories.trajectory.stopped",
        by=membership.user,
        reason=reason,
    )


@dataclass
class AvailableTransition:
    transition: Transition
    reasons: list[str]

    @property
    def allowed(self) -> bool:
        return not self.reasons


def transitions_for(*, trajectory: Trajectory, membership: Membership) -> list[AvailableTransition]:
    """What this member could do now, each with the reasons it would be refused."""
    available = []
    for transition in TRANSITIONS:
        if membership.role not in transition.roles:
            continue
        if trajectory.status not in transition.sources:
            continue
        reasons = refusal_reasons(transition, trajectory)
        if reasons and transition in (STEP_FORWARD, STEP_BACK):
            continue  # no next or previous step within this phase: nothing to offer
        available.append(AvailableTransition(transition, reasons))
    return available
