"""Personas and helpers shared by every test.

Personas (after healthchecks' alice/bob): in the organisation `organisation` there are an
`admin`, a `coordinator`, a `mentor`, a second mentor `other_mentor`, a `trainee` and a
`guest`; `outsider` is a coordinator of `other_organisation`.
"""

import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from werkplek.accounts.models import Membership, Organisation
from werkplek.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.sectorpacks.loader import load_all
from werkplek.sectorpacks.models import SectorPack
from werkplek.sectorpacks.services import organisation_adopt_pack
from werkplek.trajectories.models import Kind
from werkplek.trajectories.services import trajectory_create

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# --- Dates ---------------------------------------------------------------------------------
# A test marked `dates` runs once on each of these moments (Europe/Brussels), the clock
# ticking on from there, instead of on the day the suite happens to run: a month's first and
# last day, a weekend just after midnight (still the day before in UTC), New Year's Eve and
# both changes of daylight saving time. `WERKPLEK_TODAY=2027-02-28T23:30` runs every other
# test on that moment too (to hunt for tests that depend on the day they run).
BRUSSELS = ZoneInfo("Europe/Brussels")
TRAVEL_DATES = {
    "first-of-month": datetime(2027, 3, 1, 9, 30, tzinfo=BRUSSELS),  # a Monday
    "last-of-month-sunday": datetime(2027, 1, 31, 10, 0, tzinfo=BRUSSELS),
    "saturday-after-midnight": datetime(2027, 5, 15, 0, 30, tzinfo=BRUSSELS),
    "new-years-eve": datetime(2026, 12, 31, 16, 0, tzinfo=BRUSSELS),
    "summer-time-starts": datetime(2027, 3, 28, 1, 30, tzinfo=BRUSSELS),
    "summer-time-ends": datetime(2027, 10, 31, 1, 30, tzinfo=BRUSSELS),
}
TODAY = os.environ.get("WERKPLEK_TODAY")


def pytest_generate_tests(metafunc):
    if metafunc.definition.get_closest_marker("dates") and "travel" in metafunc.fixturenames:
        metafunc.parametrize("travel", list(TRAVEL_DATES), indirect=True)


