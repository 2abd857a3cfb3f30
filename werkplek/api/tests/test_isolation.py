"""The API twin of core/tests/test_permissions.py, generated from the OpenAPI schema.

Every operation under /organisations/{org}/ is walked: no token → 401, a non-member → 404,
every kind of object of another organisation → 404 for every role allowed, and roles
outside the operation → 403; a read-only token cannot change anything. A new router is
covered without writing a new test, as long as it uses `@api_member`.
"""

import uuid

import pytest
from django.apps import apps
from django.test import Client
from django.utils.module_loading import import_string

from werkplek.accounts.models import Membership
from werkplek.api.tests.helpers import ApiClient
from werkplek.api.v1 import api
from werkplek.conftest import membership_of
from werkplek.core.tests.test_permissions import FOREIGN_OBJECT_MAKERS

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
    ("post", "/organisations/{org}/trajectories/{public_id}/actions/close"): {"outcome": "hired"},
    ("post", "/organisations/{org}/trajectories/{public_id}/actions/stop"): {"reason": "Moved"},
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


def public_ids() -> dict[str, set]:
    found = {}
    for model in apps.get_models():
        if any(field.name == "public_id" for field in model._meta.fields):
            found[model._meta.label] = set(model.objects.values_list("public_id", flat=True))
    return found


@pytest.fixture
def world(organisation, coordinator, mentor, make_trajectory, bus_coach_pack):
    """Our organisation with a trajectory, then another organisation with one of everything."""
    from werkplek.accounts.tests.factories import MembershipFactory, OrganisationFactory
    from werkplek.api.services import api_token_create
    from werkplek.candidates.tests.factories import CandidateFactory
    from werkplek.sectorpacks.services import organisation_adopt_pack
    from werkplek.trajectories.services import trajectory_create

    make_trajectory(mentors=[mentor])
    ours = public_ids()
    other = organisation_adopt_pack(
        organisation=OrganisationFactory(slug="elders"), pack=bus_coach_pack
    )
    boss = MembershipFactory(organisation=other, role=Membership.Role.ADMIN)
    api_token_create(user=boss.user, name="theirs")
    theirs = trajectory_create(
        candidate=CandidateFactory(organisation=other),
        created_by=boss.user,
        kind="ibo",
        mentors=[boss.user],
        coordinator=boss.user,
    )
    for maker in FOREIGN_OBJECT_MAKERS:
        import_string(maker)(trajectory=theirs, by=boss.user)
    foreign = {}
    for label, found in public_ids().items():
        new = found - ours.get(label, set())
        if new:
            foreign[label] = sorted(new, key=str)[0]
    return {"other": other, "foreign": foreign}


def test_the_isolation_matrix_walks_the_whole_api():
    assert len(OBJECT_OPERATIONS) >= 14
    for _method, path, operation in ORG_OPERATIONS:
        assert "x-roles" in operation, f"{path} does not use @api_member"


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=ids(OPERATIONS))
def test_without_a_token_every_operation_answers_401(db, method, path, operation):
    response = getattr(Client(), method)(url_for(path), content_type="application/json")
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "not_authenticated"


@pytest.mark.parametrize(("method", "path", "operation"), ORG_OPERATIONS, ids=ids(ORG_OPERATIONS))
def test_a_non_member_gets_404_for_every_operation_of_the_organisation(
    world, outsider, method, path, operation
):
    client = ApiClient(outsider)  # coordinator of "andere", not of "autocars"
    response = call(client, method, path, url_for(path))
    assert response.status_code == 404, response.content
    assert response.json()["errors"][0]["code"] == "not_found"


@pytest.mark.parametrize(
    ("method", "path", "operation"), OBJECT_OPERATIONS, ids=ids(OBJECT_OPERATIONS)
)
def test_objects_of_another_organisation_are_404_for_every_role(
    world, organisation, admin, coordinator, mentor, trainee, guest, method, path, operation
):
    for user in (admin, coordinator, mentor, trainee, guest):
        client = ApiClient(user)
        role = membership_of(user, organisation).role
        expected = 404 if role in allowed_roles(operation) else 403
        for label, public_id in world["foreign"].items():
            response = call(client, method, path, url_for(path, public_id=public_id))
            assert response.status_code == expected, (
                f"{role} {method.upper()} {path} ({label}) gave {response.status_code}: "
                f"{response.content[:200]}"
            )


@pytest.mark.parametrize(("method", "path", "operation"), ORG_OPERATIONS, ids=ids(ORG_OPERATIONS))
def test_roles_outside_the_operation_get_403(
    organisation, admin, coordinator, mentor, trainee, guest, method, path, operation
):
    for user in (admin, coordinator, mentor, trainee, guest):
        role = membership_of(user, organisation).role
        if role not in allowed_roles(operation):
            response = call(ApiClient(user), method, path, url_for(path))
            assert response.status_code == 403, role
            assert response.json()["errors"][0]["code"] == "role_not_allowed"


WRITES = [op for op in ORG_OPERATIONS if op[0] != "get"]


@pytest.mark.parametrize(("method", "path", "operation"), WRITES, ids=ids(WRITES))
def test_a_read_only_token_cannot_change_anything(organisation, admin, method, path, operation):
    response = call(ApiClient(admin, can_write=False), method, path, url_for(path))
    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "read_only_token"
