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


@register.inclusion_tag("core/trajectory_tabs.html", takes_context=True)
def trajectory_tabs(context, trajectory) -> dict:
    """The tabs of a trajectory's pages, from what the apps registered."""
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
    return {"tabs": tabs}


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
