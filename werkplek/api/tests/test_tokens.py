import hashlib
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from werkplek.api.models import ApiToken
from werkplek.api.services import api_token_create
from werkplek.api.tests.helpers import ApiClient

TOKENS_URL = "/accounts/me/tokens/"


def test_the_token_page_is_for_signed_in_people(client):
    response = client.get(TOKENS_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_new_token_is_shown_once_and_only_its_hash_is_stored(client_for, coordinator):
    client = client_for(coordinator)
    response = client.post(
        TOKENS_URL, {"name": "Loonadministratie", "valid_days": "90", "can_write": ""}
    )
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("wpk_") and len(secret) > 40
    page = response.content.decode()
    assert secret in page
    assert "Kopieer hem nu" in page
    token = ApiToken.objects.get(user=coordinator)
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.name, token.prefix, token.secret_hash}
    assert token.prefix == secret[:8]
    assert not token.can_write
    assert timedelta(days=89) < token.expires_at - timezone.now() <= timedelta(days=90)
    again = client.get(TOKENS_URL).content.decode()
    assert secret not in again
    assert "Loonadministratie" in again and token.prefix in again


def test_a_token_without_a_name_is_refused_next_to_the_field(client_for, coordinator):
    response = client_for(coordinator).post(TOKENS_URL, {"name": "", "valid_days": "30"})
    assert response.status_code == 422
    assert "Dit veld is verplicht" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_revoked_token_is_refused(client_for, coordinator):
    token, secret = api_token_create(user=coordinator, name="HR")
    api = ApiClient(coordinator, secret=secret)
    assert api.get("/api/v1/me").status_code == 200

    response = client_for(coordinator).post(f"{TOKENS_URL}{token.public_id}/revoke/")
    assert response.status_code == 302
    refused = api.get("/api/v1/me")
    assert refused.status_code == 401
    assert refused.json() == {
        "errors": [
            {"field": None, "code": "token_revoked", "message": "Dit API-token is ingetrokken."}
        ]
    }


def test_someone_else_cannot_revoke_my_token(client_for, coordinator, mentor):
    token, _secret = api_token_create(user=coordinator, name="HR")
    response = client_for(mentor).post(f"{TOKENS_URL}{token.public_id}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_expired_token_is_refused(coordinator):
    token, secret = api_token_create(user=coordinator, name="HR", valid_days=30)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = ApiClient(coordinator, secret=secret).get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "token_expired"


@pytest.mark.parametrize("secret", ["wpk_made-up", "not-even-ours", "wpk_" + "x" * 200])
def test_an_unknown_token_is_refused(db, secret):
    response = ApiClient(None, secret=secret).get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "invalid_token"


def test_the_token_of_a_deactivated_person_is_refused(coordinator):
    _token, secret = api_token_create(user=coordinator, name="HR")
    coordinator.is_active = False
    coordinator.save()
    response = ApiClient(coordinator, secret=secret).get("/api/v1/me")
    assert response.status_code == 401


def test_a_token_says_who_it_is_and_remembers_when_it_was_used(coordinator):
    token, secret = api_token_create(user=coordinator, name="HR", can_write=True)
    response = ApiClient(coordinator, secret=secret).get("/api/v1/me")
    assert response.json()["full_name"] == "Cora Coördinator"
    assert response.json()["token"] == {"name": "HR", "can_write": True, "expires_at": None}
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_signed_in_session_works_and_changes_need_the_csrf_token(coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert client.get("/api/v1/organisations").json()[0]["slug"] == "autocars"
    response = client.post(
        "/api/v1/organisations/autocars/candidates",
        {"first_name": "An", "last_name": "Peeters"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "csrf_failed"


def test_without_token_or_session_a_change_is_a_401_not_a_csrf_error(db):
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/organisations/autocars/candidates", {}, content_type="application/json"
    )
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "not_authenticated"


def test_the_profile_page_links_to_the_tokens(client_for, coordinator):
    page = client_for(coordinator).get("/accounts/me/").content.decode()
    assert TOKENS_URL in page
