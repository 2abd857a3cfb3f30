"""The coordinator's home in Chromium: the pipeline at 1280 and 360 px (screenshots kept in a
temporary directory), the header's destinations on wide screens, no sideways scroll."""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from werkplek.browser_tests.helpers import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_no_sideways_scroll,
    sign_in,
    small_touch_targets,
)
from werkplek.checklists.models import ChecklistItem
from werkplek.notifications.services import notifications_scan
from werkplek.trajectories.models import Status, Trajectory

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(
    os.environ.get("WERKPLEK_SCREENSHOTS") or Path(tempfile.gettempdir()) / "werkplek-screenshots"
)


@pytest.fixture
def busy_organisation(organisation, coordinator, mentor, make_trajectory):
    today = timezone.localdate()
    for step, status in (
        (1, Status.PREPARING),
        (4, Status.RUNNING),
        (4, Status.RUNNING),
        (6, Status.RUNNING),
        (8, Status.FINISHING),
    ):
        trajectory = make_trajectory(mentors=[mentor])
        Trajectory.objects.filter(pk=trajectory.pk).update(status=status, step=step)
        ChecklistItem.objects.filter(trajectory=trajectory, code="driving_test").update(
            due_date=today - timedelta(days=step)
        )
    notifications_scan(today=today)
    return organisation


def test_the_home_shows_the_pipeline_on_a_desktop_and_a_phone(
    page, live_server, busy_organisation, coordinator
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    sign_in(page, live_server, coordinator)
    for name, size in (("1280", DESKTOP), ("360", PHONE)):
        page.set_viewport_size(size)
        page.goto(live_server.url + "/o/autocars/")  # lands on the home
        assert page.url.endswith("/o/autocars/home/")
        pipeline = page.locator(".pipeline")
        assert pipeline.is_visible()
        assert page.locator(".pipeline__step").count() == 8
        running = page.locator(".pipeline__step").nth(3)
        assert running.locator(".pipeline__count").inner_text() == "2"
        assert running.is_visible() and running.bounding_box()["y"] < size["height"]
        assert_no_sideways_scroll(page)
        assert small_touch_targets(page) == []
        assert_accessible(page)
        page.screenshot(path=SCREENSHOTS / f"coordinator-home-{name}.png", full_page=True)
    assert (SCREENSHOTS / "coordinator-home-1280.png").stat().st_size > 10_000


def test_a_step_of_the_pipeline_opens_the_list_of_its_trajectories(
    page, live_server, busy_organisation, coordinator
):
    sign_in(page, live_server, coordinator)
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/o/autocars/home/")
    page.locator(".pipeline__step").nth(3).locator("a").click()
    assert "step=4" in page.url
    assert page.locator("#trajectory-results .trajectory-row").count() == 2


def test_main_destinations_are_in_the_header_on_wide_screens_and_in_the_menu_on_phones(
    page, live_server, busy_organisation, coordinator
):
    sign_in(page, live_server, coordinator)
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/o/autocars/home/")
    header = page.locator(".site-header")
    trajectories = header.locator(".nav-primary a", has_text="Trajecten")
    assert trajectories.is_visible()
    assert header.locator(".nav-menu__wide", has_text="Meer").is_visible()
    assert not header.locator(".nav-menu__small", has_text="Menu").is_visible()
    assert header.bounding_box()["height"] < 120

    page.set_viewport_size(PHONE)
    assert not trajectories.is_visible()
    menu = header.locator(".nav-menu__small", has_text="Menu")
    assert menu.is_visible()
    assert not header.locator(".nav-menu__wide").is_visible()
    menu.click()
    assert header.locator(".menu__list a", has_text="Trajecten").is_visible()
    assert_no_sideways_scroll(page)
