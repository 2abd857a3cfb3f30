"""Every 4xx of the API has the same shape, also where no operation answers."""

import json
import re

from werkplek.api.tests.helpers import org_url


def test_a_body_that_is_not_json_is_a_400(api_for, coordinator):
    response = api_for(coordinator).client.post(
        org_url("candidates"), "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "field": None,
                "code": "invalid_json",
                "message": "De inhoud van het verzoek is geen geldige JSON.",
            }
        ]
    }


def test_an_unknown_address_and_a_wrong_method_answer_in_the_same_shape(api_for, coordinator):
    api = api_for(coordinator)
    missing = api.get("/api/v1/organisations/autocars/no-such-list")
    assert missing.status_code == 404
    assert missing["Content-Type"].startswith("application/json")
    assert missing.json()["errors"][0]["code"] == "not_found"
    wrong = api.client.delete(org_url("candidates"))
    assert wrong.status_code == 405
    assert set(wrong["Allow"].split(", ")) == {"GET", "POST"}
    assert wrong.json()["errors"][0] == {
        "field": None,
        "code": "method_not_allowed",
        "message": "Dit adres aanvaardt geen DELETE.",
    }


def test_a_wrong_type_names_the_field(api_for, coordinator):
    response = api_for(coordinator).get(org_url("trajectories"), step="vier")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "step", "code": "int_parsing", "message": "Geef een geheel getal in."}
    ]


def test_a_malformed_id_in_the_address_is_a_422_not_a_500(api_for, coordinator):
    response = api_for(coordinator).get(org_url("candidates/not-a-uuid"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "public_id"


def test_the_schema_and_the_documentation_are_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Werkplek API"
    assert "/api/v1/organisations/{org}/trajectories/{public_id}/actions/start" in schema["paths"]
    docs = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs
    # everything from our own static files: no address on another host (no CDN)
    assert not re.search(r'(src|href)="(https?:)?//', docs)


def test_the_schema_has_no_duplicated_key(client):
    """Issue 17 item 2: the file download listed its "200" response twice, and the browsable
    documentation refused the whole schema ("duplicated mapping key")."""

    def refuse_duplicates(pairs):
        keys = [key for key, _value in pairs]
        duplicated = sorted({key for key in keys if keys.count(key) > 1})
        assert not duplicated, f"duplicated keys in openapi.json: {duplicated}"
        return dict(pairs)

    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content, object_pairs_hook=refuse_duplicates)
    download = schema["paths"]["/api/v1/organisations/{org}/documents/{public_id}/file"]["get"]
    assert "application/pdf" in download["responses"]["200"]["content"]  # issue 19: each type


def test_too_many_calls_are_a_429_with_retry_after_and_count_per_person(
    api_for, coordinator, mentor, settings
):
    settings.API_RATE_LIMIT = "3/m"
    busy, other = api_for(coordinator), api_for(mentor)
    for _ in range(3):
        assert busy.get(org_url("candidates")).status_code == 200
    refused = busy.get(org_url("candidates"))
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json() == {
        "errors": [
            {
                "field": None,
                "code": "too_many_requests",
                "message": "Te veel verzoeken; probeer het later opnieuw.",
            }
        ]
    }
    assert other.get(org_url("trajectories")).status_code == 200


def test_an_empty_rate_limit_switches_it_off(api_for, coordinator, settings):
    settings.API_RATE_LIMIT = ""
    api = api_for(coordinator)
    assert all(api.get(org_url("candidates")).status_code == 200 for _ in range(5))
