import pytest
from django.core.exceptions import ValidationError

from werkplek.evaluations import services
from werkplek.evaluations.models import Course, Evaluation, OutcomeDecision
from werkplek.evaluations.selectors import outcomes_overview
from werkplek.evaluations.tests.factories import end_waivers, held, scheduled
from werkplek.trajectories import transitions
from werkplek.trajectories.models import Status, Step, Trajectory


@pytest.fixture
def finishing(trajectory):
    Trajectory.objects.filter(pk=trajectory.pk).update(
        status=Status.FINISHING, step=Step.FINAL_EVALUATION
    )
    trajectory.refresh_from_db()
    return trajectory


def test_the_outcome_is_refused_before_a_final_evaluation_is_held(finishing, mentor, staff):
    with pytest.raises(ValidationError, match="Hold the final evaluation"):
        services.outcome_record(trajectory=finishing, continue_training=True, membership=staff)
    final = scheduled(finishing, mentor, Evaluation.Kind.FINAL)
    held(scheduled(finishing, mentor), mentor)  # an interim one does not count
    with pytest.raises(ValidationError, match="Hold the final evaluation"):
        services.outcome_record(trajectory=finishing, continue_training=True, membership=staff)
    with pytest.raises(transitions.TransitionRefused, match="final evaluation"):
        transitions.trajectory_close(trajectory=finishing, membership=staff, outcome="hired")
    assert final.status == "scheduled"
    held(final, mentor)
    with pytest.raises(transitions.TransitionRefused, match="Record the decision"):
        transitions.trajectory_close(trajectory=finishing, membership=staff, outcome="hired")
    finishing.refresh_from_db()
    assert finishing.status == Status.FINISHING and not OutcomeDecision.objects.exists()


def test_a_contract_decision_closes_the_trajectory_and_ticks_next_steps(finishing, mentor, staff):
    held(scheduled(finishing, mentor, Evaluation.Kind.FINAL), mentor)
    with pytest.raises(ValidationError) as refused:
        services.outcome_record(
            trajectory=finishing, contract=True, membership=staff, waivers=end_waivers(finishing)
        )
    assert set(refused.value.message_dict) == {"contract_date", "contract_type"}
    decision = services.outcome_record(
        trajectory=finishing,
        contract=True,
        membership=staff,
        contract_date=finishing.period_end,
        contract_type="Vast",
        waivers=end_waivers(finishing),
    )
    finishing.refresh_from_db()
    assert (finishing.status, finishing.outcome) == (Status.CLOSED, "hired")
    assert decision.evaluation.kind == "final"
    items = {i.code: i.state for i in finishing.checklist_items.all()}
    assert items["next_steps"] == "done" and items["contract_signed"] == "done"
    assert items["continue_training"] == "open" and items["additional_training"] == "open"
    with pytest.raises(ValidationError, match="recorded already"):
        services.outcome_record(trajectory=finishing, continue_training=True, membership=staff)


def test_additional_training_from_the_catalogue(finishing, organisation, mentor, staff):
    services.courses_seed(organisation=organisation)
    assert services.courses_seed(organisation=organisation) == 0
    held(scheduled(finishing, mentor, Evaluation.Kind.FINAL), mentor)
    nodw = Course.objects.get(organisation=organisation, code="nodw")
    services.outcome_record(
        trajectory=finishing, courses=[nodw], membership=staff, waivers=end_waivers(finishing)
    )
    finishing.refresh_from_db()
    assert finishing.outcome == "additional" and "NODW" in finishing.outcome_note_text
    items = {i.code: i.state for i in finishing.checklist_items.all()}
    assert items["additional_training"] == "done"
    assert items["additional_training_nodw"] == "done"
    assert items["additional_training_prodata"] == "open"


def test_stopping_needs_a_reason(finishing, mentor, staff):
    held(scheduled(finishing, mentor, Evaluation.Kind.FINAL), mentor)
    with pytest.raises(ValidationError, match="why"):
        services.outcome_record(
            trajectory=finishing, stop=True, membership=staff, waivers=end_waivers(finishing)
        )
    services.outcome_record(
        trajectory=finishing,
        stop=True,
        membership=staff,
        reason="Geen vacature",
        waivers=end_waivers(finishing),
    )
    finishing.refresh_from_db()
    assert (finishing.status, finishing.outcome) == (Status.CLOSED, "not_hired")
    assert "Geen vacature" in finishing.outcome_note_text


def test_outcomes_overview_counts_per_kind_and_outcome(
    finishing, organisation, mentor, staff, django_assert_max_num_queries
):
    final = scheduled(finishing, mentor, Evaluation.Kind.FINAL)
    from werkplek.competences.tests.factories import competence
    from werkplek.plans.models import PlanGoal
    from werkplek.plans.services import plan_goal_save, plan_start, plan_version_agree

    version = plan_start(trajectory=finishing, by=mentor)
    goal = plan_goal_save(
        goal=PlanGoal(version=version, competence=competence(organisation, "manoeuvring"))
    )
    plan_version_agree(version=version, by=mentor)
    services.goal_results_save(
        evaluation=final,
        results=[services.GoalVerdict(goal, False, "")],
        judgement="partly",
        judgement_note="",
        by=mentor,
    )
    held(final, mentor)
    services.outcome_record(
        trajectory=finishing,
        contract=True,
        membership=staff,
        contract_date=finishing.period_end,
        contract_type="Vast",
        waivers=end_waivers(finishing),
    )
    finishing.refresh_from_db()
    with django_assert_max_num_queries(4):
        overview = outcomes_overview(
            organisation, start=finishing.actual_end, end=finishing.actual_end
        )
    assert overview.total == 1 and overview.hired_share == 1.0
    assert overview.by_kind[0]["total"] == 1 and overview.by_kind[0]["hired"] == 1
    assert overview.average_days == (finishing.actual_end - finishing.actual_start).days
    assert overview.goals_not_reached[0]["goal__competence__code"] == "manoeuvring"


def test_drafts_stopped_before_they_started_are_not_early_stops(
    make_trajectory, organisation, staff, client_for, coordinator
):
    # Three test drafts stopped before they ever started pulled the hire rate from 67 % to
    # 33 %: they are no early stop (nobody started), so they are counted apart.
    from django.utils import timezone

    from werkplek.competences.tests.factories import running
    from werkplek.trajectories.models import Outcome

    today = timezone.localdate()
    for _ in range(2):
        hired = running(make_trajectory)
        Trajectory.objects.filter(pk=hired.pk).update(
            status=Status.CLOSED, outcome=Outcome.HIRED, actual_end=today
        )
    transitions.trajectory_stop(
        trajectory=running(make_trajectory), membership=staff, reason="Ziek"
    )
    for _ in range(3):
        draft = make_trajectory()
        transitions.trajectory_stop(trajectory=draft, membership=staff, reason="Testdossier")

    overview = outcomes_overview(organisation, start=today, end=today)
    assert overview.total == 3
    assert round(overview.hired_share, 2) == 0.67
    assert {row["outcome"]: row["count"] for row in overview.by_outcome} == {
        "Hired: contract signed": 2,
        "Stopped early": 1,
    }
    assert overview.stopped_before_start == 3

    page = client_for(coordinator).get("/o/autocars/evaluations/outcomes/").content.decode()
    assert "67%" in page
    assert "3 trajecten gestopt voor ze begonnen, niet meegeteld" in page