@pytest.fixture(autouse=True)
def travel(request):
    """The moment a test runs on: one of TRAVEL_DATES for a test marked `dates`, else
    WERKPLEK_TODAY when set, else now."""
    name = getattr(request, "param", None)
    if name is None and not TODAY:
        yield None
        return
    moment = TRAVEL_DATES[name] if name else datetime.fromisoformat(TODAY)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=BRUSSELS)
    with time_machine.travel(moment, tick=True):
        yield moment


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Messages raised by services read in English in tests; pages render in the user's own
    language (Dutch for the personas), so page tests assert what a Dutch user sees."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Files uploaded in a test go to a temporary folder, never into ./data/media."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (API rate counts, memoised lookups)."""
    cache.clear()


@pytest.fixture
def bus_coach_pack(db) -> SectorPack:
    load_all()
    return SectorPack.objects.get(code="bus_coach")


def _organisation_with_pack(pack: SectorPack, **fields) -> Organisation:
    organisation = OrganisationFactory(**fields)
    return organisation_adopt_pack(organisation=organisation, pack=pack)


@pytest.fixture
def organisation(bus_coach_pack) -> Organisation:
    return _organisation_with_pack(bus_coach_pack, name="Autocars Vlaanderen", slug="autocars")


@pytest.fixture
def other_organisation(bus_coach_pack) -> Organisation:
    return _organisation_with_pack(bus_coach_pack, name="Cars Andere", slug="andere")


def _member(organisation, role, **user_fields):
    return MembershipFactory(organisation=organisation, role=role, user=UserFactory(**user_fields))


@pytest.fixture
def admin(organisation):
    return _member(organisation, Membership.Role.ADMIN, full_name="Ada Admin").user


@pytest.fixture
def coordinator(organisation):
    return _member(organisation, Membership.Role.COORDINATOR, full_name="Cora Coördinator").user


@pytest.fixture
def mentor(organisation):
    return _member(organisation, Membership.Role.MENTOR, full_name="Mats Mentor").user


@pytest.fixture
def other_mentor(organisation):
    return _member(organisation, Membership.Role.MENTOR, full_name="Olga Other").user


@pytest.fixture
def trainee(organisation):
    return _member(organisation, Membership.Role.TRAINEE, full_name="Tom Trainee").user


@pytest.fixture
def guest(organisation):
    return _member(organisation, Membership.Role.GUEST, full_name="Greet Gast").user


@pytest.fixture
def outsider(other_organisation):
    return _member(other_organisation, Membership.Role.COORDINATOR, full_name="Otto Outsider").user


def membership_of(user, organisation) -> Membership:
    return Membership.objects.get(user=user, organisation=organisation)


@pytest.fixture
def make_trajectory(coordinator):
    """make_trajectory(organisation=…, mentors=[…], kind=…, **fields) through the service."""

    # A reason is given by default, so that tests about other things may give one mentor more
    # trainees than the organisation's limit; the limit's tests pass mentor_reason="".
    def make(
        organisation=None,
        *,
        mentors=(),
        candidate=None,
        by=None,
        mentor_reason="Test: more trainees than the limit",
        **fields,
    ):
        organisation = organisation or coordinator.memberships.first().organisation
        candidate = candidate or CandidateFactory(organisation=organisation)
        by = by or coordinator
        fields.setdefault("kind", Kind.IBO)
        if organisation == coordinator.memberships.first().organisation:
            fields.setdefault("coordinator", coordinator)
        trajectory = trajectory_create(
            candidate=candidate,
            created_by=by,
            mentors=mentors,
            mentor_reason=mentor_reason,
            **fields,
        )
        from werkplek.notifications.models import Notification

        # The mentors' "you are now the mentor" notification is left out, so that tests of
        # the inbox see only what they cause (it is tested in notifications/test_obligations).
        Notification.objects.filter(
            trajectory=trajectory, kind="trajectories.mentor_assigned"
        ).delete()
        return trajectory

    return make


@pytest.fixture
def client_for():
    def login(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return login


# --- Browser tests (Playwright driving Debian's Chromium) -----------------------------------
# See docs/decisions/browser-tests.md. Tests marked `browser` run against pytest-django's
# live_server in a transactional database; without Chromium they are skipped with a loud
# reason, unless WERKPLEK_REQUIRE_BROWSER=1 (CI), which turns any skip into a failure.
CHROMIUM = os.environ.get("WERKPLEK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_REQUIRED = os.environ.get("WERKPLEK_REQUIRE_BROWSER") == "1"
NO_CHROMIUM = (
    f"Chromium not found at {CHROMIUM}: browser tests skipped. Install it with "
    "`sudo apt-get install -y chromium` (Debian/Ubuntu), or point WERKPLEK_CHROMIUM at a "
    "Chromium binary."
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.django_db(transaction=True))


def pytest_runtest_setup(item):
    if item.get_closest_marker("browser") and not os.path.exists(CHROMIUM):
        if BROWSER_REQUIRED:
            pytest.fail(NO_CHROMIUM + " WERKPLEK_REQUIRE_BROWSER=1 makes this a failure.")
        pytest.skip(NO_CHROMIUM)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if BROWSER_REQUIRED and report.skipped and item.get_closest_marker("browser"):
        report.outcome = "failed"
        report.longrepr = f"WERKPLEK_REQUIRE_BROWSER=1: a browser test may not skip ({call.when})."
    return report


def pytest_terminal_summary(terminalreporter):
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if "browser" in getattr(report, "keywords", {})
    ]
    if skipped:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", red=True, bold=True)
        terminalreporter.write_line(f"{len(skipped)} browser test(s) did not run. {NO_CHROMIUM}")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "nl-BE",
        "timezone_id": "Europe/Brussels",
        "viewport": {"width": 1280, "height": 900},
    }
