"""Every page, every role, every language: a crawler over the demo.

The demo organisation is built once (as `make run` does, in Dutch). Then, as each demo role
and in Dutch, French and English, the crawler follows every link from the start page, plus
every URL pattern that takes no id, and asserts two things about what a user sees:

- no page answers with a server error (5xx or an exception);
- French and English pages contain no Dutch text from the catalogues: a Dutch translation of
  three words or more (different from its English id and its French translation) on a French
  or English page is text that was stored or rendered in the wrong language.

To stay fast, links are deduplicated by URL pattern: a few URLs per pattern in Dutch, one in
French and English, and a download (PDF, spreadsheet, calendar) once per role. WeasyPrint's
layout is skipped (its HTML is still rendered): the printing tests check real PDFs.
"""

import io
import logging
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

from werkplek import urls as root_urls
from werkplek.accounts.models import User
from werkplek.core.urlwalk import walk
from werkplek.demo.foundation import EMAIL_DOMAIN
from werkplek.sectorpacks.loader import load_all

ORG = "demo-autocars"
# Demo logins, one per role (see demo/foundation.py PEOPLE and portal/demo.py LOGINS).
ROLES = {
    "admin": "directie",
    "coordinator": "coordinator",
    "mentor": "luc",
    "trainee": "kevin",
    "guest": "vdab",
}
LANGUAGES = ("nl", "fr", "en")
URLS_PER_PATTERN = {"nl": 2, "fr": 1, "en": 1}
# Not crawled: signing out ends the session; Django's admin is for staff only.
SKIPPED_PREFIXES = ("/accounts/logout/", "/admin/")
MIN_WORDS = 3
# Dutch on a French or English page that is not the application's text: (page, fragment).
NOT_UNTRANSLATED = {
    # The organisation's own policy, written in Dutch ("… noteren in het logboek …").
    ("intake:policy", "in het logboek"),
}
# Pages that show a person's stored records as they are, the organisation's own texts
# copied into them included (the questions of its Dutch meeting guide).
RAW_DATA_PAGES = {"audit:person"}
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[sdrfi]|\{[^}]*\}")
TAG = re.compile(r"<[^>]*>")
SPACES = re.compile(r"\s+")


# --- What a page says ----------------------------------------------------------------------


class PageReader(HTMLParser):
    """The links of a page and the text a reader sees (user input in form fields left out)."""

    SKIPPED = {"script", "style", "textarea"}
    ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.chunks: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in self.SKIPPED:
            self.skipping += 1
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        self.chunks.extend(
            "\n" + attributes[name] + "\n" for name in self.ATTRIBUTES if attributes.get(name)
        )
        if (
            tag == "input"
            and attributes.get("type") in ("submit", "button")
            and attributes.get("value")
        ):
            self.chunks.append("\n" + attributes["value"] + "\n")

    def handle_endtag(self, tag):
        if tag in self.SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.chunks.append(data)

    @property
    def text(self) -> str:
        return SPACES.sub(" ", "".join(self.chunks))


