"""Rendering PDFs from HTML templates with WeasyPrint.

`render_pdf` renders a template in the reader's language (the trainee's, for the documents of
a trajectory) and turns it into an A4 PDF. The print stylesheet, the running header
(organisation name and logo) and the "page x of y" footer live in `printing/pdf/base.html`.

WeasyPrint fetches nothing from the network or the disk: the only resources a document may
use are `data:` URLs (the logo is embedded that way), so no template content can make the
server read a file or call a URL.
"""

import base64
import re
import unicodedata
from functools import lru_cache

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

PAGE_PLACEHOLDERS = re.compile(r"%\((page|pages)\)s")


def css_string(text: str) -> str:
    """A text as a CSS string literal, safe inside a <style> element: control characters
    become spaces, and what could end the string or the element is a hexadecimal escape."""
    return '"' + "".join(_css_char(char) for char in text) + '"'


def _css_char(char: str) -> str:
    if char in "\\\"<>&'":
        return f"\\{ord(char):x} "
    if unicodedata.category(char) in {"Cc", "Zl", "Zp"}:
        return " "
    return char


def page_counter_css() -> str:
    """ "Page %(page)s of %(pages)s" in the active language, as a CSS `content` value."""
    parts = []
    for index, piece in enumerate(PAGE_PLACEHOLDERS.split(_("Page %(page)s of %(pages)s"))):
        if index % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def image_data_url(content: bytes, content_type: str) -> str:
    return f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"


@lru_cache(maxsize=1)
def _fetcher():
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",))


def render_html(template: str, context: dict, *, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            template,
            {
                "page_counter": page_counter_css(),
                "generated_at": timezone.localtime(),
                "language": language,
                **context,
            },
        )


def render_pdf(template: str, context: dict, *, language: str) -> bytes:
    """The PDF of `template` rendered with `context` in `language`."""
    from weasyprint import HTML  # imported on first use: it takes a second

    html = render_html(template, context, language=language)
    return HTML(string=html, base_url="data:,", url_fetcher=_fetcher()).write_pdf()
