"""Calendar feeds: the registry of calendar sources and the iCalendar file they make.

Every person can subscribe their phone or Outlook calendar to a secret address
(see models.CalendarFeed). The feed holds, for each organisation they are an active member
of, what the registered sources give for that membership.

Registering a source (one call, in your AppConfig.ready())
---------------------------------------------------------
    from werkplek.notifications.calendar import register_calendar_source

    register_calendar_source("meetings", meeting_events)

The contract
------------
- `source(*, membership: Membership, start: date, end: date) -> Iterable[CalendarEvent]`:
  the events between `start` and `end` that this member may see. Reach data through your
  `*_visible_to(membership)` selector (a mentor sees only their own trainees), with a
  bounded number of queries (the feed is fetched by calendar apps every few hours).
- Texts are rendered in the subscriber's language (the feed activates it); labels from data
  go through `localized()`.
- `uid` is stable and unique in the installation ("meeting-<public_id>"), so calendar apps
  update an event in place instead of duplicating it.
- `start` is a date (an all-day event, e.g. a deadline) or an aware datetime (a meeting):
  datetimes are written in Europe/Brussels with its VTIMEZONE.
- `url` is a path inside the site; the feed makes it absolute with SITE_URL.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation

from werkplek.accounts.models import Membership, User

BRUSSELS = ZoneInfo("Europe/Brussels")
PAST_DAYS = 60
FUTURE_DAYS = 366


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: date | datetime
    end: date | datetime | None = None
    description: str = ""
    url: str = ""
    location: str = ""


CalendarSource = Callable[..., Iterable[CalendarEvent]]
CALENDAR_SOURCES: dict[str, CalendarSource] = {}


def register_calendar_source(code: str, source: CalendarSource) -> None:
    """Add events to every calendar feed (see the module docstring for the contract)."""
    CALENDAR_SOURCES[code] = source


def calendar_events(*, user: User, today: date) -> list[tuple[Membership, CalendarEvent]]:
    """Every event of every source, for each organisation the user is an active member of."""
    start, end = today - timedelta(days=PAST_DAYS), today + timedelta(days=FUTURE_DAYS)
    memberships = Membership.objects.filter(user=user, is_active=True).select_related(
        "organisation"
    )
    events = []
    for membership in memberships:
        for source in CALENDAR_SOURCES.values():
            events.extend(
                (membership, event) for event in source(membership=membership, start=start, end=end)
            )
    return events


def calendar_ical(*, user: User, today: date | None = None) -> bytes:
    """The user's calendar as an iCalendar (RFC 5545) file, in their language."""
    from icalendar import Calendar, Event

    from werkplek.core.ical import ical_bytes

    today = today or timezone.localdate()
    with translation.override(user.language):
        calendar = Calendar()
        calendar.add("prodid", "-//Werkplek//Werkplek calendar//NL")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", f"Werkplek · {user.full_name}")
        calendar.add("x-wr-timezone", "Europe/Brussels")
        calendar.add("refresh-interval", timedelta(hours=2), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT2H")
        stamp = timezone.now()
        for membership, item in calendar_events(user=user, today=today):
            event = Event()
            event.add("uid", f"{item.uid}@werkplek")
            event.add("dtstamp", stamp)
            event.add("summary", item.summary)
            event.add("dtstart", _in_brussels(item.start))
            timed = isinstance(item.start, datetime)
            end = item.end or item.start + (timedelta(hours=1) if timed else timedelta(days=1))
            event.add("dtend", _in_brussels(end))
            if item.description:
                event.add("description", item.description)
            event.add("categories", [membership.organisation.name])
            if item.url:
                event.add("url", settings.SITE_URL + item.url)
            if item.location:
                event.add("location", item.location)
            event.add("transp", "OPAQUE" if timed else "TRANSPARENT")
            calendar.add_component(event)
        return ical_bytes(calendar)


def _in_brussels(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime):
        return timezone.localtime(value, BRUSSELS)
    return value
