"""Error pages are styled and in the reader's language; a database that is down gives a 503
with Retry-After, not a bare 500 (issue 17 item 8, issue 19 item 8)."""

from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection

STYLESHEET = "core/werkplek.css"


@contextmanager
def database_down():
    """Every query fails the way it does when the database server is unreachable."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("could not connect to server: Connection refused")

    with connection.execute_wrapper(refuse):
        yield


def test_a_mentor_denied_a_page_sees_a_styled_page_in_dutch(client_for, mentor, make_trajectory):
    response = client_for(mentor).get("/o/autocars/settings/")
    assert response.status_code == 403
    page = response.content.decode()
    assert STYLESHEET in page
    assert "Geen toegang" in page
    assert "Forbidden" not in page


def test_a_missing_page_is_styled_and_in_the_users_language(client_for, coordinator):
    coordinator.language = "fr"
    coordinator.save()
    response = client_for(coordinator).get("/o/autocars/does-not-exist/")
    assert response.status_code == 404
    page = response.content.decode()
    assert STYLESHEET in page
    assert "Page introuvable" in page


def test_a_server_error_is_styled_and_in_the_users_language(client_for, coordinator):
    def bug(execute, sql, params, many, context):
        raise RuntimeError("a bug")

    client = client_for(coordinator)
    client.raise_request_exception = False
    with connection.execute_wrapper(bug):
        response = client.get("/o/autocars/trajectories/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 500
    page = response.content.decode()
    assert STYLESHEET in page
    assert "Er ging iets mis" in page
    assert "Retry-After" not in response


def test_pages_answer_a_styled_503_with_retry_after_when_the_database_is_down(
    client_for, coordinator
):
    client = client_for(coordinator)
    client.raise_request_exception = False
    with database_down():
        response = client.get("/o/autocars/trajectories/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert STYLESHEET in page
    assert "tijdelijk niet bereikbaar" in page


def test_health_answers_503_when_the_database_is_down(client, db):
    assert client.get("/health/").status_code == 200
    with database_down():
        response = client.get("/health/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


@pytest.mark.parametrize("url", ["/accounts/login/", "/does-not-exist/"])
def test_pages_send_a_permissions_policy(client, db, url):
    policy = client.get(url)["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy
