"""The personal iCal feed: valid iCalendar, the right events, a secret that can be revoked."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from werkplek.accounts.models import Membership
from werkplek.checklists.models import ChecklistItem
from werkplek.notifications import calendar as calendar_module
from werkplek.notifications.calendar import CalendarEvent, register_calendar_source
from werkplek.notifications.models import CalendarFeed
from werkplek.notifications.services import calendar_feed_renew
from werkplek.notifications.tests.factories import set_due
from werkplek.trajectories.models import Status, Trajectory

BRUSSELS = ZoneInfo("Europe/Brussels")


def feed_path(feed: CalendarFeed) -> str:
    return f"/notifications/calendar/{feed.public_id}/{feed.token}.ics"


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, dict]:
    return {
        str(event["uid"]): {
            "summary": str(event["summary"]),
            "start": event.decoded("dtstart"),
            "end": event.decoded("dtend"),
            "url": str(event.get("url", "")),
        }
        for event in calendar.walk("VEVENT")
    }


@pytest.fixture
def trajectory(make_trajectory, mentor):
    today = timezone.localdate()
    trajectory = make_trajectory(
        mentors=[mentor],
        planned_start=today + timedelta(days=10),
        planned_end=today + timedelta(days=100),
    )
    ChecklistItem.objects.filter(trajectory=trajectory).update(due_date=None)
    return trajectory


@pytest.mark.dates
def test_the_feed_holds_the_deadlines_of_my_trainees_as_all_day_events(
    client, mentor, trajectory, make_trajectory, other_mentor, settings
):
    settings.SITE_URL = "https://werkplek.example.be"
    due = timezone.localdate() + timedelta(days=3)
    item = set_due(trajectory, "driving_test", due)
    theirs = make_trajectory(mentors=[other_mentor])
    set_due(theirs, "driving_test", due)

    calendar = parse(client.get(feed_path(calendar_feed_renew(user=mentor))))

    assert str(calendar["version"]) == "2.0"
    assert str(calendar["x-wr-timezone"]) == "Europe/Brussels"
    found = events(calendar)
    deadline = found[f"checklist-item-{item.public_id}@werkplek"]
    name = trajectory.candidate.full_name
    assert deadline["summary"] == f"Checklist: laat de kandidaat een rijtest afleggen ({name})"
    assert deadline["start"] == due and deadline["end"] == due + timedelta(days=1)
    assert deadline["url"] == (
        f"https://werkplek.example.be/o/autocars/trajectories/{trajectory.public_id}/#checklist"
    )
    first_day = found[f"trajectory-start-{trajectory.public_id}@werkplek"]
    assert first_day["summary"] == f"Eerste dag van {name}"
    assert first_day["start"] == trajectory.planned_start
    assert theirs.candidate.full_name not in response_text(found)


def response_text(found: dict) -> str:
    return " ".join(event["summary"] for event in found.values())


def test_the_feed_is_in_the_subscribers_language(client, mentor, trajectory):
    mentor.language = "fr"
    mentor.save()
    set_due(trajectory, "driving_test", timezone.localdate())
    found = events(parse(client.get(feed_path(calendar_feed_renew(user=mentor)))))
    summaries = response_text(found)
    assert "Check-list : faites passer un test de conduite au candidat" in summaries
    assert "Premier jour de" in summaries


def test_a_trainee_sees_their_own_first_day(client, trainee, organisation, make_trajectory):
    from werkplek.candidates.tests.factories import CandidateFactory

    start = timezone.localdate() + timedelta(days=4)
    own = make_trajectory(
        candidate=CandidateFactory(organisation=organisation, user=trainee),
        planned_start=start,
        planned_end=start + timedelta(days=60),
    )
    make_trajectory(planned_start=start, planned_end=start + timedelta(days=60))  # someone else
    found = events(parse(client.get(feed_path(calendar_feed_renew(user=trainee)))))
    assert [event["summary"] for event in found.values()] == [
        "Je eerste dag bij Autocars Vlaanderen",
        "Geplande einde van je traject bij Autocars Vlaanderen",
    ]
    assert found[f"trajectory-start-{own.public_id}@werkplek"]["start"] == start


@pytest.mark.dates
def test_timed_events_from_other_apps_are_in_brussels_time(client, mentor, trajectory, monkeypatch):
    monkeypatch.setattr(calendar_module, "CALENDAR_SOURCES", {})

    def meetings(*, membership, start, end):
        yield CalendarEvent(
            uid="meeting-1",
            summary="Tussentijdse evaluatie",
            start=datetime(2026, 7, 1, 7, 30, tzinfo=ZoneInfo("UTC")),  # 09:30 summer time
            end=datetime(2026, 7, 1, 8, 30, tzinfo=ZoneInfo("UTC")),
            location="Stelplaats Gent",
        )

    register_calendar_source("tests.meetings", meetings)
    response = client.get(feed_path(calendar_feed_renew(user=mentor)))
    text = response.content.decode()
    assert "DTSTART;TZID=Europe/Brussels:20260701T093000" in text
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Brussels" in text
    event = events(parse(response))["meeting-1@werkplek"]
    assert event["start"] == datetime(2026, 7, 1, 9, 30, tzinfo=BRUSSELS)
    assert event["start"].tzinfo.key == "Europe/Brussels"


def test_a_revoked_address_is_404(client, client_for, mentor, trajectory):
    feed = calendar_feed_renew(user=mentor)
    path = feed_path(feed)
    assert client.get(path).status_code == 200
    response = client_for(mentor).post("/notifications/calendar/revoke/", follow=True)
    assert "Je agenda-adres werkt niet meer." in response.content.decode()
    assert client.get(path).status_code == 404


def test_a_renewed_address_replaces_the_old_one(client, client_for, mentor, trajectory):
    old = feed_path(calendar_feed_renew(user=mentor))
    page = client_for(mentor).post("/notifications/calendar/renew/", follow=True)
    assert "het oude werkt niet meer" in page.content.decode()
    new = feed_path(CalendarFeed.objects.get(user=mentor))
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


@pytest.mark.parametrize("tamper", ["token", "feed", "owner inactive"])
def test_a_wrong_or_dead_address_is_404(client, mentor, trajectory, tamper):
    feed = calendar_feed_renew(user=mentor)
    path = feed_path(feed)
    if tamper == "token":
        path = path.replace(feed.token, "0" * 40)
    elif tamper == "feed":
        path = path.replace(str(feed.public_id), "00000000-0000-0000-0000-000000000000")
    else:
        mentor.is_active = False
        mentor.save()
    assert client.get(path).status_code == 404


def test_leaving_an_organisation_empties_its_part_of_the_feed(client, mentor, trajectory):
    set_due(trajectory, "driving_test", timezone.localdate())
    path = feed_path(calendar_feed_renew(user=mentor))
    Membership.objects.filter(user=mentor).update(is_active=False)
    assert events(parse(client.get(path))) == {}


def test_the_settings_page_shows_the_address_and_records_fetches(
    client, client_for, mentor, trajectory
):
    settings_client = client_for(mentor)
    page = settings_client.get("/notifications/settings/").content.decode()
    assert "Maak mijn agenda-adres" in page
    settings_client.post("/notifications/calendar/renew/")
    feed = CalendarFeed.objects.get(user=mentor)
    page = settings_client.get("/notifications/settings/").content.decode()
    assert f"http://testserver{feed_path(feed)}" in page
    assert f"webcal://testserver{feed_path(feed)}" in page
    assert "Nog geen agenda-app heeft het opgehaald." in page
    client.get(feed_path(feed))
    feed.refresh_from_db()
    assert feed.last_fetched_at is not None
    assert (
        "Laatst opgehaald door een agenda-app"
        in settings_client.get("/notifications/settings/").content.decode()
    )


def test_renew_and_revoke_need_a_signed_in_post(client, client_for, mentor):
    for path in ("/notifications/calendar/renew/", "/notifications/calendar/revoke/"):
        assert client.post(path)["Location"].startswith("/accounts/login/")
        assert client_for(mentor).get(path).status_code == 405
    assert not CalendarFeed.objects.exists()


def test_the_token_is_not_stored_in_the_database(mentor):
    feed = calendar_feed_renew(user=mentor)
    stored = " ".join(str(value) for value in CalendarFeed.objects.values().get().values())
    assert feed.token not in stored


def test_a_closed_trajectory_leaves_the_feed(client, mentor, trajectory):
    Trajectory.objects.filter(pk=trajectory.pk).update(status=Status.CLOSED)
    set_due(trajectory, "driving_test", timezone.localdate())
    assert events(parse(client.get(feed_path(calendar_feed_renew(user=mentor))))) == {}
