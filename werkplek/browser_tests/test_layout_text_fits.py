"""Long words and badges fit where the user reads them (issue 17, item 11): the French
evaluation page on a 360 px phone, and the expiry radar and its filter at 1280 px."""

import pytest
from django.urls import reverse

from werkplek.browser_tests.helpers import DESKTOP, PHONE, assert_no_sideways_scroll, sign_in
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.competences.tests.factories import competence, running
from werkplek.conftest import membership_of
from werkplek.credentials.tests.factories import day, record
from werkplek.evaluations.services import action_point_add, action_point_to_plan
from werkplek.evaluations.tests.factories import held, scheduled, sign_all
from werkplek.plans.models import PlanGoal
from werkplek.plans.services import plan_goal_save, plan_start, plan_version_agree

pytestmark = pytest.mark.browser

# The number of lines an element's text takes (a word broken in two takes two).
TEXT_LINES = """(el) => {
  const range = document.createRange();
  range.selectNodeContents(el);
  return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
}"""
OVERLAP = """([a, b]) => {
  const x = a.getBoundingClientRect(), y = b.getBoundingClientRect();
  return !(x.right <= y.left || y.right <= x.left || x.bottom <= y.top || y.bottom <= x.top);
}"""


@pytest.fixture
def french_coordinator(coordinator):
    coordinator.language = "fr"
    coordinator.save(update_fields=["language"])
    return coordinator


@pytest.fixture
def trajectory(make_trajectory, organisation, mentor):
    candidate = CandidateFactory(
        organisation=organisation, first_name="Marie-Françoise", last_name="Vandenbroucke-Dupont"
    )
    return running(make_trajectory, mentors=[mentor], candidate=candidate, days_ago=60)


def test_the_french_evaluation_page_fits_a_phone(
    page, live_server, organisation, french_coordinator, mentor, trajectory
):
    version = plan_start(trajectory=trajectory, by=mentor)
    plan_goal_save(
        goal=PlanGoal(version=version, competence=competence(organisation, "vehicle_check"))
    )
    plan_version_agree(version=version, by=mentor)
    evaluation = held(scheduled(trajectory, mentor), mentor, {"manoeuvring": 2})
    point = action_point_add(
        evaluation=evaluation,
        text="Manoeuvrer dans les arrêts étroits",
        competence=competence(organisation, "manoeuvring"),
        by=mentor,
    )
    # A long badge: "dans le plan comme moment d'apprentissage (version 2)".
    action_point_to_plan(point=point, as_="moment", on=day(3), by=mentor)
    sign_all(evaluation, membership_of(french_coordinator, organisation))
    sign_in(page, live_server, french_coordinator)
    page.set_viewport_size(PHONE)
    url = reverse(
        "evaluations:detail", kwargs={"org": organisation.slug, "public_id": evaluation.public_id}
    )
    page.goto(live_server.url + url)
    assert "Évaluation intermédiaire" in page.content()
    assert page.locator(".badge--info").count() == 1
    assert_no_sideways_scroll(page)


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_radar_badge_stays_beside_the_mentor_and_the_filter_buttons_keep_their_words(
    page, live_server, organisation, coordinator, mentor, trajectory, language
):
    coordinator.language = language
    coordinator.save(update_fields=["language"])
    record(trajectory.candidate, "driver_card", by=coordinator, expires_on=day(-123))
    record(trajectory.candidate, "medical_fitness", by=coordinator, expires_on=day(25))
    sign_in(page, live_server, coordinator)
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + reverse("credentials:radar", kwargs={"org": organisation.slug}))
    rows = page.locator(".radar-row")
    assert rows.count() == 2
    for index in range(rows.count()):
        badge = rows.nth(index).locator(".badge").element_handle()
        mentor_cell = rows.nth(index).locator(".radar-row__mentor").element_handle()
        assert not page.evaluate(OVERLAP, [badge, mentor_cell]), rows.nth(index).inner_text()
    for control in (".filters__actions .button", ".filters__actions a"):
        element = page.locator(control).element_handle()
        assert page.evaluate(TEXT_LINES, element) == 1, f"{control} breaks: {element.inner_text()}"
    assert_no_sideways_scroll(page)


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_filter_bar_keeps_its_button_words_whole_at_1280(
    page, live_server, organisation, coordinator, trajectory, language
):
    coordinator.language = language
    coordinator.save(update_fields=["language"])
    sign_in(page, live_server, coordinator)
    page.set_viewport_size(DESKTOP)
    org = {"org": organisation.slug}
    broken = []
    for name in (
        "credentials:radar",
        "candidates:list",
        "trajectories:list",
        "intake:applications",
        "evaluations:outcomes",
    ):
        page.goto(live_server.url + reverse(name, kwargs=org))
        controls = page.locator(".filters__actions .button, .filters__actions a")
        assert controls.count() >= 1, name
        for index in range(controls.count()):
            if page.evaluate(TEXT_LINES, controls.nth(index).element_handle()) != 1:
                broken.append(f"{name}: {controls.nth(index).inner_text()}")
    assert broken == []
