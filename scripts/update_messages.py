"""Refresh every app's message catalogues (nl, fr, en) from the source.

Run with `make messages`. Message ids are English, so the English catalogue is filled with
the ids themselves; Dutch and French need a translator (the test suite fails on any gap).
"""

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["nl", "fr", "en"]
# gettext 0.21 gives new French catalogues three plural forms (a special one for millions);
# our translations have two (one, many), so the third would fall back to Dutch.
PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);"}


def main() -> int:
    env = {**os.environ, "DEBUG": "1"}
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--no-obsolete",
            "--no-location",
            "--ignore=.venv",
            "--ignore=node_modules",
            "--ignore=staticfiles",
            "--ignore=data",
            *[arg for language in LANGUAGES for arg in ("-l", language)],
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    open_entries = 0
    for path in sorted(ROOT.glob("werkplek/*/locale/*/LC_MESSAGES/django.po")):
        catalogue = polib.pofile(str(path))
        language = path.parent.parent.name
        if language in PLURAL_FORMS:
            catalogue.metadata["Plural-Forms"] = PLURAL_FORMS[language]
        for entry in catalogue:
            if language == "en":
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                else:
                    entry.msgstr = entry.msgid
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            elif not entry.translated() or "fuzzy" in entry.flags:
                open_entries += 1
        catalogue.save()
    print(f"{open_entries} Dutch/French messages still need a translation.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
