"""Every kind of meeting has its question guide, readable and printable while it is planned;
"held" is one button."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from werkplek.accounts.models import Organisation
from werkplek.intake.models import Meeting, MeetingKind, QuestionGuide
from werkplek.intake.selectors import guide_questions
from werkplek.intake.services import meeting_plan, question_save
from werkplek.printing.tests.factories import pdf_text
from werkplek.sectorpacks.loader import load_all
from werkplek.sectorpacks.services import organisation_adopt_pack


def at(days: int, hour: int = 10):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def test_every_meeting_kind_has_its_guide(organisation):
    for kind in MeetingKind.values:
        assert guide_questions(organisation, kind), kind
    motivation = [
        q.text["nl"] for q in guide_questions(organisation, MeetingKind.MOTIVATION_INTERVIEW)
    ]
    assert any("motivatie" in question for question in motivation)
    assert any("deelsector" in question for question in motivation)
    assert any("kennissen, vrienden of familie" in question for question in motivation)


def test_the_motivation_guide_is_there_while_planning_and_printable(
    client_for, make_trajectory, coordinator
):
    trajectory = make_trajectory()
    client = client_for(coordinator)
    new = client.get(
        f"/o/autocars/intake/trajectory/{trajectory.public_id}/meetings/new/?kind=motivation"
    ).content.decode()
    assert "Wat spreekt je aan in de deelsector" in new
    meeting = meeting_plan(
        trajectory=trajectory,
        by=coordinator,
        kind=MeetingKind.MOTIVATION_INTERVIEW,
        starts_at=at(3),
        place="Stelplaats Gent",
    )
    page = client.get(f"/o/autocars/intake/meetings/{meeting.public_id}/").content.decode()
    assert "Werken er kennissen, vrienden of familie in het bedrijf? Wie?" in page
    assert f"/o/autocars/intake/meetings/{meeting.public_id}/status/held/" not in page  # ahead
    response = client.get(f"/o/autocars/intake/meetings/{meeting.public_id}/guide.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Motivatiegesprek" in text and trajectory.candidate.full_name in text
    assert "Wat spreekt je aan in de deelsector (bus en car)?" in text
    assert "Stelplaats Gent" in text


def test_the_printed_guide_is_for_those_who_see_the_meeting(
    client_for, make_trajectory, coordinator, mentor, other_mentor, trainee
):
    trajectory = make_trajectory(mentors=[mentor])
    meeting = meeting_plan(
        trajectory=trajectory, by=coordinator, kind=MeetingKind.FIRST_DAY, starts_at=at(2)
    )
    url = f"/o/autocars/intake/meetings/{meeting.public_id}/guide.pdf"
    assert client_for(mentor).get(url).status_code == 200
    assert client_for(other_mentor).get(url).status_code == 404
    assert client_for(trainee).get(url).status_code == 403


@pytest.mark.dates  # 'in five minutes' is still today only away from midnight
def test_mark_as_held_is_one_button_on_the_planned_meeting(
    client_for, make_trajectory, coordinator
):
    trajectory = make_trajectory()
    today = meeting_plan(
        trajectory=trajectory,
        by=coordinator,
        kind=MeetingKind.INTRODUCTION,
        starts_at=timezone.now() + timedelta(minutes=5),
    )
    tomorrow = meeting_plan(
        trajectory=trajectory, by=coordinator, kind=MeetingKind.WORKPLACE_TOUR, starts_at=at(1)
    )
    client = client_for(coordinator)
    tab = client.get(f"/o/autocars/intake/trajectory/{trajectory.public_id}/").content.decode()
    held_url = "/o/autocars/intake/meetings/{}/status/held/"
    assert held_url.format(today.public_id) in tab
    assert held_url.format(tomorrow.public_id) not in tab
    detail = client.get(f"/o/autocars/intake/meetings/{today.public_id}/").content.decode()
    assert held_url.format(today.public_id) in detail
    assert client.post(held_url.format(today.public_id)).status_code == 302
    today.refresh_from_db()
    assert today.status == Meeting.Status.HELD  # later today: held all the same
    client.post(held_url.format(tomorrow.public_id))
    tomorrow.refresh_from_db()
    assert tomorrow.status == Meeting.Status.PLANNED


@pytest.mark.django_db
def test_a_guide_new_in_the_pack_reaches_organisations_that_adopted_it(bus_coach_pack):
    organisation = organisation_adopt_pack(
        organisation=Organisation.objects.create(name="Oud", slug="oud"), pack=bus_coach_pack
    )
    introduction = guide_questions(organisation, QuestionGuide.Code.INTRODUCTION)[0]
    question_save(question=introduction, text={"nl": "Wie ben ik?"})
    organisation.question_guides.filter(code=QuestionGuide.Code.FIRST_DAY).delete()
    load_all(force=True)
    assert guide_questions(organisation, QuestionGuide.Code.FIRST_DAY)
    assert (
        guide_questions(organisation, QuestionGuide.Code.INTRODUCTION)[0].text["nl"]
        == "Wie ben ik?"
    )
