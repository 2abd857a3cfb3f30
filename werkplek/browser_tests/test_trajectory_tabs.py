"""Every tab of a trajectory is reachable at 1280 and 360 px: in the bar, or under "More"."""

import pytest

from werkplek.browser_tests.helpers import DESKTOP, PHONE, assert_no_sideways_scroll, sign_in
from werkplek.browser_tests.test_coordinator_home import SCREENSHOTS
from werkplek.core.extensions import TRAJECTORY_TABS

pytestmark = pytest.mark.browser

REACHABLE = """() => {
  const inside = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.left >= 0 && box.right <= window.innerWidth;
  };
  const bar = [...document.querySelectorAll('nav.tabs > a')].filter(inside);
  const more = document.querySelector('nav.tabs .tabs__more');
  const summary = more && inside(more.querySelector('summary'));
  if (more) more.open = true;
  const folded = more ? [...more.querySelectorAll('.tabs__more-list a')].filter(inside) : [];
  if (more) more.open = false;
  return {
    bar: bar.map((a) => a.getAttribute('href')),
    folded: folded.map((a) => a.getAttribute('href')),
    summary: Boolean(summary),
    barHeight: document.querySelector('nav.tabs').getBoundingClientRect().height,
  };
}"""


def test_every_tab_is_reachable_on_a_desktop_and_a_phone(
    page, live_server, organisation, coordinator, mentor, make_trajectory
):
    trajectory = make_trajectory(mentors=[mentor])
    tabs = [tab for tab in TRAJECTORY_TABS if "coordinator" in tab.roles]
    sign_in(page, live_server, coordinator)
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        page.goto(live_server.url + trajectory.get_absolute_url())
        found = page.evaluate(REACHABLE)
        reachable = set(found["bar"]) | set(found["folded"])
        assert len(reachable) == len(tabs), f"{size['width']}px: {found}"
        assert found["summary"], f"{size['width']}px: 'More' is not on screen"
        assert found["barHeight"] < 110, f"{size['width']}px: the tab bar wraps: {found}"
        assert_no_sideways_scroll(page)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"trajectory-overview-{size['width']}.png")
        # and a folded tab opens by tapping "More", then the tab
        target = found["folded"][-1]
        page.locator("nav.tabs .tabs__more summary").click()
        page.locator(f'nav.tabs .tabs__more-list a[href="{target}"]').click()
        page.wait_for_url(live_server.url + target)
        assert_no_sideways_scroll(page)
