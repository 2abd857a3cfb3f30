from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from werkplek.conftest import membership_of
from werkplek.intake.guides import Answer
from werkplek.intake.models import Meeting, MeetingKind, QuestionGuide
from werkplek.intake.selectors import guide_questions, meeting_answers
from werkplek.intake.services import meeting_plan, meeting_set_status, question_save
from werkplek.trajectories import transitions


def html(response) -> str:
    return response.content.decode()


def at(days: int, hour: int = 10):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def state(trajectory, code):
    return trajectory.checklist_items.get(code=code).state


def test_planning_the_motivation_interview_ticks_and_cancelling_unticks(
    make_trajectory, coordinator
):
    trajectory = make_trajectory()
    meeting = meeting_plan(
        trajectory=trajectory,
        by=coordinator,
        kind=MeetingKind.MOTIVATION_INTERVIEW,
        starts_at=at(3),
        participants=[coordinator],
    )
    assert state(trajectory, "motivation_interview") == "done"
    with pytest.raises(ValidationError, match="Say why"):
        meeting_set_status(meeting=meeting, by=coordinator, status=Meeting.Status.CANCELLED)
    meeting_set_status(
        meeting=meeting, by=coordinator, status=Meeting.Status.CANCELLED, reason="Ziek"
    )
    assert state(trajectory, "motivation_interview") == "open"


def test_the_tour_ticks_only_when_held_and_not_before_it_happened(make_trajectory, coordinator):
    trajectory = make_trajectory()
    future = meeting_plan(
        trajectory=trajectory, by=coordinator, kind=MeetingKind.WORKPLACE_TOUR, starts_at=at(2)
    )
    assert state(trajectory, "workplace_tour") == "open"
    with pytest.raises(ValidationError, match="cannot have been held yet"):
        meeting_set_status(meeting=future, by=coordinator, status=Meeting.Status.HELD)
    past = meeting_plan(
        trajectory=trajectory, by=coordinator, kind=MeetingKind.WORKPLACE_TOUR, starts_at=at(-1)
    )
    meeting_set_status(meeting=past, by=coordinator, status=Meeting.Status.HELD)
    assert state(trajectory, "workplace_tour") == "done"


def test_first_day_arrangements_tick_when_planned(make_trajectory, coordinator):
    trajectory = make_trajectory()
    meeting_plan(trajectory=trajectory, by=coordinator, kind=MeetingKind.FIRST_DAY, starts_at=at(9))
    assert state(trajectory, "first_day") == "done"


def test_not_ready_to_dive_in_holds_the_trajectory_back(
    make_trajectory, coordinator, organisation, mentor
):
    from werkplek.trajectories.tests.test_transitions import resolve_gate

    trajectory = make_trajectory(mentors=[mentor], planned_start=timezone.localdate())
    staff = membership_of(coordinator, organisation)
    transitions.trajectory_confirm(trajectory=trajectory, membership=staff)
    tour = meeting_plan(
        trajectory=trajectory,
        by=coordinator,
        kind=MeetingKind.WORKPLACE_TOUR,
        starts_at=at(-1),
        status=Meeting.Status.HELD,
        ready_to_start=False,
        ready_comment="Nog onzeker over het rijden met de gelede bus.",
    )
    resolve_gate(trajectory, coordinator)
    with pytest.raises(transitions.TransitionRefused) as refused:
        transitions.trajectory_mark_ready(trajectory=trajectory, membership=staff)
    date = at(-1).strftime("%d/%m/%Y")
    assert refused.value.reasons == [
        f"At the workplace tour of {date} the candidate was not ready to dive in yet."
    ]
    from werkplek.intake.services import meeting_update

    meeting_update(meeting=tour, by=coordinator, ready_to_start=True)
    assert (
        transitions.trajectory_mark_ready(trajectory=trajectory, membership=staff).status == "ready"
    )


def test_the_ready_question_belongs_to_the_tour_only(make_trajectory, coordinator):
    meeting = meeting_plan(
        trajectory=make_trajectory(),
        by=coordinator,
        kind=MeetingKind.MOTIVATION_INTERVIEW,
        starts_at=at(1),
        ready_to_start=False,
    )
    assert meeting.ready_to_start is None


