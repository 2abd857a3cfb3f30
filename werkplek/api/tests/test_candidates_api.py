from datetime import date

import pytest

from werkplek.api.tests.helpers import org_url
from werkplek.candidates import api as candidates_api
from werkplek.candidates import services
from werkplek.candidates.models import Candidate
from werkplek.candidates.tests.factories import CandidateFactory

CANDIDATES = org_url("candidates")


def test_the_list_has_the_organisations_candidates_only(
    api_for, coordinator, organisation, other_organisation
):
    ours = CandidateFactory(organisation=organisation, first_name="Ilse", last_name="Wouters")
    CandidateFactory(organisation=other_organisation)
    response = api_for(coordinator).get(CANDIDATES)
    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body["items"]] == [str(ours.public_id)]
    assert body["items"][0]["first_name"] == "Ilse"
    assert body["next"] is None


def test_the_list_finds_a_candidate_by_email_whatever_the_case(api_for, coordinator, organisation):
    CandidateFactory(organisation=organisation, email="an.peeters@example.be")
    CandidateFactory(organisation=organisation, email="someone@example.be")
    response = api_for(coordinator).get(CANDIDATES, email="An.Peeters@Example.be")
    assert [item["email"] for item in response.json()["items"]] == ["an.peeters@example.be"]


def test_a_candidate_is_created_with_the_rules_of_the_web_form(api_for, coordinator, organisation):
    response = api_for(coordinator).post(
        CANDIDATES,
        {
            "first_name": "Yusuf",
            "last_name": "Demir",
            "email": "yusuf.demir@example.be",
            "phone": "0478 11 22 33",
            "language": "fr",
            "date_of_birth": "1998-04-02",
            "postal_code": "2000",
            "city": "Antwerpen",
            "has_relations_in_company": True,
            "relations_in_company": "Zijn oom is planner",
            "source": "vdab",
        },
    )
    assert response.status_code == 201, response.content
    candidate = Candidate.objects.get(public_id=response.json()["id"])
    assert candidate.organisation == organisation
    assert candidate.date_of_birth == date(1998, 4, 2)
    assert candidate.language == "fr"
    assert candidate.has_relations_in_company is True
    assert response.json()["relations_in_company"] == "Zijn oom is planner"


def test_bad_candidate_data_gets_an_error_per_field(api_for, coordinator):
    response = api_for(coordinator).post(
        CANDIDATES,
        {
            "first_name": "Jonas",
            "last_name": "Claes",
            "email": "not-an-address",
            "phone": "call me",
            "date_of_birth": "2020-01-01",
        },
    )
    assert response.status_code == 422
    errors = {error["field"]: error for error in response.json()["errors"]}
    assert set(errors) == {"email", "phone", "date_of_birth"}
    assert errors["email"]["code"] == "invalid"
    assert errors["email"]["message"] == "Voer een geldig e-mailadres in."
    assert "15 jaar" in errors["date_of_birth"]["message"]
    assert not Candidate.objects.filter(last_name="Claes").exists()


def test_messages_follow_accept_language(api_for, coordinator):
    api = api_for(coordinator)
    response = api.post(CANDIDATES, {"first_name": "Jo"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.json()["errors"] == [
        {"field": "last_name", "code": "missing", "message": "Ce champ est obligatoire."}
    ]


def test_unknown_fields_are_refused_not_ignored(api_for, coordinator):
    response = api_for(coordinator).post(
        CANDIDATES, {"first_name": "Jo", "last_name": "Smet", "nickname": "Joke"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "nickname"
    assert response.json()["errors"][0]["code"] == "extra_forbidden"


def test_an_email_address_another_candidate_has_is_a_conflict(api_for, coordinator, organisation):
    existing = CandidateFactory(organisation=organisation, email="lien@example.be")
    response = api_for(coordinator).post(
        CANDIDATES, {"first_name": "Lien", "last_name": "Smet", "email": "LIEN@example.be"}
    )
    assert response.status_code == 409
    error = response.json()["errors"][0]
    assert error["code"] == "duplicate_email"
    assert error["field"] == "email"
    assert str(existing.public_id) in error["message"]


def test_a_patch_changes_only_what_is_sent_and_null_clears(api_for, coordinator, organisation):
    candidate = CandidateFactory(organisation=organisation, city="Gent", phone="0470 12 34 56")
    response = api_for(coordinator).patch(
        f"{CANDIDATES}/{candidate.public_id}", {"city": "Brugge", "phone": None}
    )
    assert response.status_code == 200, response.content
    candidate.refresh_from_db()
    assert candidate.city == "Brugge"
    assert candidate.phone == ""
    assert candidate.postal_code == "9000"


def test_a_patch_cannot_empty_a_required_field(api_for, coordinator, organisation):
    candidate = CandidateFactory(organisation=organisation, last_name="Maes")
    response = api_for(coordinator).patch(
        f"{CANDIDATES}/{candidate.public_id}", {"last_name": None}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "last_name"
    candidate.refresh_from_db()
    assert candidate.last_name == "Maes"


def test_a_mentor_sees_the_candidates_they_mentor_only(
    api_for, mentor, other_mentor, organisation, make_trajectory
):
    mine = make_trajectory(mentors=[mentor]).candidate
    theirs = make_trajectory(mentors=[other_mentor]).candidate
    api = api_for(mentor)
    assert api.get(f"{CANDIDATES}/{mine.public_id}").status_code == 200
    assert api.get(f"{CANDIDATES}/{theirs.public_id}").status_code == 404


def test_the_api_cleans_control_characters_from_names(api_for, coordinator):
    response = api_for(coordinator).post(
        CANDIDATES,
        {"first_name": "Yusuf\r\n", "last_name": "De\fmir</style>", "language": "nl"},
    )
    assert response.status_code == 201, response.content
    candidate = Candidate.objects.get(public_id=response.json()["id"])
    assert candidate.first_name == "Yusuf"
    assert candidate.last_name == "De mir</style>"


@pytest.fixture
def checks_raced_past(monkeypatch):
    """Two creates at the same moment: both passed the checks before either saved."""
    monkeypatch.setattr(candidates_api, "_refuse_duplicate_email", lambda *args, **kw: None)
    monkeypatch.setattr(services, "_refuse_duplicate_email", lambda candidate: None, raising=False)


def test_two_api_creates_with_one_address_make_one_candidate(
    api_for, coordinator, organisation, checks_raced_past
):
    client = api_for(coordinator)
    first = client.post(
        CANDIDATES, {"first_name": "Lien", "last_name": "Smet", "email": "lien@x.be"}
    )
    assert first.status_code == 201
    second = client.post(
        CANDIDATES, {"first_name": "Lien", "last_name": "Smet", "email": "LIEN@x.be"}
    )
    assert second.status_code == 409
    error = second.json()["errors"][0]
    assert (error["code"], error["field"]) == ("duplicate_email", "email")
    assert Candidate.objects.filter(organisation=organisation).count() == 1
