"""Key pages in a real browser: accessible (axe-core) and usable on a 360 px phone."""

import pytest
from django.urls import reverse

from werkplek.browser_tests.helpers import check_page, sign_in

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
    ]:
        check_page(page, live_server.url + url)
