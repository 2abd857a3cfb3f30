from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from werkplek.competences.tests.factories import competence, monday_before, running
from werkplek.followup.models import FollowUpMoment, FollowUpRule
from werkplek.followup.schedule import is_workday
from werkplek.followup.services import (
    followup_moment_reopen,
    followup_moment_resolve,
    followup_rule_save,
)
from werkplek.logbook.models import LogEntry
from werkplek.logbook.services import Observation, log_entry_create, log_entry_delete
from werkplek.plans.models import LearningMoment, PlanGoal
from werkplek.plans.services import (
    learning_moment_save,
    plan_goal_save,
    plan_revise,
    plan_start,
    plan_version_agree,
)
from werkplek.trajectories.models import Trajectory

State = FollowUpMoment.State


@pytest.fixture
def trajectory(make_trajectory, mentor):
    """Started on the Monday five weeks ago; runs 16 weeks."""
    trajectory = running(make_trajectory, mentors=[mentor])
    start = monday_before(timezone.localdate()) - timedelta(weeks=5)
    Trajectory.objects.filter(pk=trajectory.pk).update(actual_start=start, planned_start=start)
    trajectory.refresh_from_db()
    return trajectory


def last_workday_up_to(day):
    """Friday, or the day before when Friday is a public holiday (Christmas, 11/11…)."""
    while not is_workday(day):
        day -= timedelta(days=1)
    return day


def weekly(trajectory, by, **fields):
    fields.setdefault("subject", FollowUpRule.Subject.TOPIC)
    fields.setdefault("topic", "Wekelijks gesprek")
    return followup_rule_save(
        rule=FollowUpRule(
            trajectory=trajectory,
            frequency=FollowUpRule.Frequency.WEEKLY,
            starts_on=trajectory.actual_start,
            ends_on=trajectory.actual_start + timedelta(weeks=4, days=-1),
            responsible=by,
            **fields,
        ),
        by=by,
    )


def log(trajectory, by, day, codes=(), organisation=None, description="Leermoment", **fields):
    return log_entry_create(
        trajectory=trajectory,
        author=by,
        by_trainee=False,
        day=day,
        description=description,
        observations=[Observation(competence(organisation, code)) for code in codes],
        **fields,
    )


def test_a_rule_generates_dated_moments_per_period(trajectory, mentor):
    rule = weekly(trajectory, mentor)
    moments = list(rule.moments.order_by("due_date"))
    start = trajectory.actual_start
    fridays = [start + timedelta(weeks=n, days=4) for n in range(4)]
    assert [(m.window_start, m.due_date) for m in moments] == [
        (start + timedelta(weeks=n), last_workday_up_to(friday)) for n, friday in enumerate(fridays)
    ]
    assert {m.state for m in moments} == {State.OPEN}


def test_a_logbook_entry_on_the_competence_covers_its_week_and_deleting_it_reopens(
    trajectory, mentor, organisation
):
    rule = weekly(
        trajectory,
        mentor,
        subject="competence",
        competence=competence(organisation, "manoeuvring"),
        topic="",
    )
    start = trajectory.actual_start
    log(trajectory, mentor, start + timedelta(days=1), ["eco_driving"], organisation)
    assert not rule.moments.filter(state=State.DONE).exists()  # another competence
    entry = log(trajectory, mentor, start + timedelta(days=9), ["manoeuvring"], organisation)
    covered = rule.moments.get(state=State.DONE)
    assert covered.window_start == start + timedelta(weeks=1) and covered.covered_by == entry
    log_entry_delete(entry=entry, by=mentor)
    assert not rule.moments.filter(state=State.DONE).exists()


def test_a_goal_is_covered_by_the_organised_moment_for_it_even_in_a_later_version(
    trajectory, mentor, organisation
):
    version = plan_start(trajectory=trajectory, by=mentor)
    goal = plan_goal_save(
        goal=PlanGoal(version=version, competence=competence(organisation, "eco_driving"))
    )
    plan_version_agree(version=version, by=mentor)
    rule = weekly(trajectory, mentor, subject="goal", goal=goal, topic="")
    v2 = plan_revise(trajectory=trajectory, reason="Meetrit", by=mentor)
    day = trajectory.actual_start + timedelta(days=15)
    moment = learning_moment_save(
        moment=LearningMoment(version=v2, date=day, duration_hours=Decimal("3"), topic="Meetrit"),
        goals=[v2.goals.get()],
    )
    log(trajectory, mentor, day, kind=LogEntry.Kind.ORGANISED, planned_moment=moment)
    assert rule.moments.get(state=State.DONE).window_start == trajectory.actual_start + timedelta(
        weeks=2
    )


def test_marking_by_hand_and_skipping_need_the_right_input(trajectory, mentor):
    rule = weekly(trajectory, mentor)
    first, second = list(rule.moments.order_by("due_date"))[:2]
    followup_moment_resolve(moment=first, by=mentor, state=State.DONE, note="Besproken")
    with pytest.raises(ValidationError, match="why"):
        followup_moment_resolve(moment=second, by=mentor, state=State.SKIPPED)
    with pytest.raises(ValidationError, match="not open"):
        followup_moment_resolve(moment=first, by=mentor, state=State.DONE)
    followup_moment_reopen(moment=first)
    first.refresh_from_db()
    assert first.state == State.OPEN


