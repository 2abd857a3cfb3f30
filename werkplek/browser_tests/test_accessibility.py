"""Key pages in a real browser: accessible (axe-core) and usable on a 360 px phone."""

import pytest
from django.urls import reverse

from werkplek.browser_tests.helpers import (
    PHONE,
    assert_accessible,
    assert_no_sideways_scroll,
    check_page,
    sign_in,
    small_touch_targets,
)
from werkplek.core.extensions import TRAJECTORY_TABS
from werkplek.portal.services import guest_access_grant

pytestmark = pytest.mark.browser


def test_sign_in_page_is_accessible_and_fits_a_phone(page, live_server):
    check_page(page, live_server.url + reverse("login"))


def test_staff_pages_are_accessible_and_fit_a_phone(
    page, live_server, organisation, coordinator, mentor, make_trajectory
):
    trajectory = make_trajectory(mentors=[mentor])
    sign_in(page, live_server, coordinator)
    org = organisation.slug
    for url in [
        reverse("trajectories:list", kwargs={"org": org}),
        trajectory.get_absolute_url(),
        reverse("notifications:today", kwargs={"org": org}),
        reverse("plans:plan", kwargs={"org": org, "public_id": trajectory.public_id}),
    ]:
        check_page(page, live_server.url + url)


def test_portal_pages_are_accessible_and_fit_a_phone(
    page, live_server, organisation, coordinator, mentor, trainee, guest, make_trajectory
):
    trajectory = make_trajectory(mentors=[mentor])
    trajectory.candidate.user = trainee
    trajectory.candidate.save()
    guest_access_grant(
        trajectory=trajectory,
        email=guest.email,
        full_name=guest.full_name,
        language="nl",
        by=coordinator,
        base_url=live_server.url,
    )
    org = organisation.slug
    sign_in(page, live_server, trainee)
    check_page(page, live_server.url + reverse("portal:home", kwargs={"org": org}))
    own = {"org": org, "public_id": trajectory.public_id}
    for name in ("plans:plan", "logbook:list", "logbook:create", "attendance:month"):
        check_page(page, live_server.url + reverse(name, kwargs=own))
    page.context.clear_cookies()
    sign_in(page, live_server, guest)
    check_page(page, live_server.url + reverse("portal:home", kwargs={"org": org}))
    check_page(
        page,
        live_server.url
        + reverse(
            "portal:guest_trajectory", kwargs={"org": org, "public_id": trajectory.public_id}
        ),
    )
    page.context.clear_cookies()
    sign_in(page, live_server, coordinator)
    check_page(
        page,
        live_server.url
        + reverse("portal:guest_invite", kwargs={"org": org, "public_id": trajectory.public_id}),
    )


def test_every_trajectory_tab_fits_a_mentors_phone(
    page, live_server, organisation, mentor, make_trajectory
):
    """Every tab other apps register on the trajectory page, as a mentor on a phone."""
    trajectory = make_trajectory(mentors=[mentor])
    sign_in(page, live_server, mentor)
    page.set_viewport_size(PHONE)
    kwargs = {"org": organisation.slug, "public_id": trajectory.public_id}
    for tab in TRAJECTORY_TABS:
        if "mentor" not in tab.roles:
            continue
        url = live_server.url + reverse(tab.url_name, kwargs=kwargs)
        response = page.goto(url)
        assert response.ok, url
        assert_no_sideways_scroll(page)
        assert small_touch_targets(page) == [], url
        assert_accessible(page)
