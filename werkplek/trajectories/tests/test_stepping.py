"""The step follows the facts: one test per entry rule, the manual move with its reason,
the daily pass for the rule that depends on the calendar, and what the pages offer."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.competences.models import CompetenceFramework
from werkplek.competences.services import competence_profile_set
from werkplek.competences.tests.factories import running
from werkplek.conftest import membership_of
from werkplek.evaluations.models import Evaluation
from werkplek.evaluations.tests.factories import held, scheduled
from werkplek.followup.models import FollowUpRule
from werkplek.followup.services import followup_moment_resolve, followup_rule_save
from werkplek.intake.models import MeetingKind
from werkplek.intake.services import meeting_plan, meeting_set_status
from werkplek.trajectories import transitions
from werkplek.trajectories.models import Status, Step, Trajectory
from werkplek.trajectories.stepping import StepFacts, derived_step
from werkplek.trajectories.tests.test_transitions import resolve_gate


@pytest.fixture
def staff(coordinator, organisation):
    return membership_of(coordinator, organisation)


@pytest.fixture
def preparing(make_trajectory, staff, mentor):
    start = timezone.localdate()
    trajectory = make_trajectory(
        mentors=[mentor], planned_start=start, planned_end=start + timedelta(weeks=12)
    )
    return transitions.trajectory_confirm(trajectory=trajectory, membership=staff)


@pytest.fixture
def started(make_trajectory, organisation, mentor, trainee):
    candidate = CandidateFactory(organisation=organisation, user=trainee)
    trajectory = running(make_trajectory, mentors=[mentor], candidate=candidate, days_ago=40)
    framework = CompetenceFramework.objects.filter(organisation=organisation).first()
    competence_profile_set(trajectory=trajectory, framework=framework)
    return trajectory


def step_of(trajectory) -> int:
    return Trajectory.objects.values_list("step", flat=True).get(pk=trajectory.pk)


def hold_meeting(trajectory, kind, by):
    meeting = meeting_plan(
        trajectory=trajectory,
        by=by,
        kind=kind,
        starts_at=timezone.make_aware(datetime.now() - timedelta(days=1)),
    )
    return meeting_set_status(meeting=meeting, by=by, status="held")


@pytest.mark.parametrize(
    ("facts", "step"),
    [
        (StepFacts(status=Status.DRAFT), 1),
        (StepFacts(status=Status.PREPARING, introduction_held=True), 2),
        (StepFacts(status=Status.PREPARING, introduction_held=True, tour_held=True), 3),
        (StepFacts(status=Status.READY), 3),
        (StepFacts(status=Status.RUNNING), 4),
        (StepFacts(status=Status.RUNNING, followup_done=True), 5),
        (StepFacts(status=Status.RUNNING, followup_done=True, interim_near=True), 6),
        (StepFacts(status=Status.RUNNING, interim_near=True, interim_held=True), 7),
        (StepFacts(status=Status.RUNNING, interim_held=True, final_planned=True), 8),
        (StepFacts(status=Status.FINISHING), 8),
        # facts of the later steps do not count before the start
        (StepFacts(status=Status.PREPARING, interim_near=True, final_planned=True), 1),
    ],
)
def test_each_step_has_its_entry_rule(facts, step):
    assert derived_step(facts) == step


def test_the_kennismaking_and_the_rondleiding_move_the_step_before_the_start(
    preparing, coordinator
):
    assert step_of(preparing) == Step.PREPARATION
    hold_meeting(preparing, MeetingKind.INTRODUCTION, coordinator)
    assert step_of(preparing) == Step.INTRODUCTION_MEETING
    hold_meeting(preparing, MeetingKind.WORKPLACE_TOUR, coordinator)
    assert step_of(preparing) == Step.INTRODUCTION
    event = preparing.events.filter(action="trajectories.trajectory.step_followed").first()
    assert event.data["to_step"] == 3 and event.actor is None


def test_ready_and_start_put_the_trajectory_in_step_3_and_4(preparing, staff, coordinator):
    resolve_gate(preparing, coordinator)
    assert transitions.trajectory_mark_ready(trajectory=preparing, membership=staff).step == 3
    assert transitions.trajectory_start(trajectory=preparing, membership=staff).step == 4


def test_a_first_follow_up_done_moves_to_step_5(started, mentor):
    rule = followup_rule_save(
        rule=FollowUpRule(
            trajectory=started,
            subject=FollowUpRule.Subject.TOPIC,
            topic="Wekelijks gesprek",
            frequency=FollowUpRule.Frequency.WEEKLY,
            starts_on=started.actual_start,
            ends_on=started.actual_start + timedelta(weeks=4),
            responsible=mentor,
        ),
        by=mentor,
    )
    assert step_of(started) == Step.LEARNING
    followup_moment_resolve(moment=rule.moments.first(), by=mentor, state="done")
    assert step_of(started) == Step.FOLLOW_UP


def test_an_interim_evaluation_moves_to_6_when_it_comes_near_and_to_7_when_held(
    started, coordinator
):
    far = scheduled(started, coordinator, on=timezone.localdate() + timedelta(days=30))
    assert step_of(started) == Step.LEARNING  # planned early, as the handbook asks: not yet
    Evaluation.objects.filter(pk=far.pk).update(scheduled_on=timezone.localdate())
    moved = transitions.trajectory_steps_refresh_all(today=timezone.localdate())
    assert moved == 1 and step_of(started) == Step.EVALUATION
    held(far, coordinator)
    assert step_of(started) == Step.CONTINUATION


def test_final_evaluation_phase_only_with_a_final_evaluation_planned(started, staff, coordinator):
    with pytest.raises(transitions.TransitionRefused, match="Plan the final evaluation"):
        transitions.trajectory_finish(trajectory=started, membership=staff)
    scheduled(started, coordinator, kind=Evaluation.Kind.FINAL)
    assert step_of(started) == Step.FINAL_EVALUATION
    finishing = transitions.trajectory_finish(trajectory=started, membership=staff)
    assert (finishing.status, finishing.step) == (Status.FINISHING, Step.FINAL_EVALUATION)


def test_a_step_moved_by_hand_needs_a_reason_and_holds_until_the_facts_change(
    started, staff, coordinator, mentor, organisation
):
    with pytest.raises(transitions.TransitionRefused, match="Say why"):
        transitions.trajectory_step_move(trajectory=started, membership=staff, step=5, reason=" ")
    with pytest.raises(transitions.TransitionRefused, match="role"):
        transitions.trajectory_step_move(
            trajectory=started,
            membership=membership_of(mentor, organisation),
            step=5,
            reason="Volgt op",
        )
    with pytest.raises(transitions.TransitionRefused, match="between 4 and 8"):
        transitions.trajectory_step_move(
            trajectory=started, membership=staff, step=2, reason="Terug"
        )
    transitions.trajectory_step_move(
        trajectory=started, membership=staff, step=5, reason="Opvolging op papier gebeurd"
    )
    event = started.events.get(action="trajectories.trajectory.step_moved")
    assert event.data == {"from_step": 4, "to_step": 5, "reason": "Opvolging op papier gebeurd"}
    assert event.actor == coordinator
    transitions.trajectory_step_refresh(trajectory=started)  # the same facts: the choice holds
    assert step_of(started) == 5
    scheduled(started, coordinator, on=timezone.localdate())  # a new fact: facts lead again
    assert step_of(started) == Step.EVALUATION
    assert Trajectory.objects.get(pk=started.pk).step_by_hand is None


def test_the_overview_offers_no_next_step_and_says_why_this_step(
    client_for, coordinator, mentor, started
):
    page = client_for(mentor).get(started.get_absolute_url())
    text = page.content.decode()
    assert "Volgende stap" not in text and "Vorige stap" not in text
    assert "In deze stap omdat het traject gestart is." in text
    assert "Stap met de hand verplaatsen" not in text  # a mentor cannot move it
    coordinator_page = client_for(coordinator).get(started.get_absolute_url()).content.decode()
    assert "Stap met de hand verplaatsen" in coordinator_page
    assert "Plan eerst de eindevaluatie" in coordinator_page  # why it cannot begin yet


def test_the_step_move_page_keeps_input_and_shows_the_error_next_to_the_field(
    client_for, coordinator, mentor, started
):
    url = f"/o/{started.organisation.slug}/trajectories/{started.public_id}/step/"
    assert client_for(mentor).get(url).status_code == 403
    client = client_for(coordinator)
    refused = client.post(url, {"step": "5", "reason": ""})
    assert refused.status_code == 422
    assert (
        'id="id_reason_error"' in refused.content.decode()
        or "errorlist" in refused.content.decode()
    )
    done = client.post(url, {"step": "5", "reason": "Op papier opgevolgd"})
    assert done.status_code == 302
    assert step_of(started) == 5
