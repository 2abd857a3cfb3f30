"""Failed sign-ins are throttled (django-axes); two-step sign-in with a real TOTP code."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.fixture(autouse=True)
def no_wait_after_a_wrong_code(settings):
    """django-otp makes you wait 1, 2, 4… seconds after a wrong code; a test doesn't wait."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def code_for(device: TOTPDevice, drift: int = 0) -> str:
    """The code an authenticator app shows now (drift=1: the next one, 30 s later)."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    return f"{code:06d}"


def sign_in(client, email, password="secret-pass-123", **extra):
    return client.post("/accounts/login/", {"username": email, "password": password}, **extra)


def test_too_many_wrong_passwords_lock_the_address_with_a_clear_message(
    client, coordinator, settings
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, coordinator.email, "wrong").status_code == 200
    # The same address in capitals counts as the same person.
    response = sign_in(client, coordinator.email.upper(), "wrong")
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    # Even the right password is refused while locked.
    assert sign_in(client, coordinator.email).status_code == 429


def test_a_successful_sign_in_resets_the_count(client, coordinator, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, coordinator.email, "wrong")
    assert sign_in(client, coordinator.email).status_code == 302
    client.post("/accounts/logout/")
    assert sign_in(client, coordinator.email, "wrong").status_code == 200


def test_enrol_with_a_qr_code_then_sign_in_asks_for_the_code(client, client_for, coordinator):
    enrolling = client_for(coordinator)
    page = enrolling.get("/accounts/two-factor/")
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.content.decode()
    device = TOTPDevice.objects.get(user=coordinator)
    assert not device.confirmed
    assert enrolling.post("/accounts/two-factor/", {"token": "000000"}).status_code == 422
    device.refresh_from_db()
    response = enrolling.post("/accounts/two-factor/", {"token": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed

    response = sign_in(client, coordinator.email)
    assert response.status_code == 302
    # Every page leads to the code page until the code is given.
    response = client.get("/o/autocars/trajectories/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/verify/"
    assert client.post("/accounts/two-factor/verify/", {"token": "123"}).status_code == 422
    device.refresh_from_db()
    # The code used to turn it on is spent: the app's next one signs in.
    response = client.post("/accounts/two-factor/verify/", {"token": code_for(device, drift=1)})
    assert response.status_code == 302
    assert response["Location"] == "/o/autocars/trajectories/"
    assert client.get("/o/autocars/trajectories/").status_code == 200


def test_turning_two_step_sign_in_off_needs_a_code(client_for, coordinator):
    device = TOTPDevice.objects.create(user=coordinator, name="Werkplek", confirmed=True)
    client = client_for(coordinator)
    client.session  # noqa: B018
    assert client.post("/accounts/two-factor/off/", {"token": "000000"}).status_code in {
        302,
        422,
    }
    # client_for signs in directly: the pending code question is answered first.
    verify = client.post("/accounts/two-factor/verify/", {"token": code_for(device)})
    assert verify.status_code == 302
    assert client.post("/accounts/two-factor/off/", {"token": "000000"}).status_code == 422
    device.refresh_from_db()
    # A code is accepted once: the next one turns it off.
    response = client.post("/accounts/two-factor/off/", {"token": code_for(device, drift=1)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
