from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _


class FormRenderer(DjangoTemplates):
    """Every form: an error summary on top linking to the fields, errors beside each field."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class DateInput(forms.DateInput):
    """A date typed as dd/mm/yyyy, whatever the browser's own locale (a native date picker
    would show mm/dd/yyyy on an English browser). ISO dates are accepted too."""

    def __init__(self, attrs=None):
        attrs = {
            "placeholder": _("dd/mm/yyyy"),
            "autocomplete": "off",
            "size": 10,
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, format="%d/%m/%Y")


class DateTimeInput(forms.DateTimeInput):
    """Date and time typed as dd/mm/yyyy hh:mm."""

    def __init__(self, attrs=None):
        attrs = {"placeholder": _("dd/mm/yyyy hh:mm"), "autocomplete": "off", **(attrs or {})}
        super().__init__(attrs=attrs, format="%d/%m/%Y %H:%M")


def strip_nul(value: str) -> str:
    return value.replace("\x00", "") if isinstance(value, str) else value
