from datetime import timedelta
from decimal import Decimal

import pytest

from werkplek.accounts.models import Membership
from werkplek.competences.tests.factories import competence, running
from werkplek.conftest import membership_of
from werkplek.notifications.agenda import AGENDA_SOURCES
from werkplek.plans.models import LearningMoment, PlanGoal, PlanVersion
from werkplek.plans.services import (
    learning_moment_save,
    plan_goal_save,
    plan_revise,
    plan_start,
    plan_version_agree,
)


@pytest.fixture
def trajectory(make_trajectory, mentor, trainee, organisation):
    trajectory = running(make_trajectory, mentors=[mentor])
    trajectory.candidate.user = trainee
    trajectory.candidate.save()
    return trajectory


def plan_url(trajectory, rest=""):
    return f"/o/autocars/plans/{trajectory.public_id}/{rest}"


def add_moments(version, count, by=None):
    start = version.trajectory.period_start
    for index in range(count):
        learning_moment_save(
            moment=LearningMoment(
                version=version,
                date=start + timedelta(days=index),
                duration_hours=Decimal("2"),
                topic=f"Leermoment {index}",
                led_by=by,
            )
        )


def test_a_mentor_draws_up_the_plan_through_the_pages(
    client_for, trajectory, organisation, mentor, trainee
):
    client = client_for(mentor)
    page = client.get(plan_url(trajectory)).content.decode()
    assert "Opleidingsplan" in page
    client.post(plan_url(trajectory, "start/"))
    version = PlanVersion.objects.get(trajectory=trajectory)
    manoeuvring = competence(organisation, "manoeuvring")
    response = client.post(
        plan_url(trajectory, "goals/new/"),
        {
            "competence": manoeuvring.pk,
            "target_level": "4",
            "target_date": trajectory.period_end.isoformat(),
            "description": "Zelfstandig achteruit de stelplaats in",
        },
    )
    assert response.status_code == 302
    goal = version.goals.get()
    response = client.post(
        plan_url(trajectory, "moments/new/"),
        {
            "date": (trajectory.period_start + timedelta(days=2)).isoformat(),
            "start_time": "08:30",
            "duration_hours": "3.5",
            "topic": "Oefenterrein",
            "led_by": mentor.pk,
            "place": "FCBO Gent",
            "goals": [goal.pk],
        },
    )
    assert response.status_code == 302
    client.post(f"/o/autocars/plans/version/{version.public_id}/agree/")
    version.refresh_from_db()
    assert version.is_draft and version.proposed_at  # the mentor's own agreement is asked
    acknowledge = f"/o/autocars/plans/version/{version.public_id}/acknowledge/"
    client.post(acknowledge, {"typed_name": "Mentor", "agreed": "on"})
    version.refresh_from_db()
    assert version.is_draft  # the trainee has not agreed yet
    client_for(trainee).post(acknowledge, {"typed_name": "Kevin", "agreed": "on"})
    page = client.get(plan_url(trajectory)).content.decode()
    assert "Overeengekomen" in page and "Oefenterrein" in page and "zelfstandig" in page
    assert trajectory.checklist_items.get(code="training_plan").state == "done"


