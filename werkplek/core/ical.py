"""The one way Werkplek writes an iCalendar file (the planning e-mail's .ics, the calendar
feed): every time zone an event names by TZID is defined in the file (RFC 5545 §3.6.5).

A DTSTART;TZID=Europe/Brussels without its VTIMEZONE is read by some calendars (Outlook) as
an unknown zone: the moment lands at the wrong hour, or the file is refused.
"""

from datetime import date, datetime, timedelta

from icalendar import Calendar


def ical_bytes(calendar: Calendar) -> bytes:
    """The calendar as bytes, with a VTIMEZONE for each zone its events use, covering the
    years from the first to the last event (with a year's margin either side)."""
    days = [
        value.date() if isinstance(value, datetime) else value
        for event in calendar.walk("VEVENT")
        for key in ("DTSTART", "DTEND")
        if key in event and isinstance(value := event.decoded(key), date)
    ]
    if days:
        calendar.add_missing_timezones(
            first_date=min(days) - timedelta(days=366), last_date=max(days) + timedelta(days=366)
        )
    return calendar.to_ical()
