from datetime import timedelta

import pytest
from django.utils import timezone

from werkplek.accounts.models import Membership
from werkplek.accounts.tests.factories import MembershipFactory, UserFactory
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.competences.tests.factories import running
from werkplek.evaluations import services
from werkplek.evaluations.models import Evaluation, OutcomeDecision
from werkplek.evaluations.tests.factories import end_waivers, held, levels, scheduled, sign_all
from werkplek.trajectories.models import Status, Step, Trajectory

ORG = "/o/autocars/evaluations"


def detail_url(evaluation):
    return f"{ORG}/e/{evaluation.public_id}/"


def scored(trajectory, mentor):
    evaluation = scheduled(trajectory, mentor)
    services.self_assessment_save(
        evaluation=evaluation,
        levels=levels(trajectory, {"manoeuvring": 4}, "Dat lukt me al"),
        by=mentor,
    )
    services.mentor_scores_save(
        evaluation=evaluation,
        levels=levels(trajectory, {"manoeuvring": 2}, "Geheime opmerking van de mentor"),
        strengths="",
        improvements="",
        by=mentor,
    )
    return evaluation


def test_the_trajectory_tab_lists_evaluations_and_schedules_one(client_for, trajectory, mentor):
    client = client_for(mentor)
    page = client.get(f"{ORG}/{trajectory.public_id}/").content.decode()
    assert "Nog geen evaluatie gepland" in page
    response = client.post(
        f"{ORG}/{trajectory.public_id}/new/",
        {"kind": "interim", "scheduled_on": "3/13/2026", "place": "Stelplaats"},
    )
    assert response.status_code == 422
    assert 'value="Stelplaats"' in response.content.decode()  # typed input kept
    day = timezone.localdate() + timedelta(days=7)
    response = client.post(
        f"{ORG}/{trajectory.public_id}/new/",
        {"kind": "interim", "scheduled_on": day.strftime("%d/%m/%Y"), "place": "Stelplaats"},
    )
    evaluation = Evaluation.objects.get(trajectory=trajectory)
    assert response.status_code == 302 and response["Location"] == detail_url(evaluation)
    page = client.get(f"{ORG}/{trajectory.public_id}/").content.decode()
    assert "Tussentijdse evaluatie" in page and day.strftime("%d/%m/%Y") in page


def test_the_evaluation_page_shows_self_and_mentor_side_by_side(
    client_for, trajectory, mentor, django_assert_max_num_queries
):
    earlier = scheduled(trajectory, mentor, on=timezone.localdate() - timedelta(days=30))
    held(earlier, mentor, on=timezone.localdate() - timedelta(days=30))
    evaluation = scored(trajectory, mentor)
    client = client_for(mentor)
    client.get(detail_url(evaluation))  # warm up the session and caches
    with django_assert_max_num_queries(15):
        response = client.get(detail_url(evaluation))
    page = response.content.decode()
    assert "Dat lukt me al" in page and "Geheime opmerking van de mentor" in page
    assert "side-by-side__differs" in page
    assert (timezone.localdate() - timedelta(days=30)).strftime("%d/%m/%Y") in page


def test_a_trainee_sees_mentor_scores_only_after_the_talk(client_for, trajectory, mentor, trainee):
    evaluation = scored(trajectory, mentor)
    client = client_for(trainee)
    page = client.get(detail_url(evaluation)).content.decode()
    assert "Dat lukt me al" in page
    assert "Geheime opmerking van de mentor" not in page
    assert "na het gesprek" in page  # "… appear here after the talk"
    services.evaluation_hold(
        evaluation=evaluation, on=timezone.localdate() - timedelta(days=1), by=mentor
    )
    page = client.get(detail_url(evaluation)).content.decode()
    assert "Geheime opmerking van de mentor" in page