def read_page(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    reader.close()
    return reader


# --- Dutch text that must not appear in French or English ----------------------------------


def _fragments(message: str) -> list[str]:
    """The runs of at least MIN_WORDS whole words of a message, between its placeholders."""
    text = SPACES.sub(" ", TAG.sub("", message.replace("\n", " ")))
    pieces = PLACEHOLDER.split(text)
    fragments = []
    for index, piece in enumerate(pieces):
        words = piece.split(" ")
        if index > 0 and not piece.startswith(" "):
            words = words[1:]  # glued to the placeholder before it
        if index < len(pieces) - 1 and not piece.endswith(" "):
            words = words[:-1]  # glued to the placeholder after it
        words = [word for word in words if word]
        if len(words) >= MIN_WORDS:
            fragments.append(" ".join(words))
    return fragments


def _translations(language: str):
    for path in sorted(
        Path(settings.BASE_DIR).glob(f"werkplek/*/locale/{language}/LC_MESSAGES/*.po")
    ):
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
                yield entry, [form for form in forms if form]


def dutch_fragments() -> dict[str, dict[str, str]]:
    """Per language (fr, en): Dutch fragment → its message id, for every Dutch translation
    that differs from the English id and from the French translation."""
    french = {(e.msgctxt, e.msgid): " ".join(forms) for e, forms in _translations("fr")}
    wanted: dict[str, dict[str, str]] = {"fr": {}, "en": {}}
    for entry, forms in _translations("nl"):
        english = f"{entry.msgid} {entry.msgid_plural}"
        others = {"fr": french.get((entry.msgctxt, entry.msgid), ""), "en": english}
        for dutch in forms:
            for fragment in _fragments(dutch):
                for language, other in others.items():
                    if fragment not in SPACES.sub(" ", other):
                        wanted[language].setdefault(fragment, entry.msgid)
    return wanted


def dutch_on_page(text: str, fragments: dict[str, str]) -> list[str]:
    # A cheap pre-filter: a fragment can only be on the page if its first word is.
    words = set(text.split(" "))
    return [f for f in fragments if f.split(" ", 1)[0] in words and f in text]


# --- The crawl ------------------------------------------------------------------------------


def pages_without_id() -> list[str]:
    """Every URL pattern whose only parameter is the organisation."""
    found = []
    for route, _entry in walk(root_urls.urlpatterns):
        url = "/" + route.replace("<slug:org>", ORG)
        if "<" in url or "(" in url or "^" in url or url.startswith(SKIPPED_PREFIXES):
            continue
        found.append(url)
    return found


def pattern_of(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name or match.route


def internal_links(page_url: str, links: list[str]) -> list[str]:
    found = []
    for link in links:
        absolute = urlsplit(urljoin("http://testserver" + page_url, link))
        if absolute.scheme not in ("http", "https") or absolute.netloc != "testserver":
            continue
        url = absolute.path + (f"?{absolute.query}" if absolute.query else "")
        if not url.startswith(SKIPPED_PREFIXES):
            found.append(url)
    return found


class Crawl:
    def __init__(self, role: str, user: User, fragments: dict[str, dict[str, str]]):
        self.role = role
        self.user = user
        self.fragments = fragments
        self.client = Client(raise_request_exception=True)
        self.client.force_login(user)
        self.downloads: set[str] = set()  # patterns that answer with a file, for this role
        self.errors: list[str] = []
        self.untranslated: list[str] = []
        self.visits = 0

    def run(self, language: str, start: list[str]) -> None:
        self.user.language = language
        self.user.save(update_fields=["language"])
        per_pattern: Counter[str] = Counter()
        seen: set[str] = set()
        queue = list(start)
        while queue:
            url = queue.pop(0)
            pattern = pattern_of(url)
            if url in seen or pattern is None:
                continue
            seen.add(url)
            if per_pattern[pattern] >= URLS_PER_PATTERN[language] or pattern in self.downloads:
                continue
            per_pattern[pattern] += 1
            queue.extend(self.visit(url, pattern, language))

    def visit(self, url: str, pattern: str, language: str) -> list[str]:
        where = f"{self.role} {language} {url}"
        self.visits += 1
        try:
            response = self.client.get(url)
        except Exception as error:  # the page crashed: what the user would see as a 500
            self.errors.append(f"{where}: {type(error).__name__}: {error}")
            return []
        if response.status_code >= 500:
            self.errors.append(f"{where}: {response.status_code}")
            return []
        if response.status_code in (301, 302, 303, 307, 308):
            return [response["Location"]]
        if not response.get("Content-Type", "").startswith("text/html"):
            self.downloads.add(pattern)
            return []
        if response.status_code != 200:
            return []
        page = read_page(response.content.decode())
        if language != "nl":
            for fragment in dutch_on_page(page.text, self.fragments[language]):
                if (pattern, fragment) not in NOT_UNTRANSLATED and pattern not in RAW_DATA_PAGES:
                    self.untranslated.append(f"{where}: {fragment!r}")
        return internal_links(url, page.links)


@pytest.fixture
def demo(db):
    load_all()
    with translation.override(settings.LANGUAGE_CODE):  # as `make run` builds it
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def quiet():
    """No warning with a traceback for each of the hundreds of 403s and 404s on the way."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.fixture
def no_pdf_layout(monkeypatch):
    """PDF views still render their HTML; WeasyPrint's slow layout is replaced."""
    import weasyprint

    monkeypatch.setattr(
        weasyprint.HTML, "write_pdf", lambda self, *args, **kwargs: b"%PDF-1.7\n%%EOF\n"
    )


def test_every_page_for_every_role_in_every_language(demo, no_pdf_layout, quiet):
    fragments = dutch_fragments()
    assert len(fragments["fr"]) > 500 and len(fragments["en"]) > 500
    start = ["/", *pages_without_id()]
    errors, untranslated, visits = [], [], Counter()
    for role, login in ROLES.items():
        crawl = Crawl(role, User.objects.get(email=f"{login}@{EMAIL_DOMAIN}"), fragments)
        for language in LANGUAGES:
            crawl.run(language, start)
        errors += crawl.errors
        untranslated += crawl.untranslated
        visits[role] = crawl.visits
    # The crawl reached the pages behind the trajectories, not just the start pages.
    assert visits["coordinator"] > 300 and visits["guest"] > 20, visits
    assert not errors, "Server errors:\n" + "\n".join(errors)
    assert not untranslated, "Dutch on French or English pages:\n" + "\n".join(untranslated)
