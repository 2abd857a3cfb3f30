"""The planning e-mail to the candidate: the learning moments in words, plus a calendar file."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from werkplek.accounts.models import User
from werkplek.core.ical import ical_bytes
from werkplek.core.mail import queue_email
from werkplek.plans.models import LearningMoment, PlanVersion
from werkplek.plans.selectors import version_moments


def planning_calendar(version: PlanVersion, moments: list[LearningMoment]) -> bytes:
    """An iCalendar file with one event per planned moment (all-day when no time is set),
    its times in Europe/Brussels with the zone's VTIMEZONE (core.ical)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    organisation = version.trajectory.organisation
    calendar = Calendar()
    calendar.add("prodid", "-//Werkplek//opleidingsplan//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{organisation.name}: {_('opleidingsplan')}")
    for moment in moments:
        event = Event()
        event.add("uid", f"{moment.lineage}@werkplek")
        event.add("summary", moment.topic)
        event.add("dtstamp", timezone.now())
        if moment.start_time:
            start = datetime.combine(moment.date, moment.start_time, tzinfo=zone)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(hours=float(moment.duration_hours)))
        else:
            event.add("dtstart", moment.date)
            event.add("dtend", moment.date + timedelta(days=1))
        if moment.place:
            event.add("location", moment.place)
        if moment.leader:
            event.add("description", _("Led by %(leader)s") % {"leader": moment.leader})
        calendar.add_component(event)
    return ical_bytes(calendar)


def send_planning(*, version: PlanVersion, message: str, sender: User, base_url: str) -> None:
    trajectory = version.trajectory
    candidate = trajectory.candidate
    today = timezone.localdate()
    with translation.override(candidate.language):
        moments = version_moments(version)
        upcoming = [moment for moment in moments if moment.date >= today] or moments
        context = {
            "candidate": candidate,
            "organisation": trajectory.organisation,
            "version": version,
            "moments": upcoming,
            "message": message.strip(),
            "sender": sender,
            "link": base_url if candidate.user_id else "",
        }
        subject = _("Your planning at %(organisation)s") % {
            "organisation": trajectory.organisation.name
        }
        email = EmailMessage(
            subject=subject,
            body=render_to_string("plans/email/planning.txt", context),
            to=[candidate.email],
            reply_to=[sender.email] if sender.email else None,
        )
        email.attach("planning.ics", planning_calendar(version, upcoming), "text/calendar")
        queue_email(email)