def test_a_trainee_fills_in_the_self_assessment_in_plain_language(
    client_for, trajectory, mentor, trainee
):
    evaluation = scheduled(trajectory, mentor, on=timezone.localdate() + timedelta(days=2))
    client = client_for(trainee)
    page = client.get(f"{ORG}/e/{evaluation.public_id}/self/").content.decode()
    assert "Er zijn geen foute antwoorden" in page
    from werkplek.competences.tests.factories import competence

    manoeuvring = competence(trajectory.organisation, "manoeuvring")
    response = client.post(
        f"{ORG}/e/{evaluation.public_id}/self/",
        {f"level_{manoeuvring.pk}": "3", f"comment_{manoeuvring.pk}": "Gaat beter"},
    )
    assert response.status_code == 302
    own = evaluation.self_assessments.get()
    assert (own.competence, own.level, own.comment) == (manoeuvring, 3, "Gaat beter")
    assert client.get(f"{ORG}/e/{evaluation.public_id}/score/").status_code == 403


def test_a_trainee_cannot_open_another_trainees_evaluation(
    client_for, make_trajectory, organisation, trajectory, mentor, trainee
):
    other_user = UserFactory(full_name="Andere Trainee")
    MembershipFactory(organisation=organisation, role=Membership.Role.TRAINEE, user=other_user)
    other = running(
        make_trajectory,
        mentors=[mentor],
        candidate=CandidateFactory(organisation=organisation, user=other_user),
    )
    theirs = scored(other, mentor)
    client = client_for(trainee)
    assert client.get(detail_url(theirs)).status_code == 404
    assert client.get(f"{ORG}/e/{theirs.public_id}/self/").status_code == 404
    assert client.get(f"{ORG}/e/{theirs.public_id}/sign/").status_code == 404
    assert client.get(f"{ORG}/{other.public_id}/").status_code == 404


def test_a_mentor_sees_only_evaluations_of_their_trainees(
    client_for, trajectory, mentor, other_mentor
):
    evaluation = scored(trajectory, mentor)
    assert client_for(other_mentor).get(detail_url(evaluation)).status_code == 404
    assert client_for(mentor).get(detail_url(evaluation)).status_code == 200


def test_a_change_to_a_signed_evaluation_is_refused_with_a_message(
    client_for, trajectory, mentor, staff
):
    evaluation = held(scheduled(trajectory, mentor), mentor)
    sign_all(evaluation, staff)
    client = client_for(mentor)
    from werkplek.competences.tests.factories import competence

    manoeuvring = competence(trajectory.organisation, "manoeuvring")
    response = client.post(
        f"{ORG}/e/{evaluation.public_id}/score/",
        {f"level_{manoeuvring.pk}": "4", "strengths": "Ander", "improvements": ""},
        follow=True,
    )
    assert "ondertekend en vergrendeld" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.strengths == "Stipt"
    assert trajectory.events.filter(action="evaluations.evaluation.change_refused").exists()


def test_signing_through_the_page_records_name_and_ip(client_for, trajectory, mentor, trainee):
    evaluation = held(scheduled(trajectory, mentor), mentor)
    client = client_for(trainee)
    response = client.post(
        f"{ORG}/e/{evaluation.public_id}/sign/",
        {"party": "trainee", "typed_name": "Tom Trainee"},
    )
    assert response.status_code == 422  # the box is not ticked
    assert 'value="Tom Trainee"' in response.content.decode()
    response = client.post(
        f"{ORG}/e/{evaluation.public_id}/sign/",
        {"party": "trainee", "typed_name": "Tom Trainee", "agreed": "on"},
        REMOTE_ADDR="192.0.2.7",
    )
    assert response.status_code == 302
    signature = evaluation.signatures.get()
    assert (signature.party, signature.signer, signature.ip_address, signature.on_behalf) == (
        "trainee",
        trainee,
        "192.0.2.7",
        False,
    )
    # a trainee cannot sign for the mentor
    response = client.post(
        f"{ORG}/e/{evaluation.public_id}/sign/",
        {"party": "mentor", "typed_name": "Mats", "agreed": "on"},
    )
    assert response.status_code == 302  # nothing left to sign for them
    assert evaluation.signatures.count() == 1


