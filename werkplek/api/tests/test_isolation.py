"""The API twin of core/tests/test_permissions.py, generated from the OpenAPI schema.

Every operation under /organisations/{org}/ is walked: no token → 401, a non-member → 404,
every kind of object of another organisation → 404 for every role allowed, and roles
outside the operation → 403; a read-only token cannot change anything. A new router is
covered without writing a new test, as long as it uses `@api_member`.
"""

import uuid

import pytest
from django.test import Client

from werkplek.accounts.models import Membership
from werkplek.api.tests.helpers import ApiClient
from werkplek.api.v1 import api
from werkplek.conftest import membership_of
from werkplek.core.tests.isolation import build_foreign_world

SCHEMA = api.get_openapi_schema()
PREFIX = "/api/v1"
OPERATIONS = [
    (method, path, operation)
    for path, methods in SCHEMA["paths"].items()
    for method, operation in methods.items()
]
ORG_OPERATIONS = [op for op in OPERATIONS if "{org}" in op[1]]
OBJECT_OPERATIONS = [op for op in ORG_OPERATIONS if "{public_id}" in op[1]]

# A valid body for operations that need one, so the answer is about who asks, not what.
BODIES = {
    ("post", "/organisations/{org}/candidates"): {"first_name": "An", "last_name": "Peeters"},
    ("post", "/organisations/{org}/trajectories"): {"candidate": str(uuid.uuid4()), "kind": "ibo"},
    ("post", "/organisations/{org}/trajectories/{public_id}/actions/close"): {
        "continue_training": True
    },
    ("post", "/organisations/{org}/trajectories/{public_id}/actions/stop"): {"reason": "Moved"},
    ("post", "/organisations/{org}/trajectories/{public_id}/actions/move-step"): {
        "step": 2,
        "reason": "Kennismaking gehouden",
    },
    ("post", "/organisations/{org}/checklist-items/{public_id}/waive"): {"reason": "Not needed"},
    ("post", "/organisations/{org}/credentials"): {
        "candidate": str(uuid.uuid4()),
        "type": "licence_d",
    },
}


def ids(operations):
    return [f"{method.upper()} {path.removeprefix(PREFIX)}" for method, path, _op in operations]


def url_for(path: str, org: str = "autocars", public_id=None) -> str:
    url = path.replace("{org}", org).replace("{public_id}", str(public_id or uuid.uuid4()))
    assert "{" not in url, f"unknown path parameter in {path}: teach this test about it"
    return url


def body_for(method: str, path: str):
    return BODIES.get((method, path.removeprefix(PREFIX)), {} if method != "get" else None)


def allowed_roles(operation) -> tuple[str, ...]:
    return tuple(operation.get("x-roles", ())) or tuple(Membership.Role.values)


def call(client: ApiClient, method: str, path: str, url: str):
    body = body_for(method, path)
    if method == "get":
        return client.get(url)
    return client.call(method, url, body)


def test_the_isolation_matrix_walks_the_whole_api():
    assert len(OBJECT_OPERATIONS) >= 14
    for _method, path, operation in ORG_OPERATIONS:
        assert "x-roles" in operation, f"{path} does not use @api_member"


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=ids(OPERATIONS))
def test_without_a_token_every_operation_answers_401(db, method, path, operation):
    response = getattr(Client(), method)(url_for(path), content_type="application/json")
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "not_authenticated"


def test_a_non_member_gets_404_for_every_operation_of_the_organisation(
    organisation, outsider, make_trajectory, mentor
):
    trajectory = make_trajectory(mentors=[mentor])
    client = ApiClient(outsider)  # coordinator of "andere", not of "autocars"
    wrong = []
    for method, path, _operation in ORG_OPERATIONS:
        response = call(client, method, path, url_for(path, public_id=trajectory.public_id))
        if response.status_code != 404 or response.json()["errors"][0]["code"] != "not_found":
            wrong.append(f"{method.upper()} {path}: {response.status_code}")
    assert wrong == []


@pytest.mark.parametrize("persona", ["admin", "coordinator", "mentor", "trainee", "guest"])
def test_objects_of_another_organisation_are_404_for_every_role(
    request, settings, bus_coach_pack, organisation, make_trajectory, mentor, persona
):
    """One test per role, so that parallel test workers share the work."""
    settings.API_RATE_LIMIT = ""  # hundreds of calls in one test
    user = request.getfixturevalue(persona)
    world = build_foreign_world(
        pack=bus_coach_pack, make_trajectory=make_trajectory, mentor=mentor, with_token=True
    )
    foreign = sorted(set(world["foreign"].values()), key=str)  # one of each kind of object
    wrong = []
    client = ApiClient(user)
    role = membership_of(user, organisation).role
    for method, path, operation in OBJECT_OPERATIONS:
        if role not in allowed_roles(operation):
            continue  # refused before any lookup: test_roles_outside_the_operation_get_403
        for public_id in foreign:
            response = call(client, method, path, url_for(path, public_id=public_id))
            if response.status_code != 404:
                wrong.append(
                    f"{role} {method.upper()} {path} ({public_id}) gave "
                    f"{response.status_code}: {response.content[:200]}"
                )
    assert wrong == []


def test_roles_outside_the_operation_get_403(
    organisation, admin, coordinator, mentor, trainee, guest
):
    wrong = []
    for user in (admin, coordinator, mentor, trainee, guest):
        role = membership_of(user, organisation).role
        client = ApiClient(user)
        for method, path, operation in ORG_OPERATIONS:
            if role not in allowed_roles(operation):
                response = call(client, method, path, url_for(path))
                if (
                    response.status_code != 403
                    or response.json()["errors"][0]["code"] != "role_not_allowed"
                ):
                    wrong.append(f"{role} {method.upper()} {path}: {response.status_code}")
    assert wrong == []


WRITES = [op for op in ORG_OPERATIONS if op[0] != "get"]


def test_a_read_only_token_cannot_change_anything(organisation, admin):
    client = ApiClient(admin, can_write=False)
    wrong = []
    for method, path, _operation in WRITES:
        response = call(client, method, path, url_for(path))
        if response.status_code != 403 or (
            response.json()["errors"][0]["code"] != "read_only_token"
        ):
            wrong.append(f"{method.upper()} {path}: {response.status_code}")
    assert wrong == []
