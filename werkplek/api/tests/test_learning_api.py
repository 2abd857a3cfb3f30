"""The learning on the job through the API: plan versions, logbook, attendance days."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from werkplek.api.tests.helpers import org_url
from werkplek.attendance.services import DayInput, attendance_save
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.competences.tests.factories import competence, running
from werkplek.logbook.services import Observation, log_entry_create
from werkplek.plans.models import LearningMoment, PlanGoal
from werkplek.plans.services import (
    learning_moment_save,
    plan_goal_save,
    plan_revise,
    plan_start,
    plan_version_agree,
)


@pytest.fixture
def trajectory(make_trajectory, organisation, mentor, trainee):
    trajectory = running(
        make_trajectory, mentors=[mentor], candidate=CandidateFactory(organisation=organisation)
    )
    trajectory.candidate.user = trainee
    trajectory.candidate.save()
    return trajectory


@pytest.fixture
def agreed_and_draft(trajectory, organisation, mentor):
    version = plan_start(trajectory=trajectory, by=mentor)
    goal = plan_goal_save(
        goal=PlanGoal(version=version, competence=competence(organisation, "manoeuvring"))
    )
    learning_moment_save(
        moment=LearningMoment(
            version=version,
            date=trajectory.period_start + timedelta(days=3),
            duration_hours=Decimal("4"),
            topic="Manoeuvreren op het oefenterrein",
            led_by_name="Instructeur FCBO",
        ),
        goals=[goal],
    )
    agreed = plan_version_agree(version=version, by=mentor)
    draft = plan_revise(trajectory=trajectory, by=mentor, reason="Meer oefenen")
    return agreed, draft, goal


def test_the_mentor_reads_the_plan_with_its_goals_and_moments(
    api_for, mentor, trajectory, agreed_and_draft
):
    _agreed, _draft, goal = agreed_and_draft
    page = api_for(mentor).get(org_url("plans"), trajectory=str(trajectory.public_id)).json()
    by_number = {item["number"]: item for item in page["items"]}
    assert set(by_number) == {1, 2}
    first = by_number[1]
    assert first["status"] == "agreed"
    assert first["goals"][0]["competence"] == "manoeuvring"
    assert first["moments"][0]["topic"] == "Manoeuvreren op het oefenterrein"
    assert first["moments"][0]["goals"] == [str(goal.public_id)]
    assert by_number[2]["status"] == "draft"


def test_the_trainee_sees_the_agreed_plan_but_not_the_draft(api_for, trainee, agreed_and_draft):
    agreed, draft, _goal = agreed_and_draft
    api = api_for(trainee)
    page = api.get(org_url("plans")).json()
    assert [item["id"] for item in page["items"]] == [str(agreed.public_id)]
    assert api.get(org_url(f"plans/{draft.public_id}")).status_code == 404


def test_the_logbook_and_attendance_of_my_trainee_only(
    api_for, organisation, mentor, other_mentor, trajectory, make_trajectory
):
    today = timezone.localdate()
    log_entry_create(
        trajectory=trajectory,
        author=mentor,
        by_trainee=False,
        day=today,
        description="Eerste rit met passagiers",
        hours=Decimal("3.5"),
        observations=[Observation(competence(organisation, "eco_driving"), 3)],
    )
    attendance_save(
        trajectory=trajectory,
        days=[DayInput(day=today, status="present", hours=Decimal("7.6"))],
        by=mentor,
    )
    entries = api_for(mentor).get(org_url("log-entries")).json()["items"]
    assert [(e["description"], e["hours"], e["competences"]) for e in entries] == [
        ("Eerste rit met passagiers", "3.50", ["eco_driving"])
    ]
    days = api_for(mentor).get(org_url("attendance-days"), status="present").json()["items"]
    assert [(d["date"], d["hours"]) for d in days] == [(today.isoformat(), "7.60")]
    other = api_for(other_mentor)
    assert other.get(org_url("log-entries")).json()["items"] == []
    assert other.get(org_url("attendance-days")).json()["items"] == []
    foreign = other.get(org_url(f"log-entries/{entries[0]['id']}"))
    assert foreign.status_code == 404


def test_another_organisation_sees_nothing(api_for, outsider, trajectory, agreed_and_draft):
    agreed, _draft, _goal = agreed_and_draft
    api = api_for(outsider)
    assert api.get(org_url(f"plans/{agreed.public_id}")).status_code == 404
    assert api.get(org_url(f"plans/{agreed.public_id}", org="andere")).status_code == 404


def test_plan_lists_use_a_fixed_number_of_queries(
    api_for, coordinator, organisation, mentor, make_trajectory, django_assert_max_num_queries
):
    api = api_for(coordinator)
    for _ in range(3):
        trajectory = running(make_trajectory, mentors=[mentor])
        version = plan_start(trajectory=trajectory, by=mentor)
        plan_goal_save(
            goal=PlanGoal(version=version, competence=competence(organisation, "manoeuvring"))
        )
    with django_assert_max_num_queries(12):
        page = api.get(org_url("plans")).json()
    assert len(page["items"]) == 3
