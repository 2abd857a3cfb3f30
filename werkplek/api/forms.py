"""API input goes through the same Django forms as the web pages, so the rules (and the
messages) are the same; these helpers turn typed API values into form data and back."""

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from werkplek.api.errors import ApiError, errors_from_form

VALIDITY_CHOICES = [
    ("30", _("30 days")),
    ("90", _("90 days")),
    ("365", _("1 year")),
    ("", _("Until I revoke it")),
]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What the token is for, e.g. “Payroll synchronisation”."),
    )
    valid_days = forms.TypedChoiceField(
        label=_("Valid for"),
        choices=VALIDITY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        initial="90",
    )
    can_write = forms.BooleanField(
        label=_("May make changes (otherwise it can only read)"), required=False
    )


def form_value(value: Any) -> Any:
    """A Python value as a browser would have posted it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | int | float):
        return str(value)
    if isinstance(value, list | tuple):
        return [form_value(item) for item in value]
    return value


def validated(form: forms.BaseForm) -> dict[str, Any]:
    """The form's cleaned data, or a 422 with the form's errors per field."""
    if not form.is_valid():
        raise ApiError(422, "invalid", "", errors=errors_from_form(form))
    return form.cleaned_data
