from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.credentials.models import Credential
from werkplek.credentials.tests.factories import day, record
from werkplek.notifications.models import Notification
from werkplek.notifications.scanners import notification_text
from werkplek.notifications.schedule import periodic_tick
from werkplek.notifications.services import notifications_scan


def told(kind, user):
    return list(Notification.objects.filter(kind=kind, recipient=user))


@pytest.mark.dates
def test_an_expiring_credential_is_announced_once_per_band(make_trajectory, coordinator, mentor):
    trajectory = make_trajectory(mentors=[mentor])
    record(trajectory.candidate, "driver_card", by=coordinator, expires_on=day(25))
    today = timezone.localdate()
    notifications_scan(today=today)
    notifications_scan(today=today)  # nothing twice
    for person in (coordinator, mentor):
        (notification,) = told("credentials.expiring", person)
        assert notification.due_date == day(25)
        assert notification.link == (f"/o/autocars/credentials/trajectory/{trajectory.public_id}/")
    text = notification_text("credentials.expiring", notification.params)
    assert text == (
        f"Driver card of {trajectory.candidate.full_name} expires on {day(25).strftime('%d/%m/%Y')}"
    )
    notifications_scan(today=today + timedelta(days=20))  # now within 7 days: told again
    assert len(told("credentials.expiring", mentor)) == 2


def test_medical_fitness_is_announced_to_coordinators_only(
    make_trajectory, coordinator, mentor, organisation, trainee
):
    candidate = CandidateFactory(organisation=organisation, user=trainee)
    trajectory = make_trajectory(candidate=candidate, mentors=[mentor])
    record(trajectory.candidate, "medical_fitness", by=coordinator, expires_on=day(-2))
    record(trajectory.candidate, "licence_d", by=coordinator, expires_on=day(5))
    notifications_scan(today=timezone.localdate())
    assert len(told("credentials.expired", coordinator)) == 1
    assert told("credentials.expired", mentor) == told("credentials.expired", trainee) == []
    assert len(told("credentials.expiring", mentor)) == 1
    assert len(told("credentials.expiring", trainee)) == 1  # their own licence


def test_renewed_or_closed_ones_are_not_announced(make_trajectory, coordinator, mentor):
    renewed = make_trajectory(mentors=[mentor])
    record(renewed.candidate, "driver_card", by=coordinator, expires_on=day(10))
    record(renewed.candidate, "driver_card", by=coordinator, expires_on=day(1500))
    closed = make_trajectory(mentors=[mentor])
    record(closed.candidate, "driver_card", by=coordinator, expires_on=day(10))
    closed.status = "closed"
    closed.save()
    notifications_scan(today=timezone.localdate())
    assert not Notification.objects.filter(kind__startswith="credentials.").exists()


def test_the_daily_job_unticks_expired_credentials(make_trajectory, coordinator):
    trajectory = make_trajectory()
    record(trajectory.candidate, "driver_card", by=coordinator)
    Credential.objects.update(expires_on=day(-1))
    night = timezone.make_aware(datetime.combine(timezone.localdate(), time(3, 30)))
    assert "credentials.refresh_expired" not in periodic_tick(now=night)
    started = periodic_tick(now=night + timedelta(hours=1))
    assert "credentials.refresh_expired" in started
    assert trajectory.checklist_items.get(code="driver_card").state == "open"
    assert "credentials.refresh_expired" not in periodic_tick(now=night + timedelta(hours=3))
