"""Template helpers loaded on every template (see TEMPLATES builtins in settings)."""

from django import template

from werkplek.core.i18n import localized as localized_label

register = template.Library()


@register.filter
def localized(label) -> str:
    """A data label ({"nl": …, "fr": …, "en": …}) in the active language."""
    return localized_label(label)


@register.filter
def percent(part, whole) -> int:
    try:
        return round(100 * int(part) / int(whole)) if int(whole) else 0
    except (TypeError, ValueError):
        return 0


# How many tabs sit in the bar; the others fold into "More" (the page's own tab always shows).
TABS_SHOWN_WIDE = 7
TABS_SHOWN_SMALL = 2


def _shown(tabs: list[dict], count: int) -> set[int]:
    shown = set(range(min(count, len(tabs))))
    active = next((i for i, tab in enumerate(tabs) if tab["active"]), None)
    if active is not None and active not in shown and shown:
        shown.discard(max(shown))
        shown.add(active)
    return shown


@register.inclusion_tag("core/trajectory_tabs.html", takes_context=True)
def trajectory_tabs(context, trajectory) -> dict:
    """The tabs of a trajectory's pages, from what the apps registered. Those that do not fit
    fold into a "More" menu (a <details>, so it works without JavaScript): on wide screens
    after TABS_SHOWN_WIDE tabs, on small ones after TABS_SHOWN_SMALL."""
    from django.urls import reverse

    from werkplek.core.extensions import TRAJECTORY_TABS

    request = context["request"]
    membership = getattr(request, "membership", None)
    current = request.resolver_match.view_name if request.resolver_match else ""
    tabs = [
        {
            "label": tab.label,
            "url": reverse(
                tab.url_name,
                kwargs={"org": membership.organisation.slug, "public_id": trajectory.public_id},
            ),
            "active": tab.url_name == current,
        }
        for tab in TRAJECTORY_TABS
        if membership is not None and membership.role in tab.roles
    ]
    wide, small = _shown(tabs, TABS_SHOWN_WIDE), _shown(tabs, TABS_SHOWN_SMALL)
    for i, tab in enumerate(tabs):
        tab["wide"], tab["small"] = i in wide, i in small
    return {
        "tabs": tabs,
        "folded": len(tabs) > TABS_SHOWN_SMALL,
        "folded_wide": len(tabs) > TABS_SHOWN_WIDE,
    }


@register.filter
def hours(value) -> str:
    """A number of hours without trailing zeros, in the active language: 7,6 · 3,5 · 8."""
    from decimal import Decimal, InvalidOperation

    from django.utils.formats import number_format

    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return ""
    places = max(0, -number.normalize().as_tuple().exponent)
    return number_format(number, decimal_pos=min(places, 2))