def test_the_coordinator_records_the_outcome_and_the_trajectory_closes(
    client_for, trajectory, mentor, coordinator
):
    Trajectory.objects.filter(pk=trajectory.pk).update(
        status=Status.FINISHING, step=Step.FINAL_EVALUATION
    )
    client = client_for(coordinator)
    url = f"{ORG}/{trajectory.public_id}/outcome/"
    page = client.get(url).content.decode()
    assert "Houd eerst de eindevaluatie" in page
    response = client.post(url, {"continue_training": "on"})
    assert response.status_code == 422 and not OutcomeDecision.objects.exists()
    held(scheduled(trajectory, mentor, Evaluation.Kind.FINAL), mentor)
    page = client.get(url).content.decode()
    assert "Prodata" in page and "NODW" in page
    waivers = {f"waive_{key}": reason for key, reason in end_waivers(trajectory).items()}
    response = client.post(url, {"course_other": "Rijbewijs C", **waivers})
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.outcome) == (Status.CLOSED, "additional")
    assert client_for(mentor).get(url).status_code == 403


def test_the_outcomes_overview_for_staff(client_for, coordinator, mentor):
    assert client_for(mentor).get(f"{ORG}/outcomes/").status_code == 403
    response = client_for(coordinator).get(f"{ORG}/outcomes/?start=01/01/2020&end=bad")
    assert response.status_code == 200
    assert "Geen traject eindigde in deze periode" in response.content.decode()


@pytest.mark.parametrize("path", ["", "self/", "score/", "sign/", "correct/", "edit/"])
def test_another_organisation_gets_404(client_for, outsider, trajectory, mentor, path):
    evaluation = scheduled(trajectory, mentor)
    response = client_for(outsider).get(f"/o/andere/evaluations/e/{evaluation.public_id}/{path}")
    assert response.status_code in (403, 404)
    assert response.status_code == 404 or path in ("self/", "sign/")


def test_the_api_gives_self_and_mentor_per_competence(client_for, trajectory, mentor, trainee):
    evaluation = scored(trajectory, mentor)
    client = client_for(mentor)
    listing = client.get(
        f"/api/v1/organisations/autocars/evaluations?trajectory={trajectory.public_id}"
    )
    assert listing.status_code == 200
    assert [item["id"] for item in listing.json()["items"]] == [str(evaluation.public_id)]
    detail = client.get(f"/api/v1/organisations/autocars/evaluations/{evaluation.public_id}")
    assert detail.status_code == 200
    row = next(r for r in detail.json()["competences"] if r["mentor_level"] is not None)
    assert (row["self_level"], row["mentor_level"]) == (4, 2)
    assert (
        client_for(trainee)
        .get(f"/api/v1/organisations/autocars/evaluations/{evaluation.public_id}")
        .status_code
        == 403
    )


def test_a_guest_opens_and_signs_only_the_evaluation_they_are_invited_to(
    client_for, trajectory, organisation, mentor, guest
):
    from werkplek.conftest import membership_of

    invited = held(scheduled(trajectory, mentor, guest=membership_of(guest, organisation)), mentor)
    other = held(scheduled(trajectory, mentor), mentor)
    client = client_for(guest)
    assert client.get(detail_url(other)).status_code == 404
    assert client.get(detail_url(invited)).status_code == 200
    response = client.post(
        f"{ORG}/e/{invited.public_id}/sign/",
        {"party": "guest", "typed_name": "Greet Gast", "agreed": "on"},
    )
    assert response.status_code == 302
    assert invited.signatures.get().signer == guest


def test_a_trainee_finds_their_evaluations_from_the_menu(client_for, trajectory, trainee):
    response = client_for(trainee).get(f"{ORG}/mine/")
    assert response.status_code == 302
    assert response["Location"] == f"{ORG}/{trajectory.public_id}/"


def test_staff_correct_a_signed_evaluation_through_the_page(
    client_for, trajectory, mentor, coordinator, staff
):
    evaluation = held(scheduled(trajectory, mentor), mentor)
    sign_all(evaluation, staff)
    client = client_for(coordinator)
    assert (
        client.post(f"{ORG}/e/{evaluation.public_id}/correct/", {"reason": ""}).status_code == 422
    )
    response = client.post(f"{ORG}/e/{evaluation.public_id}/correct/", {"reason": "Typfout"})
    copy = Evaluation.objects.get(previous=evaluation)
    assert response["Location"] == detail_url(copy)
    page = client.get(detail_url(evaluation)).content.decode()
    assert "werd gecorrigeerd" in page and detail_url(copy) in page
    assert client_for(mentor).get(f"{ORG}/e/{evaluation.public_id}/correct/").status_code == 403