def test_the_getting_acquainted_talk_follows_the_guide_through_the_page(
    client_for, make_trajectory, coordinator, mentor, organisation
):
    trajectory = make_trajectory(mentors=[mentor])
    client = client_for(mentor)
    url = f"/o/autocars/intake/trajectory/{trajectory.public_id}/meetings/new/?kind=introduction"
    form = html(client.get(url))
    questions = guide_questions(organisation, QuestionGuide.Code.INTRODUCTION)
    assert len(questions) == 7 and "Hoe stel ik mezelf voor?" in form
    data = {
        "kind": "introduction",
        "starts_at": at(-2).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "45",
        "place": "Stelplaats Gent",
        "participants": [mentor.pk],
        "candidate_attends": "on",
        "status": "held",
        "answers-answer_0": "Luc, chauffeur sinds 2004.",
        "answers-answer_3": "Vast werk, geen nachtdiensten.",
        "answers-extra_question_0": "Heeft de kandidaat een eigen wagen?",
        "answers-extra_answer_0": "Ja.",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.answers[0] == {
        "id": str(questions[0].public_id),
        "question": "Hoe stel ik mezelf voor?",
        "answer": "Luc, chauffeur sinds 2004.",
    }
    assert meeting.answers[-1]["question"] == "Heeft de kandidaat een eigen wagen?"
    # the guide changes later; the talk keeps the questions it was held with
    question_save(question=questions[0], text={"nl": "Wie ben ik?"})
    assert meeting_answers(meeting)[0].question == "Hoe stel ik mezelf voor?"
    page = html(client.get(f"/o/autocars/intake/meetings/{meeting.public_id}/"))
    assert "Vast werk, geen nachtdiensten." in page and "Ja." in page


def test_an_extra_answer_needs_its_question(client_for, make_trajectory, coordinator):
    trajectory = make_trajectory()
    url = f"/o/autocars/intake/trajectory/{trajectory.public_id}/meetings/new/?kind=introduction"
    response = client_for(coordinator).post(
        url,
        {
            "kind": "introduction",
            "starts_at": at(2).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "60",
            "status": "planned",
            "answers-extra_answer_1": "Een antwoord zonder vraag",
        },
    )
    assert response.status_code == 422
    assert 'id="id_answers-extra_question_1_error"' in html(response)
    assert "Een antwoord zonder vraag" in html(response)
    assert not Meeting.objects.exists()


def test_mentors_plan_for_their_own_trainees_only(
    client_for, make_trajectory, mentor, other_mentor, coordinator
):
    mine = make_trajectory(mentors=[mentor])
    meeting = meeting_plan(
        trajectory=mine, by=coordinator, kind=MeetingKind.FOLLOW_UP, starts_at=at(5)
    )
    other = client_for(other_mentor)
    assert other.get(f"/o/autocars/intake/trajectory/{mine.public_id}/").status_code == 404
    assert other.get(f"/o/autocars/intake/meetings/{meeting.public_id}/").status_code == 404
    assert (
        client_for(mentor).get(f"/o/autocars/intake/meetings/{meeting.public_id}/").status_code
        == 200
    )


def test_mark_held_through_the_page(client_for, make_trajectory, coordinator):
    trajectory = make_trajectory()
    meeting = meeting_plan(
        trajectory=trajectory, by=coordinator, kind=MeetingKind.WORKPLACE_TOUR, starts_at=at(-1)
    )
    response = client_for(coordinator).post(
        f"/o/autocars/intake/meetings/{meeting.public_id}/status/held/", follow=True
    )
    assert "Rondleiding: Gehouden." in html(response)
    assert state(trajectory, "workplace_tour") == "done"


def test_answers_snapshot_keeps_rewordings_with_their_answers(organisation):
    from werkplek.intake.guides import merge_answers

    questions = guide_questions(organisation, QuestionGuide.Code.OPERATIONAL)
    saved = [Answer(str(questions[1].public_id), "oude formulering", "De planning").as_data()]
    merged = merge_answers(questions, saved)
    assert [answer.answer for answer in merged] == ["", "De planning", "", ""]
    assert merged[1].question == "Whom do I need to brief?"  # the current wording
