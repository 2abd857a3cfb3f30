"""Names and other one-line texts are cleaned at the door: no control characters (a CR/LF in
a name broke every PDF download of a trajectory, a form feed ended up in printed headers).

`LineField` is a model field, so forms, the API (which validates through the same forms) and
services (which call `full_clean`) all clean the same way."""

import re
import unicodedata

from django import forms
from django.db import models

_SPACES = re.compile(r"\s+")


def one_line(value):
    """The text on one line: control characters and line breaks become a space, runs of
    space become one, nothing at either end."""
    if not isinstance(value, str):
        return value
    spaced = "".join(
        " " if unicodedata.category(char) in {"Cc", "Zl", "Zp"} else char for char in value
    )
    return _SPACES.sub(" ", spaced).strip()


class LineFormField(forms.CharField):
    def to_python(self, value):
        return one_line(super().to_python(value))


class LineField(models.CharField):
    def to_python(self, value):
        return one_line(super().to_python(value))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LineFormField, **kwargs})
