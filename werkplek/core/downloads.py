"""File names of everything Werkplek hands out for download: one cleaner, one header.

A title such as "Liste de présences 12/2026 – Zoë" makes a bad file name: "/" (and "\\",
":" and the other characters Windows refuses) is a folder or an error to the browser and
the disk. Every response with a file name (PDFs, exports, documents, calendar files) goes
through `content_disposition`, and every stored name through `download_filename`.
"""

import re
import unicodedata

from django.utils.http import content_disposition_header

# Path separators and the characters Windows refuses in a name.
_FORBIDDEN = re.compile(r'[\\/:*?"<>|]')
_SPACES = re.compile(r"\s+")
MAX_LENGTH = 150


def download_filename(name: str, *, default: str = "download") -> str:
    """The name readable as it is (spaces, accents and dashes kept) but safe on every system:
    one line, no path separators or forbidden characters (they become "-"), no leading dots,
    at most MAX_LENGTH characters with the extension kept."""
    text = "".join(
        " " if unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} else char
        for char in name or ""
    )
    text = _SPACES.sub(" ", _FORBIDDEN.sub("-", text)).strip().lstrip(". -").rstrip(". ")
    if not text:
        return default
    if len(text) > MAX_LENGTH:
        stem, dot, extension = text.rpartition(".")
        if dot and 0 < len(extension) <= 5:
            text = stem[: MAX_LENGTH - len(extension) - 1].rstrip(" .") + "." + extension
        else:
            text = text[:MAX_LENGTH].rstrip(" .")
    return text


def content_disposition(name: str, *, attachment: bool) -> str:
    """The Content-Disposition header for a file of this name (RFC 6266, UTF-8 aware)."""
    return content_disposition_header(attachment, download_filename(name))
