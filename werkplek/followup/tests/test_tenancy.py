"""Another organisation's learning records are a 404 on every page of these apps, for every
role (the foundation's walk only finds objects the foundation creates)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from werkplek.accounts.models import Membership
from werkplek.accounts.tests.factories import MembershipFactory
from werkplek.attendance.services import DayInput, attendance_save
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.competences.models import CompetenceRating
from werkplek.competences.tests.factories import competence, framework_of, running
from werkplek.conftest import membership_of
from werkplek.core.tests.test_permissions import ORG_URLS, url_for
from werkplek.followup.models import FollowUpRule
from werkplek.followup.services import followup_rule_save
from werkplek.logbook.services import Observation, log_entry_create
from werkplek.plans.models import LearningMoment, PlanDispatch, PlanGoal
from werkplek.plans.services import (
    learning_moment_save,
    plan_goal_save,
    plan_send,
    plan_start,
    plan_version_agree,
)

APPS = ("competences/", "plans/", "logbook/", "attendance/", "followup/")
ROUTES = [(route, entry) for route, entry in ORG_URLS if route.startswith(APPS)]


@pytest.fixture
def foreign(other_organisation, make_trajectory):
    """One of every learning record, in the other organisation."""
    boss = MembershipFactory(organisation=other_organisation, role=Membership.Role.ADMIN).user
    trajectory = running(
        make_trajectory,
        organisation=other_organisation,
        candidate=CandidateFactory(organisation=other_organisation),
        mentors=[boss],
        by=boss,
        coordinator=boss,
    )
    version = plan_start(trajectory=trajectory, by=boss)
    eco = competence(other_organisation, "eco_driving")
    goal = plan_goal_save(goal=PlanGoal(version=version, competence=eco))
    moment = learning_moment_save(
        moment=LearningMoment(
            version=version,
            date=trajectory.actual_start,
            duration_hours=Decimal("2"),
            topic="Rondleiding",
        ),
        goals=[goal],
    )
    version = plan_version_agree(version=version, by=boss)
    plan_send(version=version, method=PlanDispatch.Method.IN_PERSON, by=boss)
    log_entry_create(
        trajectory=trajectory,
        author=boss,
        by_trainee=False,
        day=timezone.localdate(),
        description="Rit",
        observations=[Observation(eco, 2)],
    )
    attendance_save(
        trajectory=trajectory, days=[DayInput(trajectory.actual_start, "present")], by=boss
    )
    followup_rule_save(
        rule=FollowUpRule(
            trajectory=trajectory,
            subject="goal",
            goal=goal,
            frequency="weekly",
            starts_on=trajectory.actual_start,
            ends_on=trajectory.actual_start + timedelta(weeks=3),
        ),
        by=boss,
    )
    assert CompetenceRating.objects.filter(trajectory=trajectory).exists()
    objects = [
        trajectory,
        version,
        goal,
        moment,
        trajectory.log_entries.get(),
        trajectory.followup_rules.get(),
        trajectory.followup_moments.first(),
        framework_of(other_organisation),
        eco,
    ]
    return {type(obj).__name__: obj.public_id for obj in objects}


def test_these_apps_have_pages_with_an_object_in_the_address():
    assert len([r for r, _e in ROUTES if "public_id" in r]) >= 25


@pytest.mark.parametrize("app", APPS)
def test_another_organisations_records_are_404_for_every_role(
    client_for, foreign, organisation, admin, coordinator, mentor, trainee, guest, app
):
    clients = {
        membership_of(user, organisation).role: client_for(user)
        for user in (admin, coordinator, mentor, trainee, guest)
    }
    for route, entry in ROUTES:
        if not route.startswith(app) or "public_id" not in route:
            continue
        for role, client in clients.items():
            allowed = role in entry.callback.member_roles
            # a role the page is not for is refused before any lookup: one object suffices
            objects = foreign.items() if allowed else list(foreign.items())[:1]
            expected = {404} if allowed else {403}
            for label, public_id in objects:
                url = url_for(route, "autocars", public_id)
                assert client.post(url).status_code in expected, f"{role} POST {url} ({label})"
                status = client.get(url).status_code
                assert status in expected | {405}, f"{role} GET {url} ({label})"
