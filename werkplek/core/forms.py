from uuid import UUID, uuid4

from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe

from werkplek.core.concurrency import stale_version, version_of


class FormRenderer(DjangoTemplates):
    """Every form: an error summary on top linking to the fields, errors beside each field."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


def _typed_as(value, input_formats: str, parse, shown: str):
    """A value typed by hand (dd/mm/yyyy, from a browser without a native picker or a form
    sent back with an error) in the ISO form a native input needs to show it again; anything
    that does not parse stays as typed."""
    from datetime import datetime

    from django.utils.formats import get_format

    if not isinstance(value, str):
        return value
    for input_format in get_format(input_formats):
        try:
            return parse(datetime.strptime(value.strip(), input_format)).strftime(shown)
        except ValueError:
            continue
    return value


class DateInput(forms.DateInput):
    """The browser's own date picker (<input type="date">). The browser sends ISO dates;
    the server still accepts dd/mm/yyyy typed where there is no picker (DATE_INPUT_FORMATS),
    and pages show dates as dd/mm/yyyy."""

    input_type = "date"
    iso = "%Y-%m-%d"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=self.iso)

    def format_value(self, value):
        return super().format_value(
            _typed_as(value, "DATE_INPUT_FORMATS", lambda moment: moment.date(), self.iso)
        )


class DateTimeInput(forms.DateTimeInput):
    """The browser's date and time picker (<input type="datetime-local">), in local time;
    dd/mm/yyyy hh:mm typed by hand is accepted too."""

    input_type = "datetime-local"
    iso = "%Y-%m-%dT%H:%M"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=self.iso)

    def format_value(self, value):
        return super().format_value(
            _typed_as(value, "DATETIME_INPUT_FORMATS", lambda moment: moment, self.iso)
        )


class TimeInput(forms.TimeInput):
    """The browser's time picker (<input type="time">), 24-hour hh:mm."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def strip_nul(value: str) -> str:
    return value.replace("\x00", "") if isinstance(value, str) else value


class VersionCheckMixin:
    """Don't let a second tab silently overwrite a newer save (optimistic concurrency).

    The form carries the record's version from when it was opened (`opened_version` after
    cleaning; `version` never reaches cleaned_data). The service compares it inside its
    transaction (`core.concurrency.version_claim`); when it refuses, `add_error` shows the
    refusal and the form takes the new version, so saving again (after a look) overwrites
    knowingly. What was typed is kept. Call `track_version(record)` in `__init__`.
    """

    opened_version: str | None = None

    def track_version(self, record) -> None:
        self.fields["version"] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=version_of(record)
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned is not None and "version" in self.fields:
            self.opened_version = cleaned.pop("version", "") or None
        return cleaned

    def add_error(self, field, error):
        current = stale_version(error)
        if current is not None and "version" in self.fields:
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = current
        super().add_error(field, error)


class SubmitOnceMixin:
    """A create form sent twice makes one record: the form carries a one-time token
    (`submit_token` after cleaning; see core.idempotency.submit_once). A form shown again
    after an error keeps its token."""

    submit_token: UUID | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submit_token"] = forms.UUIDField(
            widget=forms.HiddenInput, required=False, initial=uuid4
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned is not None:
            self.submit_token = cleaned.pop("submit_token", None)
        return cleaned


class OnePassSelect(forms.Select):
    """A plain <select> built in one pass in Python, for long choice lists (the 400 mentors of a
    large organisation): Django renders every option through the widget templates, which cost
    most of a list page. Same markup for the browser; flat choices only (no option groups)."""

    def render(self, name, value, attrs=None, renderer=None) -> str:
        final_attrs = self.build_attrs(self.attrs, attrs)
        selected = {str(chosen) for chosen in self.format_value(value)}
        parts = [f'<select name="{escape(name)}"{flatatt(final_attrs)}>']
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            marker = " selected" if option_value in selected else ""
            parts.append(f'<option value="{escape(option_value)}"{marker}>{escape(label)}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))  # every part is escaped above