def test_bad_moment_input_is_shown_beside_the_fields_and_nothing_is_saved(
    client_for, trajectory, mentor
):
    plan_start(trajectory=trajectory, by=mentor)
    response = client_for(mentor).post(
        plan_url(trajectory, "moments/new/"),
        {
            "date": (trajectory.period_end + timedelta(days=5)).isoformat(),
            "duration_hours": "25",
            "topic": "Nachtrit",
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_duration_hours_error"' in page
    assert 'value="Nachtrit"' in page
    assert not LearningMoment.objects.exists()
    response = client_for(mentor).post(
        plan_url(trajectory, "moments/new/"),
        {
            "date": (trajectory.period_end + timedelta(days=5)).isoformat(),
            "duration_hours": "2",
            "topic": "Nachtrit",
        },
    )
    assert response.status_code == 422
    assert 'id="id_date_error"' in response.content.decode()
    assert not LearningMoment.objects.exists()


def test_the_trainee_sees_the_agreed_plan_but_not_a_draft(
    client_for, trajectory, organisation, mentor, trainee
):
    version = plan_start(trajectory=trajectory, by=mentor)
    plan_goal_save(
        goal=PlanGoal(version=version, competence=competence(organisation, "eco_driving"))
    )
    add_moments(version, 1)
    client = client_for(trainee)
    assert client.get("/o/autocars/plans/mine/")["Location"] == plan_url(trajectory)
    page = client.get(plan_url(trajectory)).content.decode()
    assert "Leermoment 0" not in page and "wordt voorbereid" in page
    assert client.get(f"/o/autocars/plans/version/{version.public_id}/").status_code == 404
    plan_version_agree(version=version, by=mentor)
    page = client.get(plan_url(trajectory)).content.decode()
    assert "Leermoment 0" in page and "Versie 1 overeenkomen" not in page
    plan_revise(trajectory=trajectory, reason="Nieuwe lijn", by=mentor)
    page = client.get(plan_url(trajectory)).content.decode()
    assert "Nieuwe lijn" not in page  # the draft is not theirs to see yet
    assert client.post(plan_url(trajectory, "goals/new/")).status_code == 403


def test_earlier_versions_stay_readable(client_for, trajectory, organisation, mentor):
    version = plan_start(trajectory=trajectory, by=mentor)
    plan_goal_save(
        goal=PlanGoal(version=version, competence=competence(organisation, "eco_driving"))
    )
    add_moments(version, 1)
    plan_version_agree(version=version, by=mentor)
    v2 = plan_revise(trajectory=trajectory, reason="Extra oefenen", by=mentor)
    v2.moments.get().delete()
    plan_version_agree(version=v2, by=mentor)
    client = client_for(mentor)
    page = client.get(plan_url(trajectory)).content.decode()
    assert "Leermoment 0" not in page and "Extra oefenen" in page
    page = client.get(f"/o/autocars/plans/version/{version.public_id}/").content.decode()
    assert "Leermoment 0" in page and "Vervangen door een nieuwere versie" in page


@pytest.mark.dates
def test_plan_page_and_calendar_queries_do_not_grow_with_the_plan(
    client_for, trajectory, organisation, mentor, django_assert_max_num_queries
):
    version = plan_start(trajectory=trajectory, by=mentor)
    plan_goal_save(
        goal=PlanGoal(version=version, competence=competence(organisation, "eco_driving"))
    )
    add_moments(version, 2, by=mentor)
    client = client_for(mentor)
    start = trajectory.period_start.isoformat()  # the moments' month and week, whatever today
    urls = [
        plan_url(trajectory),
        plan_url(trajectory, f"calendar/?day={start}"),
        plan_url(trajectory, f"calendar/?view=week&day={start}"),
    ]
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(30) as captured:
            assert client.get(url).status_code == 200
        counts[url] = len(captured.captured_queries)
    for code in ("manoeuvring", "vehicle_check", "route_timetable"):
        plan_goal_save(goal=PlanGoal(version=version, competence=competence(organisation, code)))
    add_moments(version, 12, by=mentor)
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            client.get(url)


def test_the_calendar_places_moments_in_the_month_and_the_week(client_for, trajectory, mentor):
    version = plan_start(trajectory=trajectory, by=mentor)
    day = trajectory.period_start + timedelta(days=1)
    learning_moment_save(
        moment=LearningMoment(
            version=version, date=day, duration_hours=Decimal("3"), topic="Tachograaf en rusttijden"
        )
    )
    client = client_for(mentor)
    month = client.get(plan_url(trajectory, f"calendar/?day={day.isoformat()}")).content.decode()
    assert "Tachograaf en rusttijden" in month and "nog een ontwerp" in month
    week = client.get(
        plan_url(trajectory, f"calendar/?view=week&day={(day + timedelta(days=7)).isoformat()}")
    ).content.decode()
    assert "Tachograaf en rusttijden" not in week
    nonsense = client.get(plan_url(trajectory, "calendar/?day=9999-99-99"))
    assert nonsense.status_code == 200


def test_the_trajectory_page_shows_progress_per_competence(
    client_for, trajectory, organisation, mentor, coordinator
):
    version = plan_start(trajectory=trajectory, by=mentor)
    plan_goal_save(
        goal=PlanGoal(
            version=version, competence=competence(organisation, "eco_driving"), target_level=4
        )
    )
    plan_version_agree(version=version, by=mentor)
    page = client_for(coordinator).get(trajectory.get_absolute_url()).content.decode()
    assert "Vooruitgang per competentie" in page and "Eco-rijden" in page
    assert "zelfstandig" in page  # the target level in words


def test_a_guest_has_no_plan_pages(client_for, trajectory, guest, organisation):
    assert membership_of(guest, organisation).role == Membership.Role.GUEST
    assert client_for(guest).get(plan_url(trajectory)).status_code == 403


def test_the_trajectory_page_stays_bounded_with_a_full_plan_logbook_and_follow_up(
    client_for, trajectory, organisation, mentor, coordinator, django_assert_max_num_queries
):
    from werkplek.followup.models import FollowUpRule
    from werkplek.followup.services import followup_rule_save
    from werkplek.logbook.services import Observation, log_entry_create

    version = plan_start(trajectory=trajectory, by=mentor)
    plan_goal_save(
        goal=PlanGoal(version=version, competence=competence(organisation, "eco_driving"))
    )
    plan_version_agree(version=version, by=mentor)
    followup_rule_save(
        rule=FollowUpRule(
            trajectory=trajectory,
            subject="topic",
            topic="Gesprek",
            frequency="daily",
            starts_on=trajectory.period_start,
            ends_on=trajectory.period_end,
        ),
        by=mentor,
    )
    client = client_for(coordinator)
    # + "What is next": one query per agenda source, one for the open items without a date
    with django_assert_max_num_queries(25 + len(AGENDA_SOURCES)) as captured:
        assert client.get(trajectory.get_absolute_url()).status_code == 200
    for code in ("manoeuvring", "vehicle_check", "route_timetable", "incidents_emergencies"):
        log_entry_create(
            trajectory=trajectory,
            author=mentor,
            by_trainee=False,
            day=trajectory.period_start + timedelta(days=3),
            description="Rit",
            observations=[Observation(competence(organisation, code), 2)],
        )
    with django_assert_max_num_queries(len(captured.captured_queries)):
        page = client.get(trajectory.get_absolute_url()).content.decode()
    assert "Manoeuvreren" in page and "Opvolging" in page


def test_a_closed_trajectory_keeps_its_plan_as_it_was(client_for, trajectory, mentor):
    from werkplek.trajectories.models import Status, Trajectory

    version = plan_start(trajectory=trajectory, by=mentor)
    Trajectory.objects.filter(pk=trajectory.pk).update(status=Status.STOPPED)
    client = client_for(mentor)
    response = client.post(plan_url(trajectory, "goals/new/"), {"description": "Nog iets"})
    assert response.status_code == 302
    assert not version.goals.exists()
    page = client.get(response["Location"]).content.decode()
    assert "het plan verandert niet meer" in page and "Doel toevoegen" not in page
