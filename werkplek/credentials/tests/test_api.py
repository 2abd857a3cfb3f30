"""The credentials, meetings and documents in the API: same data and rules as the pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from werkplek.api.tests.helpers import ApiClient, org_url
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.credentials.tests.factories import day, record
from werkplek.documents.tests.factories import one_of_each as documents
from werkplek.intake.models import MeetingKind
from werkplek.intake.services import meeting_plan


@pytest.fixture
def api_for(db):
    return ApiClient


@pytest.fixture
def recorded(make_trajectory, organisation, coordinator, mentor, trainee):
    candidate = CandidateFactory(organisation=organisation, user=trainee)
    trajectory = make_trajectory(candidate=candidate, mentors=[mentor])
    record(candidate, "medical_fitness", by=coordinator, expires_on=day(40))
    record(candidate, "licence_d", by=coordinator, expires_on=day(700), categories=["D", "DE"])
    return trajectory


def by_type(response) -> dict:
    return {item["type"]: item for item in response.json()["items"]}


def test_coordinators_get_the_medical_date_others_only_its_status(
    api_for, recorded, coordinator, mentor, trainee
):
    staff = by_type(api_for(coordinator).get(org_url("credentials")))
    assert staff["medical_fitness"]["expires_on"] == day(40).isoformat()
    assert staff["medical_fitness"]["status"] == "expiring"
    assert staff["medical_fitness"]["verified_by"]["full_name"] == coordinator.full_name
    for user in (mentor, trainee):
        seen = by_type(api_for(user).get(org_url("credentials")))
        medical = seen["medical_fitness"]
        assert (medical["status"], medical["expires_on"], medical["verified_by"]) == (
            "valid",
            None,
            None,
        )
        assert seen["licence_d"]["categories"] == ["D", "DE"]  # not medical: shown


def test_a_mentor_sees_only_the_credentials_of_their_trainees(
    api_for, recorded, other_mentor, guest
):
    assert api_for(other_mentor).get(org_url("credentials")).json()["items"] == []
    assert api_for(guest).get(org_url("credentials")).status_code == 403


def test_meetings_with_their_answers(api_for, recorded, coordinator, mentor):
    meeting_plan(
        trajectory=recorded,
        by=coordinator,
        kind=MeetingKind.WORKPLACE_TOUR,
        starts_at=timezone.now() - timedelta(days=1),
        status="held",
        ready_to_start=True,
        participants=[mentor],
    )
    (meeting,) = api_for(mentor).get(org_url("meetings")).json()["items"]
    assert (meeting["kind"], meeting["status"], meeting["ready_to_start"]) == ("tour", "held", True)
    assert meeting["participants"][0]["full_name"] == mentor.full_name
    assert meeting["trajectory"] == str(recorded.public_id)


def test_documents_and_their_file(api_for, recorded, coordinator, mentor, other_mentor):
    documents(trajectory=recorded, by=coordinator)
    (document,) = api_for(mentor).get(org_url("documents")).json()["items"]
    assert (document["kind"], document["content_type"]) == ("other", "application/pdf")
    response = api_for(mentor).get(org_url(f"documents/{document['id']}/file"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert api_for(other_mentor).get(org_url(f"documents/{document['id']}/file")).status_code == 404


def test_a_coordinator_records_a_credential_and_the_checklist_follows(
    api_for, recorded, coordinator
):
    api = api_for(coordinator)
    candidate = recorded.candidate
    body = {
        "candidate": str(candidate.public_id),
        "type": "professional_competence",
        "number": " 95-123 ",
        "issued_on": day(-30).isoformat(),
        "expires_on": day(1700).isoformat(),
        "training_hours": "35",
        "verified": True,
    }
    response = api.post(org_url("credentials"), body)
    assert response.status_code == 201, response.json()
    made = response.json()
    assert (made["type"], made["number"], made["status"]) == (
        "professional_competence",
        "95-123",
        "valid",
    )
    assert made["verified_by"]["full_name"] == coordinator.full_name
    item = recorded.checklist_items.get(code="professional_competence")
    assert item.state == "done"

    again = api.post(org_url("credentials"), body)
    assert again.status_code == 409
    assert again.json()["errors"][0]["code"] == "already_recorded"

    changed = api.patch(org_url(f"credentials/{made['id']}"), {"number": "95-999"})
    assert changed.status_code == 200
    assert (changed.json()["number"], changed.json()["verified_by"]) == ("95-999", None)
    item.refresh_from_db()
    assert item.state == "open"  # unverified again: the item waits for a check


def test_bad_credentials_are_refused_per_field_and_nothing_is_saved(
    api_for, recorded, coordinator, mentor
):
    api = api_for(coordinator)
    candidate = recorded.candidate
    wrong_dates = api.post(
        org_url("credentials"),
        {
            "candidate": str(candidate.public_id),
            "type": "driver_card",
            "number": "B123",
            "issued_on": day(-10).isoformat(),
            "expires_on": day(-20).isoformat(),
        },
    )
    assert wrong_dates.status_code == 422
    assert [e["field"] for e in wrong_dates.json()["errors"]] == ["expires_on"]
    unknown = api.post(
        org_url("credentials"), {"candidate": str(candidate.public_id), "type": "pilot"}
    )
    assert (unknown.status_code, unknown.json()["errors"][0]["field"]) == (422, "type")
    assert not candidate.credentials.filter(type__code="driver_card").exists()
    by_mentor = api_for(mentor).post(
        org_url("credentials"), {"candidate": str(candidate.public_id), "type": "driver_card"}
    )
    assert by_mentor.status_code == 403
