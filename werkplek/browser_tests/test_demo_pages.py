"""The demo in a real browser (issue 17): the API documentation renders its schema, and the
key pages of the coordinator, a French-speaking mentor and the trainee fit a 360 px phone with
the demo's real data (long names, French labels, every step and state)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from werkplek.accounts.models import User
from werkplek.browser_tests.helpers import PHONE, sign_in
from werkplek.demo.foundation import EMAIL_DOMAIN
from werkplek.evaluations.models import Evaluation
from werkplek.sectorpacks.loader import load_all
from werkplek.trajectories.models import Trajectory

pytestmark = pytest.mark.browser
ORG = "demo-autocars"


def test_the_api_documentation_renders_every_operation(page, live_server):
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(live_server.url + "/api/v1/docs")
    page.locator(".opblock, .errors-wrapper").first.wait_for(timeout=20_000)
    shown = page.inner_text("body")
    assert "duplicated mapping key" not in shown
    assert "Parser error" not in shown
    assert page.locator(".opblock").count() > 20
    assert problems == []


def _demo_user(key: str) -> User:
    return User.objects.get(email=f"{key}@{EMAIL_DOMAIN}")


def _pages(role: str) -> list[str]:
    """Key pages for each role, on the trajectories of the demo that have the most on them."""
    kevin = Trajectory.objects.get(candidate__first_name="Kevin")
    elise = Trajectory.objects.get(candidate__first_name="Élise")
    evaluation = Evaluation.objects.filter(trajectory=elise).order_by("scheduled_on").last()

    def url(name: str, trajectory=None, **kwargs) -> str:
        if trajectory is not None:
            kwargs["public_id"] = trajectory.public_id
        return reverse(name, kwargs={"org": ORG, **kwargs})

    if role == "trainee":
        return [
            url("portal:home"),
            url("plans:plan", kevin),
            url("logbook:list", kevin),
            url("attendance:month", kevin),
        ]
    # Élise (French, with evaluations) is followed by Johan; the coordinator sees every one.
    pages = [
        url("trajectories:detail", elise),
        url("plans:plan", elise),
        url("plans:calendar", elise),
        url("logbook:list", elise),
        url("attendance:month", elise),
        url("evaluations:list", elise),
        url("evaluations:detail", public_id=evaluation.public_id),
        url("credentials:trajectory", elise),
    ]
    if role == "mentor":
        return [url("notifications:today"), url("trajectories:mine"), *pages]
    return [
        url("trajectories:list"),
        url("candidates:list"),
        url("credentials:radar"),
        url("evaluations:outcomes"),
        url("trajectories:detail", kevin),
        url("audit:trajectory", kevin),
        *pages,
    ]


@pytest.fixture
def demo(transactional_db):
    load_all()
    with translation.override("nl"):  # as `make run` builds it
        call_command("load_demo", stdout=io.StringIO())


def test_key_pages_of_the_demo_fit_a_phone(page, live_server, demo):
    # The coordinator reads Dutch; Johan, the mentor, French; Kevin is the trainee.
    people = {"coordinator": "coordinator", "mentor": "johan", "trainee": "kevin"}
    page.set_viewport_size(PHONE)
    too_wide = []
    for role, key in people.items():
        page.context.clear_cookies()
        sign_in(page, live_server, _demo_user(key))
        for url in _pages(role):
            response = page.goto(live_server.url + url)
            assert response is not None and response.ok, f"{role} {url}: {response.status}"
            width = page.evaluate("() => document.scrollingElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide.append(f"{role} {url}: {width}px")
    assert too_wide == []
