from datetime import date
from decimal import Decimal

import pytest

from werkplek.candidates.services import candidate_update
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.checklists.models import ChecklistItem
from werkplek.checklists.services import checklist_item_tick, checklist_item_waive
from werkplek.trajectories.services import trajectory_update

State = ChecklistItem.State


def state(trajectory, code):
    return trajectory.checklist_items.get(code=code).state


def test_mentor_assigned_ticks_and_unticks_with_the_assignment(
    make_trajectory, coordinator, mentor
):
    trajectory = make_trajectory()
    assert state(trajectory, "mentor_assigned") == State.OPEN
    trajectory_update(trajectory=trajectory, by=coordinator, mentors=[mentor])
    item = trajectory.checklist_items.get(code="mentor_assigned")
    assert item.state == State.DONE and item.resolved_by is None
    trajectory_update(trajectory=trajectory, by=coordinator, mentors=[])
    assert state(trajectory, "mentor_assigned") == State.OPEN
    actions = list(trajectory.events.values_list("action", flat=True))
    assert "checklists.item.auto_ticked" in actions and "checklists.item.auto_unticked" in actions


def test_start_and_planning_set_needs_start_end_and_hours(make_trajectory, coordinator):
    """No pack item uses this rule any more (the planning ticks when it is handed over), but an
    organisation can still choose it for an item of its own checklist."""
    trajectory = make_trajectory(planned_start=date(2026, 12, 1))
    item = trajectory.checklist_items.get(code="first_day")
    ChecklistItem.objects.filter(pk=item.pk).update(rule="start_and_planning_set")
    assert state(trajectory, "first_day") == State.OPEN
    trajectory_update(
        trajectory=trajectory,
        by=coordinator,
        planned_end=date(2027, 2, 1),
        hours_per_week=Decimal(38),
    )
    assert state(trajectory, "first_day") == State.DONE
    trajectory_update(trajectory=trajectory, by=coordinator, hours_per_week=None)
    assert state(trajectory, "first_day") == State.OPEN


def test_contact_details_complete_follows_the_candidate(make_trajectory, organisation):
    candidate = CandidateFactory(organisation=organisation, phone="")
    trajectory = make_trajectory(candidate=candidate)
    assert state(trajectory, "contact_details") == State.OPEN
    candidate_update(candidate=candidate, phone="09 123 45 67")
    assert state(trajectory, "contact_details") == State.DONE
    candidate_update(candidate=candidate, street="")
    assert state(trajectory, "contact_details") == State.OPEN


def test_interest_relations_and_application_rules(make_trajectory, organisation):
    candidate = CandidateFactory(
        organisation=organisation, source="", subsector_interest="", has_relations_in_company=None
    )
    trajectory = make_trajectory(candidate=candidate)
    assert [
        state(trajectory, c) for c in ("application", "subsector_interest", "relations_in_company")
    ] == [State.OPEN] * 3
    candidate_update(
        candidate=candidate, source="vdab", subsector_interest="  ", has_relations_in_company=False
    )
    assert state(trajectory, "application") == State.DONE
    assert state(trajectory, "subsector_interest") == State.OPEN  # blank is not an answer
    assert state(trajectory, "relations_in_company") == State.DONE  # "no" is an answer
    candidate_update(candidate=candidate, subsector_interest="Autocar")
    assert state(trajectory, "subsector_interest") == State.DONE


def test_a_summary_item_ticks_when_its_required_sub_items_are_resolved(
    make_trajectory, coordinator
):
    from werkplek.checklists.services import checklist_item_untick

    trajectory = make_trajectory()
    checklist_item_waive(
        item=trajectory.checklist_items.get(code="stage_file"),
        by=coordinator,
        reason="Stagemap op papier bij VDAB",
    )
    assert state(trajectory, "end_admin") == State.OPEN
    checklist_item_waive(
        item=trajectory.checklist_items.get(code="attendance_end"),
        by=coordinator,
        reason="Aanwezigheden in het loonpakket",
    )
    assert state(trajectory, "end_admin") == State.DONE
    checklist_item_untick(item=trajectory.checklist_items.get(code="stage_file"), by=coordinator)
    assert state(trajectory, "end_admin") == State.OPEN


def test_an_automatic_item_cannot_be_ticked_by_hand(make_trajectory, coordinator):
    from django.core.exceptions import ValidationError

    trajectory = make_trajectory()
    with pytest.raises(ValidationError, match="ticks itself when a mentor is assigned"):
        checklist_item_tick(
            item=trajectory.checklist_items.get(code="mentor_assigned"), by=coordinator
        )


def test_untick_of_a_manual_item_is_logged(make_trajectory, coordinator):
    from werkplek.checklists.services import checklist_item_untick

    trajectory = make_trajectory()
    item = trajectory.checklist_items.get(code="intake_admin_other")
    checklist_item_tick(item=item, by=coordinator, note="Uittreksel strafregister")
    item.refresh_from_db()
    assert (item.state, item.resolved_by, item.note) == (
        State.DONE,
        coordinator,
        "Uittreksel strafregister",
    )
    checklist_item_untick(item=item, by=coordinator)
    assert state(trajectory, "intake_admin_other") == State.OPEN
    event = trajectory.events.filter(action="checklists.item.unticked").get()
    assert event.actor == coordinator


def test_waiving_needs_a_reason(make_trajectory, coordinator):
    from django.core.exceptions import ValidationError

    trajectory = make_trajectory()
    with pytest.raises(ValidationError):
        checklist_item_waive(
            item=trajectory.checklist_items.get(code="contract"), by=coordinator, reason=" "
        )
    assert state(trajectory, "contract") == State.OPEN
