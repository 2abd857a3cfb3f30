from datetime import date, datetime, time, timedelta

from django.utils import timezone

from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.conftest import membership_of
from werkplek.intake.models import MeetingKind
from werkplek.intake.reminders import meeting_agenda, meeting_events
from werkplek.intake.services import meeting_plan
from werkplek.notifications.models import Notification
from werkplek.notifications.scanners import notification_text
from werkplek.notifications.services import notifications_scan


def at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def test_participants_hear_about_tomorrows_meeting_once(
    make_trajectory, coordinator, mentor, other_mentor
):
    trajectory = make_trajectory(mentors=[mentor])
    today = timezone.localdate()
    meeting_plan(
        trajectory=trajectory,
        by=coordinator,
        kind=MeetingKind.WORKPLACE_TOUR,
        starts_at=at(today + timedelta(days=1), 9),
        participants=[other_mentor],
    )
    meeting_plan(
        trajectory=trajectory,
        by=coordinator,
        kind=MeetingKind.FOLLOW_UP,
        starts_at=at(today + timedelta(days=5), 9),
    )
    notifications_scan(today=today)
    notifications_scan(today=today)
    told = Notification.objects.filter(kind="intake.meeting_soon")
    assert set(told.values_list("recipient", flat=True)) == {
        coordinator.pk,
        mentor.pk,
        other_mentor.pk,
    }
    text = notification_text("intake.meeting_soon", told.first().params)
    assert text == (
        f"Workplace tour with {trajectory.candidate.full_name} on "
        f"{(today + timedelta(days=1)).strftime('%d/%m/%Y')} at 09:00"
    )


def test_the_calendar_shows_meetings_to_mentors_and_to_the_trainee_who_attends(
    make_trajectory, coordinator, mentor, other_mentor, trainee, organisation
):
    candidate = CandidateFactory(organisation=organisation, user=trainee, first_name="Ilse")
    trajectory = make_trajectory(candidate=candidate, mentors=[mentor])
    today = timezone.localdate()
    meeting_plan(
        trajectory=trajectory,
        by=coordinator,
        kind=MeetingKind.FIRST_DAY,
        starts_at=at(today + timedelta(days=3), 7),
        place="Stelplaats Gent",
    )
    window = {"start": today, "end": today + timedelta(days=30)}
    (event,) = meeting_events(membership=membership_of(mentor, organisation), **window)
    assert event.summary == f"First-day arrangements with {candidate.full_name}"
    assert (event.location, event.end - event.start) == ("Stelplaats Gent", timedelta(hours=1))
    (own,) = meeting_events(membership=membership_of(trainee, organisation), **window)
    assert own.summary == "First-day arrangements at Autocars Vlaanderen"
    assert (
        list(meeting_events(membership=membership_of(other_mentor, organisation), **window)) == []
    )


def test_today_lists_planned_meetings_and_the_ones_not_marked_as_held(
    make_trajectory, coordinator, mentor, organisation
):
    trajectory = make_trajectory(mentors=[mentor])
    today = timezone.localdate()
    for days in (-2, 1, 30):
        meeting_plan(
            trajectory=trajectory,
            by=coordinator,
            kind=MeetingKind.FOLLOW_UP,
            starts_at=at(today + timedelta(days=days), 15),
        )
    entries = meeting_agenda(
        membership=membership_of(mentor, organisation),
        trajectory_ids=[trajectory.pk],
        today=today,
        until=today + timedelta(days=7),
    )
    assert [entry.text for entry in entries] == [
        "Follow-up talk: mark it as held or cancelled",
        "Follow-up talk",
    ]