def test_scheduled_evaluations_are_in_the_calendar_and_on_today(trajectory, organisation, mentor):
    from werkplek.conftest import membership_of
    from werkplek.evaluations.notify import evaluation_agenda, evaluation_events

    evaluation = scheduled(trajectory, mentor, on=timezone.localdate() + timedelta(days=2))
    membership = membership_of(mentor, organisation)
    today = timezone.localdate()
    events = list(
        evaluation_events(membership=membership, start=today, end=today + timedelta(days=9))
    )
    assert [event.uid for event in events] == [f"evaluation-{evaluation.public_id}"]
    entries = list(
        evaluation_agenda(
            membership=membership,
            trajectory_ids=[trajectory.pk],
            today=today,
            until=today + timedelta(days=7),
        )
    )
    assert [entry.day for entry in entries] == [evaluation.scheduled_on]
    held(evaluation, mentor, on=today)
    assert not list(
        evaluation_agenda(
            membership=membership, trajectory_ids=[trajectory.pk], today=today, until=today
        )
    )


def test_a_scheduled_evaluation_can_be_moved_until_it_is_signed(
    client_for, trajectory, mentor, staff
):
    evaluation = scheduled(trajectory, mentor)
    client = client_for(mentor)
    day = timezone.localdate() + timedelta(days=5)
    response = client.post(
        f"{ORG}/e/{evaluation.public_id}/edit/",
        {"scheduled_on": day.strftime("%d/%m/%Y"), "scheduled_at": "14:00", "place": "Depot"},
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert (evaluation.scheduled_on, evaluation.place) == (day, "Depot")


def test_the_coordinator_signs_for_the_guest_only_explicitly_with_a_reason_shown_everywhere(
    client_for, trajectory, organisation, mentor, guest, coordinator
):
    from werkplek.conftest import membership_of
    from werkplek.printing.tests.factories import pdf_text

    evaluation = held(
        scheduled(trajectory, mentor, guest=membership_of(guest, organisation)), mentor
    )
    client = client_for(coordinator)
    url = f"{ORG}/e/{evaluation.public_id}/sign/"
    page = client.get(url).content.decode()
    assert "Gast (namens hen)" in page  # another party is marked as such in the choice
    assert 'name="on_behalf"' in page and 'name="on_behalf_reason"' in page
    assert 'name="on_behalf" checked' not in page
    fields = {"party": "guest", "typed_name": "Greet Gast", "agreed": "on"}
    response = client.post(url, fields)
    assert response.status_code == 422  # not silently: "on behalf of" must be chosen
    assert 'id="id_on_behalf_error"' in response.content.decode()
    assert 'value="Greet Gast"' in response.content.decode()
    response = client.post(url, {**fields, "on_behalf": "on"})
    assert response.status_code == 422  # and a reason given
    assert 'id="id_on_behalf_reason_error"' in response.content.decode()
    assert not evaluation.signatures.exists()
    reason = "Op papier getekend in het gesprek"
    response = client.post(url, {**fields, "on_behalf": "on", "on_behalf_reason": reason})
    assert response.status_code == 302
    signature = evaluation.signatures.get()
    assert (signature.party, signature.on_behalf, signature.on_behalf_reason) == (
        "guest",
        True,
        reason,
    )
    shown = f"ondertekend door {coordinator.full_name} namens de Gast: {reason}"
    assert shown in client.get(detail_url(evaluation)).content.decode()
    pdf = client.get(f"/o/autocars/print/evaluation/{evaluation.public_id}.pdf")
    assert shown in pdf_text(pdf.content)
    assert trajectory.events.filter(action="evaluations.evaluation.signed_on_behalf").exists()


def test_signing_for_oneself_offers_no_on_behalf_choice(client_for, trajectory, mentor):
    evaluation = held(scheduled(trajectory, mentor), mentor)
    page = client_for(mentor).get(f"{ORG}/e/{evaluation.public_id}/sign/").content.decode()
    assert 'name="on_behalf"' not in page
