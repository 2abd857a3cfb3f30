from django import template

from werkplek.printing.pdf import css_string

register = template.Library()


@register.filter(name="css_string")
def css_string_filter(value) -> str:
    """A text as a CSS string literal, e.g. for a page margin box's `content`."""
    return css_string(str(value))


@register.filter
def tick(value) -> str:
    """A printed check box: ticked or not."""
    return "☒" if value else "☐"
