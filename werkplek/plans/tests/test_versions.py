from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from werkplek.competences.tests.factories import competence, running
from werkplek.plans.models import LearningMoment, PlanGoal, PlanVersion
from werkplek.plans.selectors import competence_progress, plan_current
from werkplek.plans.services import (
    GoalSpec,
    MomentSpec,
    learning_moment_save,
    plan_goal_save,
    plan_revise,
    plan_start,
    plan_version_agree,
)


@pytest.fixture
def trajectory(make_trajectory, mentor):
    return running(make_trajectory, mentors=[mentor])


def draft_with_goal_and_moment(trajectory, organisation, by):
    version = plan_start(trajectory=trajectory, by=by)
    goal = plan_goal_save(
        goal=PlanGoal(version=version, competence=competence(organisation, "manoeuvring"))
    )
    moment = learning_moment_save(
        moment=LearningMoment(
            version=version,
            date=trajectory.period_start + timedelta(days=3),
            duration_hours=Decimal("4"),
            topic="Manoeuvreren op het oefenterrein",
            led_by_name="Instructeur FCBO",
        ),
        goals=[goal],
    )
    return version, goal, moment


def test_agreeing_version_1_ticks_the_training_plan_item(trajectory, organisation, mentor):
    version, goal, _moment = draft_with_goal_and_moment(trajectory, organisation, mentor)
    assert goal.target_level == 3  # the scale's "acquired" level by default
    assert trajectory.checklist_items.get(code="training_plan").state == "open"
    version = plan_version_agree(version=version, by=mentor)
    assert (version.status, version.agreed_by) == (PlanVersion.Status.AGREED, mentor)
    assert trajectory.checklist_items.get(code="training_plan").state == "done"


def test_a_plan_needs_a_goal_before_it_is_agreed(trajectory, mentor):
    version = plan_start(trajectory=trajectory, by=mentor)
    with pytest.raises(ValidationError, match="at least one goal"):
        plan_version_agree(version=version, by=mentor)


def test_changing_an_agreed_plan_makes_a_new_version_and_keeps_the_old(
    trajectory, organisation, mentor
):
    version, goal, moment = draft_with_goal_and_moment(trajectory, organisation, mentor)
    v1 = plan_version_agree(version=version, by=mentor)
    goal.target_level = 4
    with pytest.raises(ValidationError, match="agreed and no longer changes"):
        plan_goal_save(goal=goal)
    with pytest.raises(ValidationError, match="Say why"):
        plan_revise(trajectory=trajectory, reason="  ", by=mentor)

    v2 = plan_revise(trajectory=trajectory, reason="Tussentijdse evaluatie", by=mentor)
    assert (v2.number, v2.status, v2.reason) == (2, "draft", "Tussentijdse evaluatie")
    copy = v2.goals.get()
    assert copy.pk != goal.pk and copy.lineage == goal.lineage
    moment_copy = v2.moments.get()
    assert moment_copy.lineage == moment.lineage and list(moment_copy.goals.all()) == [copy]
    assert plan_current(trajectory) == v1  # still the agreed one

    copy.target_level = 4
    plan_goal_save(goal=copy)
    plan_version_agree(version=v2, by=mentor)
    v1.refresh_from_db()
    assert v1.status == PlanVersion.Status.SUPERSEDED
    assert v1.goals.get().target_level == 3  # history unchanged
    assert plan_current(trajectory).goals.get().target_level == 4


def test_additions_from_an_evaluation_go_into_a_new_version(trajectory, organisation, mentor):
    version, _goal, _moment = draft_with_goal_and_moment(trajectory, organisation, mentor)
    plan_version_agree(version=version, by=mentor)
    eco = competence(organisation, "eco_driving")
    day = trajectory.period_start + timedelta(days=20)
    v2 = plan_revise(
        trajectory=trajectory,
        reason="Actiepunt tussentijdse evaluatie",
        by=mentor,
        goals=[GoalSpec(eco, target_level=3, target_date=day + timedelta(days=30))],
        moments=[MomentSpec(day, "Meetrit eco-rijden", Decimal("3"), competences=[eco])],
    )
    assert {g.competence.code for g in v2.goals.all()} == {"manoeuvring", "eco_driving"}
    added = v2.moments.get(topic="Meetrit eco-rijden")
    assert [g.competence.code for g in added.goals.all()] == ["eco_driving"]
    # a second call while the draft exists adds to that draft
    again = plan_revise(
        trajectory=trajectory,
        reason="",
        by=mentor,
        goals=[GoalSpec(None, description="Code 95 nascholing volgen")],
    )
    assert again == v2 and v2.goals.count() == 3


def test_bad_input_for_a_moment_is_refused_and_nothing_saved(trajectory, mentor):
    version = plan_start(trajectory=trajectory, by=mentor)
    outside = trajectory.period_end + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        learning_moment_save(
            moment=LearningMoment(
                version=version, date=outside, duration_hours=Decimal("2"), topic="Te laat"
            )
        )
    assert "Choose a date within the trajectory" in str(refused.value)
    with pytest.raises(ValidationError):
        learning_moment_save(
            moment=LearningMoment(
                version=version,
                date=trajectory.period_start,
                duration_hours=Decimal("25"),
                topic="Te lang",
            )
        )
    assert not version.moments.exists()


def test_progress_takes_the_latest_rating_against_the_agreed_target(
    trajectory, organisation, mentor
):
    from werkplek.competences.services import competence_rating_record

    version, _goal, _moment = draft_with_goal_and_moment(trajectory, organisation, mentor)
    plan_version_agree(version=version, by=mentor)
    manoeuvring = competence(organisation, "manoeuvring")
    start = trajectory.period_start
    for days, level in ((5, 1), (15, 3), (10, 2)):  # recorded out of order
        competence_rating_record(
            trajectory=trajectory,
            competence=manoeuvring,
            level=level,
            on=start + timedelta(days=days),
            source="logbook",
            by=mentor,
        )
    row = next(r for r in competence_progress(trajectory).rows if r.competence == manoeuvring)
    assert (row.level, row.target_level, row.reached) == (3, 3, True)
    assert row.steps == [(1, True, False), (2, True, False), (3, True, True), (4, False, False)]
