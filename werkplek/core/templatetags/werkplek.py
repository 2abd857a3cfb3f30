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
