"""Every organisation URL, generated from the URL conf: who may reach it, and no leaks.

A new view under /o/<org>/ is covered automatically: it must use `member_required` (so it
declares its roles), send anonymous users to the sign-in page, answer 404 to people outside
the organisation, 403 to roles it is not for, and 404 for every kind of object that belongs
to another organisation, for every role it is for. Objects are found generically: every
model with a `public_id`.

Each test walks all URLs against one shared set of data and reports every offender at once:
building the other organisation once instead of once per URL keeps the matrix fast.
"""

import uuid

import pytest
from django.test import Client

from werkplek.conftest import membership_of
from werkplek.core.tests.isolation import FOREIGN_OBJECT_MAKERS, build_foreign_world  # noqa: F401
from werkplek.core.urlwalk import walk
from werkplek.urls import organisation_patterns

ORG_URLS = list(walk(organisation_patterns))
OBJECT_URLS = [(route, entry) for route, entry in ORG_URLS if "public_id" in route]
KNOWN_PARAMETERS = {"public_id", "code", "direction"}
ROLES = ["admin", "coordinator", "mentor", "trainee", "guest"]  # persona fixtures


def url_for(route: str, org: str, public_id=None) -> str:
    url = "/o/" + org + "/" + route
    url = url.replace("<uuid:public_id>", str(public_id or uuid.uuid4()))
    url = url.replace("<slug:code>", "start").replace("<str:direction>", "up")
    assert "<" not in url, f"unknown URL parameter in {route}: teach this test about it"
    return url


def roles_of(entry) -> tuple[str, ...]:
    return entry.callback.member_roles


def test_every_organisation_view_declares_its_roles():
    undeclared = [route for route, entry in ORG_URLS if not hasattr(entry.callback, "member_roles")]
    assert undeclared == []


def test_the_matrix_walks_every_organisation_url():
    assert len(ORG_URLS) >= 100 and len(OBJECT_URLS) >= 50
    for route, _entry in ORG_URLS:
        url_for(route, "x")


def test_anonymous_visitors_are_sent_to_sign_in(organisation):
    client = Client()
    wrong = []
    for route, _entry in ORG_URLS:
        for method in (client.get, client.post):
            response = method(url_for(route, "autocars"))
            location = response.get("Location", "")
            if response.status_code != 302 or not location.startswith("/accounts/login/"):
                wrong.append(f"{method.__name__.upper()} {route}: {response.status_code}")
    assert wrong == []


def test_a_non_member_gets_404_for_every_url_of_the_organisation(
    client_for, organisation, outsider, make_trajectory, mentor
):
    trajectory = make_trajectory(mentors=[mentor])
    client = client_for(outsider)  # coordinator of "andere", not of "autocars"
    wrong = []
    for route, _entry in ORG_URLS:
        url = url_for(route, "autocars", trajectory.public_id)  # a real object of autocars
        for method in (client.get, client.post):
            status = method(url).status_code
            if status != 404:
                wrong.append(f"{method.__name__.upper()} {route}: {status}")
    assert wrong == []


@pytest.mark.parametrize("persona", ROLES)
def test_objects_of_another_organisation_are_404_for_every_role(
    request, client_for, bus_coach_pack, organisation, make_trajectory, mentor, persona
):
    """One test per role, so that parallel test workers share the work."""
    user = request.getfixturevalue(persona)
    world = build_foreign_world(pack=bus_coach_pack, make_trajectory=make_trajectory, mentor=mentor)
    foreign = sorted(set(world["foreign"].values()), key=str)  # one of each kind of object
    assert len(foreign) >= 15
    wrong = []
    client = client_for(user)
    role = membership_of(user, organisation).role
    for route, entry in OBJECT_URLS:
        roles = roles_of(entry)
        if roles and role not in roles:
            continue  # refused before any lookup: test_roles_outside_the_view_get_403
        for public_id in foreign:
            url = url_for(route, "autocars", public_id)
            for method, allowed in ((client.post, {404}), (client.get, {404, 405})):
                status = method(url).status_code
                if status not in allowed:
                    wrong.append(f"{role} {method.__name__.upper()} {url}: {status}")
    assert wrong == []


def test_roles_outside_the_view_get_403(
    client_for, organisation, admin, coordinator, mentor, trainee, guest
):
    wrong = []
    for user in (admin, coordinator, mentor, trainee, guest):
        client = client_for(user)
        role = membership_of(user, organisation).role
        for route, entry in ORG_URLS:
            roles = roles_of(entry)
            if roles and role not in roles:
                for method in (client.get, client.post):
                    status = method(url_for(route, "autocars")).status_code
                    if status != 403:
                        wrong.append(f"{role} {method.__name__.upper()} {route}: {status}")
    assert wrong == []
