"""The health checks: /health/ for load balancers, /health/signed-in/ as the benchmark's floor."""

from django.test import Client


def test_health_answers_anyone(db):
    response = Client().get("/health/")
    assert response.status_code == 200 and response.content == b"ok"


def test_signed_in_floor_sends_anonymous_visitors_to_sign_in(db):
    response = Client().get("/health/signed-in/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_signed_in_floor_reads_the_session_and_the_user(coordinator, django_assert_num_queries):
    client = Client()
    client.force_login(coordinator)
    with django_assert_num_queries(2):  # the session, the user: nothing else
        response = client.get("/health/signed-in/")
    assert response.status_code == 200 and response.content == b"ok"
