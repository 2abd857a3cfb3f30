"""Dutch, French and English are complete: every string of the source is in every catalogue,
translated, not fuzzy, with the same placeholders."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LANGUAGES = ("nl", "fr", "en")
CATALOGUES = sorted(ROOT.glob("werkplek/*/locale/*/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sdr]")


def test_every_app_with_strings_has_the_three_languages():
    apps = {path.parts[-5] for path in CATALOGUES}
    for app in apps:
        for language in LANGUAGES:
            assert (
                ROOT / "werkplek" / app / "locale" / language / "LC_MESSAGES" / "django.po"
            ).exists()


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: "/".join(p.parts[-5:-2]))
def test_catalogue_is_complete(path):
    problems = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid}")
        elif not entry.translated():
            problems.append(f"untranslated: {entry.msgid}")
        else:
            wanted = sorted(PLACEHOLDER.findall(entry.msgid))
            translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
            for translation in translations:
                found = sorted(PLACEHOLDER.findall(translation))
                if found != wanted and not (entry.msgid_plural and set(found) <= set(wanted)):
                    problems.append(f"placeholders differ: {entry.msgid!r} -> {translation!r}")
    assert problems == []


def test_catalogues_contain_every_string_of_the_source(tmp_path):
    """Extract the strings again from a copy of the source; none may be missing."""
    shutil.copytree(
        ROOT / "werkplek",
        tmp_path / "werkplek",
        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "*.po", "static"),
    )
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    env = {**os.environ, "DEBUG": "1", "DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-location"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    missing = []
    for fresh in sorted(tmp_path.glob("werkplek/*/locale/nl/LC_MESSAGES/django.po")):
        app = fresh.parts[-5]
        committed = ROOT / "werkplek" / app / "locale" / "nl" / "LC_MESSAGES" / "django.po"
        known = (
            {(e.msgctxt, e.msgid) for e in polib.pofile(str(committed))}
            if committed.exists()
            else set()
        )
        for entry in polib.pofile(str(fresh)):
            if (entry.msgctxt, entry.msgid) not in known:
                missing.append(f"{app}: {entry.msgid}")
    assert missing == [], "run `make messages` and translate: " + "; ".join(missing[:10])


# A whole number followed by what it counts: "1 dagen", "Aanwezigheid bewaard: 1 dagen
# gewijzigd". Such a message needs plural forms (ngettext / blocktranslate count). Hours are
# left out: they are decimals (7,6 uur), shown as a unit.
COUNTED = re.compile(
    r"%\(\w+\)[sd](?: required checklist)? "
    r"(?:days|workdays|moments|rows|items|weeks|months|goals|entries|trajectories)\b"
)


# Numbers that are never 1: fixed limits (10,000 rows, 500 moments) and a range's upper end.
NEVER_ONE = {
    "The file has more than %(limit)d rows; split it into smaller files.",
    "That gives more than %(max)s moments: choose a longer interval or period.",
    "%(kind)s lasts %(low)s to %(high)s months: with this start it ends between %(first)s and "
    "%(last)s.",
}


def test_a_count_of_things_has_plural_forms():
    problems = [
        f"{'/'.join(path.parts[-5:-3])}: {entry.msgid}"
        for path in CATALOGUES
        if path.parts[-3] == "en"
        for entry in polib.pofile(str(path))
        if not entry.obsolete
        and not entry.msgid_plural
        and entry.msgid not in NEVER_ONE
        and COUNTED.search(entry.msgid)
    ]
    assert problems == []
