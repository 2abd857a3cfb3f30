"""Labels that live in data (sector packs, templates) carry their own translations."""

import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_noop

# Django strings that Django's own Dutch/French catalogues do not translate (yet); listed here
# so makemessages puts them in our catalogue, which takes precedence.
DJANGO_STRINGS = [gettext_noop("- Select an option -")]

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def localized(label: dict[str, str] | str | None, language: str | None = None) -> str:
    """The label in `language` (default: the active language), else Dutch, else any."""
    if not label:
        return ""
    if isinstance(label, str):
        return label
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return label.get(language) or label.get(settings.LANGUAGE_CODE) or next(iter(label.values()))


def in_every_language(text) -> dict[str, str]:
    """A translatable text (or a function that says it) as a data label, e.g. for a timeline
    event shown later in whatever language the reader uses."""
    labels = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            labels[code] = text() if callable(text) and not isinstance(text, Promise) else str(text)
    return labels


def render_text(template: Promise | str | Callable[[dict], str] | None, params: dict) -> str:
    """A message stored as a code with parameters, in the active language.

    A param that is a label dict ({"nl": …, "fr": …, "en": …}) is put in the reader's
    language, a param whose name ends in "date" (an ISO string) is shown as dd/mm/yyyy, and a
    plural message (`ngettext_lazy(…, "count")`) picks its form from params["count"].
    """
    if template is None:
        return ""
    if callable(template) and not isinstance(template, Promise):
        return template(params)
    values = {name: display_value(name, value) for name, value in params.items()}
    try:
        return str(template % values)
    except (KeyError, TypeError, ValueError):
        return str(template)


def display_value(name: str, value: Any) -> Any:
    if isinstance(value, dict) and "code" in value and "params" in value:
        return render_coded(value)
    if isinstance(value, dict):
        return localized(value)
    if name.endswith("date") and isinstance(value, str):
        parsed = parse_date(value)
        return date_format(parsed, "SHORT_DATE_FORMAT") if parsed else value
    return value


# Sentences the system writes into a record (a plan's reason, a trajectory's outcome note) are
# stored as {"code": …, "params": …}; the app that writes a code registers its text here, in
# its AppConfig.ready(), and the reader sees it in their own language.
CODED_TEXTS: dict[str, Promise | str | Callable[[dict], str]] = {}


def coded(code: str, **params: Any) -> dict:
    """A sentence to store: its code and parameters (dates as ISO strings, labels as dicts)."""
    return {"code": code, "params": params}


def render_coded(entry: dict | None) -> str:
    """A stored {"code", "params"} in the active language; "" for none, the code if unknown."""
    if not entry:
        return ""
    code = entry.get("code", "")
    if code not in CODED_TEXTS:
        return code
    return render_text(CODED_TEXTS[code], entry.get("params") or {})


def sentence_params(template: Promise | str, text: str) -> dict[str, str] | None:
    """The parameters of `text` if it is `template` written in one of our languages, else
    None: for data migrations that turn stored sentences back into codes. Each parameter is
    the text as written (a date stays dd/mm/yyyy)."""
    for code in LANGUAGE_CODES:
        with translation.override(code):
            pattern = re.escape(str(template))
        pattern = re.sub(r"%\\\((\w+)\\\)s", r"(?P<\1>.+?)", pattern)
        found = re.fullmatch(pattern, text.strip())
        if found:
            return found.groupdict()
    return None


def label_in(choices, text: str) -> dict[str, str] | None:
    """The choice whose label reads `text` (any language, any case) as a label dict."""
    for value in choices.values:
        labels = in_every_language(choices(value).label)
        if text.strip().lower() in {label.lower() for label in labels.values()}:
            return labels
    return None
