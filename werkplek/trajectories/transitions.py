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
from django.utils.translation import gettext_lazy, ngettext

from werkplek.accounts.models import STAFF_ROLES, Membership, User
from werkplek.core.i18n import in_every_language, localized
from werkplek.trajectories import kinds, stepping
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
# The close happens on the decision page (evaluations: outcome_record), the one way to end.
CLOSE = Transition(
    "close",
    gettext_lazy("Decide what happens next and close"),
    (Status.FINISHING,),
    STAFF_ROLES,
    "primary",
)
STOP = Transition("stop", gettext_lazy("Stop early"), OPEN_STATUSES, STAFF_ROLES, "danger")
# Not a button: the step follows the facts (stepping.py); a coordinator may move it by hand
# with a reason (trajectory_step_move).
MOVE_STEP = Transition(
    "move_step",
    gettext_lazy("Move the step by hand"),
    (Status.PREPARING, Status.READY, Status.RUNNING),
    STAFF_ROLES,
)
TRANSITIONS = (CONFIRM, MARK_READY, START, FINISH, CLOSE, STOP)

# The steps a trajectory can be in for each status.
STEP_RANGE = {
    Status.DRAFT: (1, 3),
    Status.PREPARING: (1, 3),
    Status.READY: (3, 3),
    Status.RUNNING: (4, 8),
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
            ngettext(
                "%(count)d required checklist item is still open: %(items)s.",
                "%(count)d required checklist items are still open: %(items)s.",
                len(open_items),
            )
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


def _kind_start(trajectory: Trajectory) -> list[str]:
    return kinds.start_reasons(trajectory.kind, trajectory.planned_start, timezone.localdate())


register_guard(CONFIRM.code, _needs_coordinator)
register_guard(START.code, _kind_start)
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
    return _guard_reasons(transition.code, trajectory)


def _check(transition: Transition, trajectory: Trajectory, membership: Membership) -> None:
    if membership.organisation_id != trajectory.organisation_id:
        raise TransitionRefused([_("This trajectory belongs to another organisation.")])
    if membership.role not in transition.roles:
        raise TransitionRefused([_("Your role does not allow this.")])
    reasons = refusal_reasons(transition, trajectory)
    if reasons:
        raise TransitionRefused(reasons)


def _facts(trajectory: Trajectory, status: str) -> stepping.StepFacts:
    row = stepping.with_step_facts(
        Trajectory.objects.filter(pk=trajectory.pk), timezone.localdate()
    ).get()
    return stepping.facts_of(row, status)


def _move(
    trajectory: Trajectory,
    *,
    status: str,
    action: str,
    by: User,
    step: int | None = None,
    **data,
) -> Trajectory:
    """Change the status; the step follows the facts under the new status unless given."""
    if step is None:
        step = stepping.derived_step(_facts(trajectory, status))
    trajectory.step_by_hand = trajectory.step_by_hand_facts = None
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
        action="trajectories.trajectory.started",
        by=membership.user,
    )


@transaction.atomic
def trajectory_step_move(
    *, trajectory: Trajectory, membership: Membership, step: int, reason: str
) -> Trajectory:
    """Move the step by hand, with a reason the timeline keeps. The choice holds until the
    facts point to another step than they do now."""
    trajectory = _locked(trajectory)
    _check(MOVE_STEP, trajectory, membership)
    reason = reason.strip()
    if not reason:
        raise TransitionRefused([_("Say why the step is moved by hand.")])
    low, high = STEP_RANGE[trajectory.status]
    if not low <= step <= high:
        raise TransitionRefused(
            [
                _("While the trajectory is “%(status)s” its step is between %(low)s and %(high)s.")
                % {"status": trajectory.get_status_display(), "low": low, "high": high}
            ]
        )
    derived = stepping.derived_step(_facts(trajectory, trajectory.status))
    data = {"from_step": trajectory.step, "to_step": step, "reason": reason}
    trajectory.step, trajectory.step_by_hand, trajectory.step_by_hand_facts = step, step, derived
    trajectory.save(update_fields=["step", "step_by_hand", "step_by_hand_facts", "updated_at"])
    trajectory_log(trajectory, "trajectories.trajectory.step_moved", by=membership.user, **data)
    return trajectory


def trajectory_step_refresh(*, trajectory: Trajectory, today: date | None = None) -> Trajectory:
    """Derive the step again from the facts (called whenever a fact changes)."""
    if not trajectory.is_open:
        return trajectory
    row = stepping.with_step_facts(
        Trajectory.objects.filter(pk=trajectory.pk, status__in=OPEN_STATUSES),
        today or timezone.localdate(),
    ).first()
    return trajectory if row is None else _follow_facts(row, trajectory)


def _follow_facts(row: Trajectory, trajectory: Trajectory) -> Trajectory:
    derived = stepping.derived_step(stepping.facts_of(row))
    step = stepping.step_choice(
        derived=derived, by_hand=row.step_by_hand, by_hand_facts=row.step_by_hand_facts
    )
    hand_kept = step == row.step_by_hand
    if step == row.step and (hand_kept or row.step_by_hand is None):
        trajectory.step = step
        return trajectory
    Trajectory.objects.filter(pk=row.pk).update(
        step=step,
        step_by_hand=row.step_by_hand if hand_kept else None,
        step_by_hand_facts=row.step_by_hand_facts if hand_kept else None,
    )
    trajectory.step = step
    if step != row.step:
        trajectory_log(
            trajectory,
            "trajectories.trajectory.step_followed",
            from_step=row.step,
            to_step=step,
            because=in_every_language(stepping.because(step)),
        )
    return trajectory


def trajectory_steps_refresh_all(*, today: date) -> int:
    """The daily pass for the rule that depends on the calendar (step 6): every running
    trajectory whose step the facts now put elsewhere; returns how many moved."""
    rows = stepping.with_step_facts(
        Trajectory.objects.filter(status=Status.RUNNING).select_related("organisation"), today
    )
    moved = 0
    for row in rows.iterator(chunk_size=500):
        before = row.step
        if _follow_facts(row, row).step != before:
            moved += 1
    return moved


def step_listener(*, trajectory: Trajectory, fact: str) -> None:
    """core.hooks: a fact of the trajectory changed."""
    trajectory_step_refresh(trajectory=trajectory)


@transaction.atomic
def trajectory_finish(*, trajectory: Trajectory, membership: Membership) -> Trajectory:
    trajectory = _locked(trajectory)
    _check(FINISH, trajectory, membership)
    return _move(
        trajectory,
        status=Status.FINISHING,
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
        available.append(AvailableTransition(transition, reasons))
    return available
