"""Follow-up and planned learning moments in the reminders, the calendar feed and Today."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from werkplek.competences.tests.factories import competence, running
from werkplek.conftest import membership_of
from werkplek.followup.models import FollowUpRule
from werkplek.followup.services import followup_rule_save
from werkplek.logbook.services import log_entry_create
from werkplek.notifications.agenda import agenda_for
from werkplek.notifications.calendar import calendar_events
from werkplek.notifications.models import Notification
from werkplek.notifications.scanners import notification_text
from werkplek.notifications.services import notifications_scan
from werkplek.plans.models import LearningMoment, PlanGoal
from werkplek.plans.services import (
    learning_moment_save,
    plan_goal_save,
    plan_start,
    plan_version_agree,
)


@pytest.fixture
def trajectory(make_trajectory, mentor):
    return running(make_trajectory, mentors=[mentor], days_ago=20)


def every_three_days(trajectory, mentor, organisation):
    return followup_rule_save(
        rule=FollowUpRule(
            trajectory=trajectory,
            subject="competence",
            competence=competence(organisation, "manoeuvring"),
            frequency="every_n_days",
            interval=3,
            workdays_only=False,
            starts_on=trajectory.actual_start,
            ends_on=trajectory.period_end,
            responsible=mentor,
        ),
        by=mentor,
    )


def test_overdue_follow_up_reaches_the_mentor_once(
    trajectory, organisation, mentor, coordinator, trainee
):
    rule = every_three_days(trajectory, mentor, organisation)
    overdue = rule.moments.filter(due_date__lt=timezone.localdate()).order_by("-due_date").first()
    today = overdue.due_date + timedelta(days=1)
    log_entry_create(
        trajectory=trajectory, author=mentor, by_trainee=False, day=today, description="Rit"
    )  # a log, but not about manoeuvring: the follow-up stays open
    notifications_scan(today=today)
    told = Notification.objects.filter(kind="followup.overdue", recipient=mentor)
    looked_back = rule.moments.filter(
        due_date__range=(today - timedelta(days=7), today - timedelta(days=1))
    )
    assert told.count() == looked_back.count() >= 1  # one per date within the last week
    notifications_scan(today=today)
    assert told.count() == looked_back.count()  # said once
    notification = told.get(due_date=overdue.due_date)
    assert notification.level == "late"
    with translation.override("nl"):
        text = notification_text(notification.kind, notification.params)
    assert text.startswith(f"De opvolging van {trajectory.candidate.full_name} gepland op")
    assert not Notification.objects.filter(
        kind__startswith="followup", recipient__in=[coordinator, trainee]
    ).exists()


@pytest.mark.dates
def test_a_quiet_logbook_is_told_to_the_mentors_once_a_week(trajectory, mentor, coordinator):
    today = timezone.localdate()
    notifications_scan(today=today)
    notification = Notification.objects.get(kind="logbook.quiet")
    assert notification.recipient == mentor and notification.params["count"] == 20
    assert notification.link == f"/o/autocars/logbook/{trajectory.public_id}/new/"
    tomorrow = today + timedelta(days=1)
    same_week = tomorrow if tomorrow.isocalendar().week == today.isocalendar().week else today
    notifications_scan(today=same_week)  # nothing new within the week
    assert Notification.objects.filter(kind="logbook.quiet").count() == 1
    log_entry_create(
        trajectory=trajectory, author=mentor, by_trainee=False, day=today, description="Rit"
    )
    notifications_scan(today=today + timedelta(days=7))
    assert Notification.objects.filter(kind="logbook.quiet").count() == 1


def test_learning_moments_and_follow_up_are_in_the_feed_and_on_today(
    trajectory, organisation, mentor, trainee
):
    trajectory.candidate.user = trainee
    trajectory.candidate.save()
    today = timezone.localdate()
    version = plan_start(trajectory=trajectory, by=mentor)
    plan_goal_save(
        goal=PlanGoal(version=version, competence=competence(organisation, "eco_driving"))
    )
    tomorrow = LearningMoment(
        version=version,
        date=today + timedelta(days=1),
        start_time=timezone.datetime(2000, 1, 1, 8, 30).time(),
        duration_hours=Decimal("4"),
        topic="Meetrit eco-rijden",
        place="FCBO, Mechelen",
    )
    learning_moment_save(moment=tomorrow)
    learning_moment_save(
        moment=LearningMoment(
            version=version,
            date=today - timedelta(days=2),
            duration_hours=Decimal("2"),
            topic="Tachograaf",
        )
    )
    plan_version_agree(version=version, by=mentor)
    every_three_days(trajectory, mentor, organisation)

    mentor_events = {event.uid: event for _m, event in calendar_events(user=mentor, today=today)}
    event = mentor_events[f"learning-moment-{tomorrow.lineage}"]
    assert "Meetrit eco-rijden" in event.summary and event.location == "FCBO, Mechelen"
    assert event.start.hour == 8 and (event.end - event.start) == timedelta(hours=4)
    assert any(uid.startswith("followup-moment-") for uid in mentor_events)
    trainee_events = [event for _m, event in calendar_events(user=trainee, today=today)]
    assert "Meetrit eco-rijden" in [event.summary for event in trainee_events]
    assert not any(event.uid.startswith("followup-moment-") for event in trainee_events)

    agenda = agenda_for(
        membership=membership_of(mentor, organisation),
        trajectory_ids=[trajectory.pk],
        today=today,
        until=today + timedelta(days=7),
    )[trajectory.pk]
    assert "Meetrit eco-rijden" in [entry.text for entry in agenda.coming]
    assert any(entry.text.endswith("Tachograaf") for entry in agenda.late)  # not logged yet
    assert any(
        entry.category == "Follow-up" for entry in agenda.late + agenda.today + agenda.coming
    )
