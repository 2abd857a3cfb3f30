"""A session whose second sign-in step is still pending may not use the API (issue 19 item 1)."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from werkplek.api.tests.helpers import ApiClient, org_url
from werkplek.api.tests.test_checklist_api import manual_item


def sign_in(client, user):
    response = client.post(
        "/accounts/login/", {"username": user.email, "password": "secret-pass-123"}
    )
    assert response.status_code == 302


@pytest.fixture
def halfway(client, coordinator):
    """Signed in with the password only: the code from the app is still asked."""
    TOTPDevice.objects.create(user=coordinator, name="Werkplek", confirmed=True)
    sign_in(client, coordinator)
    return client


@pytest.mark.parametrize("url", ["/api/v1/me", org_url("trajectories"), org_url("candidates")])
def test_a_pending_second_step_gets_401_from_the_api(halfway, url):
    response = halfway.get(url)
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "second_step_pending"


def test_a_pending_second_step_cannot_change_anything(halfway, make_trajectory, coordinator):
    trajectory = make_trajectory()
    item = manual_item(trajectory)  # one a person ticks
    csrf = halfway.get("/accounts/two-factor/verify/").cookies.get("csrftoken")
    headers = {"HTTP_X_CSRFTOKEN": csrf.value} if csrf else {}
    response = halfway.post(
        f"{org_url('checklist-items')}/{item.public_id}/tick",
        "{}",
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 401
    item.refresh_from_db()
    assert item.state == "open"


def test_after_the_code_the_session_reaches_the_api(halfway, coordinator):
    device = TOTPDevice.objects.get(user=coordinator)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    assert halfway.post("/accounts/two-factor/verify/", {"token": f"{code:06d}"}).status_code == 302
    assert halfway.get("/api/v1/me").status_code == 200


def test_a_personal_token_is_not_affected(coordinator):
    TOTPDevice.objects.create(user=coordinator, name="Werkplek", confirmed=True)
    assert ApiClient(coordinator).get("/api/v1/me").status_code == 200
