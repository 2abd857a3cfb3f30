from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from werkplek.candidates.services import candidate_update
from werkplek.competences.tests.factories import competence, running
from werkplek.plans.models import LearningMoment, PlanDispatch, PlanGoal
from werkplek.plans.services import (
    learning_moment_save,
    plan_goal_save,
    plan_send,
    plan_start,
    plan_version_agree,
)


@pytest.fixture
def agreed(make_trajectory, organisation, mentor):
    trajectory = running(make_trajectory, mentors=[mentor], days_ago=2)
    version = plan_start(trajectory=trajectory, by=mentor)
    plan_goal_save(
        goal=PlanGoal(version=version, competence=competence(organisation, "eco_driving"))
    )
    learning_moment_save(
        moment=LearningMoment(
            version=version,
            date=trajectory.period_start + timedelta(days=7),
            duration_hours=Decimal("7"),
            topic="Eco-rijden: opleiding met meetrit",
            place="FCBO, Mechelen",
        )
    )
    learning_moment_save(
        moment=LearningMoment(
            version=version,
            date=trajectory.period_start + timedelta(days=8),
            start_time=time(9, 30),
            duration_hours=Decimal("2"),
            topic="Rijden met de mentor",
        )
    )
    agreed = plan_version_agree(version=version, by=mentor)
    mail.outbox.clear()  # the prompts to the mentor and the parties; tested in notifications
    return agreed


def test_sending_the_planning_e_mails_the_candidate_with_a_calendar_and_ticks_the_item(
    agreed, mentor
):
    trajectory = agreed.trajectory
    candidate_update(candidate=trajectory.candidate, language="fr")
    assert trajectory.checklist_items.get(code="planning_sent").state == "open"
    dispatch = plan_send(
        version=agreed, method=PlanDispatch.Method.EMAIL, by=mentor, message="Tot maandag!"
    )
    assert dispatch.sent_to == trajectory.candidate.email
    [email] = mail.outbox
    assert email.to == [trajectory.candidate.email]
    assert email.subject.startswith("Votre planning")  # in the candidate's language
    assert "Eco-rijden: opleiding met meetrit" in email.body and "Tot maandag!" in email.body
    [(name, content, mimetype)] = email.attachments
    assert (name, mimetype) == ("planning.ics", "text/calendar")
    text = content.decode() if isinstance(content, bytes) else content
    assert (
        "SUMMARY:Eco-rijden: opleiding met meetrit" in text and "LOCATION:FCBO\\, Mechelen" in text
    )
    assert trajectory.checklist_items.get(code="planning_sent").state == "done"


def test_handing_it_over_on_paper_also_counts(agreed, mentor):
    plan_send(version=agreed, method=PlanDispatch.Method.IN_PERSON, by=mentor)
    assert mail.outbox == []
    assert agreed.trajectory.checklist_items.get(code="planning_sent").state == "done"


def test_no_e_mail_address_or_a_draft_cannot_be_sent(agreed, mentor):
    candidate_update(candidate=agreed.trajectory.candidate, email="")
    with pytest.raises(ValidationError, match="no e-mail address"):
        plan_send(version=agreed, method=PlanDispatch.Method.EMAIL, by=mentor)
    from werkplek.plans.services import plan_revise

    draft = plan_revise(trajectory=agreed.trajectory, reason="Nieuwe route", by=mentor)
    with pytest.raises(ValidationError, match="Only the agreed version"):
        plan_send(version=draft, method=PlanDispatch.Method.IN_PERSON, by=mentor)
    assert not PlanDispatch.objects.exists()


def test_the_send_page_sends_and_returns_to_the_plan(client_for, agreed, mentor):
    trajectory = agreed.trajectory
    url = f"/o/autocars/plans/{trajectory.public_id}/send/"
    client = client_for(mentor)
    page = client.get(url).content.decode()
    assert "Eco-rijden: opleiding met meetrit" in page
    response = client.post(url, {"method": "email", "message": ""})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    page = client.get(response["Location"]).content.decode()
    assert f"De planning is verstuurd naar {trajectory.candidate.email}." in page
    assert "Planning aan de kandidaat bezorgd op" in page


def test_the_planning_calendar_defines_the_time_zone_it_uses(agreed, mentor):
    # TZID=Europe/Brussels without a VTIMEZONE: calendars that do not know the name (Outlook)
    # put the moment at the wrong hour or refuse the file.
    from icalendar import Calendar

    plan_send(version=agreed, method=PlanDispatch.Method.EMAIL, by=mentor)
    [email] = mail.outbox
    [(_name, content, _mimetype)] = email.attachments
    calendar = Calendar.from_ical(content)
    used = {
        component[key].params["TZID"]
        for component in calendar.walk("VEVENT")
        for key in ("DTSTART", "DTEND")
        if key in component and "TZID" in component[key].params
    }
    defined = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    assert used == {"Europe/Brussels"}
    assert used <= defined
    event = next(e for e in calendar.walk("VEVENT") if e["SUMMARY"] == "Rijden met de mentor")
    assert event.decoded("DTSTART").strftime("%H:%M") == "09:30"