def test_changing_a_rule_keeps_what_was_followed_up_by_hand(trajectory, mentor):
    rule = weekly(trajectory, mentor)
    first = rule.moments.order_by("due_date").first()
    followup_moment_resolve(moment=first, by=mentor, state=State.DONE, note="Gesprek")
    rule.frequency = FollowUpRule.Frequency.EVERY_N_DAYS
    rule.interval = 10
    rule.starts_on = trajectory.actual_start + timedelta(days=1)
    followup_rule_save(rule=rule, by=mentor)
    assert rule.moments.filter(pk=first.pk, note="Gesprek").exists()
    assert rule.moments.filter(window_start=trajectory.actual_start + timedelta(days=11)).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_on": -1}, "ends_on"),  # end before start
        ({"starts_on": -10}, "starts_on"),  # before the trajectory
        ({"ends_on": 400}, "ends_on"),  # after the trajectory
    ],
)
def test_bad_rules_are_refused_and_nothing_saved(trajectory, mentor, change, field):
    start = trajectory.actual_start
    fields = {"starts_on": start + timedelta(days=7), "ends_on": start + timedelta(days=30)}
    for name, days in change.items():
        fields[name] = (start if name == "starts_on" else fields["starts_on"]) + timedelta(
            days=days
        )
    with pytest.raises(ValidationError) as refused:
        followup_rule_save(
            rule=FollowUpRule(
                trajectory=trajectory,
                subject="topic",
                topic="Stiptheid",
                frequency="weekly",
                **fields,
            ),
            by=mentor,
        )
    assert field in refused.value.message_dict
    assert not FollowUpRule.objects.exists() and not FollowUpMoment.objects.exists()


def test_the_rule_form_shows_errors_beside_the_fields(client_for, trajectory, mentor):
    url = f"/o/autocars/followup/{trajectory.public_id}/rules/new/"
    assert client_for(mentor).get(url).status_code == 200
    response = client_for(mentor).post(
        url,
        {
            "subject": "competence",
            "frequency": "every_n_days",
            "interval": "0",
            "starts_on": trajectory.actual_start.isoformat(),
            "ends_on": (trajectory.actual_start - timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    for field in ("competence", "interval", "ends_on"):
        assert f'id="id_{field}_error"' in page
    assert not FollowUpRule.objects.exists()


def test_a_topic_is_followed_up_only_by_an_entry_linked_to_it(trajectory, mentor):
    punctuality = weekly(trajectory, mentor, topic="Stiptheid bij start van de dienst")
    talk = weekly(trajectory, mentor, topic="Wekelijks gesprek")
    start = trajectory.actual_start
    log(trajectory, mentor, start + timedelta(days=1), description="Stiptheid bij start ok")
    assert not FollowUpMoment.objects.filter(state=State.DONE).exists()  # text does not count
    entry = log(trajectory, mentor, start + timedelta(days=8), topics=[punctuality])
    assert punctuality.moments.get(state=State.DONE).covered_by == entry
    assert not talk.moments.filter(state=State.DONE).exists()


def test_an_entry_cannot_be_linked_to_another_trajectorys_topic(
    make_trajectory, trajectory, mentor
):
    other = running(make_trajectory, mentors=[mentor])
    rule = weekly(trajectory, mentor)
    with pytest.raises(ValidationError) as refused:
        log(other, mentor, other.actual_start, topics=[rule])
    assert "followup_topics" in refused.value.message_dict


def test_the_logbook_form_links_an_entry_to_a_topic_from_log_it(client_for, trajectory, mentor):
    rule = weekly(trajectory, mentor, topic="Stiptheid bij start van de dienst")
    client = client_for(mentor)
    followup = client.get(f"/o/autocars/followup/{trajectory.public_id}/").content.decode()
    log_it = f"/o/autocars/logbook/{trajectory.public_id}/new/?topic={rule.public_id}"
    assert log_it in followup
    form = client.get(log_it).content.decode()
    assert "Stiptheid bij start van de dienst" in form
    assert f'value="{rule.pk}" id="id_followup_topics_0" checked' in form
    day = trajectory.actual_start + timedelta(days=2)
    response = client.post(
        log_it,
        {
            "description": "Op tijd",
            "date": day.isoformat(),
            "kind": "unorganised",
            "followup_topics": [rule.pk],
        },
    )
    assert response.status_code == 302
    assert rule.moments.get(window_start=trajectory.actual_start).state == State.DONE


def test_the_logbook_form_lists_topics_with_a_fixed_number_of_queries(
    client_for, trajectory, mentor, django_assert_max_num_queries
):
    url = f"/o/autocars/logbook/{trajectory.public_id}/new/"
    client = client_for(mentor)
    weekly(trajectory, mentor, topic="Stiptheid")
    with django_assert_max_num_queries(25) as captured:
        assert client.get(url).status_code == 200
    for topic in ("Gesprek", "Tachograaf", "Eco-rijden"):
        weekly(trajectory, mentor, topic=topic)
    with django_assert_max_num_queries(len(captured.captured_queries)):
        page = client.get(url).content.decode()
    assert "Tachograaf" in page


def test_the_goal_list_tells_two_goals_on_one_competence_apart(trajectory, mentor, organisation):
    from werkplek.followup.forms import FollowUpRuleForm

    version = plan_start(trajectory=trajectory, by=mentor)
    for words in ("Achteruit in de stelplaats", "Krappe haltes"):  # as stored before the fix
        plan_goal_save(
            goal=PlanGoal(
                version=version,
                competence=competence(organisation, "manoeuvring"),
                description=words,
            )
        )
    form = FollowUpRuleForm(trajectory=trajectory, framework=None, version=version)
    labels = [label for value, label in form.fields["goal"].choices if value]
    assert len(labels) == len(set(labels)) == 2
    assert any(label.endswith("— Krappe haltes") for label in labels)
