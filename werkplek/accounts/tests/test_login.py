from django.core import mail

from werkplek.accounts.models import Membership
from werkplek.accounts.tests.factories import UserFactory


def test_login_with_email_any_case_lands_on_the_organisation(client, coordinator, organisation):
    response = client.post(
        "/accounts/login/",
        {"username": coordinator.email.upper(), "password": "secret-pass-123"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/o/autocars/home/"
    assert response.status_code == 200


def test_wrong_password_shows_an_error_and_keeps_the_email(client, coordinator):
    response = client.post("/accounts/login/", {"username": coordinator.email, "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html
    assert f'value="{coordinator.email}"' in html


def test_logout_requires_post_and_ends_the_session(client_for, coordinator):
    client = client_for(coordinator)
    client.post("/accounts/logout/")
    response = client.get("/o/autocars/trajectories/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_password_reset_sends_a_working_link(client, coordinator):
    response = client.post("/accounts/password/reset/", {"email": coordinator.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password("a-new-long-passphrase")


def test_a_user_in_two_organisations_can_switch(client_for, coordinator, other_organisation):
    Membership.objects.create(user=coordinator, organisation=other_organisation, role="mentor")
    client = client_for(coordinator)
    html = client.get("/o/autocars/trajectories/").content.decode()
    assert "/o/andere/" in html  # the organisation switcher links to the other one
    assert client.get("/o/andere/").status_code == 302  # a mentor there lands on my trainees


def test_user_without_organisation_gets_an_explanation(client_for, db):
    response = client_for(UserFactory(language="en")).get("/", follow=True)
    assert "No organisation yet" in response.content.decode()
