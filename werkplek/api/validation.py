"""API input goes through the same Django forms as the web pages, so the rules (and the
messages) are the same; these helpers turn typed API values into form data and back."""

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from werkplek.api.errors import ApiError, errors_from_form


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
