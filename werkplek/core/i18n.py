"""Labels that live in data (sector packs, templates) carry their own translations."""

from django.conf import settings
from django.utils import translation
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
    """A translatable text as a data label, e.g. for a timeline event shown later in
    whatever language the reader uses."""
    labels = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            labels[code] = str(text)
    return labels
