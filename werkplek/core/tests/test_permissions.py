"""Every organisation URL, generated from the URL conf: who may reach it, and no leaks.

A new view under /o/<org>/ is covered automatically: it must use `member_required` (so it
declares its roles), send anonymous users to the sign-in page, answer 404 to people outside
the organisation, and answer 404 for every kind of object that belongs to another
organisation. Objects are found generically: every model with a `public_id`.
"""

import uuid

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver
from django.utils.module_loading import import_string

from werkplek.accounts.models import Membership
from werkplek.conftest import membership_of
from werkplek.urls import organisation_patterns


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


ORG_URLS = list(walk(organisation_patterns))
# Objects that trajectory_create does not make: each app adds a maker (trajectory=…, by=…)
# that creates one of each of its objects for the other organisation's trajectory.
FOREIGN_OBJECT_MAKERS = [
    "werkplek.intake.tests.factories.one_of_each",
    "werkplek.credentials.tests.factories.one_of_each",
    "werkplek.documents.tests.factories.one_of_each",
    "werkplek.evaluations.tests.factories.one_of_each",
    "werkplek.printing.tests.factories.one_of_each",
    "werkplek.portal.tests.factories.one_of_each",
]
KNOWN_PARAMETERS = {"public_id", "code", "direction"}


def url_for(route: str, org: str, public_id=None) -> str:
    url = "/o/" + org + "/" + route
    url = url.replace("<uuid:public_id>", str(public_id or uuid.uuid4()))
    url = url.replace("<slug:code>", "start").replace("<str:direction>", "up")
    assert "<" not in url, f"unknown URL parameter in {route}: teach this test about it"
    return url


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
    from werkplek.candidates.tests.factories import CandidateFactory
    from werkplek.sectorpacks.services import organisation_adopt_pack
    from werkplek.trajectories.services import trajectory_create

    make_trajectory(mentors=[mentor])
    ours = public_ids()
    other = organisation_adopt_pack(
        organisation=OrganisationFactory(slug="elders"), pack=bus_coach_pack
    )
    boss = MembershipFactory(organisation=other, role=Membership.Role.ADMIN)
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
    for label, ids in public_ids().items():
        new = ids - ours.get(label, set())
        if new:
            foreign[label] = sorted(new, key=str)[0]
    return {"other": other, "foreign": foreign}


def test_every_organisation_view_declares_its_roles():
    undeclared = [route for route, entry in ORG_URLS if not hasattr(entry.callback, "member_roles")]
    assert undeclared == []


@pytest.mark.parametrize(("route", "entry"), ORG_URLS, ids=[r for r, _ in ORG_URLS])
def test_anonymous_visitors_are_sent_to_sign_in(client, organisation, route, entry):
    response = client.get(url_for(route, "autocars"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("route", "entry"), ORG_URLS, ids=[r for r, _ in ORG_URLS])
def test_a_non_member_gets_404_for_every_url_of_the_organisation(
    client_for, world, outsider, route, entry
):
    client = client_for(outsider)  # coordinator of "andere", not of "autocars"
    for method in (client.get, client.post):
        assert method(url_for(route, "autocars")).status_code == 404


@pytest.mark.parametrize(
    ("route", "entry"),
    [u for u in ORG_URLS if "public_id" in u[0]],
    ids=[r for r, _ in ORG_URLS if "public_id" in r],
)
def test_objects_of_another_organisation_are_404_for_every_role(
    client_for, world, organisation, admin, coordinator, mentor, trainee, guest, route, entry
):
    for user in (admin, coordinator, mentor, trainee, guest):
        client = client_for(user)
        role = membership_of(user, organisation).role
        for label, public_id in world["foreign"].items():
            url = url_for(route, "autocars", public_id)
            status = client.post(url).status_code
            roles = entry.callback.member_roles
            expected = {404} if not roles or role in roles else {403}
            assert status in expected, f"{role} POST {url} ({label}) gave {status}"
            status = client.get(url).status_code
            assert status in expected | {405}, f"{role} GET {url} ({label}) gave {status}"


@pytest.mark.parametrize(("route", "entry"), ORG_URLS, ids=[r for r, _ in ORG_URLS])
def test_roles_outside_the_view_get_403(
    client_for, organisation, admin, coordinator, mentor, trainee, guest, route, entry
):
    roles = entry.callback.member_roles
    for user in (admin, coordinator, mentor, trainee, guest):
        role = membership_of(user, organisation).role
        if roles and role not in roles:
            assert client_for(user).get(url_for(route, "autocars")).status_code == 403, role


def test_the_test_knows_every_url_parameter():
    for route, _entry in ORG_URLS:
        url_for(route, "x")
