"""Idempotency-Key on the API's creates (issue 19 item 5): a retry makes nothing new."""

from werkplek.api.tests.helpers import org_url
from werkplek.candidates.models import Candidate
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.trajectories.models import Trajectory

CANDIDATES = org_url("candidates")
TRAJECTORIES = org_url("trajectories")


def test_a_candidate_sent_twice_with_one_key_is_made_once(api_for, coordinator, organisation):
    api = api_for(coordinator)
    body = {"first_name": "Jo", "last_name": "Smet"}  # no e-mail: nothing else stops a double
    first = api.post(CANDIDATES, body, HTTP_IDEMPOTENCY_KEY="retry-1")
    again = api.post(CANDIDATES, body, HTTP_IDEMPOTENCY_KEY="retry-1")
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert Candidate.objects.filter(organisation=organisation).count() == 1
    other = api.post(CANDIDATES, body, HTTP_IDEMPOTENCY_KEY="retry-2")
    assert other.status_code == 201 and other.json()["id"] != first.json()["id"]


def test_a_candidate_with_an_email_sent_twice_with_one_key_is_not_a_conflict(
    api_for, coordinator, organisation
):
    api = api_for(coordinator)
    body = {"first_name": "Jo", "last_name": "Smet", "email": "jo@x.be"}
    first = api.post(CANDIDATES, body, HTTP_IDEMPOTENCY_KEY="k")
    again = api.post(CANDIDATES, body, HTTP_IDEMPOTENCY_KEY="k")
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json()["id"] == again.json()["id"]


def test_a_trajectory_sent_twice_with_one_key_is_made_once(api_for, coordinator, organisation):
    candidate = CandidateFactory(organisation=organisation)
    api = api_for(coordinator)
    body = {"candidate": str(candidate.public_id), "kind": "ibo"}
    first = api.post(TRAJECTORIES, body, HTTP_IDEMPOTENCY_KEY="t-1")
    again = api.post(TRAJECTORIES, body, HTTP_IDEMPOTENCY_KEY="t-1")
    assert first.status_code == again.status_code == 201, first.content
    assert first.json()["id"] == again.json()["id"]
    assert Trajectory.objects.filter(candidate=candidate).count() == 1


def test_a_key_is_kept_per_person(api_for, coordinator, admin, organisation):
    body = {"first_name": "Jo", "last_name": "Smet"}
    first = api_for(coordinator).post(CANDIDATES, body, HTTP_IDEMPOTENCY_KEY="same")
    second = api_for(admin).post(CANDIDATES, body, HTTP_IDEMPOTENCY_KEY="same")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]


def test_a_too_long_key_is_a_structured_400(api_for, coordinator):
    response = api_for(coordinator).post(
        CANDIDATES, {"first_name": "Jo", "last_name": "Smet"}, HTTP_IDEMPOTENCY_KEY="x" * 201
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "invalid_idempotency_key"
