"""Issue 20, mentors: the mentors page for coordinators (load against the limit)."""

import re

import pytest

from werkplek.accounts.models import Membership
from werkplek.conftest import _member
from werkplek.trajectories.models import Status
from werkplek.trajectories.tests.test_views import html

URL = "/o/autocars/mentors/"


@pytest.fixture
def loads(make_trajectory, mentor, other_mentor, coordinator, organisation):
    """Mats over the limit (3/2), Olga at it (2/2), Nora below it (0/2); a closed one and a
    coordinator who mentors one trainee."""
    for _ in range(3):
        make_trajectory(mentors=[mentor])
    make_trajectory(mentors=[other_mentor])
    make_trajectory(mentors=[other_mentor])
    closed = make_trajectory(mentors=[other_mentor])
    closed.status = Status.CLOSED
    closed.save(update_fields=["status"])
    make_trajectory(mentors=[coordinator])
    _member(organisation, Membership.Role.MENTOR, full_name="Nora Nieuw")


def _rows(page: str) -> dict[str, str]:
    """Each table row's text, by the mentor's name."""
    rows = {}
    for row in page.split("<tr>")[2:]:
        text = " ".join(re.sub(r"<[^>]+>", " ", row.split("</tr>")[0]).split())
        rows[re.split(r" \(| \d+/", text)[0]] = text
    return rows


def test_the_coordinator_sees_every_mentor_with_load_limit_and_flag(client_for, coordinator, loads):
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    page = html(client_for(coordinator).get(URL))
    assert "at most 2 open trajectories per mentor" in page
    rows = _rows(page)
    assert "3/2" in rows["Mats Mentor"] and "over the limit" in rows["Mats Mentor"]
    assert "2/2" in rows["Olga Other"] and "at the limit" in rows["Olga Other"]
    assert "0/2" in rows["Nora Nieuw"] and "below the limit" in rows["Nora Nieuw"]
    assert "1/2" in rows["Cora Coördinator"]
    assert next(iter(rows)) == "Mats Mentor"  # busiest first


def test_each_load_links_to_the_mentors_open_trajectories(client_for, coordinator, mentor, loads):
    page = html(client_for(coordinator).get(URL))
    link = f"/o/autocars/trajectories/?mentor={mentor.pk}&amp;status=open"
    assert link in page


@pytest.mark.parametrize("role", ["mentor", "trainee", "guest"])
def test_only_coordinators_and_admins_may_see_it(client_for, request, role, admin, coordinator):
    assert client_for(request.getfixturevalue(role)).get(URL).status_code == 403
    assert client_for(admin).get(URL).status_code == 200
    assert client_for(coordinator).get(URL).status_code == 200


def test_another_organisation_neither_sees_it_nor_shows_up(
    client_for, coordinator, outsider, other_organisation, make_trajectory, loads
):
    assert client_for(outsider).get(URL).status_code == 404
    _member(other_organisation, Membership.Role.MENTOR, full_name="Xavier Elders")
    page = html(client_for(coordinator).get(URL))
    assert "Xavier Elders" not in page and outsider.full_name not in page


def test_the_page_costs_the_same_queries_for_many_mentors(
    client_for, coordinator, organisation, make_trajectory, django_assert_max_num_queries
):
    client = client_for(coordinator)
    for _ in range(2):
        make_trajectory(mentors=[_member(organisation, "mentor").user])
    client.get(URL)
    with django_assert_max_num_queries(30) as few:
        client.get(URL)
    for _ in range(10):
        make_trajectory(mentors=[_member(organisation, "mentor").user])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).status_code == 200
