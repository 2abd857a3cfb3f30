import pytest

from werkplek.checklists.models import ChecklistItem
from werkplek.checklists.services import checklist_item_tick, checklist_item_waive
from werkplek.conftest import membership_of
from werkplek.trajectories import transitions
from werkplek.trajectories.models import Status, Step


@pytest.fixture
def staff(coordinator, organisation):
    return membership_of(coordinator, organisation)


def resolve_gate(trajectory, by):
    """Tick every open required item of the gate; waive the ones that tick themselves from
    facts other apps record (competences mapped, plan agreed, planning handed over)."""
    for item in trajectory.checklist_items.filter(
        state="open", required=True, phase__in=["preparation", "before_start"]
    ).exclude(rule="all_children_done"):
        if item.rule:
            checklist_item_waive(item=item, by=by, reason="Not what this test is about")
        else:
            checklist_item_tick(item=item, by=by)


@pytest.fixture
def preparing(make_trajectory, staff, mentor):
    trajectory = make_trajectory(
        mentors=[mentor], planned_start="2026-12-01", planned_end="2027-03-01", hours_per_week=38
    )
    return transitions.trajectory_confirm(trajectory=trajectory, membership=staff)


def test_confirm_needs_a_coordinator(make_trajectory, staff):
    trajectory = make_trajectory(coordinator=None)
    with pytest.raises(transitions.TransitionRefused) as refused:
        transitions.trajectory_confirm(trajectory=trajectory, membership=staff)
    assert refused.value.reasons == ["Assign a coordinator first."]
    trajectory.refresh_from_db()
    assert trajectory.status == Status.DRAFT


def test_start_is_refused_while_required_items_are_open_and_lists_them(preparing, staff):
    with pytest.raises(transitions.TransitionRefused) as refused:
        transitions.trajectory_start(trajectory=preparing, membership=staff)
    message = refused.value.reasons[0]
    assert "required checklist items are still open" in message
    assert "“have the candidate take a driving test”" in message
    assert "“contract”" in message
    assert "“the candidate holds:”" not in message  # summary items: their sub-items are listed
    preparing.refresh_from_db()
    assert (preparing.status, preparing.step) == (Status.PREPARING, Step.PREPARATION)


def test_start_after_the_gate_moves_to_step_4_and_records_who(preparing, staff, coordinator):
    resolve_gate(preparing, coordinator)
    started = transitions.trajectory_start(trajectory=preparing, membership=staff)
    assert (started.status, started.step) == (Status.RUNNING, Step.LEARNING)
    assert started.actual_start is not None
    event = started.events.filter(action="trajectories.trajectory.started").get()
    assert event.actor == coordinator
    assert event.data["from_status"] == "preparing" and event.data["to_step"] == 4


def test_a_waived_item_counts_for_the_gate_but_an_optional_one_never_blocks(
    preparing, staff, coordinator
):
    contract = preparing.checklist_items.get(code="contract")
    checklist_item_waive(item=contract, by=coordinator, reason="Contract volgt via VDAB")
    resolve_gate(preparing, coordinator)
    optional = preparing.checklist_items.get(code="intake_admin_other")
    assert optional.state == ChecklistItem.State.OPEN
    transitions.trajectory_start(trajectory=preparing, membership=staff)


def test_the_gate_closes_again_when_an_automatic_item_unticks(preparing, staff, coordinator):
    from werkplek.trajectories.services import trajectory_update

    resolve_gate(preparing, coordinator)
    transitions.trajectory_mark_ready(trajectory=preparing, membership=staff)
    trajectory_update(trajectory=preparing, by=coordinator, mentors=[])
    with pytest.raises(transitions.TransitionRefused) as refused:
        transitions.trajectory_start(trajectory=preparing, membership=staff)
    assert "“assign a mentor (peter/meter)”" in refused.value.reasons[0]


def test_start_needs_a_planned_start_date(make_trajectory, staff, coordinator, mentor):
    trajectory = make_trajectory(mentors=[mentor])
    transitions.trajectory_confirm(trajectory=trajectory, membership=staff)
    resolve_gate(trajectory, coordinator)
    with pytest.raises(transitions.TransitionRefused) as refused:
        transitions.trajectory_start(trajectory=trajectory, membership=staff)
    assert "Set the planned start date first." in refused.value.reasons


def test_a_mentor_may_not_start(preparing, staff, coordinator, mentor, organisation):
    as_mentor = membership_of(mentor, organisation)
    resolve_gate(preparing, coordinator)
    with pytest.raises(transitions.TransitionRefused, match="role"):
        transitions.trajectory_start(trajectory=preparing, membership=as_mentor)
    assert transitions.trajectory_start(trajectory=preparing, membership=staff).step == 4


def test_finish_and_close_with_an_outcome(preparing, staff, coordinator, monkeypatch):
    # other apps' guards (a final evaluation planned, held) are tested in those apps
    monkeypatch.setitem(transitions._GUARDS, "close", [])
    monkeypatch.setitem(transitions._GUARDS, "finish", [])
    resolve_gate(preparing, coordinator)
    transitions.trajectory_start(trajectory=preparing, membership=staff)
    finishing = transitions.trajectory_finish(trajectory=preparing, membership=staff)
    assert (finishing.status, finishing.step) == (Status.FINISHING, Step.FINAL_EVALUATION)
    with pytest.raises(transitions.TransitionRefused, match="outcome"):
        transitions.trajectory_close(trajectory=preparing, membership=staff, outcome="")
    closed = transitions.trajectory_close(
        trajectory=preparing, membership=staff, outcome="hired", note="Vast contract"
    )
    assert closed.status == Status.CLOSED and closed.outcome == "hired"
    with pytest.raises(transitions.TransitionRefused, match="not possible"):
        transitions.trajectory_stop(trajectory=closed, membership=staff, reason="x")


def test_stop_early_needs_a_reason(preparing, staff):
    with pytest.raises(transitions.TransitionRefused, match="why"):
        transitions.trajectory_stop(trajectory=preparing, membership=staff, reason="  ")
    stopped = transitions.trajectory_stop(
        trajectory=preparing, membership=staff, reason="Andere job gevonden"
    )
    assert (stopped.status, stopped.outcome, stopped.stop_reason) == (
        Status.STOPPED,
        "stopped",
        "Andere job gevonden",
    )


def test_a_transition_from_another_organisation_is_refused(preparing, outsider, other_organisation):
    with pytest.raises(transitions.TransitionRefused, match="another organisation"):
        transitions.trajectory_finish(
            trajectory=preparing, membership=membership_of(outsider, other_organisation)
        )


def test_other_apps_can_add_guards(preparing, staff, coordinator, monkeypatch):
    monkeypatch.setitem(transitions._GUARDS, "finish", [lambda t: ["No final evaluation planned."]])
    resolve_gate(preparing, coordinator)
    transitions.trajectory_start(trajectory=preparing, membership=staff)
    with pytest.raises(transitions.TransitionRefused) as refused:
        transitions.trajectory_finish(trajectory=preparing, membership=staff)
    assert refused.value.reasons == ["No final evaluation planned."]
