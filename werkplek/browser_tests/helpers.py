"""Helpers for the browser tests: sign in, accessibility (axe-core), small screens."""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.test import Client
from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[1] / "core/static/core/vendor/axe-core/axe.min.js"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# WCAG 2.1 A/AA rules; best practices stay advisory.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def sign_in(page: Page, live_server, user) -> None:
    """Give the browser a signed-in session of `user` without typing the password."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def axe_violations(page: Page) -> list[dict]:
    """Serious and critical WCAG 2.1 A/AA violations on the current page.

    The script is evaluated through the DevTools protocol, so the page's CSP stays as strict
    as in production."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"][:5]],
        }
        for violation in result["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe-core on {page.url}: {violations}"


def assert_no_sideways_scroll(page: Page) -> None:
    width = page.viewport_size["width"]
    scroll_width = page.evaluate("() => document.scrollingElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} scrolls sideways at {width}px: {scroll_width}px"


TOUCH_TARGET = 44
# Controls a finger must hit: buttons, form controls, menus. Links inside running text are
# exempt (WCAG 2.5.8 allows inline targets); so are hidden controls.
SMALL_TARGETS = """(minimum) => {
  const selector = 'button, select, summary, input:not([type=hidden]):not([type=checkbox])'
    + ':not([type=radio]):not([type=file]), .button, .tabs a, nav a';
  return [...document.querySelectorAll(selector)]
    .filter((el) => el.offsetParent !== null && !el.closest('.visually-hidden, [hidden]'))
    .map((el) => [el, el.getBoundingClientRect()])
    .filter(([el, box]) => box.height > 0 && box.height < minimum)
    .map(([el, box]) => `${el.tagName.toLowerCase()}.${el.className}: ${Math.round(box.height)}px`);
}"""


def small_touch_targets(page: Page) -> list[str]:
    return page.evaluate(SMALL_TARGETS, TOUCH_TARGET)


def check_page(page: Page, url: str) -> None:
    """Open `url` on a phone-sized and a desktop screen: no sideways scrolling and touch
    targets of 44 px on the phone, no serious or critical accessibility violation on either."""
    page.set_viewport_size(PHONE)
    response = page.goto(url)
    assert response is not None
    assert response.ok, f"{url} answered {response.status}"
    assert_no_sideways_scroll(page)
    assert small_touch_targets(page) == [], f"{url}: touch targets under {TOUCH_TARGET}px"
    assert_accessible(page)
    page.set_viewport_size(DESKTOP)
    assert_accessible(page)
